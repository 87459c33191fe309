package io.cdnlifeline.detect;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsApi;
import io.cdnlifeline.cloud.DomainPage;
import io.cdnlifeline.cloud.Origin;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.report.Skip;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.cdnlifeline.detect.Selector.allOf;
import static io.cdnlifeline.detect.Selector.anyOf;
import static io.cdnlifeline.detect.Selector.is;
import static io.cdnlifeline.detect.Selector.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The Detector's decisions and call discipline against our own ports (narrow unit tests; the sandbox tests prove the wire). */
class DetectorTest {
    private static final MarkerProbe NO_MARKERS = candidates -> Set.of();

    private CdnApi cdn;
    private AccountApi account;
    private Cloud cloud;
    private Report.Builder report;

    @BeforeEach
    void ports() throws CloudException {
        cdn = mock(CdnApi.class);
        account = mock(AccountApi.class);
        cloud = new Cloud(cdn, mock(DnsApi.class), account);
        report = Report.builder("test");
        when(cdn.findDomains(any(), anyCollection())).thenCallRealMethod();
        // A named domain the account does not have: NotFound from every detail API (tests stub the ones it has).
        org.mockito.Mockito.doThrow(new CloudException("InvalidDomain.NotFound", "The domain provided does not exist in our records.",
                "R-0", 404, false)).when(cdn).describeDomain(any(), anyString());
        when(account.userCdnStatus()).thenReturn(new AccountApi.UserCdnStatus(true, true, false, false));
        when(account.serviceLocks(any())).thenReturn(List.of());
        for (Product p : Product.values()) page(p);
    }

    private static AcceleratedDomain cdnDomain(String name, String status, String coverage) {
        return new AcceleratedDomain(Product.CDN, name, status, name + ".w.kunlunsl.com", coverage, List.of());
    }

    private static AcceleratedDomain dcdnDomain(String name, String status) {
        return new AcceleratedDomain(Product.DCDN, name, status, name + ".w.kunluncan.com", null, List.of());
    }

    private void page(Product p, AcceleratedDomain... ds) throws CloudException {
        when(cdn.listDomains(eq(p), eq(1), eq(p.can().maxPageSize()), any()))
                .thenReturn(new DomainPage(List.of(ds), 1, p.can().maxPageSize(), ds.length));
    }

    private Detection detect(Settings settings, Request request, Selector selector, MarkerProbe probe) {
        return new Detector(cloud, settings).detect(request, selector, probe, report);
    }

    private static Set<String> names(Detection d) {
        return d.targets().stream().map(Target::name).collect(Collectors.toSet());
    }

    @Test
    void aNamedDomainIsReadWithOneDetailCallOfItsProductAndNoList() throws CloudException {
        // given a CDN domain that is offline; its detail says which origin is disabled
        List<Origin> origins = List.of(new Origin("ipaddr", "203.0.113.10", 80, "20", "10", false),
                new Origin("ipaddr", "203.0.113.11", 80, "20", "10", true));
        org.mockito.Mockito.doReturn(new AcceleratedDomain(Product.CDN, "a.example.com", "offline", "a.example.com.w.kunlunsl.com",
                "domestic", origins)).when(cdn).describeDomain(Product.CDN, "a.example.com");
        // when a run names it
        Detection d = detect(Settings.builder().build(), Request.builder().domain("a.example.com").build(),
                anyOf(EnumSet.of(Condition.OFFLINE)), NO_MARKERS);
        // then it is selected by the detail's status, carries the detail's origins, and DCDN and the lists were not asked
        assertEquals(Set.of("a.example.com"), names(d));
        assertEquals("offline", d.targets().get(0).domain().status());
        assertEquals(origins, d.targets().get(0).domain().origins());
        verify(cdn, times(1)).describeDomain(any(), anyString());
        verify(cdn, never()).listDomains(any(), anyInt(), anyInt(), any());
        verify(cdn, never()).findDomains(any(), anyCollection());
    }

    @Test
    void aNamedDcdnDomainIsAskedOfDcdnAfterCdnSaysNotFound() throws CloudException {
        org.mockito.Mockito.doReturn(dcdnDomain("api.example.com", "offline")).when(cdn).describeDomain(Product.DCDN, "api.example.com");
        Detection d = detect(Settings.builder().build(), Request.builder().domain("api.example.com").build(),
                anyOf(EnumSet.of(Condition.OFFLINE)), NO_MARKERS);
        assertEquals(Set.of("api.example.com"), names(d));
        assertEquals(Product.DCDN, d.targets().get(0).product());
        verify(cdn, times(2)).describeDomain(any(), anyString());
    }

    @Test
    void namedDomainWhoseDetailCannotBeReadIsNotActedOn() throws CloudException {
        org.mockito.Mockito.doThrow(new CloudException("Throttling", "x", "RID-5", 400, true)).when(cdn).describeDomain(Product.CDN, "a.example.com");
        Detection d = detect(Settings.builder().build(), Request.builder().domain("a.example.com").build(),
                anyOf(EnumSet.of(Condition.OFFLINE)), NO_MARKERS);
        Report r = report.build();
        assertTrue(d.targets().isEmpty());
        assertEquals("cdn:a.example.com/detail", r.changes().get(0).resource());
        assertTrue(r.skipped().get(0).why().startsWith("not acted on"), r.skipped().get(0).why());
    }

