package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.state.ObjectStore;
import io.cdnlifeline.state.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@link ObjectStore} on one OSS bucket: GetObject, PutObject (with {@code x-oss-forbid-overwrite: true} for
 * {@link #create}: OSS answers 409 {@code FileAlreadyExists} when the object exists) and DeleteObject, signed with the
 * OSS header signature (V1: {@code OSS <AccessKeyId>:<Base64 HMAC-SHA1>} over the method, Content-MD5, Content-Type,
 * Date, the sorted {@code x-oss-*} headers and {@code /<bucket>/<key>}); the function role's STS token goes in
 * {@code x-oss-security-token}. A few calls a run, so a small client with the JDK alone rather than the OSS SDK.
 * <p>Host: {@code <bucket>.oss-<region>-internal.aliyuncs.com} inside FC (same-region traffic, no Internet), the public
 * {@code <bucket>.oss-<region>.aliyuncs.com} elsewhere, or path style under LIFELINE_ENDPOINT (a sandbox).
 */
public final class OssStore implements ObjectStore {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final int ATTEMPTS = 3;

    private final String baseUrl;
    private final boolean pathStyle;
    private final String bucket;
    private final String prefix;
    private final Supplier<CloudCredentials> credentials;

    private OssStore(String baseUrl, boolean pathStyle, String bucket, String prefix, Supplier<CloudCredentials> credentials) {
        this.baseUrl = baseUrl;
        this.pathStyle = pathStyle;
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = prefix == null ? "" : prefix;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * @param endpoint LIFELINE_ENDPOINT (a sandbox: path style), or null for OSS itself
     * @param region   the bucket's region (the functions' FC region)
     * @param internal true inside FC: the bucket's internal endpoint
     */
    public static OssStore of(String endpoint, String region, boolean internal, String bucket, String prefix,
                              Supplier<CloudCredentials> credentials) {
        if (endpoint != null && !endpoint.isBlank()) {
            String e = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
            return new OssStore(e, true, bucket, prefix, credentials);
        }
        return new OssStore("https://" + bucket + ".oss-" + region + (internal ? "-internal" : "") + ".aliyuncs.com", false,
                bucket, prefix, credentials);
    }

    @Override
    public String get(String key) throws StoreException {
        Answer a = call("GET", key, null, false);
        if (a.status == 404) return null;
        return a.body;
    }

    @Override
    public void put(String key, String content) throws StoreException {
        call("PUT", key, content, false);
    }

    @Override
    public boolean create(String key, String content) throws StoreException {
        Answer a = call("PUT", key, content, true);
        return a.status != 409;
    }

    @Override
    public void delete(String key) throws StoreException {
        call("DELETE", key, null, false);
    }

    /**
     * Whether the bucket exists, asked read-only: a GetObject of a key nothing writes ({@code <prefix>doctor-probe})
     * answers {@code NoSuchKey} in a bucket that exists and {@code NoSuchBucket} where there is none (OSS's codes; a
     * HEAD would carry no body to tell them apart). Any other refusal, e.g. 403 AccessDenied, is a StoreException.
     */
    public boolean bucketExists() throws StoreException {
        Answer a = call("GET", "doctor-probe", null, false);
        return !(a.status == 404 && "NoSuchBucket".equals(code(a.body)));
    }

    @Override
    public String where() {
        return "oss://" + bucket + "/" + prefix;
    }

    private static final class Answer {
        final int status;
        final String body;

        Answer(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    /**
     * One request, tried up to 3 times on a dropped connection, 5xx or 429. A 404 (GET) and a 409 (create) are answers,
     * not errors. A create retried after a dropped connection may find its own first attempt: the caller tells that
     * apart by what it wrote (the watch writes its run id into every object it creates).
     */
    private Answer call(String method, String key, String content, boolean forbidOverwrite) throws StoreException {
        if (!KEY.matcher(key).matches() || key.contains("..")) throw new IllegalArgumentException("not a store key: " + key);
        String object = prefix + key;
        StoreException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Answer a = once(method, object, content, forbidOverwrite);
                if (a.status / 100 == 2 || (a.status == 404 && !"PUT".equals(method)) || (a.status == 409 && forbidOverwrite)) {
                    return "DELETE".equals(method) && a.status == 404 ? new Answer(204, "") : a;
                }
                boolean retry = a.status >= 500 || a.status == 429;
                last = new StoreException("OSS " + method + " " + where() + key + " answered HTTP " + a.status + " " + code(a.body), retry, null);
                if (!retry) throw last;
            } catch (IOException e) {
                last = new StoreException("OSS " + method + " " + where() + key + " failed: " + e.getClass().getSimpleName(), true, e);
            }
            try {
                Thread.sleep(100L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw last;
    }

    private Answer once(String method, String object, String content, boolean forbidOverwrite) throws IOException {
        CloudCredentials c = credentials.get();
        byte[] body = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
        String contentType = content == null ? "" : "application/json";
        String date = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        Map<String, String> oss = new TreeMap<>();
        if (forbidOverwrite) oss.put("x-oss-forbid-overwrite", "true");
        if (c.securityToken() != null && !c.securityToken().isEmpty()) oss.put("x-oss-security-token", c.securityToken());
        String signature = hmacSha1(c.accessKeySecret(), stringToSign(method, "", contentType, date, oss, "/" + bucket + "/" + object));
        URL url = new URL(baseUrl + (pathStyle ? "/" + bucket : "") + "/" + object);
        HttpURLConnection h = (HttpURLConnection) url.openConnection();
        h.setRequestMethod(method);
        h.setConnectTimeout(3_000);
        h.setReadTimeout(5_000);
        h.setRequestProperty("Date", date);
        h.setRequestProperty("User-Agent", RpcClient.USER_AGENT);
        if (!contentType.isEmpty()) h.setRequestProperty("Content-Type", contentType);
        for (Map.Entry<String, String> e : oss.entrySet()) h.setRequestProperty(e.getKey(), e.getValue());
        h.setRequestProperty("Authorization", "OSS " + c.accessKeyId() + ":" + signature);
        if ("PUT".equals(method)) {
            h.setDoOutput(true);
            h.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = h.getOutputStream()) {
                out.write(body);
            }
        }
        int status = h.getResponseCode();
        String text = read(status / 100 == 2 ? h.getInputStream() : h.getErrorStream());
        return new Answer(status, text);
    }

    /** OSS's V1 string to sign: method, Content-MD5, Content-Type, Date, the sorted x-oss-* headers, the resource. */
    static String stringToSign(String method, String contentMd5, String contentType, String date, Map<String, String> ossHeaders, String resource) {
        StringBuilder b = new StringBuilder();
        b.append(method).append('\n').append(contentMd5).append('\n').append(contentType).append('\n').append(date).append('\n');
        for (Map.Entry<String, String> e : new TreeMap<>(ossHeaders).entrySet()) {
            b.append(e.getKey().toLowerCase(Locale.ROOT)).append(':').append(e.getValue().trim()).append('\n');
        }
        return b.append(resource).toString();
    }

    /** Base64 of HMAC-SHA1(secret, data): the OSS header signature's, and EventBridge's (the JDK alone). */
    static String hmacSha1(String secret, String data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) return "";
        try (InputStream i = in) {
            return new String(i.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** OSS's error code from its XML body, for the message (never the body itself). */
    private static String code(String xml) {
        int a = xml == null ? -1 : xml.indexOf("<Code>");
        int b = a < 0 ? -1 : xml.indexOf("</Code>", a);
        return a < 0 || b < 0 ? "" : xml.substring(a + 6, b);
    }
}
