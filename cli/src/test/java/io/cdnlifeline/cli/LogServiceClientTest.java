package io.cdnlifeline.cli;

import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.aliyun.CallPolicy;
import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.sandbox.SandboxCall;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Log Service client: its signature against an independently computed value, and its calls against the sandbox. */
class LogServiceClientTest {

    @Test
    void theSignatureOfTheDocumentsSignedRequestIsTheOneComputedIndependently() {
        // given the signed request of Log Service's "Request signatures" page (POST /logstores/test-logstore/shards/0?action=split,
        // body {"hello": "world"}, whose Content-MD5 49DFDD54... the page gives), signed with the secret "testAccessKeySecret"
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Date", "Tue, 23 Aug 2022 12:12:03 GMT");
        headers.put("x-log-signaturemethod", "hmac-sha1");
        headers.put("x-log-apiversion", "0.6.0");
        headers.put("Content-Type", "application/json");
        headers.put("Content-MD5", "49DFDD54B01CBCD2D2AB5E9E5EE6B9B9");
        headers.put("Host", "ali-test-project.cn-hangzhou.log.aliyuncs.com");
        // when the client signs it
        String toSign = LogServiceClient.stringToSign("POST", headers, "/logstores/test-logstore/shards/0", Map.of("action", "split"));
        // then the string to sign is the page's layout (x-log-* headers sorted, the resource with its sorted query)
        assertEquals("POST\n49DFDD54B01CBCD2D2AB5E9E5EE6B9B9\napplication/json\nTue, 23 Aug 2022 12:12:03 GMT\n"
                + "x-log-apiversion:0.6.0\nx-log-signaturemethod:hmac-sha1\n/logstores/test-logstore/shards/0?action=split", toSign);
        // and the signature is the one Python's hmac module computes over that string with that secret:
        // base64.b64encode(hmac.new(b'testAccessKeySecret', s.encode(), hashlib.sha1).digest())
        assertEquals("nfd2hBqGd9oQRDhlXcc2XXEPUEs=", LogServiceClient.signature("testAccessKeySecret", toSign));
    }

    @Test
    void anStsTokenIsSentAndSignedAsXAcsSecurityToken() {
        LogServiceClient client = LogServiceClient.create("cn-hangzhou", null, () -> new CloudCredentials("STS.id", "secret", "the-token"));
        Map<String, String> h = client.signedHeaders("GET", "p-1", "/", null);
        assertEquals("the-token", h.get("x-acs-security-token"));
        assertEquals("p-1.cn-hangzhou.log.aliyuncs.com", h.get("Host"));
        String expected = LogServiceClient.signature("secret", LogServiceClient.stringToSign("GET", h, "/", null));
        assertEquals("LOG STS.id:" + expected, h.get("Authorization"));
        assertTrue(LogServiceClient.stringToSign("GET", h, "/", null).contains("x-acs-security-token:the-token\n"));
    }

    @Test
    void againstTheSandboxItReadsCreatesAndReportsLogServicesCodes() throws Exception {
        try (Sandbox sandbox = Sandbox.start(0, null)) {
            LogServiceClient client = LogServiceClient.create("cn-hangzhou", sandbox.endpoint(),
                    () -> new CloudCredentials(Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET, null));
            // given nothing: both reads answer null (ProjectNotExist)
            assertNull(client.getProject("lifeline-p"));
            // when the project and a logstore are made
            client.createProject("lifeline-p", "d");
            client.createLogstore("lifeline-p", "audit", 30, 2);
            // then they read back as made
            assertEquals("lifeline-p", client.getProject("lifeline-p").get("projectName").getAsString());
            assertEquals(30, client.getLogstore("lifeline-p", "audit").get("ttl").getAsInt());
            assertNull(client.getLogstore("lifeline-p", "other"));
            // and making them again is Log Service's refusal, with its code
            CloudException again = assertThrows(CloudException.class, () -> client.createProject("lifeline-p", "d"));
            assertEquals("ProjectAlreadyExist", again.code());
            assertEquals("LogStoreAlreadyExist", assertThrows(CloudException.class, () -> client.createLogstore("lifeline-p", "audit", 30, 2)).code());
            // and each call reached the sandbox with the project's host, LOG-signed
            List<SandboxCall> calls = sandbox.requests();
            assertTrue(calls.stream().allMatch(c -> "sls".equals(c.product) && "LOG".equals(c.signature)
                    && "lifeline-p.cn-hangzhou.log.aliyuncs.com".equals(c.params.get("host"))), calls::toString);
            // and a wrong secret is refused as Log Service refuses it
            LogServiceClient wrong = LogServiceClient.create("cn-hangzhou", sandbox.endpoint(),
                    () -> new CloudCredentials(Sandbox.DEFAULT_ACCESS_KEY_ID, "not-the-secret", null));
            CloudException refused = assertThrows(CloudException.class, () -> wrong.getProject("lifeline-p"));
            assertEquals("SignatureNotMatch", refused.code());
            assertEquals(401, refused.httpStatus());
            assertNotNull(client.getProject("lifeline-p"));
        }
    }

