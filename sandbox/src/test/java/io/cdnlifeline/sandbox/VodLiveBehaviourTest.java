package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ApsaraVideo VOD and Live on the wire: their quirks, the products an account has not activated, and the seed format. */
class VodLiveBehaviourTest {
    private static final String SEED = "{\"vod\": [{\"domain\": \"video.example.com\", \"status\": \"online\", \"coverage\": \"domestic\","
            + " \"sources\": [{\"type\": \"oss\", \"content\": \"b.oss-cn-shanghai.aliyuncs.com\", \"port\": 80, \"priority\": \"20\"}]}],"
            + " \"live\": [{\"domain\": \"live.example.com\", \"status\": \"offline\", \"coverage\": \"domestic\", \"tags\": {\"env\": \"prod\"},"
            + " \"liveDomainType\": \"liveVideo\", \"region\": \"cn-beijing\"},"
            + " {\"domain\": \"push.example.com\", \"liveDomainType\": \"liveEdge\"}]}";
    private static Sandbox sandbox;
    private static RawClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0, SEED);
        client = new RawClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void seed() {
        sandbox.replaceState(SEED);
    }

    @Test
    void listsHoldAtMostFiftyAndLiveSaysLiveDomainStatusAndFiltersOnItsType() {
        // given one VOD and two Live domains
        // when the lists are asked for 51 a page, then 50
        // then 51 is refused and 50 answered; Live's status is LiveDomainStatus, and LiveDomainType filters
        assertEquals("InvalidPageSize.ValueNotSupported", client.call("vod", "DescribeVodUserDomains", "PageSize", "51").code());
        assertEquals("InvalidPageSize.ValueNotSupported", client.call("live", "DescribeLiveUserDomains", "PageSize", "51").code());
        JsonObject live = client.call("live", "DescribeLiveUserDomains", "PageSize", "50").body;
        JsonObject first = live.getAsJsonObject("Domains").getAsJsonArray("PageData").get(0).getAsJsonObject();
        assertEquals("offline", first.get("LiveDomainStatus").getAsString());
        assertFalse(first.has("DomainStatus") || first.has("Scope") || first.has("Sources"), first.toString());
        assertEquals(1, client.call("live", "DescribeLiveUserDomains", "LiveDomainType", "liveEdge").body.get("TotalCount").getAsInt());
        JsonObject vod = client.call("vod", "DescribeVodUserDomains", "PageSize", "50").body;
        assertFalse(vod.getAsJsonObject("Domains").getAsJsonArray("PageData").get(0).getAsJsonObject().has("Scope"));
    }

    @Test
    void vodStopsAndStartsOnlyInBatchesAndHasNoTagOrCoverageOperation() {
        // when VOD's batch stop names its domain, and an unknown one
        assertEquals(200, client.call("vod", "BatchStopVodDomain", "DomainNames", "video.example.com").status);
        RawClient.Answer unknown = client.call("vod", "BatchStartVodDomain", "DomainNames", "video.example.com,nope.example.com");

        // then the first stops it; the second changes nothing and answers VOD's not-found
        assertEquals("InvalidDomain.NotFound", unknown.code());
        assertEquals(404, unknown.status);
        assertEquals("offline", sandbox.read(s -> s.vodDomain("video.example.com").status));
        // and the operations VOD does not document do not exist
        for (String action : List.of("StopVodDomain", "TagVodResources", "ModifyVodDomainSchdmByProperty")) {
            assertEquals("InvalidAction.NotFound", client.call("vod", action, "DomainName", "video.example.com").code(), action);
        }
    }

    @Test
    void liveChangesCoverageStartsAndTagsItsDomains() {
        // when a Live domain is started, switched overseas and tagged
        assertEquals(200, client.call("live", "StartLiveDomain", "DomainName", "live.example.com").status);
        assertEquals(200, client.call("live", "ModifyLiveDomainSchdmByProperty", "DomainName", "live.example.com",
                "Property", "{\"coverage\":\"overseas\"}").status);
        assertEquals(200, client.call("live", "TagLiveResources", "ResourceType", "DOMAIN", "ResourceId.1", "live.example.com",
                "Tag.1.Key", "lifeline:coverage", "Tag.1.Value", "domestic").status);

        // then the state says so, and the tag query answers with the bare arrays
        Domain d = sandbox.read(s -> s.liveDomain("live.example.com"));
        assertEquals("online", d.status);
        assertEquals("overseas", d.coverage);
        assertEquals("domestic", d.tags.get("lifeline:coverage"));
        JsonObject tags = client.call("live", "DescribeLiveTagResources", "ResourceType", "DOMAIN", "ResourceId.1", "live.example.com").body;
        assertTrue(tags.get("TagResources").isJsonArray(), tags.toString());
    }

    @Test
    void aProductTheAccountHasNotActivatedOrMayNotUseAnswersItsOwnCode() {
        // given VOD not activated and Live not allowed
        sandbox.update(s -> {
            s.account.notActivated = List.of("vod");
            s.account.notAuthorized = List.of("live");
        });
        // when either is called, then VOD answers its documented OperationDenied, Live its 401 Forbidden
        RawClient.Answer vod = client.call("vod", "DescribeVodUserDomains");
        assertEquals(403, vod.status);
        assertEquals("OperationDenied", vod.code());
        assertEquals("Your account does not open VOD service yet.", vod.body.get("Message").getAsString());
        assertEquals(401, client.call("live", "DescribeLiveUserDomains").status);
        // and Live not activated answers InvalidIdentity.ServiceDisabled
        sandbox.update(s -> s.account.notActivated = List.of("live"));
        assertEquals("InvalidIdentity.ServiceDisabled", client.call("live", "DescribeLiveUserDomains").code());
    }

    @Test
    void theStateReturnsVodAndLiveInTheSeedFormatAndReplaysExactly() {
        // when the state is read
        JsonObject state = JsonParser.parseString(sandbox.stateJson()).getAsJsonObject();

        // then VOD and Live are there, Live without sources and with its type and region (defaults filled in)
        JsonObject push = state.getAsJsonArray("live").get(1).getAsJsonObject();
        assertFalse(push.has("sources"), push.toString());
        assertEquals("liveEdge", push.get("liveDomainType").getAsString());
        assertEquals("cn-shanghai", push.get("region").getAsString());
        assertEquals("push.example.com.w.alikunlun.net", push.get("cname").getAsString());
        assertEquals(1, state.getAsJsonArray("vod").get(0).getAsJsonObject().getAsJsonArray("sources").size());
        // and a saved state replays exactly
        String saved = sandbox.stateJson();
        sandbox.replaceState(saved);
        assertEquals(saved, sandbox.stateJson());
    }

    @Test
    void aLiveEntryWithSourcesOrAnUnknownTypeIsRefusedWithTheReason() {
        IllegalArgumentException sources = assertThrows(IllegalArgumentException.class, () -> sandbox.replaceState(
                "{\"live\": [{\"domain\": \"live.example.com\", \"sources\": [{\"type\": \"ipaddr\", \"content\": \"203.0.113.1\"}]}]}"));
        assertTrue(sources.getMessage().contains("has no customer origin"), sources.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> sandbox.replaceState(
                "{\"live\": [{\"domain\": \"live.example.com\", \"liveDomainType\": \"liveAudio\"}]}"));
        assertTrue(type.getMessage().contains("liveVideo or liveEdge"), type.getMessage());
    }
}
