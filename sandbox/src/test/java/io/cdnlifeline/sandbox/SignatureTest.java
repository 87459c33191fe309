package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request signing and the gateway's refusals, on the wire (status, code, error body). */
class SignatureTest {
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0, null);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static RawClient client() {
        return new RawClient(sandbox);
    }

    @Test
    void wrongSecretAnswersSignatureDoesNotMatchWithTheCloudsErrorBody() {
        RawClient c = client();
        c.secret = "wrong";
        RawClient.Answer a = c.call("cdn", "DescribeUserDomains");
        assertEquals(400, a.status);
        assertEquals("SignatureDoesNotMatch", a.code());
        assertEquals(Set.of("RequestId", "HostId", "Code", "Message", "Recommend"), a.body.keySet());
        assertEquals("cdn.aliyuncs.com", a.body.get("HostId").getAsString());
        assertTrue(a.body.get("Message").getAsString().startsWith("Specified signature is not matched with our calculation."));
    }

    @Test
    void unknownKeyAnswersNotFound() {
        RawClient c = client();
        c.keyId = "unknown";
        RawClient.Answer a = c.call("alidns", "DescribeDomains");
        assertEquals(404, a.status);
        assertEquals("InvalidAccessKeyId.NotFound", a.code());
    }

    @Test
    void timestampOlderThanFifteenMinutesIsExpired() {
        RawClient c = client();
        c.timestamp = Instant.now().minus(Duration.ofMinutes(16));
        RawClient.Answer a = c.call("dcdn", "DescribeDcdnService");
        assertEquals(400, a.status);
        assertEquals("InvalidTimeStamp.Expired", a.code());
        c.timestamp = Instant.now().minus(Duration.ofMinutes(14));
        assertEquals(200, c.call("dcdn", "DescribeDcdnService").status);
    }

    @Test
    void reusedNonceIsRefused() {
        RawClient c = client();
        c.nonce = "nonce-" + System.nanoTime();
        assertEquals(200, c.call("bssopenapi", "QueryAccountBalance").status);
        RawClient.Answer again = c.call("bssopenapi", "QueryAccountBalance");
        assertEquals(400, again.status);
        assertEquals("SignatureNonceUsed", again.code());
    }

    @Test
    void chunkedBodiesQueryStringsAndSplitParametersAllWork() {
        RawClient c = client();
        c.chunked = true;
        assertEquals(1, c.call("cdn", "DescribeUserDomains", "DomainName", "www.example.com").body.get("TotalCount").getAsInt());
        c.chunked = false;
        c.placement = RawClient.Placement.GET_QUERY;
        assertEquals(1, c.call("cdn", "DescribeUserDomains", "DomainName", "img.example.com").body.get("TotalCount").getAsInt());
        c.placement = RawClient.Placement.SPLIT;
        assertEquals(1, c.call("cdn", "DescribeUserDomains", "DomainName", "shop.example.net").body.get("TotalCount").getAsInt());
    }

    @Test
    void stsKeyNeedsItsToken() {
        sandbox.update(s -> s.accessKeys.add(new AccessKey("STS.raw", "raw-secret", "raw-token")));
        RawClient c = client();
        c.keyId = "STS.raw";
        c.secret = "raw-secret";
        assertEquals("MissingSecurityToken", c.call("cdn", "DescribeUserCdnStatus").code());
        c.securityToken = "raw-token";
        assertEquals(200, c.call("cdn", "DescribeUserCdnStatus").status);
        assertTrue(sandbox.requests().stream().noneMatch(call -> call.params.containsKey("SecurityToken")
                || call.params.containsKey("Signature")));
    }

    @Test
    void v3VerifiesAgainstTheRequestsOwnSignedHeaders() {
        RawClient c = client();
        // the list the SDKs send, and the same list plus a header the server need not know about
        String all = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
        assertEquals(200, c.callV3("cdn", "DescribeUserDomains", Map.of("PageSize", "1"), all).status);
        c.extraHeader = new String[] {"x-custom", "anything"};
        assertEquals(200, c.callV3("alidns", "DescribeDomains", Map.of(), "host;x-acs-action;x-acs-content-sha256;x-acs-date;"
                + "x-acs-signature-nonce;x-acs-version;x-custom").status);
        assertEquals(200, c.callV3("alidns", "DescribeDomains", Map.of(), all).status);
        c.extraHeader = null;
        c.secret = "wrong";
        assertEquals("SignatureDoesNotMatch", c.callV3("cdn", "DescribeUserDomains", Map.of(), all).code());
    }

    @Test
    void v3RequiresEveryCommonHeaderToBeSigned() {
        RawClient.Answer a = client().callV3("cdn", "DescribeUserDomains", Map.of(),
                "host;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version");
        assertEquals(400, a.status);
        assertEquals("IncompleteSignature", a.code());
    }

    @Test
    void v3NonceAndDateAreChecked() {
        RawClient c = client();
        c.nonce = "v3-nonce-" + System.nanoTime();
        String headers = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
        assertEquals(200, c.callV3("dcdn", "DescribeDcdnService", Map.of(), headers).status);
        assertEquals("SignatureNonceUsed", c.callV3("dcdn", "DescribeDcdnService", Map.of(), headers).code());
        c.nonce = null;
        c.timestamp = Instant.now().minus(Duration.ofHours(1));
        assertEquals("InvalidTimeStamp.Expired", c.callV3("dcdn", "DescribeDcdnService", Map.of(), headers).code());
    }

    @Test
    void routingNeedsAKnownVersionAndAction() {
        RawClient.Answer noAction = client().post("Version=2018-05-10", "");
        assertEquals(400, noAction.status);
        assertEquals("MissingAction", noAction.code());
        assertEquals("Action is mandatory for this action.", noAction.body.get("Message").getAsString());
        RawClient.Answer badVersion = client().post("Action=DescribeUserDomains&Version=2099-01-01", "");
        assertEquals("InvalidVersion", badVersion.code());
        RawClient.Answer unknownAction = client().call("cdn", "DescribeSomethingElse");
        assertEquals(404, unknownAction.status);
        assertEquals("InvalidAction.NotFound", unknownAction.code());
    }
}
