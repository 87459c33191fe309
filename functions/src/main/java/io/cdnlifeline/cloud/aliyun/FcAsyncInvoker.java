package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.run.Continuer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A function's asynchronous invocation of itself in FC (FC 3.0 InvokeFunction, ROA path
 * {@code POST /2023-03-30/functions/{name}/invocations} with {@code x-fc-invocation-type: Async}), a Request as its
 * body: the continuation of a run that reached its deadline, and the fan-out's member runs (one per account). FC
 * persists it and answers at once; it runs it (and retries it) like any async invocation. Signed the V3 way
 * (ACS3-HMAC-SHA256 over the canonical request: method, path, query, the signed headers and the body's SHA-256), as
 * FC 3.0's SDKs sign, with the JDK alone: a few calls per run, so a small client of its own.
 */
public final class FcAsyncInvoker implements Continuer {
    static final String VERSION = "2023-03-30";
    static final String ALGORITHM = "ACS3-HMAC-SHA256";
    private static final DateTimeFormatter ACS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);

    private final String baseUrl;
    private final Supplier<CloudCredentials> credentials;
    private final String functionName;
    private final String qualifier;

    /**
     * @param baseUrl      {@code https://<account-id>.<region>.fc.aliyuncs.com}, or a sandbox's URL
     * @param functionName the function to invoke: the one running
     * @param qualifier    its version or alias, or null for LATEST
     */
    public FcAsyncInvoker(String baseUrl, Supplier<CloudCredentials> credentials, String functionName, String qualifier) {
        this.baseUrl = trimSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.qualifier = qualifier == null || qualifier.isEmpty() ? null : qualifier;
    }

    /** FC's documented public endpoint of an account and region. */
    public static String endpoint(String accountId, String region) {
        return "https://" + accountId + "." + region + ".fc.aliyuncs.com";
    }

    /** The function this invoker invokes. */
    public String functionName() {
        return functionName;
    }

    @Override
    public void continueWith(Request next) throws CloudException {
        invoke(next);
    }

    /**
     * Invokes the function asynchronously with {@code request} as its event; returns FC's request id of the invocation.
     * @throws CloudException when FC refused it or could not be reached (retryable for 5xx, 429 and no answer)
     */
    public String invoke(Request request) throws CloudException {
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        String path = "/" + VERSION + "/functions/" + encode(functionName) + "/invocations";
        String query = qualifier == null ? "" : "qualifier=" + encode(qualifier);
        CloudCredentials c = credentials.get();
        URL url;
        try {
            url = new URL(baseUrl + path + (query.isEmpty() ? "" : "?" + query));
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + baseUrl, e);
        }
        Map<String, String> signed = new TreeMap<>();
        signed.put("host", url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort());
        signed.put("content-type", "application/octet-stream");
        signed.put("x-acs-action", "InvokeFunction");
        signed.put("x-acs-version", VERSION);
        signed.put("x-acs-date", ACS_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        signed.put("x-acs-signature-nonce", UUID.randomUUID().toString());
        signed.put("x-acs-content-sha256", hex(sha256(body)));
        if (c.securityToken() != null && !c.securityToken().isEmpty()) signed.put("x-acs-security-token", c.securityToken());
        signed.put("x-fc-invocation-type", "Async");
        String signedHeaders = String.join(";", signed.keySet());
        String canonical = canonicalRequest("POST", path, query, signed, signed.get("x-acs-content-sha256"));
        String signature = hex(hmacSha256(c.accessKeySecret(), ALGORITHM + "\n" + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)))));
        try {
            HttpURLConnection h = (HttpURLConnection) url.openConnection();
            h.setRequestMethod("POST");
            h.setDoOutput(true);
            h.setConnectTimeout(5_000);
            h.setReadTimeout(10_000);
            h.setRequestProperty("Accept", "application/json");
            h.setRequestProperty("User-Agent", RpcClient.USER_AGENT);
            for (Map.Entry<String, String> e : signed.entrySet()) {
                if (!e.getKey().equals("host")) h.setRequestProperty(e.getKey(), e.getValue());   // the JDK writes Host itself
            }
            h.setRequestProperty("Authorization", ALGORITHM + " Credential=" + c.accessKeyId() + ",SignedHeaders=" + signedHeaders
                    + ",Signature=" + signature);
            try (OutputStream out = h.getOutputStream()) {
                out.write(body);
            }
            int status = h.getResponseCode();
            String requestId = h.getHeaderField("x-fc-request-id");
            if (status / 100 == 2) {
                drain(h.getInputStream());
                return requestId;
            }
            String text = drain(h.getErrorStream());
            String code = field(text, "Code");
            throw new CloudException(code == null ? "Fc.Http" + status : code,
                    "FC InvokeFunction (Async) of " + functionName + " answered HTTP " + status + ": " + text,
                    requestId != null ? requestId : field(text, "RequestId"), status, status >= 500 || status == 429);
        } catch (IOException e) {
            throw new CloudException("Lifeline.ConnectionFailed", "FC InvokeFunction (Async) of " + functionName + " failed: " + e,
                    null, 0, true, e);
        }
    }

    /** V3's canonical request: method, path, sorted query, {@code name:value} lines of the signed headers, their names, the body hash. */
    static String canonicalRequest(String method, String path, String query, Map<String, String> signedHeaders, String payloadHash) {
        StringBuilder b = new StringBuilder();
        b.append(method).append('\n').append(path).append('\n').append(query).append('\n');
        for (Map.Entry<String, String> e : new TreeMap<>(signedHeaders).entrySet()) {
            b.append(e.getKey().toLowerCase(Locale.ROOT)).append(':').append(e.getValue().trim()).append('\n');
        }
        b.append('\n').append(String.join(";", new TreeMap<>(signedHeaders).keySet())).append('\n').append(payloadHash);
        return b.toString();
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

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String drain(InputStream in) throws IOException {
        if (in == null) return "";
        try (InputStream i = in) {
            return new String(i.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A top-level string field of a JSON error body, or null when the body is not JSON or lacks it. */
    private static String field(String json, String name) {
        com.google.gson.JsonObject o = AnswerJson.parseObject(json);
        return o == null ? null : AnswerJson.text(o, name);
    }
}
