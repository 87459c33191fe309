package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admin endpoints of DESIGN.md, the Java API behind them, limits and faults. */
class AdminAndTrafficTest {
    private Sandbox sandbox;
    private RawClient client;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, null);
        client = new RawClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void stateRoundTripsInTheSeedFormat() {
        // given the demo state read over HTTP
        JsonObject state = JsonParser.parseString(client.admin("GET", "/_sandbox/state", null)).getAsJsonObject();
        assertTrue(state.keySet().containsAll(List.of("accessKeys", "account", "cdn", "dcdn", "dns", "limits", "faults")));
        // when it is changed and put back
        state.getAsJsonArray("cdn").get(0).getAsJsonObject().addProperty("status", "offline");
        state.getAsJsonObject("account").addProperty("inDebt", true);
        client.admin("PUT", "/_sandbox/state", state.toString());
        // then the APIs answer from the new state
        assertEquals("offline", client.call("cdn", "DescribeCdnDomainDetail", "DomainName", "www.example.com")
                .body.getAsJsonObject("GetDomainDetailModel").get("DomainStatus").getAsString());
        assertTrue(client.call("cdn", "DescribeUserCdnStatus").body.get("InDebt").getAsBoolean());
        assertEquals(state, JsonParser.parseString(sandbox.stateJson()).getAsJsonObject());
    }

    @Test
    void aStateReplaceWithoutLimitsAndFaultsKeepsTheOnesInForce() {
        // given limits and faults set, and a state without them
        client.admin("PUT", "/_sandbox/limits", "{\"latencyMs\":7,\"enforceQps\":true}");
        client.admin("PUT", "/_sandbox/faults", "{\"errorRate\":0.0,\"throttleRate\":0.0,\"seed\":42}");
        JsonObject state = JsonParser.parseString(client.admin("GET", "/_sandbox/state", null)).getAsJsonObject();
        state.remove("limits");
        state.remove("faults");
        // when
        client.admin("PUT", "/_sandbox/state", state.toString());
        // then they are still in force, and GET still returns everything
        JsonObject after = JsonParser.parseString(client.admin("GET", "/_sandbox/state", null)).getAsJsonObject();
        assertEquals(7, after.getAsJsonObject("limits").get("latencyMs").getAsInt(), after.toString());
        assertEquals(42, after.getAsJsonObject("faults").get("seed").getAsInt(), after.toString());
        // and a state that has them replaces them
        state.add("limits", JsonParser.parseString("{\"latencyMs\":0,\"enforceQps\":false}"));
        client.admin("PUT", "/_sandbox/state", state.toString());
        assertEquals(0, JsonParser.parseString(sandbox.stateJson()).getAsJsonObject().getAsJsonObject("limits").get("latencyMs").getAsInt());
    }

    @Test
    void aSeedRecordWithoutAValueIsRefusedNamingIt() {
        String seed = "{\"dns\":[{\"zone\":\"example.org\",\"records\":[{\"recordId\":\"7\",\"rr\":\"www\",\"type\":\"A\"}]}]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sandbox.start(0, seed).close());
        assertEquals("seed: zone example.org, record 7 (rr www) has no \"value\"", e.getMessage());
        IllegalStateException put = assertThrows(IllegalStateException.class, () -> client.admin("PUT", "/_sandbox/state", seed));
        assertTrue(put.getMessage().startsWith("400") && put.getMessage().contains("has no \\\"value\\\""), put.getMessage());
    }

    @Test
    void storyVerbsPlayTheCloudAndSayWhatChanged() {
        // when
        JsonObject offline = JsonParser.parseString(client.admin("POST", "/_sandbox/domains/www.example.com/offline", "")).getAsJsonObject();
        client.admin("POST", "/_sandbox/domains/www.example.com/icp-invalid", "");
        JsonObject debt = JsonParser.parseString(client.admin("POST", "/_sandbox/account/debt", "{\"allDomains\":true}")).getAsJsonObject();
        // then
        assertEquals("{\"domain\":\"www.example.com\",\"product\":\"cdn\",\"field\":\"status\",\"before\":\"online\",\"after\":\"offline\"}",
                offline.getAsJsonArray("changed").get(0).toString());
        JsonObject state = JsonParser.parseString(sandbox.stateJson()).getAsJsonObject();
        assertTrue(client.call("cdn", "DescribeUserCdnStatus").body.get("InDebt").getAsBoolean());
        for (com.google.gson.JsonElement d : state.getAsJsonArray("cdn")) {
            assertEquals("offline", d.getAsJsonObject().get("status").getAsString(), d.toString());
        }
        assertFalse((boolean) sandbox.read(s -> s.cdnDomain("www.example.com").icp));
        assertTrue(debt.getAsJsonArray("changed").size() > 3, debt.toString());
        // and paying brings them back
        client.admin("POST", "/_sandbox/account/pay", "{\"allDomains\":true}");
        assertFalse(client.call("cdn", "DescribeUserCdnStatus").body.get("InDebt").getAsBoolean());
        assertEquals("online", sandbox.read(s -> s.cdnDomain("img.example.com").status));
    }

    @Test
    void aStoryVerbOnAnUnknownDomainIsA404ThatSaysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> client.admin("POST", "/_sandbox/domains/nope.example.com/offline", ""));
        assertTrue(e.getMessage().startsWith("404") && e.getMessage().contains("no CDN, DCDN, VOD or Live domain 'nope.example.com'"), e.getMessage());
    }

    @Test
    void stateJsonKeepsRecordStatusAsSeeded() {
        assertTrue(sandbox.stateJson().contains("\"status\": \"ENABLE\""));
    }

    @Test
    void badSeedIsRefusedAndTheOldStateKept() {
        assertThrows(IllegalStateException.class, () -> client.admin("PUT", "/_sandbox/state", "{not json"));
        assertEquals(200, client.call("cdn", "DescribeUserDomains").status);
    }

    @Test
    void requestsAreListedWithoutSecretsAndCanBeCleared() {
        client.call("cdn", "StopCdnDomain", "DomainName", "www.example.com");
        client.call("cdn", "StopCdnDomain", "DomainName", "nope.example.com");
        JsonArray calls = JsonParser.parseString(client.admin("GET", "/_sandbox/requests", null)).getAsJsonArray();
        assertEquals(2, calls.size());
        JsonObject ok = calls.get(0).getAsJsonObject();
        assertEquals("cdn", ok.get("product").getAsString());
        assertEquals("StopCdnDomain", ok.get("action").getAsString());
        assertEquals("www.example.com", ok.getAsJsonObject("params").get("DomainName").getAsString());
        assertFalse(ok.getAsJsonObject("params").has("Signature"));
        assertEquals(200, ok.get("httpStatus").getAsInt());
        assertFalse(ok.has("errorCode"));
        assertEquals("InvalidDomain.NotFound", calls.get(1).getAsJsonObject().get("errorCode").getAsString());
        assertEquals(404, sandbox.requests().get(1).httpStatus);
        sandbox.clearRequests();
        assertEquals("[]", client.admin("GET", "/_sandbox/requests", null).trim());
    }

    @Test
    void qpsEnforcementThrottlesPerAction() {
        client.admin("PUT", "/_sandbox/limits", "{\"latencyMs\":0,\"enforceQps\":true}");
        // DescribeTagResources is documented at 10 per second
        int throttled = 0;
        for (int i = 0; i < 14; i++) {
            RawClient.Answer a = client.call("cdn", "DescribeTagResources", "ResourceType", "DOMAIN", "ResourceId.1", "www.example.com");
            if (a.status != 200) {
                assertEquals(400, a.status);
                assertEquals("Throttling.User", a.code());
                throttled++;
            }
        }
        assertTrue(throttled >= 4, "throttled " + throttled);
        // another action has its own window
        assertEquals(200, client.call("cdn", "DescribeUserDomains").status);
    }

    @Test
    void latencyIsAddedToEveryCall() {
        sandbox.setLimits("{\"latencyMs\":150,\"enforceQps\":false}");
        long t0 = System.nanoTime();
        client.call("alidns", "DescribeDomains");
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 150);
    }

    @Test
    void seededFaultsRepeat() {
        List<Integer> first = statuses("{\"errorRate\":0.3,\"throttleRate\":0.2,\"dropRate\":0,\"seed\":42}");
        List<Integer> second = statuses("{\"errorRate\":0.3,\"throttleRate\":0.2,\"dropRate\":0,\"seed\":42}");
        assertEquals(first, second);
        assertTrue(first.contains(500) || first.contains(503), first::toString);
        assertTrue(first.contains(400), first::toString);
        assertTrue(first.contains(200), first::toString);
    }

    private List<Integer> statuses(String faults) {
        client.admin("PUT", "/_sandbox/faults", faults);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            out.add(client.call("bssopenapi", "QueryAccountBalance").status);
        }
        return out;
    }

    @Test
    void droppedConnectionsReachTheClientAsIoErrors() {
        sandbox.setFaults(new Faults(0, 0, 1.0, 3));
        assertThrows(UncheckedIOException.class, () -> client.call("cdn", "DescribeUserDomains"));
        assertEquals("DroppedConnection", sandbox.requests().get(0).errorCode);
    }

    @Test
    void aLostReplyCarriesTheCallOutButTheClientSeesADroppedConnection() {
        // given every answer lost after the call is carried out
        sandbox.setFaults(new Faults(0, 0, 0, 1.0, 3));

        // when a write is sent, the client gets no answer
        assertThrows(UncheckedIOException.class, () -> client.call("cdn", "StopCdnDomain", "DomainName", "www.example.com"));

        // then the write happened all the same, and the log says so (the status it would have answered) and that the reply was lost
        sandbox.setFaults(new Faults());
        assertEquals("offline", client.call("cdn", "DescribeCdnDomainDetail", "DomainName", "www.example.com")
                .body.getAsJsonObject("GetDomainDetailModel").get("DomainStatus").getAsString());
        assertEquals(200, sandbox.requests().get(0).httpStatus);
        assertEquals("LostReply", sandbox.requests().get(0).errorCode);
    }

    @Test
    void updateLetsTestsPlayTheCloud() {
        sandbox.update(s -> {
            s.cdnDomain("www.example.com").status = "offline";
            s.account.inDebtOverdue = true;
            s.cdn.add(new Domain("new.example.com", null, "online", "global").source(new Source("ipaddr", "203.0.113.5", 80, "20")));
        });
        assertEquals(1, client.call("cdn", "DescribeUserDomains", "DomainStatus", "offline").body.get("TotalCount").getAsInt());
        assertEquals("new.example.com.w.kunlunsl.com", client.call("cdn", "DescribeCdnDomainDetail", "DomainName", "new.example.com")
                .body.getAsJsonObject("GetDomainDetailModel").get("Cname").getAsString());
        assertFalse(client.call("cdn", "DescribeUserCdnStatus").body.get("OnService").getAsBoolean());
    }
}
