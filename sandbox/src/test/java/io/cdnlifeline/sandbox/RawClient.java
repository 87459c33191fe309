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
            "bssopenapi", "2017-12-14", "vod", "2017-03-21", "live", "2016-11-01", "sts", "2015-04-01",
            "resourcemanager", "2020-03-31", "ram", RamApi.VERSION, "eventbridge", EventBridgeApi.VERSION);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Sandbox sandbox;
    String keyId = Sandbox.DEFAULT_ACCESS_KEY_ID;
    String secret = Sandbox.DEFAULT_ACCESS_KEY_SECRET;
    String securityToken;
    Instant timestamp;
    String nonce;
    boolean chunked;
    /** One more header {name, value} for V3 calls (to sign a header the server does not know). */
    String[] extraHeader;
    /** Where the parameters travel: all in the form body, all in a GET query string, or common ones in the query and the API's in the body. */
    enum Placement { BODY, GET_QUERY, SPLIT }
    Placement placement = Placement.BODY;

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
        String method = placement == Placement.GET_QUERY ? "GET" : "POST";
        String canonical = form(p);
        String toSign = method + "&%2F&" + Signatures.percentEncode(canonical);
        p.put("Signature", Base64.getEncoder().encodeToString(Signatures.hmac("HmacSHA1", secret + "&", toSign)));
        HttpRequest request;
        if (placement == Placement.GET_QUERY) {
            request = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/?" + form(p))).GET().build();
        } else {
            Map<String, String> inQuery = new TreeMap<>();
            Map<String, String> inBody = new TreeMap<>(p);
            if (placement == Placement.SPLIT) {
                for (String k : apiParams.keySet()) {
                    inBody.remove(k);
                }
                inQuery.putAll(inBody);
                inBody = new TreeMap<>(apiParams);
            }
            byte[] body = form(inBody).getBytes(StandardCharsets.UTF_8);
            HttpRequest.BodyPublisher publisher = chunked
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
            request = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/" + (inQuery.isEmpty() ? "" : "?" + form(inQuery))))
                    .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                    .POST(publisher).build();
        }
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

    /**
     * A V3 (ACS3-HMAC-SHA256) call with the parameters in the query string. {@code signedHeaders} chooses which
     * headers are signed (the server must verify against exactly that list).
     */
    Answer callV3(String product, String action, Map<String, String> query, String signedHeaders) {
        String version = VERSIONS.get(product);
        byte[] body = new byte[0];
        String payloadHash = Signatures.hex(Signatures.sha256(body));
        TreeMap<String, String> headers = new TreeMap<>();
        headers.put("host", "127.0.0.1:" + sandbox.port());
        headers.put("x-acs-action", action);
        headers.put("x-acs-version", version);
        headers.put("x-acs-date", (timestamp != null ? timestamp : Instant.now()).truncatedTo(ChronoUnit.SECONDS).toString());
        headers.put("x-acs-signature-nonce", nonce != null ? nonce : UUID.randomUUID().toString());
        headers.put("x-acs-content-sha256", payloadHash);
        if (securityToken != null) {
            headers.put("x-acs-security-token", securityToken);
        }
        if (extraHeader != null) {
            headers.put(extraHeader[0], extraHeader[1]);
        }
        TreeMap<String, String> sortedQuery = new TreeMap<>();
        query.forEach((k, v) -> sortedQuery.put(Signatures.percentEncode(k), Signatures.percentEncode(v)));
        StringBuilder canonicalQuery = new StringBuilder();
        sortedQuery.forEach((k, v) -> canonicalQuery.append(canonicalQuery.length() == 0 ? "" : "&").append(k).append('=').append(v));
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String h : signedHeaders.split(";")) {
            canonicalHeaders.append(h).append(':').append(headers.get(h).trim()).append('\n');
        }
        String canonicalRequest = "POST\n/\n" + canonicalQuery + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash;
        String toSign = Signatures.V3_ALGORITHM + "\n" + Signatures.hex(Signatures.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String signature = Signatures.hex(Signatures.hmac("HmacSHA256", secret, toSign));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/?" + canonicalQuery))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((k, v) -> {
            if (!"host".equals(k)) {
                b.header(k, v);
            }
        });
        b.header("Authorization", Signatures.V3_ALGORITHM + " Credential=" + keyId + ",SignedHeaders=" + signedHeaders
                + ",Signature=" + signature);
        try {
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JsonParser.parseString(response.body()).getAsJsonObject());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a prepared body (already signed or deliberately not) as is. */
    Answer post(String query, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/" + (query == null ? "" : "?" + query)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        try {
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
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
