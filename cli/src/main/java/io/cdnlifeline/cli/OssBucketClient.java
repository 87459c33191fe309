package io.cdnlifeline.cli;

import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The OSS bucket calls of {@code lifeline setup} and {@code lifeline uninstall} on the watch's state bucket: GetBucketInfo,
 * PutBucket (private), ListObjectsV2, DeleteObject and DeleteBucket, signed with OSS's V1 header signature
 * ({@code Authorization: OSS <id>:<base64 HMAC-SHA1>} over the method, Content-MD5, Content-Type, Date, the sorted
 * {@code x-oss-*} headers and the resource {@code /<bucket>/<object>}, with {@code ?bucketInfo} when that sub-resource is
 * asked), the functions' {@code OssStore} signature. Virtual-hosted {@code https://<bucket>.oss-<region>.aliyuncs.com};
 * path style under an endpoint override (a sandbox). Errors are OSS's XML {@code <Error><Code>}, as CloudExceptions.
 */
final class OssBucketClient {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);
    private static final int TIMEOUT_MS = 15_000;
    /** ListObjectsV2's largest page. */
    static final int MAX_KEYS = 1000;

    private final String region;
    private final URI override;
    private final Supplier<CloudCredentials> credentials;
    private final Clock clock;

    private OssBucketClient(String region, URI override, Supplier<CloudCredentials> credentials, Clock clock) {
        this.region = region;
        this.override = override;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * @param endpointOverride every call to this {@code http://host:port} (a sandbox, path style), or null for OSS itself
     * @throws IllegalArgumentException for a malformed region or override
     */
    static OssBucketClient create(String region, String endpointOverride, Supplier<CloudCredentials> credentials) {
        if (region == null || !region.matches("[a-z0-9-]+")) throw new IllegalArgumentException("not a region: " + region);
        URI uri = null;
        if (endpointOverride != null) {
            uri = URI.create(endpointOverride.endsWith("/") ? endpointOverride.substring(0, endpointOverride.length() - 1) : endpointOverride);
            if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException("not an endpoint: " + endpointOverride);
        }
        return new OssBucketClient(region, uri, Objects.requireNonNull(credentials, "credentials"), Clock.systemUTC());
    }

    /** Where the calls go, for the plan's header. */
    String endpoint() {
        return override != null ? override.toString() : "https://oss-" + region + ".aliyuncs.com";
    }

    /** GetBucketInfo: its ACL ({@code <Grant>}), or null when OSS answers {@code NoSuchBucket}. */
    String bucketAcl(String bucket) throws CloudException {
        LogServiceClient.Answer a = send("GET", bucket, "", "bucketInfo", null, null, null);
        if (a.status == 404 && "NoSuchBucket".equals(code(a.body))) return null;
        ok(a);
        String grant = between(a.body, "<Grant>", "</Grant>");
        return grant == null ? "private" : grant;
    }

    /** PutBucket with {@code x-oss-acl: private} and the Standard storage class. */
    void createPrivateBucket(String bucket) throws CloudException {
        String config = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CreateBucketConfiguration>\n  <StorageClass>Standard</StorageClass>\n"
                + "</CreateBucketConfiguration>\n";
        ok(send("PUT", bucket, "", null, null, Map.of("x-oss-acl", "private"), config));
    }

    /** One page of ListObjectsV2 under {@code prefix} (empty: the whole bucket): the keys, at most {@code maxKeys}. */
    List<String> listKeys(String bucket, String prefix, int maxKeys) throws CloudException {
        String query = "list-type=2&max-keys=" + maxKeys + (prefix.isEmpty() ? "" : "&prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8));
        LogServiceClient.Answer a = send("GET", bucket, "", null, query, null, null);
        ok(a);
        List<String> keys = new ArrayList<>();
        for (int at = a.body.indexOf("<Key>"); at >= 0; at = a.body.indexOf("<Key>", at + 5)) {
            keys.add(a.body.substring(at + 5, a.body.indexOf("</Key>", at)));
        }
        return keys;
    }

    /** DeleteObject; an object already gone is no error (OSS answers 204 either way). */
    void deleteObject(String bucket, String key) throws CloudException {
        LogServiceClient.Answer a = send("DELETE", bucket, key, null, null, null, null);
        if (a.status == 404 && "NoSuchKey".equals(code(a.body))) return;
        ok(a);
    }

    /** DeleteBucket: refused with {@code BucketNotEmpty} while it holds objects. */
    void deleteBucket(String bucket) throws CloudException {
        ok(send("DELETE", bucket, "", null, null, null, null));
    }

    /** OSS's V1 string to sign. */
    static String stringToSign(String method, String contentMd5, String contentType, String date, Map<String, String> ossHeaders, String resource) {
        StringBuilder b = new StringBuilder(method).append('\n').append(contentMd5).append('\n').append(contentType).append('\n')
                .append(date).append('\n');
        for (Map.Entry<String, String> e : new TreeMap<>(ossHeaders).entrySet()) {
            b.append(e.getKey().toLowerCase(Locale.ROOT)).append(':').append(e.getValue().trim()).append('\n');
        }
        return b.append(resource).toString();
    }

    private LogServiceClient.Answer send(String method, String bucket, String object, String subresource, String query, Map<String, String> headers,
                        String body) throws CloudException {
        CloudCredentials c = credentials.get();
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String contentType = body == null ? "" : "application/xml";
        String date = HTTP_DATE.format(ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC));
        Map<String, String> oss = new TreeMap<>();
        if (headers != null) oss.putAll(headers);
        if (c.securityToken() != null && !c.securityToken().isEmpty()) oss.put("x-oss-security-token", c.securityToken());
        String resource = "/" + bucket + "/" + object + (subresource == null ? "" : "?" + subresource);
        String signature = hmacSha1(c.accessKeySecret(), stringToSign(method, "", contentType, date, oss, resource));
        String q = subresource == null ? (query == null ? "" : "?" + query) : "?" + subresource + (query == null ? "" : "&" + query);
        String url = override != null ? override + "/" + bucket + "/" + object + q
                : "https://" + bucket + ".oss-" + region + ".aliyuncs.com/" + object + q;
        try {
            HttpURLConnection h = (HttpURLConnection) new URL(url).openConnection();
            h.setRequestMethod(method);
            h.setConnectTimeout(TIMEOUT_MS);
            h.setReadTimeout(TIMEOUT_MS);
            h.setRequestProperty("Date", date);
            if (!contentType.isEmpty()) h.setRequestProperty("Content-Type", contentType);
            for (Map.Entry<String, String> e : oss.entrySet()) h.setRequestProperty(e.getKey(), e.getValue());
            h.setRequestProperty("Authorization", "OSS " + c.accessKeyId() + ":" + signature);
            if ("PUT".equals(method)) {
                h.setDoOutput(true);
                h.setFixedLengthStreamingMode(content.length);
                try (OutputStream out = h.getOutputStream()) {
                    out.write(content);
                }
            }
            int status = h.getResponseCode();
            InputStream in = status / 100 == 2 ? h.getInputStream() : h.getErrorStream();
            String text = "";
            if (in != null) {
                try (InputStream i = in) {
                    text = new String(i.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new LogServiceClient.Answer(status, h.getHeaderField("x-oss-request-id"), text);
        } catch (IOException e) {
            throw new CloudException("SDK.ServerUnreachable", "OSS at " + (override != null ? override : "oss-" + region + ".aliyuncs.com")
                    + " could not be reached: " + e.getMessage(), null, 0, true, e);
        }
    }

    private static void ok(LogServiceClient.Answer a) throws CloudException {
        if (a.status / 100 == 2) return;
        String code = code(a.body);
        String message = between(a.body, "<Message>", "</Message>");
        throw new CloudException(code.isEmpty() ? "HTTP" + a.status : code, message == null ? "HTTP " + a.status : message, a.requestId, a.status,
                a.status >= 500 || a.status == 429);
    }

    private static String code(String xml) {
        String c = between(xml, "<Code>", "</Code>");
        return c == null ? "" : c;
    }

    private static String between(String text, String open, String close) {
        int a = text == null ? -1 : text.indexOf(open);
        int b = a < 0 ? -1 : text.indexOf(close, a);
        return a < 0 || b < 0 ? null : text.substring(a + open.length(), b);
    }

    static String hmacSha1(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
