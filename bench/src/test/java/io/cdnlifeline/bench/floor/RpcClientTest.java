package io.cdnlifeline.bench.floor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aliyuncs.auth.AcsURLEncoder;
import com.aliyuncs.auth.RpcSignatureComposer;
import com.aliyuncs.auth.signers.HmacSHA1Signer;
import com.aliyuncs.http.MethodType;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The floor signs exactly as the classic SDK does: same percent-encoding, string to sign and signature. */
class RpcClientTest {
    @Test
    void percentEncodingIsTheSdksForEveryAwkwardCharacter() throws Exception {
        // given values with spaces, '*', '~', reserved characters and non-ASCII text
        for (String v : List.of("a b", "x*y", "~tilde", "a+b=c&d/e", "lifeline:switched:7d3582:", "\u4e2d\u6587", "2026-11-22T06:00:00Z")) {
            // when each is encoded, then the floor and the SDK agree
            assertEquals(AcsURLEncoder.percentEncode(v), RpcClient.encode(v), v);
        }
    }

    @Test
    void stringToSignAndSignatureAreTheSdks() {
        // given one request's parameters, as the SDK would send them
        TreeMap<String, String> p = new TreeMap<>();
        p.put("Action", "UpdateDomainRecordRemark");
        p.put("Version", "2015-01-09");
        p.put("Format", "JSON");
        p.put("AccessKeyId", "sandbox-ak");
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", "3f1c1a7e-0000-4000-8000-000000000001");
        p.put("Timestamp", "2026-11-22T06:00:00Z");
        p.put("RecordId", "1001");
        p.put("Remark", "lifeline:switched a*b~c");
        // when the floor composes and signs it
        String floorString = RpcClient.stringToSign(p);
        String floorSignature = new RpcClient("http://127.0.0.1:1", "sandbox-ak", "sandbox-secret").sign(floorString);
        // then both equal what the SDK's RPC composer and HMAC-SHA1 signer produce
        String sdkString = RpcSignatureComposer.getComposer().composeStringToSign(MethodType.POST, null, null, p, null, null);
        assertEquals(sdkString, floorString);
        assertEquals(new HmacSHA1Signer().signString(sdkString, "sandbox-secret&"), floorSignature);
    }
}
