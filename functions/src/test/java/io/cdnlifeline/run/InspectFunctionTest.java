package io.cdnlifeline.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.cloud.ReadOnlyCloud;
import io.cdnlifeline.cloud.WriteRefusedException;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.InspectTable;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.sandbox.SandboxCall;
import io.cdnlifeline.testing.FailingPort;
import io.cdnlifeline.testing.SandboxCloud;
import io.cdnlifeline.testing.SeedBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * inspect against the sandbox: 600+ CDN domains over 120 zones (past the 100-a-page zone list), one row
 * per domain with where its DNS points, its markers and what a timer would do next; read-only.
 */
class InspectFunctionTest {
    private static final int ZONES = 120;
    private static final int BULK = 605;
    private static SandboxCloud account;

    @BeforeAll
    static void account() {
        account = SandboxCloud.start(seed());
    }

    /** 605 bulk domains over the first 100 zones, and the interesting ones in zones 101..119 (past the first zone page). */
    static String seed() {
        SeedBuilder seed = new SeedBuilder();
        for (int z = 0; z < ZONES; z++) seed.zone("z" + z + ".test");
        // the bulk: online, overseas (no ICP check needed), no DNS record
        for (int i = 0; i < BULK; i++) seed.cdn("h" + i + ".z" + (i % 100) + ".test", "online", "overseas", true);
        // the interesting ones live in zones past the first page of DescribeDomains (100 a page)
        seed.cdn("www.z110.test", "online", "domestic", true);
        seed.record("z110.test", "www", "CNAME", "www.z110.test.w.kunlunsl.com", null);
        seed.record("z110.test", "www", "TXT", "v=spf1 -all", null);

        seed.cdn("api.z111.test", "offline", "domestic", true);
        seed.record("z111.test", "api", "A", SeedBuilder.originOf("api.z111.test"), "lifeline:dns-to-origin cname=api.z111.test.w.kunlunsl.com");

        SeedBuilder.tag(seed.cdn("z112.test", "online", "overseas", true), "lifeline:coverage", "domestic");
        seed.record("z112.test", "@", "A", "198.51.100.7", null);

        seed.cdn("*.z113.test", "online", "domestic", false);
        seed.record("z113.test", "*", "CNAME", "*.z113.test.w.kunlunsl.com", null);

        SeedBuilder.tag(seed.cdn("off.z101.test", "offline", "global", true), "lifeline:disabled", "manual");
        seed.record("z101.test", "off", "CNAME", "off.z101.test.w.kunlunsl.com", null);
        seed.record("z101.test", "off", "A", "192.0.2.1", null);

        seed.dcdn("shop.z105.test", "online", "global", true);
        seed.record("z105.test", "shop", "CNAME", "shop.z105.test.w.kunluncan.com", null);

        seed.cdn("nozone.elsewhere.example", "online", "overseas", true);
        seed.cdn("bare.z119.test", "online", "overseas", true);
        return seed.json();
    }

    @AfterAll
    static void close() {
        account.close();
    }

    static Report inspect(SandboxCloud account, Cloud cloud, Request request) {
        account.clearRequests();
        return new InspectFunction().run(request, Invocation.local(cloud, account.settings(), line -> { }));
    }

    private static Report inspect(Cloud cloud, Request request) {
        account.clearRequests();
        return new InspectFunction().run(request, Invocation.local(cloud, account.settings(), line -> { }));
    }

    static Map<String, JsonObject> rowsByDomain(Report r) {
        Map<String, JsonObject> out = new HashMap<>();
        for (JsonElement e : r.domains()) out.put(e.getAsJsonObject().get("domain").getAsString(), e.getAsJsonObject());
        return out;
    }

