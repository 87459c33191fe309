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
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The continuation of a run in FC: an asynchronous invocation of the same function (FC 3.0 InvokeFunction, ROA:
 * {@code POST /2023-03-30/functions/{name}/invocations} with {@code x-fc-invocation-type: Async}), the continuation
 * Request as its body. FC persists it and answers at once; it runs it (and retries it) like any async invocation.
 * One call per run at most, so a small client of its own: the ROA signature (HMAC-SHA1 over the method, the content
 * headers, the date, the {@code x-acs-*} headers and the resource) with the JDK alone.
 */
public final class FcAsyncInvoker implements Continuer {
    static final String VERSION = "2023-03-30";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

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

    @Override
    public void continueWith(Request next) throws CloudException {
        byte[] body = next.toString().getBytes(StandardCharsets.UTF_8);
        String path = "/" + VERSION + "/functions/" + encode(functionName) + "/invocations";
        String query = qualifier == null ? "" : "qualifier=" + encode(qualifier);
        CloudCredentials c = credentials.get();
        Map<String, String> acs = new TreeMap<>();
        acs.put("x-acs-signature-method", "HMAC-SHA1");
        acs.put("x-acs-signature-nonce", UUID.randomUUID().toString());
        acs.put("x-acs-signature-version", "1.0");
        acs.put("x-acs-version", VERSION);
        if (c.securityToken() != null && !c.securityToken().isEmpty()) acs.put("x-acs-security-token", c.securityToken());
        String accept = "application/json";
        String contentType = "application/octet-stream";
        String date = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        String signature = sign(c.accessKeySecret(), stringToSign("POST", accept, "", contentType, date, acs, path, query));
        try {
            HttpURLConnection h = (HttpURLConnection) new URL(baseUrl + path + (query.isEmpty() ? "" : "?" + query)).openConnection();
            h.setRequestMethod("POST");
            h.setDoOutput(true);
            h.setConnectTimeout(5_000);
            h.setReadTimeout(10_000);
            h.setRequestProperty("Accept", accept);
            h.setRequestProperty("Content-Type", contentType);
            h.setRequestProperty("Date", date);
            h.setRequestProperty("User-Agent", RpcClient.USER_AGENT);
            h.setRequestProperty("x-fc-invocation-type", "Async");
            for (Map.Entry<String, String> e : acs.entrySet()) h.setRequestProperty(e.getKey(), e.getValue());
            h.setRequestProperty("Authorization", "acs " + c.accessKeyId() + ":" + signature);
            try (OutputStream out = h.getOutputStream()) {
                out.write(body);
            }
            int status = h.getResponseCode();
            String requestId = h.getHeaderField("x-fc-request-id");
            if (status / 100 == 2) {
                drain(h.getInputStream());
                return;
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

    /** The ROA string to sign: method, Accept, Content-MD5, Content-Type, Date, the sorted x-acs-* headers, the resource. */
    static String stringToSign(String method, String accept, String contentMd5, String contentType, String date,
                               Map<String, String> acsHeaders, String path, String query) {
        StringBuilder b = new StringBuilder();
        b.append(method).append('\n').append(accept).append('\n').append(contentMd5).append('\n')
                .append(contentType).append('\n').append(date).append('\n');
        for (Map.Entry<String, String> e : new TreeMap<>(acsHeaders).entrySet()) {
            b.append(e.getKey().toLowerCase(Locale.ROOT)).append(':').append(e.getValue().trim()).append('\n');
        }
        b.append(path);
        if (!query.isEmpty()) b.append('?').append(query);
        return b.toString();
    }

    static String sign(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
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
