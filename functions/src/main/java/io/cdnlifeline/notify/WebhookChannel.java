package io.cdnlifeline.notify;

import com.google.gson.JsonObject;
import io.cdnlifeline.report.ReportJson;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Any endpoint: the digest as JSON. With a secret, header {@code X-Lifeline-Signature: sha256=<hex HMAC-SHA256
 * of the body>} lets the receiver check the body came from this deployment, unchanged. The body also carries
 * {@code sentAt}, so a receiver can refuse a replayed message. At most 256 KB: domains beyond that are counted in
 * {@code domainsLeftOut}. Any 2xx answer means taken.
 */
final class WebhookChannel extends Channel {
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final String SIGNATURE_HEADER = "X-Lifeline-Signature";
    private final String secret;

    WebhookChannel(String url, String secret) {
        super(url, 0);
        this.secret = secret;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    Outgoing render(Digest d, long nowMillis) {
        int blocks = d.blocks.size();
        byte[] body = body(d, blocks, nowMillis);
        while (body.length > MAX_BODY_BYTES && blocks > 0) {
            blocks = blocks / 2;
            body = body(d, blocks, nowMillis);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        if (secret != null) headers.put(SIGNATURE_HEADER, "sha256=" + Hmac.hex(Hmac.sha256(Hmac.utf8(secret), body)));
        return new Outgoing(url, headers, body);
    }

    private static byte[] body(Digest d, int blocks, long nowMillis) {
        JsonObject o = d.toJson(blocks);
        o.addProperty("sentAt", java.time.Instant.ofEpochMilli(nowMillis).toString());
        return Hmac.utf8(ReportJson.compact(o));
    }

}
