package io.cdnlifeline.notify;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cdnlifeline.report.ReportJson;

import java.util.ArrayList;
import java.util.List;

/**
 * A Slack incoming webhook: Block Kit (a header, then mrkdwn sections) with the headline as the {@code text}
 * fallback that notifications and old clients show. Slack's limits: 50 blocks a message, 3,000 characters a
 * section, 150 a header, about one message a second per webhook. The receiver answers {@code ok}.
 */
final class SlackChannel extends Channel {
    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION_CHARS = 3_000;
    static final int MAX_HEADER_CHARS = 150;
    /** All domain sections together: a chat message people read, not the Report (which lists everything). */
    static final int MAX_DOMAIN_CHARS = 12_000;

    SlackChannel(String url) {
        super(url, 1_000);
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    Outgoing render(Digest d, long nowMillis) {
        JsonArray blocks = new JsonArray();
        JsonObject header = new JsonObject();
        header.addProperty("type", "header");
        header.add("text", text("plain_text", DigestPlanner.shorten(d.headline(), MAX_HEADER_CHARS)));
        blocks.add(header);
        List<String> context = new ArrayList<>();
        for (String c : d.context()) context.add(escape(c));
        blocks.add(section(DigestPlanner.shorten(String.join("\n", context), MAX_SECTION_CHARS)));

        // Domains packed into sections; the last two blocks are kept for the count of what did not fit.
        int room = MAX_BLOCKS - blocks.size() - 2;
        StringBuilder current = new StringBuilder();
        int shown = 0;
        int total = 0;
        for (Digest.Block b : d.blocks) {
            String text = DigestPlanner.shorten(escape(String.join("\n", DigestText.block(b, DigestText.Style.SLACK))), MAX_SECTION_CHARS);
            if (total + text.length() > MAX_DOMAIN_CHARS) break;
            total += text.length() + 1;
            if (current.length() > 0 && current.length() + 1 + text.length() > MAX_SECTION_CHARS) {
                if (room == 0) break;
                blocks.add(section(current.toString()));
                room--;
                current.setLength(0);
            }
            if (room == 0) break;
            if (current.length() > 0) current.append('\n');
            current.append(text);
            shown++;
        }
        if (current.length() > 0) blocks.add(section(current.toString()));
        List<String> closing = new ArrayList<>();
        if (shown < d.blocks.size()) closing.add(DigestText.leftOut(d.blocks.size() - shown));
        if (d.alreadyToldLine() != null) closing.add(d.alreadyToldLine());
        if (!closing.isEmpty()) blocks.add(section(escape(String.join("\n", closing))));

        JsonObject body = new JsonObject();
        body.addProperty("text", escape(d.headline()));
        body.add("blocks", blocks);
        return Outgoing.json(url, Hmac.utf8(ReportJson.compact(body)));
    }

    private static JsonObject section(String mrkdwn) {
        JsonObject s = new JsonObject();
        s.addProperty("type", "section");
        s.add("text", text("mrkdwn", mrkdwn));
        return s;
    }

    private static JsonObject text(String type, String text) {
        JsonObject t = new JsonObject();
        t.addProperty("type", type);
        t.addProperty("text", text);
        return t;
    }

    /** Slack reads &, < and > as markup: a record value such as a<b must show as written. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    boolean accepted(int status, String body) {
        return super.accepted(status, body) && body.trim().equals("ok");
    }

}