    @Test
    void outOfScopeNamedDomainIsSkippedWithoutAnyRead() {
        Settings settings = Settings.builder().scope("*.example.com").exclude("secret.example.com").build();
        Detection d = detect(settings, Request.builder().domain("secret.example.com").domain("www.other.org").build(),
                anyOf(EnumSet.of(Condition.ALWAYS)), NO_MARKERS);
        assertTrue(d.targets().isEmpty());
        verifyNoInteractions(cdn, account);
        List<String> why = report.build().skipped().stream().map(Skip::why).collect(Collectors.toList());
        assertEquals(2, why.size());
        assertTrue(why.get(0).contains("LIFELINE_EXCLUDE"), why.get(0));
        assertTrue(why.get(1).contains("LIFELINE_SCOPE"), why.get(1));
    }

    @Test
    void outOfScopeListedDomainIsSkippedAndNeverCheckedForIcp() throws CloudException {
        page(Product.CDN, cdnDomain("a.example.com", "online", "domestic"), cdnDomain("b.secret.org", "online", "domestic"));
        when(cdn.icpValid(anyString())).thenReturn(false);
        Detection d = detect(Settings.builder().scope("*.example.com").build(), Request.builder().build(),
                anyOf(EnumSet.of(Condition.ICP_INVALID)), NO_MARKERS);
        assertEquals(Set.of("a.example.com"), names(d));
        verify(cdn, never()).icpValid("b.secret.org");
        assertEquals("b.secret.org", report.build().skipped().get(0).domain());
    }

    @Test
    void unknownNamedDomainIsReportedAsSkipped() {
        Detection d = detect(Settings.builder().build(), Request.builder().domain("ghost.example.com").build(),
                anyOf(EnumSet.of(Condition.ALWAYS)), NO_MARKERS);
        assertTrue(d.targets().isEmpty());
        assertTrue(report.build().skipped().get(0).why().startsWith("not an accelerated domain of this account"));
    }

    @Test
    void debtIsReadOnceAndOnlyForTheProductsPresent() throws CloudException {
        // given only CDN domains, and a financial lock on the CDN service
        page(Product.CDN, cdnDomain("a.example.com", "online", "domestic"), cdnDomain("b.example.com", "online", "global"));
        when(account.serviceLocks(Product.CDN)).thenReturn(List.of("financial"));
        // when dns-to-origin's default runs account-wide
        Detection d = detect(Settings.builder().build(), Request.builder().build(), SelectorTest.DNS_TO_ORIGIN, NO_MARKERS);
        // then both are in debt, from one read of each source, and DCDN's service was not asked
        assertEquals(Set.of("a.example.com", "b.example.com"), names(d));
        verify(account, times(1)).userCdnStatus();
        verify(account, times(1)).serviceLocks(Product.CDN);
        verify(account, never()).serviceLocks(Product.DCDN);
    }

    @Test
    void unreadableDebtFailsClosedAndIsReported() throws CloudException {
        page(Product.CDN, cdnDomain("down.example.com", "offline", "domestic"), cdnDomain("up.example.com", "online", "domestic"));
        when(account.userCdnStatus()).thenThrow(new CloudException("Throttling", "Request was denied", "RID-1", 400, true));
        Detection d = detect(Settings.builder().build(), Request.builder().build(), SelectorTest.DNS_TO_ORIGIN, NO_MARKERS);
        Report r = report.build();
        // the offline domain still qualifies (offline holds), the online one is not acted on
        assertEquals(Set.of("down.example.com"), names(d));
        assertEquals("up.example.com", r.skipped().get(0).domain());
        assertTrue(r.skipped().get(0).why().contains("DescribeUserCdnStatus"), r.skipped().get(0).why());
        assertEquals(1, r.count(ChangeStatus.FAILED));
        assertEquals("read", r.changes().get(0).action());
        assertEquals("Throttling", r.changes().get(0).error().code());
    }

    @Test
    void oneSourceSayingInDebtSettlesItEvenWhenAnotherFails() throws CloudException {
        page(Product.CDN, cdnDomain("a.example.com", "online", "domestic"));
        when(account.userCdnStatus()).thenReturn(new AccountApi.UserCdnStatus(true, false, true, true));
        when(account.serviceLocks(Product.CDN)).thenThrow(new CloudException("InternalError", "boom", null, 500, true));
        Detection d = detect(Settings.builder().build(), Request.builder().build(), anyOf(EnumSet.of(Condition.IN_DEBT)), NO_MARKERS);
        assertEquals(Set.of("a.example.com"), names(d));
    }

