package io.cdnlifeline.notify;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.report.ReportJson;

import java.util.Base64;

/**
 * A Feishu/Lark custom bot: a text message. With a signing secret, the JSON body carries {@code timestamp}
 * (seconds) and {@code sign} = Base64 of HmacSHA256(key = timestamp + "\n" + secret, data = nothing).
 * A bot takes 5 messages a second and a body of at most 20 KB; it answers {@code {"code":0}} (older bots
 * {@code {"StatusCode":0}}) when it took the message.
 */
final class FeishuChannel extends Channel {
    static final int MAX_BODY_BYTES = 20 * 1024;
    private final String secret;

    FeishuChannel(String url, String secret) {
        super(url, 1_000 / 5);
        this.secret = secret;
    }

    @Override
    public String name() {
        return "feishu";
    }

    @Override
    Outgoing render(Digest d, long nowMillis) {
        long seconds = nowMillis / 1000;
        byte[] body = fitting(budget -> {
            JsonObject o = new JsonObject();
            if (secret != null) {
                o.addProperty("timestamp", Long.toString(seconds));
                o.addProperty("sign", sign(seconds, secret));
            }
            o.addProperty("msg_type", "text");
            JsonObject content = new JsonObject();
            content.addProperty("text", DigestText.render(d, DigestText.Style.PLAIN, budget));
            o.add("content", content);
            return Hmac.utf8(ReportJson.compact(o));
        }, MAX_BODY_BYTES - 512, MAX_BODY_BYTES);
        return Outgoing.json(url, body);
    }

    static String sign(long timestampSeconds, String secret) {
        byte[] key = Hmac.utf8(timestampSeconds + "\n" + secret);
        return Base64.getEncoder().encodeToString(Hmac.sha256(key, new byte[0]));
    }

    @Override
    boolean accepted(int status, String body) {
        if (!super.accepted(status, body)) return false;
        try {
            JsonObject o = JsonParser.parseString(body).getAsJsonObject();
            if (o.has("code")) return o.get("code").getAsInt() == 0;
            return o.has("StatusCode") && o.get("StatusCode").getAsInt() == 0;
        } catch (RuntimeException notJson) {
            return false;
        }
    }

}
