package io.cdnlifeline.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two signatures of the FC code upload that are not the gateway's V3: FC 2.0's {@code Authorization: FC id:sig}
 * (HMAC-SHA256 over method, content-md5, content-type, date, the x-fc-* headers and the path; {@code @alicloud/fc2})
 * and OSS's {@code Authorization: OSS id:sig} (HMAC-SHA1 over method, content-md5, content-type, date, the x-oss-*
 * headers and /bucket/object; ali-oss).
 */
final class FcSignatures {
    private FcSignatures() {
    }

    static AccessKey verifyFc2(WireRequest request, List<AccessKey> keys) {
        String auth = request.header("authorization");
        if (auth == null || !auth.startsWith("FC ")) {
            throw new ApiError(401, "InvalidAccessKeyId", "the request is not signed (Authorization: FC id:signature)");
        }
        String[] idSig = auth.substring(3).trim().split(":", 2);
        AccessKey key = Signatures.find(keys, idSig[0]);
        String path = java.net.URLDecoder.decode(request.path, StandardCharsets.UTF_8);
        StringBuilder toSign = new StringBuilder()
                .append(request.method).append('\n')
                .append(nz(request.header("content-md5"))).append('\n')
                .append(nz(request.header("content-type"))).append('\n')
                .append(nz(request.header("date"))).append('\n')
                .append(canonicalHeaders(request.headers, "x-fc-"))
                .append(path);
        if (!request.queryPairs.isEmpty()) {
            List<String> q = new ArrayList<>();
            for (String[] p : request.queryPairs) {
                q.add(p[0] + "=" + p[1]);
            }
            java.util.Collections.sort(q);
            toSign.append('\n').append(String.join("\n", q));
        }
        check(Base64.getEncoder().encodeToString(Signatures.hmac("HmacSHA256", key.secret, toSign.toString())), idSig, toSign);
        Signatures.checkSecurityToken(key, request.header("x-fc-security-token"));
        return key;
    }

    static AccessKey verifyOss(WireRequest request, String bucket, String object, List<AccessKey> keys) {
        return verifyOssResource(request, "/" + bucket + "/" + object, keys);
    }

    /** OSS's V1 header signature over {@code resource}: {@code /<bucket>/<object>}, or {@code /<bucket>/} plus a sub-resource. */
    static AccessKey verifyOssResource(WireRequest request, String resource, List<AccessKey> keys) {
        String auth = request.header("authorization");
        if (auth == null || !auth.startsWith("OSS ")) {
            throw new ApiError(403, "AccessDenied", "the request is not signed (Authorization: OSS id:signature)");
        }
        String[] idSig = auth.substring(4).trim().split(":", 2);
        AccessKey key;
        try {
            key = Signatures.find(keys, idSig[0]);
        } catch (ApiError e) {
            throw new ApiError(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.");
        }
        String date = request.header("x-oss-date") != null ? request.header("x-oss-date") : nz(request.header("date"));
        String toSign = request.method + "\n" + nz(request.header("content-md5")) + "\n" + nz(request.header("content-type")) + "\n"
                + date + "\n" + canonicalHeaders(request.headers, "x-oss-") + resource;
        String expected = Base64.getEncoder().encodeToString(Signatures.hmac("HmacSHA1", key.secret, toSign));
        if (idSig.length < 2 || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), idSig[1].getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
        }
        if (key.securityToken != null && !key.securityToken.equals(request.header("x-oss-security-token"))) {
            throw new ApiError(403, "InvalidAccessKeyId", "The security token you provided is invalid.");
        }
        return key;
    }

    private static void check(String expected, String[] idSig, CharSequence toSign) {
        if (idSig.length < 2 || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), idSig[1].getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(403, "SignatureNotMatch", "signature does not match; server string to sign is: " + toSign);
        }
    }

    private static String canonicalHeaders(Map<String, String> headers, String prefix) {
        TreeMap<String, String> picked = new TreeMap<>();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().startsWith(prefix)) {
                picked.put(h.getKey(), h.getValue());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> h : picked.entrySet()) {
            sb.append(h.getKey()).append(':').append(h.getValue()).append('\n');
        }
        return sb.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
