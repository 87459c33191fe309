package io.cdnlifeline.notify;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.report.ReportJson;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A DingTalk custom robot: a markdown message. With a signing secret (the robot's "SEC..." value), the URL
 * carries {@code timestamp} (ms) and {@code sign} = URL-encoded Base64 of HmacSHA256(key = secret,
 * data = timestamp + "\n" + secret). A robot takes 20 messages a minute; the receiver answers
 * {@code {"errcode":0}} when it took the message.
 */
final class DingTalkChannel extends Channel {
    /** The markdown text's limit (DingTalk's message content limit, 20,000 bytes). */
    static final int MAX_TEXT_BYTES = 20_000;
    private final String secret;

    DingTalkChannel(String url, String secret) {
        super(url, 60_000 / 20);
        this.secret = secret;
    }

    @Override
    public String name() {
        return "dingtalk";
    }

    @Override
    Outgoing render(Digest d, long nowMillis) {
        String text = DigestText.render(d, DigestText.Style.MARKDOWN, MAX_TEXT_BYTES);
        JsonObject markdown = new JsonObject();
        markdown.addProperty("title", DigestPlanner.shorten(d.headline(), 100));
        markdown.addProperty("text", text);
        JsonObject body = new JsonObject();
        body.addProperty("msgtype", "markdown");
        body.add("markdown", markdown);
        return Outgoing.json(signedUrl(nowMillis), Hmac.utf8(ReportJson.compact(body)));
    }

    String signedUrl(long nowMillis) {
        if (secret == null) return url;
        String timestamp = Long.toString(nowMillis);
        byte[] mac = Hmac.sha256(Hmac.utf8(secret), Hmac.utf8(timestamp + "\n" + secret));
        String sign = URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
        return url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign=" + sign;
    }

    @Override
    boolean accepted(int status, String body) {
        return super.accepted(status, body) && errcodeZero(body, "errcode");
    }

    static boolean errcodeZero(String body, String field) {
        try {
            JsonObject o = JsonParser.parseString(body).getAsJsonObject();
            return o.has(field) && o.get(field).getAsInt() == 0;
        } catch (RuntimeException notJson) {
            return false;
        }
    }

}