    /** The calls of one action the sandbox answered, as "status code" (code "-" for none). */
    private static List<String> answers(Sandbox sandbox, String action) {
        return sandbox.requests().stream().filter(c -> action.equals(c.action))
                .map(c -> c.httpStatus + " " + (c.errorCode == null ? "-" : c.errorCode)).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void retryableAnswersAreTriedAgainUnderTheCallPolicyAndARefusalIsNot() throws Exception {
        try (Sandbox sandbox = Sandbox.start(0, null)) {
            // given the functions' call policy, 3 attempts, with backoffs of a millisecond (the test does not wait)
            CallPolicy policy = CallPolicy.defaults().toBuilder().maxAttempts(3).backoff(Duration.ofMillis(1), Duration.ofMillis(1)).build();
            LogServiceClient client = LogServiceClient.create("cn-hangzhou", sandbox.endpoint(),
                    () -> new CloudCredentials(Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET, null), policy);
            // and Log Service busy for the next two CreateProject calls, and failing every GetLogStore
            sandbox.setFaults("{\"inject\": ["
                    + "{\"action\": \"CreateProject\", \"code\": \"ServerBusy\", \"httpStatus\": 500, \"message\": \"The server is busy.\", \"count\": 2},"
                    + "{\"action\": \"GetLogStore\", \"code\": \"InternalServerError\", \"httpStatus\": 500, \"message\": \"Internal server error.\"}]}");
            // when the project is made: then it is, at the third attempt
            client.createProject("lifeline-p", "d");
            assertEquals(List.of("500 ServerBusy", "500 ServerBusy", "200 -"), answers(sandbox, "CreateProject"));
            assertNotNull(client.getProject("lifeline-p"));
            // when it is made again: ProjectAlreadyExist (400) is the answer, at once, not retried
            assertEquals("ProjectAlreadyExist", assertThrows(CloudException.class, () -> client.createProject("lifeline-p", "d")).code());
            assertEquals(4, answers(sandbox, "CreateProject").size());
            // when a logstore is read while Log Service keeps failing: the policy gives up after its 3 attempts, with the code
            CloudException gaveUp = assertThrows(CloudException.class, () -> client.getLogstore("lifeline-p", "audit"));
            assertEquals("InternalServerError", gaveUp.code());
            assertEquals(List.of("500 InternalServerError", "500 InternalServerError", "500 InternalServerError"), answers(sandbox, "GetLogStore"));
        }
    }

    @Test
    void aConnectionThatFailsIsRetriedAsTheOtherCallsAre() throws Exception {
        // given an address that refuses connections (a port just closed on 127.0.0.1)
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CallPolicy policy = CallPolicy.defaults().toBuilder().maxAttempts(2).backoff(Duration.ofMillis(1), Duration.ofMillis(1)).build();
        LogServiceClient client = LogServiceClient.create("cn-hangzhou", "http://127.0.0.1:" + port,
                () -> new CloudCredentials(Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET, null), policy);
        // when a project is read, then the failure is the unreachable server's, marked retryable (so the policy tried it again)
        CloudException e = assertThrows(CloudException.class, () -> client.getProject("lifeline-p"));
        assertEquals("SDK.ServerUnreachable", e.code());
        assertTrue(e.retryable());
    }
}
