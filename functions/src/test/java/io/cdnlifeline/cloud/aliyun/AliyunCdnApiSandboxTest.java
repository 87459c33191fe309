package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DomainPage;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.SandboxCall;
import io.cdnlifeline.sandbox.Source;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every CdnApi method through the real SDK against the sandbox, CDN and DCDN. */
class AliyunCdnApiSandboxTest {
    private SandboxCloud sc;
    private CdnApi cdn;

    @BeforeEach
    void start() {
        sc = SandboxCloud.start("{}");
        sc.sandbox().update(s -> {
            Domain www = new Domain("www.example.com", "www.example.com.w.kunlunsl.com", "online", "domestic");
            www.source(new Source("ipaddr", "203.0.113.10", 80, "20"));
            Source backup = new Source("domain", "backup.example.com", 443, "30");
            backup.enabled = "offline";
            www.source(backup);
            www.tags.put("team", "web");
            s.cdn.add(www);
            Domain img = new Domain("img.example.com", null, "offline", "global");
            img.icp = false;
            s.cdn.add(img);
            s.cdn.add(new Domain("static.example.com", null, "online", "domestic"));
            Domain api = new Domain("api.example.com", "api.example.com.w.kunluncan.com", "online", "global");
            api.source(new Source("domain", "origin.example.com", 80, "20"));
            s.dcdn.add(api);
            s.dcdn.add(new Domain("ws.example.com", null, "offline", "domestic"));
        });
        cdn = sc.cloud().cdn();
    }

    @AfterEach
    void stop() {
        sc.close();
    }

    @Test
    void namedDomainsAreFoundThroughTheNameFilterNotByPagingTheAccount() throws CloudException {
        // given an account with 1,200 more CDN domains than the ones asked for
        sc.sandbox().update(s -> {
            for (int i = 0; i < 1200; i++) s.cdn.add(new Domain("d" + i + ".example.org", null, "online", "domestic"));
        });
        sc.clearRequests();

        // when two CDN names, one unknown, and one DCDN name are looked up
        List<AcceleratedDomain> cdnFound = cdn.findDomains(Product.CDN, List.of("www.example.com", "img.example.com", "nope.example.com"));
        List<AcceleratedDomain> dcdnFound = cdn.findDomains(Product.DCDN, List.of("api.example.com"));

        // then exactly the known names come back, with one filtered list call per product
        assertEquals(Set.of("www.example.com", "img.example.com"), names(cdnFound));
        assertEquals(Set.of("api.example.com"), names(dcdnFound));
        assertEquals(1, sc.count("DescribeUserDomains"));
        assertEquals(1, sc.count("DescribeDcdnUserDomains"));
        SandboxCall call = sc.requests("DescribeUserDomains").get(0);
        assertEquals("full_match", call.params.get("DomainSearchType"));
        assertEquals("www.example.com,img.example.com,nope.example.com", call.params.get("DomainName"));
    }

    private static Set<String> names(List<AcceleratedDomain> ds) {
        Set<String> out = new HashSet<>();
        for (AcceleratedDomain d : ds) out.add(d.name());
        return out;
    }

    @Test
    void listPagesPastFiveHundredDomains() throws CloudException {
        // given 1203 CDN domains in all
        sc.sandbox().update(s -> {
            for (int i = 0; i < 1200; i++) s.cdn.add(new Domain(String.format("d%04d.example.net", i), null, "online", "domestic"));
        });
        // when we page through them 500 at a time
        Set<String> names = new HashSet<>();
        List<DomainPage> pages = new ArrayList<>();
        DomainPage page;
        int n = 1;
        do {
            page = cdn.listDomains(Product.CDN, n++, CdnApi.MAX_PAGE_SIZE, null);
            pages.add(page);
            for (AcceleratedDomain d : page.domains()) names.add(d.name());
        } while (page.hasNext());
        // then three calls brought every domain once
        assertEquals(3, pages.size());
        assertEquals(1203, pages.get(0).totalCount());
        assertEquals(List.of(500, 500, 203), List.of(pages.get(0).domains().size(), pages.get(1).domains().size(), pages.get(2).domains().size()));
        assertEquals(1203, names.size());
        List<SandboxCall> calls = sc.requests("DescribeUserDomains");
        assertEquals(3, calls.size());
        assertEquals("500", calls.get(2).params.get("PageSize"));
        assertEquals("3", calls.get(2).params.get("PageNumber"));
    }

