package io.cdnlifeline.cloud.aliyun;

import com.aliyuncs.CommonRequest;
import com.aliyuncs.RpcAcsRequest;
import com.aliyuncs.auth.AlibabaCloudCredentials;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.BasicSessionCredentials;
import com.aliyuncs.auth.Signer;
import com.aliyuncs.auth.signers.HmacSHA1Signer;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.regions.ProductDomain;
import com.aliyuncs.utils.ParameterHelper;
import io.cdnlifeline.cloud.CloudCredentials;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lean client signs byte for byte as the classic SDK does: the SDK ({@code aliyun-java-sdk-core}, test
 * scope here as the oracle) signs a request, and for the same nonce, timestamp, parameters and secret our
 * parameters, string to sign and Signature are the same, for long-term keys and STS tokens, and for
 * values with the characters percent-encoding gets wrong most easily.
 */
class RpcSignatureTest {
    private static final String SECRET = "testSecret+/=~*";
    private static final String TOKEN = "CAIS+token/with=odd*chars~ and:more";

    /** Values with every character class the V1 encoding treats specially. */
    private static final Map<String, String> ODD = new LinkedHashMap<>();

    static {
        ODD.put("DomainName", "www.example.com");
        ODD.put("Remark", "lifeline:switched:7d3582 a*b~c (维护) ü/é+&=%");
        ODD.put("Property", "{\"coverage\":\"overseas\"}");
        ODD.put("Tag.1.Key", "lifeline:disabled");
        ODD.put("Tag.1.Value", "maintenance window 22:00~23:00 *now*");
        ODD.put("ResourceId.1", "a.example.com");
        ODD.put("Value", "203.0.113.10");
    }

    @Test
    void longTermKeySignsAsTheSdk() {
        assertSameAsSdk(AliyunService.CDN, "TagResources", ODD, new CloudCredentials("LTAI4Fexample", SECRET, null));
    }

    @Test
    void stsTokenIsSentAndSignedAsTheSdkDoes() {
        Map<String, String> sdk = assertSameAsSdk(AliyunService.ALIDNS, "UpdateDomainRecordRemark",
                Map.of("RecordId", "1001", "Remark", ODD.get("Remark")), new CloudCredentials("STS.NUexample", SECRET, TOKEN));
        assertEquals(TOKEN, sdk.get("SecurityToken"));
    }

    @Test
    void noParametersBeyondTheCommonOnes() {
        assertSameAsSdk(AliyunService.DCDN, "DescribeDcdnService", Map.of(), new CloudCredentials("LTAI4Fexample", "s", null));
    }

    @Test
    void stringToSignIsTheDocumentedShapeWithTheSdksEncoding() {
        TreeMap<String, String> p = new TreeMap<>(Map.of("b", "x y", "a", "*~:"));
        assertEquals("POST&%2F&a%3D%252A~%253A%26b%3Dx%2520y", RpcSignature.stringToSign(p));
    }

    @Test
    void timestampIsTheSdksIso8601InUtc() {
        long now = System.currentTimeMillis();
        for (long ms : List.of(0L, 951_782_400_000L /* 2000-02-29 */, 1_798_761_599_999L /* 2026-12-31T23:59:59.999 */,
                1_000_000_000_123L, now)) {
            assertEquals(ParameterHelper.getISO8601Time(new Date(ms)), RpcSignature.timestamp(ms), Instant.ofEpochMilli(ms).toString());
        }
    }

    @Test
    void formBodyEncodesEachPairAsTheSdksQueryString() throws Exception {
        Map<String, String> p = new TreeMap<>(ODD);
        Set<String> ours = new HashSet<>(Arrays.asList(RpcSignature.formBody(p).split("&")));
        Set<String> sdk = new HashSet<>(Arrays.asList(RpcAcsRequest.concatQueryString(p).split("&")));
        assertEquals(sdk, ours);
    }

    @Test
    void everyRequestHasItsOwnNonce() {
        assertFalse(RpcSignature.nonce().equals(RpcSignature.nonce()));
    }

    /** Signs with the SDK, then with our client at the SDK's nonce and timestamp; returns the SDK's parameters. */
    private static Map<String, String> assertSameAsSdk(AliyunService service, String action, Map<String, String> params,
                                                       CloudCredentials credentials) {
        // given the SDK's own signing of the request, as the classic SDKs send it (POST, every parameter in the query)
        Map<String, String> sdk = sdkSigned(service, action, params, credentials);
        // when our client signs the same call at the same instant with the same nonce
        long at = Instant.parse(sdk.get("Timestamp")).toEpochMilli();
        RpcClient ours = new RpcClient("cn-hangzhou", () -> at, () -> sdk.get("SignatureNonce"));
        Map<String, String> signed = ours.signedParameters(service, action, params, credentials);
        // then every parameter, the Signature included, is the SDK's
        assertEquals(new TreeMap<>(sdk), new TreeMap<>(signed));
        Map<String, String> unsigned = new TreeMap<>(signed);
        unsigned.remove("Signature");
        String stringToSign = RpcSignature.stringToSign(unsigned);
        assertTrue(stringToSign.startsWith("POST&%2F&"), stringToSign);
        assertEquals(new HmacSHA1Signer().signString(stringToSign, credentials.accessKeySecret() + "&"),
                RpcSignature.signature(stringToSign, credentials.accessKeySecret()));
        return sdk;
    }

    private static Map<String, String> sdkSigned(AliyunService service, String action, Map<String, String> params,
                                                 CloudCredentials credentials) {
        try {
            CommonRequest common = new CommonRequest();
            common.setSysProduct(service.productCode());
            common.setSysVersion(service.version());
            common.setSysAction(action);
            common.setSysMethod(MethodType.POST);
            common.setSysAccept(FormatType.JSON);
            params.forEach(common::putQueryParameter);
            RpcAcsRequest<?> request = (RpcAcsRequest<?>) common.buildRequest();
            request.setSysRegionId("cn-hangzhou");
            request.setSysProtocol(ProtocolType.HTTPS);
            AlibabaCloudCredentials sdkCredentials = credentials.securityToken() == null
                    ? new BasicCredentials(credentials.accessKeyId(), credentials.accessKeySecret())
                    : new BasicSessionCredentials(credentials.accessKeyId(), credentials.accessKeySecret(), credentials.securityToken());
            request.signRequest(Signer.getSigner(sdkCredentials), sdkCredentials, FormatType.JSON,
                    new ProductDomain(service.productCode(), service.endpoint()));
            String url = request.getSysUrl();
            Map<String, String> out = new TreeMap<>();
            for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("the SDK could not sign", e);
        }
    }
}
