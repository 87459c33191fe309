package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.CloudCredentials;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The V3 signature of Alibaba Cloud's ROA APIs (ACS3-HMAC-SHA256), as FC 3.0's SDKs sign: the canonical request
 * (method, path, sorted query, the signed headers as {@code name:value} lines, their names, the body's SHA-256) hashed,
 * then HMAC-SHA256 with the secret. One signer for every FC 3.0 call of the project: the functions' own asynchronous
 * invocations ({@link FcAsyncInvoker}) and the command line's control of the deployed functions.
 */
public final class Acs3Signer {
    public static final String ALGORITHM = "ACS3-HMAC-SHA256";

    private Acs3Signer() {
    }

    /**
     * The headers of one signed request: the {@code x-acs-*} headers, {@code extra} (signed too), and Authorization.
     * Host is signed but not returned: the JDK writes it itself, as {@link #host(URL)} gives it.
     * @param path  the request's path, already percent-encoded
     * @param query the request's query without {@code ?} (empty for none)
     */
    public static Map<String, String> headers(String method, URL url, String path, String query, String action, String version,
                                              byte[] body, Map<String, String> extra, CloudCredentials c) {
        Map<String, String> signed = new TreeMap<>();
        for (Map.Entry<String, String> e : extra.entrySet()) signed.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        signed.put("host", host(url));
        signed.put("x-acs-action", action);
        signed.put("x-acs-version", version);
        signed.put("x-acs-date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        signed.put("x-acs-signature-nonce", UUID.randomUUID().toString());
        signed.put("x-acs-content-sha256", hex(sha256(body)));
        if (c.securityToken() != null && !c.securityToken().isEmpty()) signed.put("x-acs-security-token", c.securityToken());
        String signedHeaders = String.join(";", signed.keySet());
        String canonical = canonicalRequest(method, path, query, signed, signed.get("x-acs-content-sha256"));
        String signature = hex(hmacSha256(c.accessKeySecret(), ALGORITHM + "\n" + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)))));
        Map<String, String> out = new TreeMap<>(signed);
        out.remove("host");
        out.put("Authorization", ALGORITHM + " Credential=" + c.accessKeyId() + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature);
        return out;
    }

    /** The Host header the JDK sends for {@code url}: the port only when it is not the scheme's default. */
    static String host(URL url) {
        int port = url.getPort();
        return port == -1 || port == url.getDefaultPort() ? url.getHost() : url.getHost() + ":" + port;
    }

    /** V3's canonical request: method, path, sorted query, {@code name:value} lines of the signed headers, their names, the body hash. */
    static String canonicalRequest(String method, String path, String query, Map<String, String> signedHeaders, String payloadHash) {
        StringBuilder b = new StringBuilder();
        b.append(method).append('\n').append(path).append('\n').append(canonicalQuery(query)).append('\n');
        for (Map.Entry<String, String> e : new TreeMap<>(signedHeaders).entrySet()) {
            b.append(e.getKey().toLowerCase(Locale.ROOT)).append(':').append(e.getValue().trim()).append('\n');
        }
        b.append('\n').append(String.join(";", new TreeMap<>(signedHeaders).keySet())).append('\n').append(payloadHash);
        return b.toString();
    }

    /** The V3 canonical query: every name and value percent-encoded, sorted by name. */
    static String canonicalQuery(String query) {
        if (query.isEmpty()) return "";
        TreeMap<String, String> sorted = new TreeMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            sorted.put(encode(name), encode(value));
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (b.length() > 0) b.append('&');
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }

    /** RFC 3986 percent-encoding, as Alibaba Cloud's signatures want it. */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    static byte[] hmacSha256(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        return b.toString();
    }
}