    @Test
    void namedDomainsAreFoundWithOneFilteredCallPerProductWhateverTheAccountSize() throws CloudException {
        // given 1,200 more CDN domains, so the named one sits on the list's third page
        sc.sandbox().update(s -> {
            for (int i = 0; i < 1200; i++) s.cdn.add(new Domain(String.format("d%04d.example.net", i), null, "online", "domestic"));
        });
        sc.sandbox().clearRequests();
        // when one CDN name, one DCDN name and an unknown name are looked up in both products
        List<AcceleratedDomain> inCdn = cdn.findDomains(Product.CDN, List.of("d1100.example.net", "nowhere.example.org"));
        List<AcceleratedDomain> inDcdn = cdn.findDomains(Product.DCDN, List.of("ws.example.com"));
        // then each product took one call, and the list's facts came back
        assertEquals(1, sc.count("DescribeUserDomains"));
        assertEquals(1, sc.count("DescribeDcdnUserDomains"));
        assertEquals(List.of("d1100.example.net"), List.of(inCdn.get(0).name()));
        assertEquals(1, inCdn.size());
        assertEquals("offline", inDcdn.get(0).status());
        assertEquals(1, inDcdn.size());
    }

    @Test
    void fiftyCdnNamesGoInOneCallAndMoreInTheNext() throws CloudException {
        // given 60 CDN domains named at once
        List<String> names = new ArrayList<>();
        sc.sandbox().update(s -> {
            for (int i = 0; i < 60; i++) s.cdn.add(new Domain(String.format("n%02d.example.net", i), null, "online", "domestic"));
        });
        for (int i = 0; i < 60; i++) names.add(String.format("n%02d.example.net", i));
        sc.sandbox().clearRequests();
        // when they are looked up
        List<AcceleratedDomain> found = cdn.findDomains(Product.CDN, names);
        // then 50 names went in the first call and 10 in the second, and all 60 were found
        assertEquals(2, sc.count("DescribeUserDomains"));
        assertEquals(60, found.size());
    }

    @Test
    void listCarriesCoverageCnameAndStatusFilter() throws CloudException {
        DomainPage all = cdn.listDomains(Product.CDN, 1, 20, null);
        AcceleratedDomain www = byName(all, "www.example.com");
        assertEquals("domestic", www.coverage());
        assertEquals("www.example.com.w.kunlunsl.com", www.cname());
        assertEquals(2, www.origins().size());

        DomainPage offline = cdn.listDomains(Product.CDN, 1, 20, "offline");
        assertEquals(List.of("img.example.com"), names(offline));
        assertEquals("offline", sc.requests("DescribeUserDomains").get(1).params.get("DomainStatus"));
    }

    @Test
    void dcdnListHasTheDcdnDomainsWithoutCoverage() throws CloudException {
        DomainPage page = cdn.listDomains(Product.DCDN, 1, 500, null);
        assertEquals(Set.of("api.example.com", "ws.example.com"), new HashSet<>(names(page)));
        assertEquals(2, page.totalCount());
        for (AcceleratedDomain d : page.domains()) {
            assertEquals(Product.DCDN, d.product());
            assertNull(d.coverage());
        }
        assertEquals(1, sc.count("DescribeDcdnUserDomains"));
        assertEquals(0, sc.count("DescribeUserDomains"));
    }

    @Test
    void detailReadsScopeAndWhichOriginsAreEnabled() throws CloudException {
        AcceleratedDomain www = cdn.describeDomain(Product.CDN, "www.example.com");
        assertEquals("domestic", www.coverage());
        assertEquals("online", www.status());
        assertTrue(www.origins().get(0).enabled());
        assertEquals("203.0.113.10", www.origins().get(0).content());
        assertFalse(www.origins().get(1).enabled());
        assertEquals(443, www.origins().get(1).port());

        AcceleratedDomain api = cdn.describeDomain(Product.DCDN, "api.example.com");
        assertEquals(Product.DCDN, api.product());
        assertEquals("global", api.coverage());
        assertEquals("api.example.com.w.kunluncan.com", api.cname());
        assertEquals("origin.example.com", api.origins().get(0).content());
    }

