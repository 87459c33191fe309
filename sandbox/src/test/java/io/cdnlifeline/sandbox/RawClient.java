package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A hand-written V1 (HMAC-SHA1) RPC client, so tests can see raw JSON and bend single parts of a request
 * (secret, timestamp, nonce, chunked body) that real SDKs never get wrong.
 */
final class RawClient {
    static final Map<String, String> VERSIONS = Map.of("cdn", "2018-05-10", "dcdn", "2018-01-15", "alidns", "2015-01-09",
            "bssopenapi", "2017-12-14");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Sandbox sandbox;
    String keyId = Sandbox.DEFAULT_ACCESS_KEY_ID;
    String secret = Sandbox.DEFAULT_ACCESS_KEY_SECRET;
    String securityToken;
    Instant timestamp;
    String nonce;
    boolean chunked;

    RawClient(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Status code and parsed body of one call. */
    static final class Answer {
        final int status;
        final JsonObject body;

        Answer(int status, JsonObject body) {
            this.status = status;
            this.body = body;
        }

        String code() {
            return body.has("Code") ? body.get("Code").getAsString() : null;
        }
    }

    Answer call(String product, String action, String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return call(product, action, params);
    }

    Answer call(String product, String action, Map<String, String> apiParams) {
        TreeMap<String, String> p = new TreeMap<>(apiParams);
        p.put("Action", action);
        p.put("Version", VERSIONS.get(product));
        p.put("Format", "JSON");
        p.put("AccessKeyId", keyId);
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", nonce != null ? nonce : UUID.randomUUID().toString());
        p.put("Timestamp", (timestamp != null ? timestamp : Instant.now()).truncatedTo(ChronoUnit.SECONDS).toString());
        if (securityToken != null) {
            p.put("SecurityToken", securityToken);
        }
        String canonical = form(p);
        String toSign = "POST&%2F&" + Signatures.percentEncode(canonical);
        p.put("Signature", Base64.getEncoder().encodeToString(Signatures.hmac("HmacSHA1", secret + "&", toSign)));
        byte[] body = form(p).getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(publisher).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JsonParser.parseString(response.body()).getAsJsonObject());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Plain HTTP to an admin endpoint. */
    String admin(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> p) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(Signatures.percentEncode(e.getKey())).append('=').append(Signatures.percentEncode(e.getValue()));
        }
        return sb.toString();
    }
}