    @Test
    void icpIsCheckedOnlyForCdnDomainsWithMainlandCoverage() throws CloudException {
        page(Product.CDN, cdnDomain("dom.example.com", "online", "domestic"), cdnDomain("glo.example.com", "online", "global"),
                cdnDomain("ovs.example.com", "online", "overseas"));
        page(Product.DCDN, dcdnDomain("api.example.com", "online"));
        when(cdn.icpValid(anyString())).thenReturn(false);
        Detection d = detect(Settings.builder().concurrency(1).build(), Request.builder().build(),
                SelectorTest.SWITCH_TO_OVERSEAS, NO_MARKERS);
        Report r = report.build();
        assertEquals(Set.of("dom.example.com", "glo.example.com"), names(d));
        verify(cdn, times(2)).icpValid(anyString());
        verify(cdn, never()).icpValid("ovs.example.com");
        verify(cdn, never()).icpValid("api.example.com");
        assertTrue(r.notes().contains(Detector.icpNotAvailable(Product.DCDN)));
        Skip dcdn = r.skipped().get(0);
        assertEquals("dcdn", dcdn.product());
        assertTrue(dcdn.why().contains("not available for DCDN"), dcdn.why());
    }

    @Test
    void restoreCoverageProvesTheFilingOfAnOverseasDomainBeforeSelectingIt() throws CloudException {
        // given a domain switch-to-overseas moved: overseas, marked; and one still waiting for its filing
        page(Product.CDN, cdnDomain("fixed.example.com", "online", "overseas"), cdnDomain("waiting.example.com", "online", "overseas"),
                cdnDomain("never.example.com", "online", "overseas"));
        when(cdn.icpValid("fixed.example.com")).thenReturn(true);
        when(cdn.icpValid("waiting.example.com")).thenReturn(false);
        MarkerProbe probe = candidates -> Set.of("fixed.example.com", "waiting.example.com");
        Detection d = detect(Settings.builder().concurrency(1).build(), Request.builder().build(), SelectorTest.RESTORE_COVERAGE, probe);
        // then only the one with a valid filing is restored, and the unmarked one cost no ICP call
        assertEquals(Set.of("fixed.example.com"), names(d));
        verify(cdn, never()).icpValid("never.example.com");
    }

    @Test
    void unreadableMarkersSpareTheIcpCalls() throws CloudException {
        page(Product.CDN, cdnDomain("a.example.com", "online", "domestic"), cdnDomain("b.example.com", "online", "domestic"));
        MarkerProbe failing = candidates -> {
            throw new CloudException("Throttling.User", "slow down", "RID-2", 400, true);
        };
        Detection d = detect(Settings.builder().build(), Request.builder().build(), SelectorTest.RESTORE_COVERAGE, failing);
        assertTrue(d.targets().isEmpty());
        verify(cdn, never()).icpValid(anyString());
        Report r = report.build();
        assertEquals(2, r.skipped().size());
        assertTrue(r.skipped().get(0).why().contains("lifeline markers"), r.skipped().get(0).why());
        assertEquals(1, r.count(ChangeStatus.FAILED));
    }

    @Test
    void offlineIsReadFromTheDcdnListToo() throws CloudException {
        page(Product.CDN);
        page(Product.DCDN, dcdnDomain("api.example.com", "offline"), dcdnDomain("web.example.com", "online"));
        Detection d = detect(Settings.builder().build(), Request.builder().build(), anyOf(EnumSet.of(Condition.OFFLINE)), NO_MARKERS);
        assertEquals(Set.of("api.example.com"), names(d));
        assertEquals(Product.DCDN, d.targets().get(0).product());
    }

    @Test
    void pagesUntilTheTotalIsReachedAndFailsClosedOnAPageThatCannotBeRead() throws CloudException {
        List<AcceleratedDomain> first = new ArrayList<>();
        for (int i = 0; i < CdnApi.MAX_PAGE_SIZE; i++) first.add(cdnDomain("d" + i + ".example.com", "offline", "domestic"));
        when(cdn.listDomains(eq(Product.CDN), eq(1), anyInt(), any())).thenReturn(new DomainPage(first, 1, CdnApi.MAX_PAGE_SIZE, 1200));
        when(cdn.listDomains(eq(Product.CDN), eq(2), anyInt(), any())).thenThrow(new CloudException("ServiceUnavailable", "x", null, 503, true));
        Detection d = detect(Settings.builder().build(), Request.builder().product(Product.CDN).build(),
                anyOf(EnumSet.of(Condition.OFFLINE)), NO_MARKERS);
        assertEquals(CdnApi.MAX_PAGE_SIZE, d.targets().size());
        verify(cdn, never()).listDomains(eq(Product.CDN), eq(3), anyInt(), any());
        assertEquals("cdn:domains/page-2", report.build().changes().get(0).resource());
    }

    @Test
    void namedDomainThatDoesNotMeetTheConditionsSaysWhy() throws CloudException {
        org.mockito.Mockito.doReturn(cdnDomain("a.example.com", "online", "domestic")).when(cdn).describeDomain(Product.CDN, "a.example.com");
        Detection d = detect(Settings.builder().build(), Request.builder().domain("a.example.com").build(),
                allOf(is(Condition.OFFLINE), not(Condition.IN_DEBT)), NO_MARKERS);
        assertTrue(d.targets().isEmpty());
        assertTrue(report.build().skipped().get(0).why().startsWith("conditions not met (offline and not in-debt)"));
        verify(account, never()).userCdnStatus();
    }
}