    @Test
    void unknownDomainIsNotFoundAndNotRetried() {
        CloudException e = assertThrows(CloudException.class, () -> cdn.describeDomain(Product.CDN, "nope.example.com"));
        assertEquals(AliyunCdnApi.NOT_FOUND, e.code());
        assertEquals(404, e.httpStatus());
        assertFalse(e.retryable());
        assertTrue(e.requestId() != null && !e.requestId().isEmpty());
        assertEquals(1, sc.count("DescribeCdnDomainDetail"));

        CloudException d = assertThrows(CloudException.class, () -> cdn.describeDomain(Product.DCDN, "nope.example.com"));
        assertEquals(AliyunCdnApi.NOT_FOUND, d.code());
        assertEquals(1, sc.count("DescribeDcdnDomainDetail"));
    }

    @Test
    void stopAndStartChangeTheDomainStatus() throws CloudException {
        cdn.stopDomain(Product.CDN, "www.example.com");
        assertEquals("offline", status(Product.CDN, "www.example.com"));
        cdn.startDomain(Product.CDN, "www.example.com");
        assertEquals("online", status(Product.CDN, "www.example.com"));

        cdn.stopDomain(Product.DCDN, "api.example.com");
        assertEquals("offline", status(Product.DCDN, "api.example.com"));
        cdn.startDomain(Product.DCDN, "api.example.com");
        assertEquals("online", status(Product.DCDN, "api.example.com"));

        assertEquals(1, sc.count("StopCdnDomain"));
        assertEquals(1, sc.count("StartCdnDomain"));
        assertEquals(1, sc.count("StopDcdnDomain"));
        assertEquals(1, sc.count("StartDcdnDomain"));
    }

    @Test
    void batchStopAndStartAreOneCallForManyCdnDomains() throws CloudException {
        cdn.batchStopDomains(Product.CDN, List.of("www.example.com", "static.example.com"));
        assertEquals("offline", status(Product.CDN, "www.example.com"));
        assertEquals("offline", status(Product.CDN, "static.example.com"));
        assertEquals("www.example.com,static.example.com", sc.requests("BatchStopCdnDomain").get(0).params.get("DomainNames"));

        cdn.batchStartDomains(Product.CDN, List.of("www.example.com", "static.example.com"));
        assertEquals("online", status(Product.CDN, "static.example.com"));
        assertEquals(1, sc.count("BatchStopCdnDomain"));
        assertEquals(1, sc.count("BatchStartCdnDomain"));
    }

    @Test
    void dcdnBatchStopAndStartAreOneCallForManyDcdnDomains() throws CloudException {
        // when two DCDN domains are stopped and started in batches
        cdn.batchStopDomains(Product.DCDN, List.of("api.example.com", "ws.example.com"));
        String apiAfterStop = status(Product.DCDN, "api.example.com");
        cdn.batchStartDomains(Product.DCDN, List.of("api.example.com", "ws.example.com"));
        // then each is one BatchStop/BatchStartDcdnDomain with the names comma-separated
        assertEquals("offline", apiAfterStop);
        assertEquals("online", status(Product.DCDN, "ws.example.com"));
        assertEquals(1, sc.count("BatchStopDcdnDomain"));
        assertEquals(1, sc.count("BatchStartDcdnDomain"));
        assertEquals("api.example.com,ws.example.com", sc.requests("BatchStartDcdnDomain").get(0).params.get("DomainNames"));
    }

