package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox's Log Service: the documented shapes, the name rules, idempotence codes and the LOG signature checks. */
class LogServiceApiTest {
    private static final String HOST = "lifeline-audit.cn-hangzhou.log.aliyuncs.com";
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, null);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private SlsRawClient.Answer call(String method, String host, String path, String body, String keyId, String secret, String token, String date) {
        return new SlsRawClient(sandbox).call(method, host, path, body, keyId, secret, token, date);
    }

    private SlsRawClient.Answer call(String method, String host, String path, String body) {
        return call(method, host, path, body, Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET, null, now());
    }

    private static String now() {
        return SlsRawClient.now();
    }

    @Test
    void theServersSignatureOfTheDocumentsRequestIsTheIndependentlyComputedOne() {
        // the signed request of Log Service's "Request signatures" page, with the secret "testAccessKeySecret"; the value is
        // Python's hmac over the same string (LogServiceClientTest in the CLI checks the client against the same value)
        Map<String, String> h = new LinkedHashMap<>();
        h.put("date", "Tue, 23 Aug 2022 12:12:03 GMT");
        h.put("x-log-apiversion", "0.6.0");
        h.put("x-log-signaturemethod", "hmac-sha1");
        h.put("content-type", "application/json");
        h.put("content-md5", "49DFDD54B01CBCD2D2AB5E9E5EE6B9B9");
        h.put("host", "ali-test-project.cn-hangzhou.log.aliyuncs.com");
        assertEquals("nfd2hBqGd9oQRDhlXcc2XXEPUEs=", LogServiceApi.sign("testAccessKeySecret",
                LogServiceApi.stringToSign("POST", h, "/logstores/test-logstore/shards/0", Map.of("action", "split"))));
    }

    @Test
    void projectAndLogstoreAnswerInTheDocumentedShapesAndAreKeptPerAccount() {
        // when the project and its logstore are made
        assertEquals(200, call("POST", HOST, "/", "{\"projectName\":\"lifeline-audit\",\"description\":\"d\"}").status);
        assertEquals(200, call("POST", HOST, "/logstores", "{\"logstoreName\":\"audit\",\"ttl\":30,\"shardCount\":2,\"autoSplit\":true,\"maxSplitShard\":64}").status);
        // then GetProject and GetLogStore answer in the documented shapes
        SlsRawClient.Answer project = call("GET", HOST, "/", null);
        assertEquals(200, project.status, project.body);
        JsonObject documented = JsonParser.parseString(ContractTest.resource("/api-examples/sls/GetProject.json")).getAsJsonObject();
        assertEquals(List.of(), JsonShape.differences(documented, project.json(), Set.of()));
        assertEquals("cn-hangzhou", project.json().get("region").getAsString());
        SlsRawClient.Answer store = call("GET", HOST, "/logstores/audit", null);
        documented = JsonParser.parseString(ContractTest.resource("/api-examples/sls/GetLogStore.json")).getAsJsonObject();
        assertEquals(List.of(), JsonShape.differences(documented, store.json(), Set.of("mode")));
        assertEquals(30, store.json().get("ttl").getAsInt());
        // and the state holds them in the account of the key
        String account = sandbox.read(s -> s.accountIdOrDefault());
        assertEquals(2, (int) sandbox.read(s -> s.logService.find(account).projects.get("lifeline-audit").logstores.get("audit").shardCount));
        // and they survive a save and replay of the state
        sandbox.replaceState(sandbox.stateJson());
        assertEquals(200, call("GET", HOST, "/logstores/audit", null).status);
    }

    @Test
    void missingAndExistingAnswerLogServicesCodes() {
        assertEquals("ProjectNotExist", call("GET", HOST, "/", null).code());
        assertEquals(404, call("GET", HOST, "/", null).status);
        assertEquals("ProjectNotExist", call("POST", HOST, "/logstores", "{\"logstoreName\":\"audit\",\"ttl\":30,\"shardCount\":2}").code());
        call("POST", HOST, "/", "{\"projectName\":\"lifeline-audit\",\"description\":\"d\"}");
        SlsRawClient.Answer again = call("POST", HOST, "/", "{\"projectName\":\"lifeline-audit\",\"description\":\"d\"}");
        assertEquals(400, again.status);
        assertEquals("ProjectAlreadyExist", again.code());
        assertEquals("LogStoreNotExist", call("GET", HOST, "/logstores/audit", null).code());
        call("POST", HOST, "/logstores", "{\"logstoreName\":\"audit\",\"ttl\":30,\"shardCount\":2}");
        assertEquals("LogStoreAlreadyExist", call("POST", HOST, "/logstores", "{\"logstoreName\":\"audit\",\"ttl\":30,\"shardCount\":2}").code());
    }

    @Test
    void namesAndValuesOutsideLogServicesRulesAreRefused() {
        for (String bad : new String[]{"ab", "Upper", "-lead", "trail-", "under_score"}) {
            SlsRawClient.Answer a = call("POST", "cn-hangzhou.log.aliyuncs.com", "/", "{\"projectName\":\"" + bad + "\",\"description\":\"d\"}");
            assertEquals(400, a.status, bad + ": " + a.body);
            assertEquals("ParameterInvalid", a.code(), bad);
        }
        assertEquals("PostBodyInvalid", call("POST", HOST, "/", "not json").code());
        call("POST", HOST, "/", "{\"projectName\":\"lifeline-audit\",\"description\":\"d\"}");
        assertEquals("ParameterInvalid", call("POST", HOST, "/logstores", "{\"logstoreName\":\"audit\",\"ttl\":0,\"shardCount\":2}").code());
        assertEquals("ParameterInvalid", call("POST", HOST, "/logstores", "{\"logstoreName\":\"audit\",\"ttl\":30,\"shardCount\":101}").code());
        assertEquals("ParameterInvalid", call("POST", HOST, "/logstores", "{\"logstoreName\":\"Audit\",\"ttl\":30,\"shardCount\":2}").code());
        assertEquals("InvalidHost", call("GET", "127.0.0.1", "/", null, Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET, null, now()).code());
    }

    @Test
    void badSignaturesKeysTokensAndTimesAreRefusedAndChangeNothing() {
        String body = "{\"projectName\":\"lifeline-audit\",\"description\":\"d\"}";
        SlsRawClient.Answer wrongSecret = call("POST", HOST, "/", body, Sandbox.DEFAULT_ACCESS_KEY_ID, "wrong", null, now());
        assertEquals(401, wrongSecret.status);
        assertEquals("SignatureNotMatch", wrongSecret.code());
        SlsRawClient.Answer unknownKey = call("POST", HOST, "/", body, "nobody", "x", null, now());
        assertEquals(401, unknownKey.status);
        assertEquals("Unauthorized", unknownKey.code());
        SlsRawClient.Answer old = call("POST", HOST, "/", body, Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET, null,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(20)));
        assertEquals("RequestTimeExpired", old.code());
        sandbox.update(s -> s.accessKeys.add(new AccessKey("STS.k", "sts-secret", "sts-token")));
        assertEquals("Unauthorized", call("POST", HOST, "/", body, "STS.k", "sts-secret", "other-token", now()).code());
        assertEquals(200, call("POST", HOST, "/", body, "STS.k", "sts-secret", "sts-token", now()).status);
        // only the last, properly signed call made the project
        assertEquals(1, (int) sandbox.read(s -> s.logService.find(s.accountIdOrDefault()).projects.size()));
        assertTrue(sandbox.requests().stream().filter(c -> "sls".equals(c.product)).allMatch(c -> "LOG".equals(c.signature)));
    }

    @Test
    void aProjectNameIsUniqueAcrossAccountsAndAnotherAccountsProjectIsNotShown() {
        sandbox.replaceState("{\"accountId\":\"1000000000000001\",\"members\":[{\"accountId\":\"2000000000000002\","
                + "\"accessKeys\":[{\"id\":\"member-ak\",\"secret\":\"member-secret\"}],\"role\":{\"name\":\"r\"}}]}");
        String body = "{\"projectName\":\"lifeline-audit\",\"description\":\"d\"}";
        assertEquals(200, call("POST", HOST, "/", body, "member-ak", "member-secret", null, now()).status);
        assertEquals("ProjectAlreadyExist", call("POST", HOST, "/", body).code());
        SlsRawClient.Answer other = call("GET", HOST, "/", null);
        assertEquals(403, other.status);
        assertEquals("Unauthorized", other.code());
        assertEquals(200, call("GET", HOST, "/", null, "member-ak", "member-secret", null, now()).status);
    }
}
