package io.cdnlifeline.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OSS, only as far as FC's code upload needs it: PutObject into the temporary code bucket with the STS
 * credentials tempBucketToken handed out (virtual-hosted {@code <bucket>.oss-<region>.aliyuncs.com/<object>} or
 * path style {@code /<bucket>/<object>}). Errors are OSS's XML.
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
            FcApi.Answer a = new FcApi.Answer(e.httpStatus, "PutObject", xml.getBytes(StandardCharsets.UTF_8), e.code);
            a.headers.put("Content-Type", "application/xml");
            a.headers.put("x-oss-request-id", requestId);
            return a;
        }
    }

    private static byte[] md5(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