    @Test
    void moreThanFiftyNamesAreRefusedBeforeAnythingIsSent() {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 51; i++) names.add("d" + i + ".example.com");
        assertThrows(IllegalArgumentException.class, () -> cdn.batchStopDomains(Product.DCDN, names));
        assertTrue(sc.requests().isEmpty());
    }

    @Test
    void setCoverageSendsTheLowercasePropertyForBothProducts() throws CloudException {
        cdn.setCoverage(Product.CDN, "www.example.com", "overseas");
        cdn.setCoverage(Product.DCDN, "api.example.com", "overseas");
        assertEquals("overseas", sc.sandbox().read(s -> s.cdnDomain("www.example.com").coverage));
        assertEquals("overseas", sc.sandbox().read(s -> s.dcdnDomain("api.example.com").coverage));
        assertEquals("{\"coverage\":\"overseas\"}", sc.requests("ModifyCdnDomainSchdmByProperty").get(0).params.get("Property"));
        assertEquals(1, sc.count("ModifyDCdnDomainSchdmByProperty"));
    }

    @Test
    void coverageChangeRefusedByTheCloudIsAFinalClientError() {
        // img has no valid ICP filing: mainland coverage is refused
        CloudException e = assertThrows(CloudException.class, () -> cdn.setCoverage(Product.CDN, "img.example.com", "domestic"));
        assertEquals("Domain.BeianInvalid", e.code());
        assertFalse(e.retryable());
        assertEquals(1, sc.count("ModifyCdnDomainSchdmByProperty"));
    }

    @Test
    void tagsAreWrittenReadAndRemovedByKeyOnly() throws CloudException {
        for (Product p : List.of(Product.CDN, Product.DCDN)) { // Live's tags: ProductTableSandboxTest; VOD has none
            String domain = p == Product.CDN ? "www.example.com" : "api.example.com";
            // when a marker is added next to a tag someone else set
            cdn.tag(p, List.of(domain), Map.of("lifeline:coverage", "domestic"));
            Map<String, Map<String, String>> tags = cdn.tags(p, List.of(domain, p == Product.CDN ? "static.example.com" : "ws.example.com"));
            assertEquals("domestic", tags.get(domain).get("lifeline:coverage"));
            assertTrue(tags.values().stream().anyMatch(Map::isEmpty), "an untagged domain maps to no tags");
            // then removing our key leaves the other tags
            cdn.untag(p, List.of(domain), List.of("lifeline:coverage"));
            Map<String, String> after = cdn.tags(p, List.of(domain)).get(domain);
            assertFalse(after.containsKey("lifeline:coverage"));
            if (p == Product.CDN) assertEquals("web", after.get("team"));
        }
        assertEquals(1, sc.count("TagResources"));
        assertEquals(1, sc.count("UntagResources"));
        assertEquals(2, sc.count("DescribeTagResources"));
        assertEquals(1, sc.count("TagDcdnResources"));
        assertEquals(1, sc.count("UntagDcdnResources"));
        assertEquals(2, sc.count("DescribeDcdnTagResources"));
        assertEquals("DOMAIN", sc.requests("TagResources").get(0).params.get("ResourceType"));
    }

    @Test
    void untagWithoutKeysSendsNothing() throws CloudException {
        cdn.untag(Product.CDN, List.of("www.example.com"), List.of());
        assertEquals(0, sc.count("UntagResources"));
        assertEquals("web", sc.sandbox().read(s -> s.cdnDomain("www.example.com").tags.get("team")));
    }

    @Test
    void icpCheckGoesThroughCommonRequest() throws CloudException {
        assertTrue(cdn.icpValid("www.example.com"));
        assertFalse(cdn.icpValid("img.example.com"));
        List<SandboxCall> calls = sc.requests("CheckCdnDomainICP");
        assertEquals(2, calls.size());
        assertEquals("cdn", calls.get(0).product);
        assertEquals("img.example.com", calls.get(1).params.get("DomainName"));
    }

    private String status(Product p, String name) {
        return sc.sandbox().read(s -> (p == Product.CDN ? s.cdnDomain(name) : s.dcdnDomain(name)).status);
    }

    private static AcceleratedDomain byName(DomainPage page, String name) {
        return page.domains().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names(DomainPage page) {
        List<String> out = new ArrayList<>();
        for (AcceleratedDomain d : page.domains()) out.add(d.name());
        return out;
    }
}
