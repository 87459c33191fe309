package io.cdnlifeline.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OSS, as far as FC's code upload and the functions' memory need it: PutObject into the temporary code bucket with
 * the STS credentials tempBucketToken handed out, and PutObject (with {@code x-oss-forbid-overwrite}), GetObject,
 * HeadObject and DeleteObject on the account's buckets ({@link OssBucket}) where the functions keep their state, and the
 * bucket calls of {@code lifeline setup} and {@code lifeline uninstall} (PutBucket, GetBucketInfo, ListObjectsV2,
 * DeleteBucket) (virtual-hosted {@code <bucket>.oss-<region>.aliyuncs.com/<object>} or path style {@code /<bucket>/<object>}).
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
            if (!bucket.startsWith(FcCodeStore.BUCKET_PREFIX) && object.isEmpty()) {
                return bucketOperation(r, bucket, requestId);
            }
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
            String action = object.isEmpty() && !bucket.startsWith(FcCodeStore.BUCKET_PREFIX) ? bucketAction(r)
                    : "GET".equals(r.method) ? "GetObject" : "HEAD".equals(r.method) ? "HeadObject"
                    : "DELETE".equals(r.method) ? "DeleteObject" : "PutObject";
            FcApi.Answer a = new FcApi.Answer(e.httpStatus, action, xml.getBytes(StandardCharsets.UTF_8), e.code);
            a.headers.put("Content-Type", "application/xml");
            a.headers.put("x-oss-request-id", requestId);
            return a;
        }
    }

    /** The bucket-level operation a request on {@code /} of a bucket is, by method and sub-resource. */
    static String bucketAction(WireRequest r) {
        boolean info = false;
        boolean list = false;
        for (String[] q : r.queryPairs) {
            info |= q[0].equals("bucketInfo");
            list |= q[0].equals("list-type") && "2".equals(q[1]);
        }
        switch (r.method) {
            case "PUT": return "PutBucket";
            case "DELETE": return "DeleteBucket";
            case "GET": return info ? "GetBucketInfo" : list ? "ListObjectsV2" : "ListObjects";
            default: return r.method + "Bucket";
        }
    }

    /**
     * PutBucket ({@code PUT /}, {@code x-oss-acl}, an optional {@code CreateBucketConfiguration}), GetBucketInfo
     * ({@code GET /?bucketInfo}), ListObjectsV2 ({@code GET /?list-type=2&prefix=&max-keys=&start-after=}) and
     * DeleteBucket ({@code DELETE /}), in OSS's XML. Bucket names are global: a name another account owns answers 409
     * {@code BucketAlreadyExists}; PutBucket on one's own bucket succeeds (OSS documents it as a metadata change: here the
     * ACL). DeleteBucket of a bucket with objects answers 409 {@code BucketNotEmpty}. Signed with OSS's V1 signature over
     * {@code /<bucket>/}, plus {@code ?bucketInfo} for GetBucketInfo (a sub-resource; list-type, prefix and max-keys are not).
     */
    private FcApi.Answer bucketOperation(WireRequest r, String bucket, String requestId) {
        String action = bucketAction(r);
        if (action.equals("ListObjects") || action.endsWith("Bucket") && !action.equals("PutBucket") && !action.equals("DeleteBucket")) {
            throw new ApiError(405, "MethodNotAllowed", "the local OSS takes PutBucket, GetBucketInfo, ListObjectsV2 and DeleteBucket on a bucket");
        }
        if (!bucket.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")) {
            throw new ApiError(400, "InvalidBucketName", "The specified bucket is not valid.");
        }
        AccessKey key = FcSignatures.verifyOssResource(r, "/" + bucket + "/" + (action.equals("GetBucketInfo") ? "?bucketInfo" : ""), sandbox.accessKeys());
        String caller = sandbox.accountIdOf(key);
        Map<String, String> query = new java.util.HashMap<>();
        for (String[] q : r.queryPairs) query.put(q[0], q[1]);
        String xml;
        int status = 200;
        switch (action) {
            case "PutBucket": {
                String acl = r.header("x-oss-acl") == null ? "private" : r.header("x-oss-acl");
                if (!acl.equals("private") && !acl.equals("public-read") && !acl.equals("public-read-write")) {
                    throw new ApiError(400, "InvalidArgument", "no such bucket access control exists");
                }
                String config = new String(r.body, StandardCharsets.UTF_8);
                String storageClass = between(config, "<StorageClass>", "</StorageClass>");
                if (storageClass != null && !storageClass.matches("Standard|IA|Archive|ColdArchive|DeepColdArchive")) {
                    throw new ApiError(400, "InvalidArgument", "invalid storage class " + storageClass);
                }
                sandbox.update(s -> {
                    OssBucket b = s.ossBucket(bucket);
                    if (b != null && !owner(s, b).equals(caller)) {
                        throw new ApiError(409, "BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is shared by all"
                                + " users of the system. Please select a different name and try again.");
                    }
                    if (s.oss == null) s.oss = new java.util.ArrayList<>();
                    if (b == null) {
                        b = new OssBucket(bucket);
                        b.owner = caller.equals(s.accountIdOrDefault()) ? null : caller;
                        b.region = r.header("host") != null && r.header("host").contains(".oss-") ? regionOf(r.header("host")) : null;
                        b.storageClass = storageClass == null ? "Standard" : storageClass;
                        b.creationDate = System.currentTimeMillis();
                        s.oss.add(b);
                    }
                    b.acl = acl;
                });
                FcApi.Answer a = new FcApi.Answer(200, action, new byte[0], null);
                a.headers.put("Location", "/" + bucket);
                a.headers.put("x-oss-request-id", requestId);
                return a;
            }
            case "GetBucketInfo":
                xml = sandbox.read(s -> {
                    OssBucket b = ownBucket(s, bucket, caller);
                    String region = b.region != null ? b.region : s.fc != null && s.fc.region != null ? s.fc.region : "cn-hangzhou";
                    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BucketInfo>\n  <Bucket>\n"
                            + "    <AccessMonitor>Disabled</AccessMonitor>\n"
                            + "    <CreationDate>" + iso(b.creationDate) + "</CreationDate>\n"
                            + "    <ExtranetEndpoint>oss-" + region + ".aliyuncs.com</ExtranetEndpoint>\n"
                            + "    <IntranetEndpoint>oss-" + region + "-internal.aliyuncs.com</IntranetEndpoint>\n"
                            + "    <Location>oss-" + region + "</Location>\n"
                            + "    <StorageClass>" + (b.storageClass == null ? "Standard" : b.storageClass) + "</StorageClass>\n"
                            + "    <TransferAcceleration>Disabled</TransferAcceleration>\n"
                            + "    <CrossRegionReplication>Disabled</CrossRegionReplication>\n"
                            + "    <Name>" + b.bucket + "</Name>\n"
                            + "    <ResourceGroupId>rg-default</ResourceGroupId>\n"
                            + "    <Owner>\n      <DisplayName>" + owner(s, b) + "</DisplayName>\n      <ID>" + owner(s, b) + "</ID>\n    </Owner>\n"
                            + "    <AccessControlList>\n      <Grant>" + (b.acl == null ? "private" : b.acl) + "</Grant>\n    </AccessControlList>\n"
                            + "    <Comment></Comment>\n"
                            + "    <BucketPolicy>\n      <LogBucket></LogBucket>\n      <LogPrefix></LogPrefix>\n    </BucketPolicy>\n"
                            + "  </Bucket>\n</BucketInfo>\n";
                });
                break;
            case "ListObjectsV2": {
                String prefix = query.getOrDefault("prefix", "");
                String startAfter = query.get("start-after");
                int maxKeys;
                try {
                    maxKeys = Integer.parseInt(query.getOrDefault("max-keys", "100"));
                } catch (NumberFormatException e) {
                    throw new ApiError(400, "InvalidArgument", "max-keys must be a number from 1 to 1000");
                }
                if (maxKeys < 1 || maxKeys > 1000) throw new ApiError(400, "InvalidArgument", "max-keys must be a number from 1 to 1000");
                xml = sandbox.read(s -> {
                    OssBucket b = ownBucket(s, bucket, caller);
                    StringBuilder contents = new StringBuilder();
                    int count = 0;
                    String last = null;
                    boolean truncated = false;
                    for (Map.Entry<String, OssBucket.OssObject> e : b.objects.entrySet()) {
                        if (!e.getKey().startsWith(prefix) || (startAfter != null && e.getKey().compareTo(startAfter) <= 0)) continue;
                        if (count == maxKeys) {
                            truncated = true;
                            break;
                        }
                        byte[] content = e.getValue().content.getBytes(StandardCharsets.UTF_8);
                        contents.append("  <Contents>\n    <Key>").append(e.getKey()).append("</Key>\n    <LastModified>")
                                .append(iso(e.getValue().lastModified)).append("</LastModified>\n    <ETag>\"")
                                .append(Signatures.hex(md5(content)).toUpperCase(Locale.ROOT)).append("\"</ETag>\n    <Size>")
                                .append(content.length).append("</Size>\n    <StorageClass>Standard</StorageClass>\n  </Contents>\n");
                        count++;
                        last = e.getKey();
                    }
                    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult>\n  <Name>" + bucket + "</Name>\n  <Prefix>" + prefix
                            + "</Prefix>\n" + (startAfter == null ? "" : "  <StartAfter>" + startAfter + "</StartAfter>\n")
                            + "  <MaxKeys>" + maxKeys + "</MaxKeys>\n  <IsTruncated>" + truncated + "</IsTruncated>\n"
                            + (truncated ? "  <NextContinuationToken>" + last + "</NextContinuationToken>\n" : "")
                            + contents + "  <KeyCount>" + count + "</KeyCount>\n</ListBucketResult>\n";
                });
                break;
            }
            case "DeleteBucket":
                sandbox.update(s -> {
                    OssBucket b = ownBucket(s, bucket, caller);
                    if (!b.objects.isEmpty()) throw new ApiError(409, "BucketNotEmpty", "The bucket you tried to delete is not empty.");
                    s.oss.remove(b);
                });
                status = 204;
                xml = null;
                break;
            default:
                throw new IllegalStateException(action);
        }
        FcApi.Answer a = new FcApi.Answer(status, action, xml == null ? new byte[0] : xml.getBytes(StandardCharsets.UTF_8), null);
        if (xml != null) a.headers.put("Content-Type", "application/xml");
        a.headers.put("x-oss-request-id", requestId);
        return a;
    }

    /** The caller's bucket: 404 {@code NoSuchBucket} when there is none, 403 {@code AccessDenied} when another account owns it. */
    private static OssBucket ownBucket(SandboxState s, String bucket, String caller) {
        OssBucket b = s.ossBucket(bucket);
        if (b == null) throw new ApiError(404, "NoSuchBucket", "The specified bucket does not exist.");
        if (!owner(s, b).equals(caller)) throw new ApiError(403, "AccessDenied", "You have no right to access this bucket.");
        return b;
    }

    private static String owner(SandboxState s, OssBucket b) {
        return b.owner != null ? b.owner : s.accountIdOrDefault();
    }

    private static String regionOf(String host) {
        Matcher m = Pattern.compile("\\.oss-([a-z0-9-]+?)(-internal)?\\.aliyuncs\\.com").matcher(host.toLowerCase(Locale.ROOT));
        return m.find() ? m.group(1) : null;
    }

    private static String iso(long epochMillis) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.ofEpochMilli(epochMillis == 0 ? 0 : epochMillis));
    }

    private static String between(String text, String open, String close) {
        int a = text.indexOf(open);
        int b = a < 0 ? -1 : text.indexOf(close, a);
        return a < 0 || b < 0 ? null : text.substring(a + open.length(), b).trim();
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
