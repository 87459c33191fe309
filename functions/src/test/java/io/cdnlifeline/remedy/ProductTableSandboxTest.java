package io.cdnlifeline.remedy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DomainPage;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.event.EventParser;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.event.RequestParser;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.report.Skip;
import io.cdnlifeline.run.Functions;
import io.cdnlifeline.sandbox.SandboxCall;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every cell of the per-product table (README "Products"), through the signed client against the sandbox: CDN, DCDN,
 * ApsaraVideo VOD and ApsaraVideo Live, each remedy and its undo. Where a remedy applies, the round trip ends exactly
 * where the account began; where it cannot, the domain is a skip that says why, and no call of the product was made.
 */
class ProductTableSandboxTest {
    static final String CDN = "www.example.com";
    static final String DCDN = "api.example.com";
    static final String VOD_IP = "video.example.com";
    static final String VOD_HOST = "vodhost.example.com";
    static final String VOD_STORAGE = "vodstore.example.com";
    static final String LIVE = "live.example.com";
    static final String LIVE_EDGE = "push.example.com";

    static final String SEED = "{\"account\": {\"inDebt\": false, \"inDebtOverdue\": false, \"availableAmount\": \"100.00\"},"
            + "\"cdn\": [" + domain(CDN, "www.example.com.w.kunlunsl.com", "{\"type\":\"ipaddr\",\"content\":\"203.0.113.10\"}", ",\"cdnType\":\"web\"") + "],"
            + "\"dcdn\": [" + domain(DCDN, "api.example.com.w.kunluncan.com", "{\"type\":\"ipaddr\",\"content\":\"203.0.113.20\"}", "") + "],"
            + "\"vod\": [" + domain(VOD_IP, "video.example.com.w.alikunlun.net", "{\"type\":\"ipaddr\",\"content\":\"203.0.113.30\"}", "") + ","
            + domain(VOD_HOST, "vodhost.example.com.w.alikunlun.net", "{\"type\":\"domain\",\"content\":\"media-origin.example.net\"}", "") + ","
            + domain(VOD_STORAGE, "vodstore.example.com.w.alikunlun.net", "{\"type\":\"oss\",\"content\":\"vod-bucket.oss-cn-shanghai.aliyuncs.com\"}", "")
            + "],"
            + "\"live\": [{\"domain\": \"" + LIVE + "\", \"cname\": \"live.example.com.w.alikunlun.net\", \"status\": \"online\","
            + " \"coverage\": \"domestic\", \"icp\": true, \"tags\": {}, \"liveDomainType\": \"liveVideo\", \"region\": \"cn-shanghai\"},"
            + " {\"domain\": \"" + LIVE_EDGE + "\", \"cname\": \"push.example.com.w.alikunlun.net\", \"status\": \"online\","
            + " \"coverage\": \"domestic\", \"icp\": true, \"tags\": {}, \"liveDomainType\": \"liveEdge\", \"region\": \"cn-beijing\"}],"
            + "\"dns\": [{\"zone\": \"example.com\", \"records\": ["
            + record("1001", "www", "www.example.com.w.kunlunsl.com") + "," + record("1002", "api", "api.example.com.w.kunluncan.com") + ","
            + record("1003", "video", "video.example.com.w.alikunlun.net") + "," + record("1004", "vodhost", "vodhost.example.com.w.alikunlun.net") + ","
            + record("1005", "vodstore", "vodstore.example.com.w.alikunlun.net") + "," + record("1006", "live", "live.example.com.w.alikunlun.net")
            + "]}]}";

    private SandboxCloud cloud;

    private static String domain(String name, String cname, String source, String extra) {
        String s = source.substring(0, source.length() - 1) + ",\"port\":80,\"priority\":\"20\",\"weight\":\"10\",\"enabled\":\"online\"}";
        return "{\"domain\": \"" + name + "\", \"cname\": \"" + cname + "\", \"status\": \"online\", \"coverage\": \"domestic\","
                + " \"icp\": true, \"tags\": {}, \"sources\": [" + s + "]" + extra + "}";
    }

