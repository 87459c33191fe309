package io.cdnlifeline.sandbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the two request signatures of Alibaba Cloud RPC APIs: V1 (HMAC-SHA1 over the sorted, percent-encoded
 * parameters, the classic SDKs) and V3 (ACS3-HMAC-SHA256 over a canonical request whose header list the request
 * itself names in SignedHeaders, the newer SDKs). Codes and statuses are the API gateway's.
 */
final class Signatures {
    static final String V3_ALGORITHM = "ACS3-HMAC-SHA256";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    /** Nonce -> time first seen; a nonce may be used once within the timestamp window. */
    private final Map<String, Long> seenNonces = new ConcurrentHashMap<>();

    /** The verified caller's key; throws ApiError when the request is not correctly signed. */
    AccessKey verify(WireRequest request, List<AccessKey> keys) {
        String authorization = request.header("authorization");
        if (authorization != null && authorization.startsWith(V3_ALGORITHM)) {
            return verifyV3(request, authorization, keys);
        }
        return verifyV1(request, keys);
    }

    private AccessKey verifyV1(WireRequest request, List<AccessKey> keys) {
        Map<String, String> p = request.params;
        String signature = p.get("Signature");
        if (signature == null) {
            throw ApiError.missing("Signature");
        }
        String keyId = required(p, "AccessKeyId");
        String method = p.getOrDefault("SignatureMethod", "HMAC-SHA1");
        if (!"HMAC-SHA1".equals(method)) {
            throw new ApiError(400, "InvalidSignatureMethod", "Specified signature method is not supported.");
        }
        String nonce = required(p, "SignatureNonce");
        String timestamp = required(p, "Timestamp");
        AccessKey key = find(keys, keyId);
        checkTimestamp(timestamp);
        TreeMap<String, String> sorted = new TreeMap<>(p);
        sorted.remove("Signature");
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (canonical.length() > 0) {
                canonical.append('&');
            }
            canonical.append(percentEncode(e.getKey())).append('=').append(percentEncode(e.getValue()));
        }
        String stringToSign = request.method + "&" + percentEncode("/") + "&" + percentEncode(canonical.toString());
        String expected = Base64.getEncoder().encodeToString(hmac("HmacSHA1", key.secret + "&", stringToSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(400, "SignatureDoesNotMatch",
                    "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign);
        }
        checkSecurityToken(key, p.get("SecurityToken"));
        useNonce(keyId, nonce);
        return key;
    }

    private AccessKey verifyV3(WireRequest request, String authorization, List<AccessKey> keys) {
        Map<String, String> parts = parseAuthorization(authorization.substring(V3_ALGORITHM.length()).trim());
        String keyId = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (keyId == null || signedHeaders == null || signature == null) {
            throw new ApiError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
        }
        AccessKey key = find(keys, keyId);
        checkEverythingSigned(request, signedHeaders);
        String date = request.header("x-acs-date");
        if (date == null) {
            throw ApiError.missing("x-acs-date");
        }
        checkTimestamp(date);
        String nonce = request.header("x-acs-signature-nonce");
        if (nonce == null) {
            throw ApiError.missing("x-acs-signature-nonce");
        }
        String payloadHash = request.header("x-acs-content-sha256");
        String actualHash = hex(sha256(request.body));
        if (payloadHash == null) {
            payloadHash = actualHash;
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            String value = request.header(name.trim().toLowerCase());
            canonicalHeaders.append(name.trim().toLowerCase()).append(':').append(value == null ? "" : value.trim()).append('\n');
        }
        TreeMap<String, String> query = new TreeMap<>();
        for (String[] pair : request.queryPairs) {
            query.put(percentEncode(pair[0]), percentEncode(pair[1]));
        }
        List<String> queryParts = new ArrayList<>();
        for (Map.Entry<String, String> e : query.entrySet()) {
            queryParts.add(e.getKey() + "=" + e.getValue());
        }
        String canonicalRequest = request.method + "\n" + (request.path.isEmpty() ? "/" : request.path) + "\n"
                + String.join("&", queryParts) + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash;
        String stringToSign = V3_ALGORITHM + "\n" + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String expected = hex(hmac("HmacSHA256", key.secret, stringToSign));
        // a streamed body (FC's InvokeFunction) is signed as UNSIGNED-PAYLOAD, as the V3 rules allow
        boolean bodyMatches = UNSIGNED_PAYLOAD.equals(payloadHash) || payloadHash.equalsIgnoreCase(actualHash);
        if (!expected.equalsIgnoreCase(signature) || !bodyMatches) {
            throw new ApiError(400, "SignatureDoesNotMatch",
                    "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign);
        }
        checkSecurityToken(key, request.header("x-acs-security-token"));
        useNonce(keyId, nonce);
        return key;
    }

    /**
     * The V3 rules: every common request header present (host and each x-acs-* header) must be in SignedHeaders,
     * otherwise a replayed request could carry another action, date or nonce under the same signature.
     */
    private static void checkEverythingSigned(WireRequest request, String signedHeaders) {
        java.util.Set<String> signed = new java.util.HashSet<>();
        for (String h : signedHeaders.split(";")) {
            signed.add(h.trim().toLowerCase());
        }
        for (String header : request.headers.keySet()) {
            if ((header.equals("host") || header.startsWith("x-acs-")) && !signed.contains(header)) {
                throw new ApiError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards. "
                        + "Header " + header + " is not in SignedHeaders.");
            }
        }
    }

    private static Map<String, String> parseAuthorization(String rest) {
        Map<String, String> out = new TreeMap<>();
        for (String item : rest.split(",")) {
            int eq = item.indexOf('=');
            if (eq > 0) {
                out.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
            }
        }
        return out;
    }

    private static String required(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            throw ApiError.missing(name);
        }
        return v;
    }

    static AccessKey find(List<AccessKey> keys, String id) {
        for (AccessKey k : keys) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }

    private static void checkTimestamp(String timestamp) {
        Instant at;
        try {
            at = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
        }
        if (Duration.between(at, Instant.now()).abs().compareTo(MAX_SKEW) > 0) {
            throw new ApiError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
        }
    }

    static void checkSecurityToken(AccessKey key, String token) {
        if (key.securityToken == null) {
            return;
        }
        if (token == null || token.isEmpty()) {
            throw ApiError.missing("SecurityToken");
        }
        if (!key.securityToken.equals(token)) {
            throw new ApiError(400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.");
        }
    }

    private void useNonce(String keyId, String nonce) {
        long now = System.currentTimeMillis();
        if (seenNonces.putIfAbsent(keyId + "|" + nonce, now) != null) {
            throw new ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
        }
        if (seenNonces.size() > 200_000) {
            // a nonce older than the timestamp window can never be replayed: the timestamp check refuses it first
            long horizon = now - MAX_SKEW.toMillis() * 2;
            for (Iterator<Long> it = seenNonces.values().iterator(); it.hasNext(); ) {
                if (it.next() < horizon) {
                    it.remove();
                }
            }
        }
    }

    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    static byte[] hmac(String algorithm, String secret, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