    static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        if (a != null) for (JsonElement e : a) out.add(e.getAsString());
        return out;
    }

    static String points(JsonObject row) {
        return row.getAsJsonObject("dns").get("points").getAsString();
    }

    @Test
    void oneRowPerDomainWithWhereItsDnsPointsAndItsMarkers() {
        // when
        Report r = inspect(account.cloud(), Request.builder().build());
        Map<String, JsonObject> rows = rowsByDomain(r);

        // then every domain of both products has a row
        assertEquals(BULK + 8, rows.size());
        assertFalse(r.hasFailures(), r.toString().substring(0, Math.min(2000, r.toString().length())));

        JsonObject www = rows.get("www.z110.test");
        assertEquals("cdn", www.get("product").getAsString());
        assertEquals("online", www.get("status").getAsString());
        assertEquals("domestic", www.get("coverage").getAsString());
        assertEquals("valid", www.get("icp").getAsString());
        assertEquals("not-in-debt", www.get("debt").getAsString());
        assertEquals("z110.test", www.getAsJsonObject("dns").get("zone").getAsString());
        assertEquals("www", www.getAsJsonObject("dns").get("rr").getAsString());
        assertEquals("cdn-cname", points(www), "the TXT record routes nothing");

        JsonObject api = rows.get("api.z111.test");
        assertEquals("origin", points(api));
        JsonObject remark = api.getAsJsonArray("markers").get(0).getAsJsonObject();
        assertEquals("dns-remark", remark.get("kind").getAsString());
        assertTrue(remark.get("remark").getAsString().startsWith("lifeline:"));

        JsonObject apex = rows.get("z112.test");
        assertEquals("@", apex.getAsJsonObject("dns").get("rr").getAsString());
        assertEquals("other", points(apex));
        assertEquals("lifeline:coverage", apex.getAsJsonArray("markers").get(0).getAsJsonObject().get("key").getAsString());

        JsonObject wildcard = rows.get("*.z113.test");
        assertEquals("*", wildcard.getAsJsonObject("dns").get("rr").getAsString());
        assertEquals("cdn-cname", points(wildcard));
        assertEquals("invalid", wildcard.get("icp").getAsString());

        JsonObject off = rows.get("off.z101.test");
        assertEquals("cdn-cname+other", points(off));

        JsonObject shop = rows.get("shop.z105.test");
        assertEquals("dcdn", shop.get("product").getAsString());
        assertEquals("global", shop.get("coverage").getAsString(), "from the DCDN detail: the DCDN list has no coverage");
        assertEquals("not-available", shop.get("icp").getAsString());
        assertEquals("cdn-cname", points(shop));

        assertEquals("no-zone", points(rows.get("nozone.elsewhere.example")));
        assertEquals("no-record", points(rows.get("bare.z119.test")));
        assertEquals("overseas", rows.get("h7.z7.test").get("coverage").getAsString());
        assertEquals("not-checked", rows.get("h7.z7.test").get("icp").getAsString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("not available for DCDN")), r.notes().toString());
    }

    @Test
    void inspectOnlyReadsAndReadsEachThingOnce() {
        Report r = inspect(account.cloud(), Request.builder().build());
        assertNotNull(r.domains());
        assertTrue(r.dryRun(), "inspect says it changed nothing");
        Map<String, Integer> calls = new HashMap<>();
        for (SandboxCall c : account.requests()) {
            assertTrue(c.action.startsWith("Describe") || c.action.startsWith("Check"), "inspect must never write: " + c);
            calls.merge(c.action, 1, Integer::sum);
        }
        int cdnDomains = BULK + 7;
        assertEquals(2, calls.get("DescribeUserDomains"), "612 CDN domains: two pages of 500");
        assertEquals(1, calls.get("DescribeDcdnUserDomains"));
        assertEquals(2, calls.get("DescribeDomains"), "120 zones: two pages of 100");
        assertEquals((cdnDomains + 49) / 50, calls.get("DescribeTagResources"), "tags 50 domains a call");
        assertEquals(1, calls.get("DescribeDcdnTagResources"));
        assertEquals(1, calls.get("DescribeDcdnDomainDetail"), "only for the DCDN coverage");
        assertEquals(null, calls.get("DescribeCdnDomainDetail"));
        assertEquals(1, calls.get("DescribeUserCdnStatus"));
        assertEquals(1, calls.get("DescribeCdnService"));
        assertEquals(1, calls.get("DescribeDcdnService"));
        // ICP: once for each CDN domain with mainland coverage, and at most for the overseas one a remedy must prove valid
        List<String> icp = account.requests("CheckCdnDomainICP").stream().map(c -> c.params.get("DomainName"))
                .collect(java.util.stream.Collectors.toList());
        assertEquals(new java.util.HashSet<>(icp).size(), icp.size(), "each filing checked once: " + icp);
        assertTrue(icp.containsAll(List.of("www.z110.test", "api.z111.test", "*.z113.test", "off.z101.test")), icp.toString());
        assertTrue(List.of("www.z110.test", "api.z111.test", "*.z113.test", "off.z101.test", "z112.test").containsAll(icp), icp.toString());
        int dnsReads = calls.getOrDefault("DescribeDomainRecords", 0) + calls.getOrDefault("DescribeSubDomainRecords", 0);
        assertTrue(dnsReads <= ZONES, "at most one records read per zone, got " + dnsReads);
    }

    @Test
    void theSnapshotRefusesWritesBeforeTheyReachTheCloudAndReadsEachThingOnce() throws CloudException {
        Cloud snapshot = ReadOnlyCloud.of(account.cloud());
        account.clearRequests();
        assertThrows(WriteRefusedException.class, () -> snapshot.cdn().stopDomain(Product.CDN, "www.z110.test"));
        assertThrows(WriteRefusedException.class, () -> snapshot.dns().setRemark("1001", ""));
        assertThrows(WriteRefusedException.class, () -> snapshot.cdn().tag(Product.CDN, List.of("z112.test"), Map.of("k", "v")));
        assertEquals(0, account.requests().size());

        snapshot.cdn().tags(Product.CDN, List.of("z112.test", "www.z110.test"));
        Map<String, Map<String, String>> again = snapshot.cdn().tags(Product.CDN, List.of("z112.test"));
        snapshot.dns().zoneRecords("z110.test");
        List<io.cdnlifeline.cloud.DnsRecord> www = snapshot.dns().subDomainRecords("z110.test", "www.z110.test");
        assertEquals("domestic", again.get("z112.test").get("lifeline:coverage"));
        assertEquals(2, www.size(), "answered from the zone's records");
        assertEquals(List.of("DescribeTagResources", "DescribeDomainRecords"),
                account.requests().stream().map(c -> c.action).collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void namedDomainsAndScope() {
        Report r = inspect(account.cloud(), Request.builder().domain("api.z111.test").domain("ghost.z1.test").build());
        Map<String, JsonObject> rows = rowsByDomain(r);
        assertEquals(1, rows.size());
        assertEquals("origin", points(rows.get("api.z111.test")));
        assertEquals("ghost.z1.test", r.skipped().get(0).domain());
    }

    @Test
    void anUnreadableDebtIsShownAsUnknownAndReported() {
        CloudException denied = new CloudException("Forbidden.RAM", "not authorized", "RID-1", 403, false);
        AccountApi failing = FailingPort.of(AccountApi.class, account.cloud().account(), m -> true, denied);
        Report r = inspect(new Cloud(account.cloud().cdn(), account.cloud().dns(), failing), Request.builder().domain("www.z110.test").build());
        JsonObject www = rowsByDomain(r).get("www.z110.test");
        assertEquals("unknown", www.get("debt").getAsString());
        assertTrue(r.hasFailures(), "the failed read is reported");
        assertTrue(r.changes().stream().anyMatch(c -> c.resource().equals("account:debt/DescribeUserCdnStatus")
                && c.error().code().equals("Forbidden.RAM")), r.changes().toString());
    }

    @Test
    void rendersAsAReadableTable() {
        Report r = inspect(account.cloud(), Request.builder().domain("www.z110.test").domain("shop.z105.test").build());
        String table = InspectTable.render(r);
        String[] lines = table.split("\n");
        assertTrue(lines[0].startsWith("DOMAIN"), table);
        String shop = lines[1];
        String www = lines[2];
        assertTrue(shop.startsWith("shop.z105.test  dcdn"), table);
        assertTrue(www.startsWith("www.z110.test   cdn"), table);
        assertEquals(lines[0].indexOf("DNS"), www.indexOf("www.z110.test cdn-cname"), table);
    }
}
