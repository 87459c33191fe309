package io.cdnlifeline.notify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The digest as chat text, cut to a channel's limit: the headline and context always, then whole domain blocks
 * while they fit, then one line counting the domains left out. One message, never a series.
 */
final class DigestText {
    /** How a channel marks emphasis. */
    enum Style {
        /** DingTalk and WeCom markdown: {@code **bold**}. */
        MARKDOWN,
        /** Slack mrkdwn: {@code *bold*}. */
        SLACK,
        /** Feishu text and the demo's preview: no markup. */
        PLAIN
    }

    /** No single line may take more than this, so one huge error message cannot crowd out every domain. */
    static final int MAX_LINE_CHARS = 600;

    private DigestText() {
    }

    static String render(Digest d, Style style, int maxBytes) {
        List<String> head = new ArrayList<>();
        head.add(bold(d.headline(), style));
        for (String c : d.context()) head.add(line(c));
        List<List<String>> blocks = new ArrayList<>();
        for (Digest.Block b : d.blocks) blocks.add(block(b, style));
        String told = d.alreadyToldLine();
        return fit(head, blocks, told == null ? null : line(told), maxBytes);
    }

    /** The domain blocks that fit, whole, under maxBytes with the head and the closing lines. */
    static String fit(List<String> head, List<List<String>> blocks, String tail, int maxBytes) {
        StringBuilder out = new StringBuilder();
        for (String h : head) out.append(h).append('\n');
        if (bytes(out) > maxBytes) return cut(out.toString(), maxBytes);
        int shown = 0;
        for (List<String> block : blocks) {
            StringBuilder b = new StringBuilder();
            for (String l : block) b.append(l).append('\n');
            int remaining = blocks.size() - shown - 1;
            String reserve = (remaining > 0 ? leftOut(remaining) + "\n" : "") + (tail == null ? "" : tail + "\n");
            if (bytes(out) + bytes(b) + bytes(reserve) > maxBytes) break;
            out.append(b);
            shown++;
        }
        int left = blocks.size() - shown;
        if (left > 0) appendIfFits(out, leftOut(left), maxBytes);
        if (tail != null) appendIfFits(out, tail, maxBytes);
        return out.toString().stripTrailing();
    }

    static String leftOut(int n) {
        return "… and " + n + " more domain(s) not shown here (the Report and the audit log list them)";
    }

    private static void appendIfFits(StringBuilder out, String line, int maxBytes) {
        if (bytes(out) + bytes(line) + 1 <= maxBytes) out.append(line).append('\n');
    }

    static List<String> block(Digest.Block b, Style style) {
        List<String> lines = new ArrayList<>();
        lines.add("- " + bold(b.domain, style) + (b.product == null ? "" : " (" + b.product + ")"));
        for (Digest.Item it : b.items) lines.add(line("  - " + it.status + ": " + it.text));
        return lines;
    }

    static String bold(String s, Style style) {
        switch (style) {
            case MARKDOWN: return "**" + s + "**";
            case SLACK: return "*" + s + "*";
            default: return s;
        }
    }

    private static String line(String s) {
        return DigestPlanner.shorten(s.replace('\n', ' '), MAX_LINE_CHARS);
    }

    static int bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** The longest prefix of s within maxBytes of UTF-8, not splitting a character. */
    static String cut(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) return s;
        int n = maxBytes;
        while (n > 0 && (b[n] & 0xC0) == 0x80) n--;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
