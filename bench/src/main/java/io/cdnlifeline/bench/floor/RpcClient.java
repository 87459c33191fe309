package io.cdnlifeline.bench.floor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An Alibaba Cloud RPC client in one class: the V1 signature exactly as the classic Java SDK computes it
 * (sorted parameters, the SDK's percent-encoding, {@code POST&%2F&...}, HMAC-SHA1 keyed with
 * {@code secret + "&"}, a fresh SignatureNonce and a UTC Timestamp), sent as a form POST over
 * HttpURLConnection (which keeps the connection alive between calls, as the SDK's clients do).
 */
final class RpcClient {
    /** An API error answer: the code and message the API returned. */
    static final class ApiError extends IOException {
        final String code;
        final int status;

        ApiError(int status, String code, String message) {
            super(status + " " + code + ": " + message);
            this.status = status;
            this.code = code;
        }
    }

    private final String endpoint;
    private final String keyId;
    private final SecretKeySpec key;
    private int calls;

    RpcClient(String endpoint, String keyId, String secret) {
        if (keyId == null || secret == null) throw new IllegalArgumentException("set ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET");
        this.endpoint = endpoint.endsWith("/") ? endpoint : endpoint + "/";
        this.keyId = keyId;
        this.key = new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1");
    }

    int calls() {
        return calls;
    }

    /** One call; {@code keyValues} are the action's parameters. Returns the parsed JSON answer. */
    Map<String, Object> call(String version, String action, String... keyValues) throws IOException {
        TreeMap<String, String> p = new TreeMap<>();
        p.put("Action", action);
        p.put("Version", version);
        p.put("Format", "JSON");
        p.put("RegionId", "cn-hangzhou");
        p.put("AccessKeyId", keyId);
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", UUID.randomUUID().toString());
        p.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        for (int i = 0; i + 1 < keyValues.length; i += 2) p.put(keyValues[i], keyValues[i + 1]);
        String body = canonical(p) + "&Signature=" + encode(sign(stringToSign(p)));
        calls++;
        HttpURLConnection c = (HttpURLConnection) new URL(endpoint).openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setConnectTimeout(5_000);
        c.setReadTimeout(30_000);
        c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded;charset=utf-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        c.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(bytes);
        }
        int status = c.getResponseCode();
        String text;
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            text = in == null ? "{}" : read(in);
        }
        Map<String, Object> json = Json.object(Json.parse(text));
        if (status >= 400) throw new ApiError(status, String.valueOf(json.get("Code")), String.valueOf(json.get("Message")));
        return json;
    }

    /** The sorted, percent-encoded parameters: {@code k1=v1&k2=v2}. */
    static String canonical(TreeMap<String, String> params) {
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (canonical.length() > 0) canonical.append('&');
            canonical.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        }
        return canonical.toString();
    }

    /** What V1 signs for a form POST: {@code POST&%2F&} and the encoded canonical parameters. */
    static String stringToSign(TreeMap<String, String> params) {
        return "POST&" + encode("/") + "&" + encode(canonical(params));
    }

    /** Base64 of HMAC-SHA1 keyed with {@code secret + "&"}. */
    String sign(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is part of every JDK", e);
        }
    }

    /** The SDK's percent-encoding: RFC 3986 unreserved characters kept, space as %20, '*' as %2A, '~' kept. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) != -1) buf.write(chunk, 0, n);
        return buf.toString(StandardCharsets.UTF_8);
    }
}
