package io.cdnlifeline.detect;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.report.Skip;
import io.cdnlifeline.sandbox.SandboxCall;
import io.cdnlifeline.testing.FailingPort;
import io.cdnlifeline.testing.SandboxCloud;
import io.cdnlifeline.testing.SeedBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every condition against the sandbox through the real SDK adapters, CDN and DCDN, with accounts larger
 * than one page (500 domains); API calls counted from the sandbox request log.
 */
class DetectorSandboxTest {
    private static final MarkerProbe NO_MARKERS = candidates -> Set.of();

    /** A probe like the domain remedies': domains carrying a {@code lifeline:coverage} tag, 50 a call. */
    private static MarkerProbe coverageTag(CdnApi cdn) {
        return candidates -> {
            Set<String> marked = new HashSet<>();
            Product p = candidates.get(0).product();
            List<String> names = candidates.stream().map(AcceleratedDomain::name).collect(Collectors.toList());
            for (int i = 0; i < names.size(); i += CdnApi.BATCH) {
                Map<String, Map<String, String>> tags = cdn.tags(p, names.subList(i, Math.min(i + CdnApi.BATCH, names.size())));
                tags.forEach((name, t) -> { if (t.containsKey("lifeline:coverage")) marked.add(name); });
            }
            return marked;
        };
    }

    private static Set<String> names(Detection d) {
        return d.targets().stream().map(t -> t.product().id() + ":" + t.name()).collect(Collectors.toSet());
    }

    private static Detection detect(SandboxCloud a, Cloud cloud, Request r, Selector s, MarkerProbe p, Report.Builder report) {
        return detect(a, a.settings(), cloud, r, s, p, report);
    }

    private static Detection detect(SandboxCloud a, Settings settings, Cloud cloud, Request r, Selector s, MarkerProbe p,
                                    Report.Builder report) {
        a.clearRequests();
        return new Detector(cloud, settings).detect(r, s, p, report);
    }

    private static Map<String, Integer> countByAction(List<SandboxCall> calls) {
        Map<String, Integer> m = new HashMap<>();
        for (SandboxCall c : calls) m.merge(c.action, 1, Integer::sum);
        return m;
    }

    @Test
    void offlineComesFromThePagedListsOfBothProducts() {
        // given 620 CDN and 510 DCDN domains, some offline on the second page of each list
        SeedBuilder seed = new SeedBuilder();
        Set<String> offline = new HashSet<>();
        for (int i = 0; i < 620; i++) {
            boolean off = i % 50 == 0 || i == 619;
            seed.cdn("c" + i + ".example.com", off ? "offline" : "online", "domestic", true);
            if (off) offline.add("cdn:c" + i + ".example.com");
        }
        for (int i = 0; i < 510; i++) {
            boolean off = i % 100 == 7 || i == 509;
            seed.dcdn("d" + i + ".example.com", off ? "offline" : "online", "global", true);
            if (off) offline.add("dcdn:d" + i + ".example.com");
        }
        try (SandboxCloud a = SandboxCloud.start(seed.json())) {
            // when
            Detection d = detect(a, a.cloud(), Request.builder().build(), Selector.anyOf(EnumSet.of(Condition.OFFLINE)), NO_MARKERS,
                    Report.builder("t"));
            // then exactly the offline ones, from two page reads per product (one empty page of VOD and of Live) and nothing else
            assertEquals(offline, names(d));
            assertEquals(1130, d.candidates());
            assertEquals(Map.of("DescribeUserDomains", 2, "DescribeDcdnUserDomains", 2, "DescribeVodUserDomains", 1,
                    "DescribeLiveUserDomains", 1), countByAction(a.requests()));
            // the largest page each list serves: 500, VOD and Live 50
            for (SandboxCall c : a.requests()) {
                assertEquals("vod".equals(c.product) || "live".equals(c.product) ? "50" : "500", c.params.get("PageSize"), c.toString());
            }
        }
    }

