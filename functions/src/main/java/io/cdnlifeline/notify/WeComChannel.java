package io.cdnlifeline.notify;

import com.google.gson.JsonObject;
import io.cdnlifeline.report.ReportJson;

/**
 * A WeCom (WeChat Work) group robot: a markdown message whose content is at most 4,096 bytes of UTF-8.
 * A robot takes 20 messages a minute; it answers {@code {"errcode":0}} when it took the message.
 */
final class WeComChannel extends Channel {
    static final int MAX_CONTENT_BYTES = 4_096;

    WeComChannel(String url) {
        super(url, 60_000 / 20);
    }

    @Override
    public String name() {
        return "wecom";
    }

    @Override
    Outgoing render(Digest d, long nowMillis) {
        JsonObject markdown = new JsonObject();
        markdown.addProperty("content", DigestText.render(d, DigestText.Style.MARKDOWN, MAX_CONTENT_BYTES));
        JsonObject body = new JsonObject();
        body.addProperty("msgtype", "markdown");
        body.add("markdown", markdown);
        return Outgoing.json(url, Hmac.utf8(ReportJson.compact(body)));
    }

    @Override
    boolean accepted(int status, String body) {
        return super.accepted(status, body) && DingTalkChannel.errcodeZero(body, "errcode");
    }

}
