package io.cdnlifeline.run;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsApi;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.detect.MarkerProbe;
import io.cdnlifeline.detect.Selector;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.event.BadInputException;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.remedy.Applier;
import io.cdnlifeline.remedy.Plan;
import io.cdnlifeline.remedy.Remedy;
import io.cdnlifeline.remedy.RunContext;
import io.cdnlifeline.remedy.Step;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The pipeline's guards and bookkeeping, with a two-step test remedy over mocked ports. */
class RemedyFunctionTest {
    private CdnApi cdn;
    private Cloud cloud;
    private final List<String> audit = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger writes = new AtomicInteger();
    /** CDN domains the account has, by name -> status; any other named domain is offline unless listed in gone. */
    private final Map<String, String> statuses = new HashMap<>();
    private final Set<String> gone = new HashSet<>();

    @BeforeEach
    void setUp() throws CloudException {
        cdn = mock(CdnApi.class);
        cloud = new Cloud(cdn, mock(DnsApi.class), mock(AccountApi.class));
        // Named domains are read with the detail API, CDN first; a name the account does not have is NotFound in both.
        when(cdn.describeDomain(any(), any())).thenAnswer(inv -> {
            Product p = inv.getArgument(0);
            String n = inv.getArgument(1);
            if (p != Product.CDN || gone.contains(n)) {
                throw new CloudException("InvalidDomain.NotFound", "The domain provided does not exist in our records.", "R-0", 404, false);
            }
            return new AcceleratedDomain(Product.CDN, n, statuses.getOrDefault(n, "offline"), n + ".w.kunlunsl.com", "domestic", List.of());
        });
    }

    /** Plans two steps per domain; the first step fails for domains starting with "fail". */
    private final class TwoStepRemedy implements Remedy {
        @Override public String function() { return "two-step"; }
        @Override public Selector defaultSelector() { return Selector.anyOf(Selector.is(Condition.OFFLINE)); }
        @Override public MarkerProbe markerProbe(RunContext ctx) { return candidates -> Set.of(); }
        @Override public boolean allowsAccountWideDefault() { return false; }

        @Override
        public Plan plan(Target t, RunContext ctx) {
            List<Step> steps = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                int n = i;
                steps.add(new Step(Change.planned(t.name(), "cdn", "cdn:" + t.name() + "/step" + n, "update", null, null), () -> {
                    if (n == 1 && t.name().startsWith("fail")) {
                        throw new CloudException("Schedule.ChangeFail", "change domain failed", "R-9", 400, false);
                    }
                    writes.incrementAndGet();
                    return ChangeStatus.APPLIED;
                }));
            }
            return Plan.of(t, steps);
        }
    }

    private Report run(String json, Settings settings) {
        Request r = io.cdnlifeline.event.RequestParser.parse(json);
        return new RemedyFunction(new TwoStepRemedy()).run(r, Invocation.local(cloud, settings, audit::add));
    }

    @Test
    void appliesEveryStepAndWritesOneAuditLinePerChange() {
        // when
        Report report = run("{\"domains\":[\"a.example.com\",\"b.example.com\"]}", Settings.builder().build());

        // then
        assertEquals(4, report.count(ChangeStatus.APPLIED));
        assertEquals(4, writes.get());
        assertEquals(4, audit.stream().filter(l -> l.contains("\"status\":\"applied\"")).count());
        assertNull(report.refused());
    }

    @Test
    void aFailedStepStopsTheLaterStepsOfItsDomainOnly() {
        Report report = run("{\"domains\":[\"fail.example.com\",\"ok.example.com\"]}", Settings.builder().build());

        assertEquals(2, report.count(ChangeStatus.APPLIED));
        assertEquals(2, report.count(ChangeStatus.FAILED));
        Change notAttempted = report.changes().stream().filter(c -> c.resource().endsWith("fail.example.com/step2")).findFirst().orElseThrow();
        assertEquals(Applier.NOT_ATTEMPTED, notAttempted.error().code());
        Change failed = report.changes().stream().filter(c -> c.resource().endsWith("fail.example.com/step1")).findFirst().orElseThrow();
        assertEquals("Schedule.ChangeFail", failed.error().code());
        assertEquals("R-9", failed.error().requestId());
        assertTrue(report.hasFailures());
    }

    @Test
    void maxChangesRefusesTheWholeRunBeforeAnyWrite() {
        Report report = run("{\"domains\":[\"a.example.com\",\"b.example.com\"],\"maxChanges\":3}", Settings.builder().build());

        assertNotNull(report.refused());
        assertTrue(report.refused().contains("4 changes"));
        assertEquals(4, report.count(ChangeStatus.PLANNED));
        assertEquals(0, writes.get());
    }

    @Test
    void dryRunFromTheEnvironmentPlansAndWritesNothing() {
        Report report = run("{\"domains\":[\"a.example.com\"]}", Settings.builder().dryRun(true).build());

        assertTrue(report.dryRun());
        assertEquals(2, report.count(ChangeStatus.PLANNED));
        assertEquals(0, writes.get());
    }

    @Test
    void namedDomainOutOfScopeIsSkippedWithoutAnyApiCall() throws CloudException {
        Report report = run("{\"domains\":[\"secret.example.org\"]}", Settings.builder().scope("*.example.com").build());

        assertEquals(1, report.skipped().size());
        assertTrue(report.skipped().get(0).why().contains("LIFELINE_SCOPE"));
        verify(cdn, never()).findDomains(any(), any());
        verify(cdn, never()).describeDomain(any(), any());
        assertEquals(0, writes.get());
    }

    @Test
    void aDomainOfNoProductIsSkippedWithTheReason() throws CloudException {
        gone.add("gone.example.com");

        Report report = run("{\"domains\":[\"gone.example.com\"]}", Settings.builder().build());

        assertEquals(1, report.skipped().size());
        assertTrue(report.skipped().get(0).why().contains("not an accelerated domain"));
    }

    @Test
    void aReadFailureIsAFailedChangeSoFcRetries() throws CloudException {
        org.mockito.Mockito.doThrow(new CloudException("ServiceUnavailable", "busy", "R-3", 503, true))
                .when(cdn).describeDomain(eq(Product.CDN), eq("flaky.example.com"));

        Report report = run("{\"domains\":[\"flaky.example.com\"]}", Settings.builder().build());

        assertTrue(report.hasFailures());
        assertEquals("read", report.changes().get(0).action());
        assertEquals(0, writes.get());
    }

    @Test
    void anAccountWideRunOfARemedyThatNeedsTargetsIsBadInput() {
        assertThrows(BadInputException.class, () -> run("{}", Settings.builder().build()));
    }

    @Test
    void conditionsNotMetAreReportedForNamedDomains() throws CloudException {
        statuses.put("up.example.com", "online");

        Report report = run("{\"domains\":[\"up.example.com\"]}", Settings.builder().build());

        assertEquals(0, writes.get());
        assertTrue(report.skipped().get(0).why().contains("conditions not met"));
    }
}