    @Test
    void inDebtIsReadOncePerRunAndCoversBothProducts() {
        SeedBuilder seed = new SeedBuilder().debt(true, false);
        seed.cdn("www.example.com", "online", "domestic", true);
        seed.dcdn("api.example.com", "online", "domestic", true);
        try (SandboxCloud a = SandboxCloud.start(seed.json())) {
            Detection d = detect(a, a.cloud(), Request.builder().build(), SelectorTest.DNS_TO_ORIGIN, NO_MARKERS, Report.builder("t"));
            assertEquals(Set.of("cdn:www.example.com", "dcdn:api.example.com"), names(d));
            Map<String, Integer> calls = countByAction(a.requests());
            assertEquals(1, calls.get("DescribeUserCdnStatus"));
            assertEquals(1, calls.get("DescribeCdnService"));
            assertEquals(1, calls.get("DescribeDcdnService"));

            // when the account is overdue: InDebtOverdue and the financial operation lock
            a.sandbox().update(s -> { s.account.inDebt = false; s.account.inDebtOverdue = true; });
            assertEquals(2, detect(a, a.cloud(), Request.builder().build(), Selector.anyOf(EnumSet.of(Condition.IN_DEBT)), NO_MARKERS,
                    Report.builder("t")).targets().size());

            // and when it paid: nothing is in debt, and dns-to-cdn's "not in-debt" holds
            a.sandbox().update(s -> s.account.inDebtOverdue = false);
            assertTrue(detect(a, a.cloud(), Request.builder().build(), Selector.anyOf(EnumSet.of(Condition.IN_DEBT)), NO_MARKERS,
                    Report.builder("t")).targets().isEmpty());
        }
    }

    @Test
    void icpIsCheckedOnceForEachMainlandCdnCandidateAndNeverForDcdn() {
        // given 610 CDN domains, most overseas; 8 with mainland coverage of which 3 have an invalid filing; 2 DCDN
        SeedBuilder seed = new SeedBuilder();
        for (int i = 0; i < 602; i++) seed.cdn("o" + i + ".example.com", "online", "overseas", i % 2 == 0);
        String[] mainland = {"m1.example.com", "m2.example.com", "m3.example.com", "m4.example.com", "m5.example.com",
                "g1.example.com", "g2.example.com", "g3.example.com"};
        Set<String> invalid = Set.of("cdn:m2.example.com", "cdn:m5.example.com", "cdn:g3.example.com");
        for (String m : mainland) {
            seed.cdn(m, "online", m.startsWith("m") ? "domestic" : "global", !invalid.contains("cdn:" + m));
        }
        seed.dcdn("api.example.com", "online", "domestic", false);
        seed.dcdn("img.example.com", "online", "global", false);
        try (SandboxCloud a = SandboxCloud.start(seed.json())) {
            Report.Builder report = Report.builder("t");
            Detection d = detect(a, a.cloud(), Request.builder().build(), SelectorTest.SWITCH_TO_OVERSEAS, NO_MARKERS, report);
            Report r = report.build();
            assertEquals(invalid, names(d));
            List<SandboxCall> icp = a.requests("CheckCdnDomainICP");
            assertEquals(Set.of(mainland), icp.stream().map(c -> c.params.get("DomainName")).collect(Collectors.toSet()));
            assertEquals(mainland.length, icp.size());
            assertEquals(2 + 1 + 2 + mainland.length, a.requests().size(),
                    "2 CDN pages, 1 DCDN page, 1 (empty) VOD and Live page each, one ICP check per mainland CDN domain");
            assertTrue(r.notes().contains(Detector.icpNotAvailable(Product.DCDN)), r.notes().toString());
            List<Skip> dcdn = r.skipped().stream().filter(s -> "dcdn".equals(s.product())).collect(Collectors.toList());
            assertEquals(2, dcdn.size());
            assertTrue(dcdn.get(0).why().contains("not available for DCDN"), dcdn.get(0).why());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 1100})
    void oneDetectionPassCostsThePageReadsPlusOneCallPerCandidate(int n) {
        // given N CDN domains of which 4 have mainland coverage (the ICP candidates)
        SeedBuilder seed = new SeedBuilder();
        for (int i = 0; i < n; i++) seed.cdn("d" + i + ".example.com", "online", i % (n / 4) == 1 ? "domestic" : "overseas", i != 1);
        try (SandboxCloud a = SandboxCloud.start(seed.json())) {
            Detection d = detect(a, a.cloud(), Request.builder().product(Product.CDN).build(), SelectorTest.SWITCH_TO_OVERSEAS,
                    NO_MARKERS, Report.builder("t"));
            // then ceil(N/500) list pages plus 4 ICP checks, nothing else
            int pages = (n + CdnApi.MAX_PAGE_SIZE - 1) / CdnApi.MAX_PAGE_SIZE;
            assertEquals(Map.of("DescribeUserDomains", pages, "CheckCdnDomainICP", 4), countByAction(a.requests()));
            assertEquals(Set.of("cdn:d1.example.com"), names(d));
        }
    }

