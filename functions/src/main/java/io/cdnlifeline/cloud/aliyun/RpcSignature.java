package io.cdnlifeline.cloud.aliyun;

import com.aliyuncs.auth.AcsURLEncoder;
import com.aliyuncs.auth.RpcSignatureComposer;
import com.aliyuncs.http.MethodType;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The V1 RPC signature (HMAC-SHA1) as the classic SDK computes it for a POST. The string to sign is the
 * SDK's own ({@code RpcSignatureComposer#composeStringToSign}, sorted keys, {@code AcsURLEncoder.percentEncode});
 * the HMAC is the JDK's: the SDK's {@code HmacSHA1Signer} would initialise every signer of {@code Signer}
 * (BouncyCastle's SM3 among them) and jaxb's {@code DatatypeConverter} for Base64, which is most of the
 * cold-start cost we are here to avoid. {@code RpcSignatureTest} holds both to the SDK's bytes.
 */
final class RpcSignature {
    static final String METHOD = "HMAC-SHA1";
    static final String VERSION = "1.0";

    private RpcSignature() {
    }

    /** What V1 signs: {@code POST&%2F&} and the percent-encoded, sorted, percent-encoded parameters. */
    static String stringToSign(Map<String, String> params) {
        return RpcSignatureComposer.getComposer().composeStringToSign(MethodType.POST, null, null, params, null, null);
    }

    /** Base64 of HMAC-SHA1 over {@code stringToSign}, keyed with {@code secret + "&"} (no STS token in the key). */
    static String signature(String stringToSign, String accessKeySecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is part of every JDK", e);
        }
    }

    /**
     * The SDK's {@code ParameterHelper.getISO8601Time}: {@code yyyy-MM-dd'T'HH:mm:ss'Z'} in UTC, written
     * without {@code SimpleDateFormat} (whose locale data is a large part of the SDK's cold start).
     */
    static String timestamp(long epochMillis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(20);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2).append('Z');
        return b.toString();
    }

    /** A nonce that is never reused: the cloud refuses a SignatureNonce it has seen within the timestamp window. */
    static String nonce() {
        return UUID.randomUUID().toString();
    }

    /**
     * The form body the SDK's transport sends: every parameter (Signature included) encoded as the SDK
     * encodes its URL query ({@code AcsURLEncoder.encode}); the cloud decodes it before it verifies.
     */
    static String formBody(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        try {
            for (Map.Entry<String, String> e : params.entrySet()) {
                if (b.length() > 0) b.append('&');
                b.append(AcsURLEncoder.encode(e.getKey())).append('=').append(AcsURLEncoder.encode(e.getValue()));
            }
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is part of every JDK", e);
        }
        return b.toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) b.append('0');
        return b.append(s);
    }
}