    private static String record(String id, String rr, String value) {
        return "{\"recordId\": \"" + id + "\", \"rr\": \"" + rr + "\", \"type\": \"CNAME\", \"value\": \"" + value + "\", \"ttl\": 600,"
                + " \"line\": \"default\", \"status\": \"ENABLE\", \"locked\": false, \"remark\": \"\"}";
    }

    @BeforeEach
    void start() {
        cloud = SandboxCloud.start(SEED);
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private Report run(String function, String requestJson) {
        return cloud.run(Functions.byName(function), RequestParser.parse(requestJson)).report();
    }

    private Report runEvent(String function, String eventJson) {
        return cloud.run(Functions.byName(function), EventParser.parse(eventJson, function)).report();
    }

    private JsonObject state() {
        return JsonParser.parseString(cloud.sandbox().stateJson()).getAsJsonObject();
    }

    /** The account without what only time changes (gmtModified): what an exact round trip must give back. */
    private JsonObject account() {
        JsonObject s = state();
        for (String product : List.of("cdn", "dcdn", "vod", "live")) {
            for (JsonElement d : s.getAsJsonArray(product)) d.getAsJsonObject().remove("gmtModified");
        }
        s.remove("faults");
        s.remove("limits");
        return s;
    }

    private static Skip skip(Report r, String domain) {
        return r.skipped().stream().filter(s -> s.domain().equals(domain)).findFirst()
                .orElseThrow(() -> new AssertionError(domain + " was not skipped: " + r));
    }

    private static List<Change> changes(Report r, String domain) {
        return r.changes().stream().filter(c -> c.domain().equals(domain)).collect(Collectors.toList());
    }

    private JsonObject dnsRecord(String id) {
        for (JsonElement z : state().getAsJsonArray("dns")) {
            for (JsonElement r : z.getAsJsonObject().getAsJsonArray("records")) {
                if (r.getAsJsonObject().get("recordId").getAsString().equals(id)) return r.getAsJsonObject();
            }
        }
        throw new AssertionError("no record " + id);
    }

    private JsonObject domainNow(String product, String name) {
        for (JsonElement d : state().getAsJsonArray(product)) {
            if (d.getAsJsonObject().get("domain").getAsString().equals(name)) return d.getAsJsonObject();
        }
        throw new AssertionError("no " + product + " domain " + name);
    }

    private List<SandboxCall> callsOf(String product) {
        return cloud.requests().stream().filter(c -> product.equals(c.product)).collect(Collectors.toList());
    }

    @Test
    void dnsToOriginAndBackCoverCdnDcdnAndVodCustomerOriginsAndSkipVodStorageAndLive() {
        // given every domain named, whatever its status
        JsonObject before = account();
        String named = "{\"domains\": [\"" + CDN + "\", \"" + DCDN + "\", \"" + VOD_IP + "\", \"" + VOD_HOST + "\", \"" + VOD_STORAGE
                + "\", \"" + LIVE + "\"], \"when\": [\"always\"]}";

        // when dns-to-origin runs
        Report there = run("dns-to-origin", named);

        // then CDN, DCDN and the VOD domains with an ipaddr or domain origin point at their origin
        assertEquals(0, there.count(ChangeStatus.FAILED), there.toString());
        assertEquals("A 203.0.113.10", typeValue("1001"));
        assertEquals("A 203.0.113.20", typeValue("1002"));
        assertEquals("A 203.0.113.30", typeValue("1003"));
        assertEquals("CNAME media-origin.example.net", typeValue("1004"));
        // and the VOD domain served from VOD's storage and the Live domain are skipped with that reason, their records untouched
        assertTrue(skip(there, VOD_STORAGE).why().contains("ApsaraVideo VOD's own storage"), skip(there, VOD_STORAGE).why());
        assertTrue(skip(there, LIVE).why().contains("no origin of yours"), skip(there, LIVE).why());
        assertEquals("CNAME vodstore.example.com.w.alikunlun.net", typeValue("1005"));
        assertEquals("CNAME live.example.com.w.alikunlun.net", typeValue("1006"));

        // when dns-to-cdn runs on the same names
        Report back = run("dns-to-cdn", named);

        // then every record is exactly as it was, and Live is skipped again for the same reason
        assertEquals(0, back.count(ChangeStatus.FAILED), back.toString());
        assertTrue(skip(back, LIVE).why().contains("no origin of yours"), skip(back, LIVE).why());
        assertEquals(before, account());
    }

    private String typeValue(String recordId) {
        JsonObject r = dnsRecord(recordId);
        return r.get("type").getAsString() + " " + r.get("value").getAsString();
    }

    @Test
    void switchToOverseasAndRestoreCoverCdnDcdnAndLiveAndSkipVodWithTheConsolePath() {
        // given a CDN, a DCDN, a VOD and a Live domain, all domestic
        JsonObject before = account();
        String named = "{\"domains\": [\"" + CDN + "\", \"" + DCDN + "\", \"" + VOD_IP + "\", \"" + LIVE + "\"], \"when\": [\"always\"]}";

        // when switch-to-overseas runs on them
        Report there = run("switch-to-overseas", named);

        // then CDN, DCDN and Live are overseas with their original region in a tag (Live through ModifyLiveDomainSchdmByProperty)
        assertEquals(0, there.count(ChangeStatus.FAILED), there.toString());
        assertEquals("overseas", domainNow("cdn", CDN).get("coverage").getAsString());
        assertEquals("overseas", domainNow("dcdn", DCDN).get("coverage").getAsString());
        JsonObject live = domainNow("live", LIVE);
        assertEquals("overseas", live.get("coverage").getAsString());
        assertEquals("domestic", live.getAsJsonObject("tags").get("lifeline:coverage").getAsString());
        assertEquals(1, cloud.count("ModifyLiveDomainSchdmByProperty"));
        // and VOD is skipped with the console path, without any VOD call beyond the detection's read
        Skip vod = skip(there, VOD_IP);
        assertTrue(vod.why().contains("no documented API") && vod.why().contains("ApsaraVideo VOD console"), vod.why());
        assertEquals("domestic", domainNow("vod", VOD_IP).get("coverage").getAsString());
        assertEquals(List.of("DescribeVodDomainDetail"), callsOf("vod").stream().map(c -> c.action).distinct().collect(Collectors.toList()));

        // when restore-coverage runs on the same names
        Report back = run("restore-coverage", named.replace(", \"when\": [\"always\"]", ""));

        // then every domain is exactly as it was (coverage back, tags and lock flags gone)
        assertEquals(0, back.count(ChangeStatus.FAILED), back.toString());
        assertTrue(skip(back, VOD_IP).why().contains("ApsaraVideo VOD console"), back.toString());
        assertEquals(before, account());
    }

    @Test
    void disableAndEnableCoverEveryProductVodInBatchesAndWithoutMarker() {
        // given one domain of each product, online
        JsonObject before = account();
        String named = "{\"domains\": [\"" + CDN + "\", \"" + DCDN + "\", \"" + VOD_IP + "\", \"" + LIVE + "\"], \"reason\": \"maintenance\"}";

        // when disable-domain names them
        Report off = run("disable-domain", named);

        // then every one is offline: VOD by BatchStopVodDomain (its only stop), Live by StopLiveDomain with its marker tag
        assertEquals(0, off.count(ChangeStatus.FAILED), off.toString());
        for (String[] d : new String[][]{{"cdn", CDN}, {"dcdn", DCDN}, {"vod", VOD_IP}, {"live", LIVE}}) {
            assertEquals("offline", domainNow(d[0], d[1]).get("status").getAsString(), d[1]);
        }
        List<SandboxCall> vodStops = cloud.requests("BatchStopVodDomain");
        assertEquals(1, vodStops.size());
        assertEquals(VOD_IP, vodStops.get(0).params.get("DomainNames"));
        assertEquals("cn-shanghai", vodStops.get(0).params.get("RegionId"));
        assertEquals(1, cloud.count("StopLiveDomain"));
        assertEquals("maintenance", domainNow("live", LIVE).getAsJsonObject("tags").get("lifeline:disabled").getAsString());
        // VOD carries no marker (no tag API), and the Report says so on its change
        Change vodStop = changes(off, VOD_IP).get(0);
        assertTrue(vodStop.note().contains("no marker"), vodStop.toString());
        assertTrue(callsOf("vod").stream().noneMatch(c -> c.action.contains("Tag")), callsOf("vod").toString());

        // when a second run names them again
        Report again = run("disable-domain", named);

        // then nothing changes: each is reported unchanged
        assertEquals(4, again.count(ChangeStatus.UNCHANGED), again.toString());

        // when enable-domain names them
        Report on = run("enable-domain", named);

        // then every domain is exactly as it was: online, markers and lock flags gone
        assertEquals(0, on.count(ChangeStatus.FAILED), on.toString());
        assertEquals(1, cloud.count("BatchStartVodDomain"));
        assertEquals(1, cloud.count("StartLiveDomain"));
        assertEquals(before, account());
    }

    @Test
    void vodDomainsAreStoppedAndStartedOnlyWhenNamedBecauseNoMarkerCanSayWhoStoppedThem() {
        // given a VOD domain offline (stopped by someone) and a run by condition
        cloud.sandbox().update(s -> s.vodDomain(VOD_HOST).status = "offline");

        // when disable-domain runs by condition on VOD, and enable-domain too (its timer default selects nothing: no marker)
        Report off = run("disable-domain", "{\"when\": [\"online\"], \"products\": [\"vod\"]}");
        Report timer = run("enable-domain", "{\"products\": [\"vod\"]}");
        Report on = run("enable-domain", "{\"when\": [\"offline\"], \"products\": [\"vod\"]}");

        // then neither writes: each VOD domain is a skip saying that only a named run acts on it
        assertTrue(skip(off, VOD_IP).why().contains("name the domain to stop it"), off.toString());
        assertTrue(skip(on, VOD_HOST).why().contains("name the domain to start it"), on.toString());
        assertTrue(timer.changes().isEmpty() && timer.skipped().isEmpty(), timer.toString());
        assertEquals(0, cloud.count("BatchStopVodDomain") + cloud.count("BatchStartVodDomain"));
        assertEquals("offline", domainNow("vod", VOD_HOST).get("status").getAsString());
    }

    @Test
    void anIcpInvalidNotificationIsTheStatementAboutFilingsTheCloudCannotCheckAndATimerActsOnNoGuess() throws Exception {
        // given DCDN, VOD and Live domains, none of which has an ICP check
        // when the timer's kind of run (no domains named) looks for invalid filings among them
        Report timer = run("switch-to-overseas", "{\"when\": [\"icp-invalid\"], \"products\": [\"dcdn\", \"vod\", \"live\"]}");

        // then nothing is switched: the filing is unknown, and the Report says why
        assertEquals(0, cloud.count("ModifyDCdnDomainSchdmByProperty") + cloud.count("ModifyLiveDomainSchdmByProperty"), timer.toString());
        assertTrue(timer.notes().stream().anyMatch(n -> n.contains("not available for ApsaraVideo Live")), timer.notes().toString());

        // when an IcpInvalid notification from the filing check names them
        String event = new String(Files.readAllBytes(Path.of("..", "events", "notification-icp-invalid.json")), StandardCharsets.UTF_8);
        JsonObject e = JsonParser.parseString(event).getAsJsonObject();
        JsonArray domains = new JsonArray();
        for (String d : List.of(DCDN, VOD_IP, LIVE)) domains.add(d);
        e.getAsJsonObject("data").add("domains", domains);
        Report there = runEvent("switch-to-overseas", e.toString());

        // then DCDN and Live move overseas on that statement, VOD is skipped with its console path, and the notes name who stated it
        assertEquals(0, there.count(ChangeStatus.FAILED), there.toString());
        assertEquals("overseas", domainNow("dcdn", DCDN).get("coverage").getAsString());
        assertEquals("overseas", domainNow("live", LIVE).get("coverage").getAsString());
        assertTrue(skip(there, VOD_IP).why().contains("ApsaraVideo VOD console"), there.toString());
        assertTrue(there.notes().stream().anyMatch(n -> n.contains("ICP filing of " + LIVE) && n.contains("taken as invalid")
                && n.contains("notification:IcpInvalid from filing-check")), there.notes().toString());

        // when the IcpRestored notification names them while the filing is valid again
        e.addProperty("type", "lifeline:Notification:IcpRestored");
        Report back = runEvent("restore-coverage", e.toString());

        // then they are back where they were
        assertEquals(0, back.count(ChangeStatus.FAILED), back.toString());
        assertEquals("domestic", domainNow("dcdn", DCDN).get("coverage").getAsString());
        assertEquals("domestic", domainNow("live", LIVE).get("coverage").getAsString());
        assertTrue(domainNow("live", LIVE).getAsJsonObject("tags").entrySet().isEmpty(), domainNow("live", LIVE).toString());
    }

    @Test
    void aProductTheAccountDoesNotUseIsLeftOutWithOneNoteUnlessTheRequestNamesIt() {
        // given an account that never activated VOD and a role that may not read Live
        cloud.sandbox().update(s -> {
            s.account.notActivated = List.of("vod");
            s.account.notAuthorized = List.of("live");
        });

        // when an account-wide run of a function that acts on every product looks at them all
        Report all = run("enable-domain", "{}");

        // then the run does not fail; one note says each product was left out, with the cloud's code
        assertEquals(0, all.count(ChangeStatus.FAILED), all.toString());
        assertTrue(all.notes().contains("vod left out: the account has not activated it (OperationDenied); name it in \"products\" "
                + "to have this fail the run instead"), all.notes().toString());
        assertTrue(all.notes().stream().anyMatch(n -> n.startsWith("live left out: the function role may not read it (")),
                all.notes().toString());

        // when a run names a domain and lets every product be asked
        Report named = run("dns-to-origin", "{\"domains\": [\"nowhere.example.com\"], \"when\": [\"always\"]}");

        // then the unusable products are left out there too, and the name is simply not found
        assertEquals(0, named.count(ChangeStatus.FAILED), named.toString());
        assertTrue(skip(named, "nowhere.example.com").why().contains("not an accelerated domain"), named.toString());

        // when the Request names VOD
        Report vod = run("dns-to-origin", "{\"when\": [\"offline\"], \"products\": [\"vod\"]}");

        // then the unreadable list is a failed read, as for any product
        assertEquals(1, vod.count(ChangeStatus.FAILED), vod.toString());
        assertEquals("OperationDenied", vod.changes().get(0).error().code());
    }

    @Test
    void anAccountWideRunDoesNotListAProductItCannotActOnAndSaysWhyOnce() {
        // when dns-to-origin's timer kind of run looks at the whole account
        Report r = run("dns-to-origin", "{\"when\": [\"offline\"]}");

        // then Live is not listed at all (its domains have no origin), and one note says why
        assertEquals(0, cloud.count("DescribeLiveUserDomains"), r.toString());
        assertEquals(1, cloud.count("DescribeVodUserDomains"));
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("live domains not looked at: an ApsaraVideo Live domain has no origin")),
                r.notes().toString());
        assertTrue(r.skipped().stream().noneMatch(s -> "live".equals(s.product())), r.toString());
    }

    @Test
    void inspectShowsEveryProductsDomainsAndAsksVodForNoTags() {
        // given a Live domain switched overseas by cdn-lifeline
        cloud.sandbox().update(s -> {
            s.liveDomain(LIVE).coverage = "overseas";
            s.liveDomain(LIVE).tags.put("lifeline:coverage", "domestic");
        });

        // when inspect looks at the whole account
        Report r = run("inspect", "{}");

        // then every domain of the four products has a row, with the product, its coverage from the detail and its markers
        assertEquals(0, r.count(ChangeStatus.FAILED), r.toString());
        Map<String, JsonObject> rows = new java.util.HashMap<>();
        for (JsonElement e : r.domains()) rows.put(e.getAsJsonObject().get("domain").getAsString(), e.getAsJsonObject());
        assertEquals(java.util.Set.of(CDN, DCDN, VOD_IP, VOD_HOST, VOD_STORAGE, LIVE, LIVE_EDGE), rows.keySet());
        assertEquals("vod", rows.get(VOD_IP).get("product").getAsString());
        assertEquals("domestic", rows.get(VOD_IP).get("coverage").getAsString());
        assertEquals("not-available", rows.get(VOD_IP).get("icp").getAsString());
        JsonObject live = rows.get(LIVE);
        assertEquals("overseas", live.get("coverage").getAsString());
        assertEquals("lifeline:coverage", live.getAsJsonArray("markers").get(0).getAsJsonObject().get("key").getAsString());
        // restore-coverage's timer cannot tell a Live filing (no ICP check): undecided, and it says why
        assertTrue(live.has("undecided") && live.getAsJsonArray("undecided").toString().contains("restore-coverage")
                && live.getAsJsonArray("undecided").toString().contains("not available for ApsaraVideo Live"), live.toString());
        // and VOD, which has no tag API, was asked for none
        assertTrue(callsOf("vod").stream().noneMatch(c -> c.action.contains("Tag")), callsOf("vod").toString());
    }

    @Test
    void theAdaptersReadVodAndLiveListsByTheirOwnFieldsAndPageSizes() throws CloudException {
        // given VOD and Live domains
        // when their lists are read through the signed client
        DomainPage live = cloud.cloud().cdn().listDomains(Product.LIVE, 1, 50, null);
        DomainPage vod = cloud.cloud().cdn().listDomains(Product.VOD, 1, 50, null);

        // then Live's status comes from LiveDomainStatus, and neither list says the coverage (only the details do)
        Map<String, AcceleratedDomain> byName = live.domains().stream().collect(Collectors.toMap(AcceleratedDomain::name, d -> d));
        assertEquals("online", byName.get(LIVE).status());
        assertEquals("online", byName.get(LIVE_EDGE).status());
        assertEquals(null, byName.get(LIVE).coverage());
        assertEquals(3, vod.domains().size());
        assertTrue(vod.domains().stream().allMatch(d -> d.coverage() == null && d.origins().size() == 1));
        assertEquals("domestic", cloud.cloud().cdn().describeDomain(Product.LIVE, LIVE).coverage());
        assertTrue(cloud.cloud().cdn().describeDomain(Product.LIVE, LIVE).origins().isEmpty());
        assertEquals("oss", cloud.cloud().cdn().describeDomain(Product.VOD, VOD_STORAGE).origins().get(0).type());
        // and a page larger than 50, or an operation the product does not document, is refused before any call
        int before = cloud.requests().size();
        assertThrows(IllegalArgumentException.class, () -> cloud.cloud().cdn().listDomains(Product.VOD, 1, 51, null));
        assertThrows(IllegalArgumentException.class, () -> cloud.cloud().cdn().setCoverage(Product.VOD, VOD_IP, "overseas"));
        assertThrows(IllegalArgumentException.class, () -> cloud.cloud().cdn().tags(Product.VOD, List.of(VOD_IP)));
        assertThrows(IllegalArgumentException.class, () -> cloud.cloud().cdn().stopDomain(Product.VOD, VOD_IP));
        assertThrows(IllegalArgumentException.class, () -> cloud.cloud().cdn().batchStopDomains(Product.LIVE, List.of(LIVE)));
        assertEquals(before, cloud.requests().size());
        assertFalse(callsOf("vod").isEmpty());
    }
}
