package io.cdnlifeline.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OSS, as far as FC's code upload and the functions' memory need it: PutObject into the temporary code bucket with
 * the STS credentials tempBucketToken handed out, and PutObject (with {@code x-oss-forbid-overwrite}), GetObject,
 * HeadObject and DeleteObject on the account's buckets ({@link OssBucket}) where the functions keep their state
 * (virtual-hosted {@code <bucket>.oss-<region>.aliyuncs.com/<object>} or path style {@code /<bucket>/<object>}).
 * Errors are OSS's XML.
 */
final class FcOssApi {
    /** The access key id of the credentials tempBucketToken hands out. */
    static final String UPLOAD_KEY_ID = "STS.fc-temp-code";
    private static final Pattern VIRTUAL_HOST = Pattern.compile("([a-z0-9][a-z0-9-]{1,61}[a-z0-9])\\.oss-[a-z0-9-]+\\.aliyuncs\\.com(:\\d+)?");

    private final Sandbox sandbox;
    private final FcCodeStore code;

    FcOssApi(Sandbox sandbox, FcCodeStore code) {
        this.sandbox = sandbox;
        this.code = code;
    }

    /** An OSS request: signed {@code OSS id:sig}, or aimed at an OSS host name. */
    static boolean handles(WireRequest r) {
        String auth = r.header("authorization");
        String host = r.header("host");
        return (auth != null && auth.startsWith("OSS ")) || (host != null && host.toLowerCase(Locale.ROOT).contains(".oss-"));
    }

    FcApi.Answer handle(WireRequest r, String requestId) {
        String host = r.header("host") == null ? "" : r.header("host").toLowerCase(Locale.ROOT);
        Matcher m = VIRTUAL_HOST.matcher(host);
        String bucket;
        String object;
        String path = java.net.URLDecoder.decode(r.path, StandardCharsets.UTF_8);
        if (m.matches()) {
            bucket = m.group(1);
            object = path.startsWith("/") ? path.substring(1) : path;
        } else {
            String p = path.startsWith("/") ? path.substring(1) : path;
            int slash = p.indexOf('/');
            bucket = slash < 0 ? p : p.substring(0, slash);
            object = slash < 0 ? "" : p.substring(slash + 1);
        }
        try {
            if (!bucket.startsWith(FcCodeStore.BUCKET_PREFIX)) {
                return stateObject(r, bucket, object, requestId);
            }
            if (!"PUT".equals(r.method)) {
                throw new ApiError(405, "MethodNotAllowed", "the local OSS takes PutObject only");
            }
            if (!bucket.startsWith(FcCodeStore.BUCKET_PREFIX)) {
                throw new ApiError(404, "NoSuchBucket", "The specified bucket does not exist.");
            }
            FcSignatures.verifyOss(r, bucket, object, sandbox.accessKeys());
            code.putObject(bucket, object, r.body);
            FcApi.Answer a = new FcApi.Answer(200, "PutObject", new byte[0], null);
            a.headers.put("ETag", "\"" + Signatures.hex(md5(r.body)).toUpperCase(Locale.ROOT) + "\"");
            a.headers.put("x-oss-request-id", requestId);
            a.headers.put("x-oss-hash-crc64ecma", Long.toUnsignedString(FcCodeStore.crc64(r.body)));
            return a;
        } catch (ApiError e) {
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + e.code + "</Code><Message>" + e.getMessage()
                    + "</Message><RequestId>" + requestId + "</RequestId><HostId>" + host + "</HostId></Error>";
            String action = "GET".equals(r.method) ? "GetObject" : "HEAD".equals(r.method) ? "HeadObject"
                    : "DELETE".equals(r.method) ? "DeleteObject" : "PutObject";
            FcApi.Answer a = new FcApi.Answer(e.httpStatus, action, xml.getBytes(StandardCharsets.UTF_8), e.code);
            a.headers.put("Content-Type", "application/xml");
            a.headers.put("x-oss-request-id", requestId);
            return a;
        }
    }

    /**
     * An object of one of the account's buckets. {@code x-oss-forbid-overwrite: true} on PutObject makes the write
     * conditional, as OSS documents it: 409 {@code FileAlreadyExists} when the object exists. The check and the
     * write happen under the sandbox's lock, so of two such writes at once exactly one succeeds.
     */
    private FcApi.Answer stateObject(WireRequest r, String bucket, String object, String requestId) {
        String action = "PUT".equals(r.method) ? "PutObject" : "GET".equals(r.method) ? "GetObject"
                : "HEAD".equals(r.method) ? "HeadObject" : "DELETE".equals(r.method) ? "DeleteObject" : null;
        if (action == null) {
            throw new ApiError(405, "MethodNotAllowed", "the local OSS takes PutObject, GetObject, HeadObject and DeleteObject");
        }
        if (sandbox.read(s -> s.ossBucket(bucket)) == null) {
            throw new ApiError(404, "NoSuchBucket", "The specified bucket does not exist.");
        }
        if (object.isEmpty()) {
            throw new ApiError(400, "InvalidObjectName", "The specified object is not valid.");
        }
        FcSignatures.verifyOss(r, bucket, object, sandbox.accessKeys());
        String forbid = r.header("x-oss-forbid-overwrite");
        if (forbid != null && !forbid.equalsIgnoreCase("true") && !forbid.equalsIgnoreCase("false")) {
            throw new ApiError(400, "InvalidArgument", "x-oss-forbid-overwrite must be true or false");
        }
        OssBucket.OssObject found = sandbox.change(s -> {
            OssBucket b = s.ossBucket(bucket);
            OssBucket.OssObject o = b.objects.get(object);
            if ("PUT".equals(r.method)) {
                if (o != null && "true".equalsIgnoreCase(forbid)) {
                    throw new ApiError(409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.");
                }
                o = new OssBucket.OssObject(new String(r.body, StandardCharsets.UTF_8), System.currentTimeMillis());
                b.objects.put(object, o);
                return o;
            }
            if (o == null) {
                throw new ApiError(404, "NoSuchKey", "The specified key does not exist.");
            }
            if ("DELETE".equals(r.method)) {
                b.objects.remove(object);
            }
            return o;
        });
        byte[] content = found.content.getBytes(StandardCharsets.UTF_8);
        byte[] body = "GET".equals(r.method) ? content : new byte[0];
        FcApi.Answer a = new FcApi.Answer("DELETE".equals(r.method) ? 204 : 200, action, body, null);
        a.headers.put("ETag", "\"" + Signatures.hex(md5(content)).toUpperCase(Locale.ROOT) + "\"");
        a.headers.put("Last-Modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.Instant.ofEpochMilli(found.lastModified).atZone(java.time.ZoneOffset.UTC)));
        a.headers.put("x-oss-request-id", requestId);
        if ("GET".equals(r.method)) a.headers.put("Content-Type", "application/octet-stream");
        if ("HEAD".equals(r.method)) a.headers.put("x-oss-object-size", Integer.toString(content.length));
        return a;
    }

    private static byte[] md5(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