    @Test
    void onlineRemediatedAndAlways() {
        SeedBuilder seed = new SeedBuilder();
        SeedBuilder.tag(seed.cdn("a.example.com", "online", "overseas", true), "lifeline:coverage", "domestic");
        seed.cdn("b.example.com", "online", "domestic", true);
        SeedBuilder.tag(seed.cdn("c.example.com", "offline", "overseas", true), "lifeline:coverage", "global");
        SeedBuilder.tag(seed.dcdn("d.example.com", "online", "overseas", true), "lifeline:coverage", "domestic");
        seed.dcdn("e.example.com", "offline", "domestic", true);
        try (SandboxCloud a = SandboxCloud.start(seed.json())) {
            assertEquals(Set.of("cdn:a.example.com", "cdn:b.example.com", "dcdn:d.example.com"),
                    names(detect(a, a.cloud(), Request.builder().build(), Selector.anyOf(EnumSet.of(Condition.ONLINE)), NO_MARKERS,
                            Report.builder("t"))));
            assertEquals(Set.of("cdn:a.example.com", "dcdn:d.example.com"),
                    names(detect(a, a.cloud(), Request.builder().build(), Selector.allOf(Selector.is(Condition.ONLINE),
                            Selector.is(Condition.REMEDIATED)), coverageTag(a.cloud().cdn()), Report.builder("t"))));
            // the probe was asked only about the online ones: offline c and e were decided before
            assertEquals(Map.of("DescribeUserDomains", 1, "DescribeDcdnUserDomains", 1, "DescribeVodUserDomains", 1,
                    "DescribeLiveUserDomains", 1, "DescribeTagResources", 1, "DescribeDcdnTagResources", 1), countByAction(a.requests()));
            assertEquals(List.of("a.example.com", "b.example.com"), resourceIds(a.requests("DescribeTagResources")));

            Detection all = detect(a, a.cloud(), Request.builder().build(), Selector.anyOf(EnumSet.of(Condition.ALWAYS)), NO_MARKERS,
                    Report.builder("t"));
            assertEquals(5, all.targets().size());
            assertEquals(4, a.requests().size(), "always reads nothing beyond the lists (one page of each product)");
        }
    }

    private static List<String> resourceIds(List<SandboxCall> calls) {
        List<String> out = new ArrayList<>();
        for (SandboxCall c : calls) {
            for (int i = 1; c.params.containsKey("ResourceId." + i); i++) out.add(c.params.get("ResourceId." + i));
        }
        return out;
    }

    @Test
    void restoreCoverageChecksTheFilingOfTheDomainsSwitchToOverseasMoved() {
        SeedBuilder seed = new SeedBuilder();
        SeedBuilder.tag(seed.cdn("fixed.example.com", "online", "overseas", true), "lifeline:coverage", "domestic");
        SeedBuilder.tag(seed.cdn("waiting.example.com", "online", "overseas", false), "lifeline:coverage", "global");
        seed.cdn("plain.example.com", "online", "overseas", true);
        try (SandboxCloud a = SandboxCloud.start(seed.json())) {
            Detection d = detect(a, a.cloud(), Request.builder().build(), SelectorTest.RESTORE_COVERAGE, coverageTag(a.cloud().cdn()),
                    Report.builder("t"));
            assertEquals(Set.of("cdn:fixed.example.com"), names(d));
            assertEquals(2, a.requests("CheckCdnDomainICP").size(), "only the two marked domains");
        }
    }

    @Test
    void namedDomainOnTheSecondPageIsFoundFromTheListWithOneDetailRead() {
        SeedBuilder seed = new SeedBuilder();
        for (int i = 0; i < 600; i++) seed.cdn("d" + i + ".example.com", i == 550 ? "offline" : "online", "domestic", true);
        try (SandboxCloud a = SandboxCloud.start(seed.json())) {
            Settings excluding = a.settings().toBuilder().exclude("d3.example.com").build();
            Report.Builder report = Report.builder("t");
            Detection d = detect(a, excluding, a.cloud(), Request.builder().domain("d550.example.com").domain("d3.example.com").build(),
                    SelectorTest.DNS_TO_ORIGIN, NO_MARKERS, report);
            assertEquals(Set.of("cdn:d550.example.com"), names(d));
            assertEquals(1, a.requests("DescribeCdnDomainDetail").size());
            assertEquals("d550.example.com", a.requests("DescribeCdnDomainDetail").get(0).params.get("DomainName"));
            assertEquals(0, a.requests("DescribeDcdnDomainDetail").size());
            for (SandboxCall c : a.requests()) {
                assertTrue(!c.params.containsValue("d3.example.com"), "the excluded domain is never read: " + c);
            }
            Skip excluded = report.build().skipped().get(0);
            assertEquals("d3.example.com", excluded.domain());
            assertTrue(excluded.why().contains("LIFELINE_EXCLUDE"), excluded.why());
        }
    }

    @Test
    void outOfScopeDomainsAreSkippedAndNeverReadBeyondTheList() {
        SeedBuilder seed = new SeedBuilder();
        seed.cdn("www.shop.example", "online", "domestic", false);
        seed.cdn("www.other.example", "online", "domestic", false);
        try (SandboxCloud a = SandboxCloud.start(seed.json())) {
            Settings shopOnly = a.settings().toBuilder().scope("*.shop.example").build();
            Report.Builder report = Report.builder("t");
            Detection d = detect(a, shopOnly, a.cloud(), Request.builder().build(), SelectorTest.SWITCH_TO_OVERSEAS, NO_MARKERS, report);
            assertEquals(Set.of("cdn:www.shop.example"), names(d));
            assertEquals(List.of("www.shop.example"), a.requests("CheckCdnDomainICP").stream()
                    .map(c -> c.params.get("DomainName")).collect(Collectors.toList()));
            assertEquals("www.other.example", report.build().skipped().get(0).domain());
        }
    }

    @Test
    void aConditionThatCannotBeReadNeverCountsAsTrue() {
        // given an offline and an online domain, and a DescribeUserCdnStatus that fails
        SeedBuilder seed = new SeedBuilder().debt(true, false);
        seed.cdn("down.example.com", "offline", "domestic", false);
        seed.cdn("up.example.com", "online", "domestic", false);
        try (SandboxCloud a = SandboxCloud.start(seed.json())) {
            CloudException denied = new CloudException("Forbidden.RAM", "not authorized for cdn:DescribeUserCdnStatus", "RID-7", 403, false);
            AccountApi account = FailingPort.of(AccountApi.class, a.cloud().account(), m -> m.equals("userCdnStatus"), denied);
            CloudException icpDown = new CloudException("CheckDomainICPFail", "check domain icp failed", "RID-8", 400, false);
            CdnApi cdn = FailingPort.of(CdnApi.class, a.cloud().cdn(), m -> m.equals("icpValid"), icpDown);
            Cloud partly = new Cloud(cdn, a.cloud().dns(), account);
            Report.Builder report = Report.builder("t");

            // when dns-to-origin's default runs (the account is in debt, but the status API cannot say so)
            Detection d = detect(a, partly, Request.builder().build(), SelectorTest.DNS_TO_ORIGIN, NO_MARKERS, report);
            Report r = report.build();
            // then only what is known holds: the offline domain; the online one is reported, not acted on
            assertEquals(Set.of("cdn:down.example.com"), names(d));
            assertEquals("up.example.com", r.skipped().get(0).domain());
            assertTrue(r.skipped().get(0).why().contains("Forbidden.RAM"), r.skipped().get(0).why());
            assertEquals(1, r.count(ChangeStatus.FAILED));

            // and an unreadable ICP state selects nothing, neither for switch-to-overseas nor for restore-coverage
            Report.Builder icpReport = Report.builder("t");
            assertTrue(detect(a, partly, Request.builder().build(), SelectorTest.SWITCH_TO_OVERSEAS, NO_MARKERS, icpReport).targets().isEmpty());
            assertTrue(detect(a, partly, Request.builder().build(), SelectorTest.RESTORE_COVERAGE, c -> Set.of("up.example.com", "down.example.com"),
                    Report.builder("t")).targets().isEmpty());
            assertEquals(2, icpReport.build().count(ChangeStatus.FAILED));
        }
    }
}
