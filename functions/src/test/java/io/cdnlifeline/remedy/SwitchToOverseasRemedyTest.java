package io.cdnlifeline.remedy;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.BadInputException;
import io.cdnlifeline.handler.SwitchToOverseasHandler;
import io.cdnlifeline.event.RequestParser;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.run.RemedyFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.cdnlifeline.remedy.DomainSandbox.account;
import static io.cdnlifeline.remedy.DomainSandbox.cdn;
import static io.cdnlifeline.remedy.DomainSandbox.dcdn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * switch-to-overseas and restore-coverage against the sandbox through the real SDK adapters: CDN and DCDN,
 * exact round trips of coverage and tags, call counts, crash half way, refusals, guards.
 */
class SwitchToOverseasRemedyTest {
    private DomainSandbox cloud;

    @AfterEach
    void stop() {
        if (cloud != null) cloud.close();
    }

    private static String coverage(JsonObject d) {
        return d.get("coverage").getAsString();
    }

    /** The domain's tags, the times of lifeline's time tags (which differ run to run) shown as {@code <t>}. */
    private static Map<String, String> tags(JsonObject d) {
        return d.getAsJsonObject("tags").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getKey().equals("lifeline:since") || e.getKey().equals("lifeline:restoring")
                        ? (e.getValue().getAsString().matches("[0-9]{13}") ? "<t>" : e.getValue().getAsString()) : e.getValue().getAsString()));
    }

    private static List<Change> changesOf(Report r, String domain) {
        return r.changes().stream().filter(c -> c.domain().equals(domain)).collect(Collectors.toList());
    }

    @Test
    void icpInvalidCdnDomainsGoOverseasTaggedFirstAndComeBackExactlyOnceTheFilingIsValid() {
        // given two CDN domains whose filing is invalid (domestic and global), one with a valid filing, one DCDN domain
        cloud = DomainSandbox.start(account(List.of(
                cdn("www.example.com", "online", "domestic", false, Map.of("team", "web")),
                cdn("img.example.com", "online", "global", false, Map.of()),
                cdn("ok.example.com", "online", "domestic", true, Map.of())),
                List.of(dcdn("api.example.com", "online", "global", true, Map.of()))));
        JsonObject before = cloud.everyDomain();

        // when the timer runs switch-to-overseas with its default (icp-invalid)
        Report switched = cloud.run(new SwitchToOverseasRemedy(), "{}");

        // then each invalid domain is tagged with its original coverage, then switched; nothing else is touched
        assertFalse(switched.hasFailures(), switched.toString());
        assertEquals(4, switched.count(ChangeStatus.APPLIED));
        assertEquals("overseas", coverage(cloud.cdnNow("www.example.com")));
        assertEquals(Map.of("team", "web", "lifeline:coverage", "domestic", "lifeline:since", "<t>"), tags(cloud.cdnNow("www.example.com")));
        assertEquals("overseas", coverage(cloud.cdnNow("img.example.com")));
        assertEquals(Map.of("lifeline:coverage", "global", "lifeline:since", "<t>"), tags(cloud.cdnNow("img.example.com")));
        assertEquals(before.getAsJsonArray("cdn").get(2), cloud.cdnNow("ok.example.com"));
        assertEquals(before.getAsJsonArray("dcdn").get(0), cloud.dcdnNow("api.example.com"));
        List<Change> www = changesOf(switched, "www.example.com");
        assertEquals("cdn:www.example.com/tag/lifeline:coverage", www.get(0).resource());
        assertEquals("tag", www.get(0).action());
        assertEquals("cdn:www.example.com/coverage", www.get(1).resource());
        assertEquals("domestic", www.get(1).before().get("coverage").getAsString());
        assertEquals("overseas", www.get(1).after().get("coverage").getAsString());
        // the tag is written before the switch, per domain
        assertEquals(List.of("TagResources", "ModifyCdnDomainSchdmByProperty"), cloud.writesFor("www.example.com"));
        assertEquals(List.of("TagResources", "ModifyCdnDomainSchdmByProperty"), cloud.writesFor("img.example.com"));
        assertEquals(2, cloud.calls("TagResources"));
        assertEquals(2, cloud.calls("ModifyCdnDomainSchdmByProperty"));
        // tags are read once for all targets, under the run's lock flags
        assertEquals(1, cloud.calls("DescribeTagResources"), "tags are read once for all targets, under the lock flags");
        assertEquals(0, cloud.calls("DescribeCdnDomainDetail"), "the CDN list carries the coverage");
        assertTrue(switched.skipped().stream().anyMatch(s -> s.domain().equals("api.example.com")
                && s.why().contains("not available for DCDN")), "DCDN cannot be checked: fail closed");

        // when it runs again
        cloud.clearCalls();
        Report again = cloud.run(new SwitchToOverseasRemedy(), "{}");

        // then nothing is written: the switched domains no longer need a filing
        assertEquals(0, again.changes().size(), again.toString());
        assertEquals(List.of(), cloud.writes());

        // when the filings are valid again and restore-coverage runs with its default
        cloud.sandbox().update(s -> {
            s.cdnDomain("www.example.com").icp = true;
            s.cdnDomain("img.example.com").icp = true;
        });
        cloud.clearCalls();
        Report restored = cloud.run(new RestoreCoverageRemedy(), "{}");

        // then coverage and tags are exactly as before the switch: restored, untagged after (under the run's lock flag)
        assertFalse(restored.hasFailures(), restored.toString());
        assertEquals(4, restored.count(ChangeStatus.APPLIED));
        assertEquals(before, cloud.everyDomain());
        assertEquals(List.of("ModifyCdnDomainSchdmByProperty", "UntagResources"), cloud.writesFor("www.example.com"));
        assertEquals(List.of("ModifyCdnDomainSchdmByProperty", "UntagResources"), cloud.writesFor("img.example.com"));
        assertEquals(4, cloud.writes().size());
        assertEquals(1 + 1, cloud.calls("DescribeTagResources"),
                "the marker probe's batch read also serves planning; then one batch read under the run's lock flags");
        assertEquals(2, cloud.calls("CheckCdnDomainICP"), "the filing is checked before restoring mainland coverage");

        // and a second restore finds nothing to do
        cloud.clearCalls();
        Report restoredAgain = cloud.run(new RestoreCoverageRemedy(), "{}");
        assertEquals(0, restoredAgain.changes().size(), restoredAgain.toString());
        assertEquals(List.of(), cloud.writes());
    }

    @Test
    void dcdnDomainsAreSwitchedByNameAndRestoredByNameWithRemediated() {
        // given a DCDN domain (the DCDN list has no coverage; its ICP cannot be checked)
        cloud = DomainSandbox.start(account(List.of(), List.of(
                dcdn("api.example.com", "online", "global", false, Map.of()),
                dcdn("ws.example.com", "online", "domestic", false, Map.of("owner", "ops")))));
        JsonObject before = cloud.everyDomain();

        // when an operator switches every DCDN domain
        Report switched = cloud.run(new SwitchToOverseasRemedy(), "{\"products\":[\"dcdn\"],\"when\":[\"always\"]}");

        // then both are tagged and switched, the coverage read from the detail once per domain
        assertFalse(switched.hasFailures(), switched.toString());
        assertEquals(4, switched.count(ChangeStatus.APPLIED));
        assertEquals("overseas", coverage(cloud.dcdnNow("api.example.com")));
        assertEquals(Map.of("lifeline:coverage", "global", "lifeline:since", "<t>"), tags(cloud.dcdnNow("api.example.com")));
        assertEquals(Map.of("owner", "ops", "lifeline:coverage", "domestic", "lifeline:since", "<t>"), tags(cloud.dcdnNow("ws.example.com")));
        assertEquals(2, cloud.calls("DescribeDcdnDomainDetail"));
        assertEquals(2, cloud.calls("TagDcdnResources"));
        assertEquals(2, cloud.calls("ModifyDCdnDomainSchdmByProperty"));
        assertEquals(1, cloud.calls("DescribeDcdnTagResources"), "one batch read, under the run's lock flags");
        assertEquals("dcdn:api.example.com/coverage", changesOf(switched, "api.example.com").get(1).resource());

        // when restore-coverage runs with its default, it fails closed for DCDN (ICP unknown)
        cloud.sandbox().update(s -> s.dcdn.forEach(d -> d.icp = true));
        cloud.clearCalls();
        Report byDefault = cloud.run(new RestoreCoverageRemedy(), "{}");
        assertEquals(0, byDefault.changes().size());
        assertEquals(List.of(), cloud.writes());

        // when one is named with "remediated", and one is named alone (as an IcpRestored notification does)
        Report restored = cloud.run(new RestoreCoverageRemedy(), "{\"domains\":[\"api.example.com\"],\"when\":[\"remediated\"]}");
        Report restoredByName = cloud.run(new RestoreCoverageRemedy(), "{\"domains\":[\"ws.example.com\"]}");

        // then they are back exactly
        assertFalse(restored.hasFailures(), restored.toString());
        assertEquals(2, restored.count(ChangeStatus.APPLIED));
        assertEquals(2, restoredByName.count(ChangeStatus.APPLIED), restoredByName.toString());
        assertEquals(before, cloud.everyDomain());
        assertEquals(2, cloud.calls("UntagDcdnResources"));
    }

    @Test
    void aRunThatDiedBetweenTagAndSwitchIsCompletedWithoutRewritingTheTag() {
        // given the first run tagged the domain and then the switch failed (a 503 the adapter gave up on)
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "global", false, Map.of())), List.of()));
        Cloud failingSwitch = new Cloud(failingSetCoverage(cloud.cloud().cdn()), cloud.cloud().dns(), cloud.cloud().account());
        Report first = new RemedyFunction(new SwitchToOverseasRemedy()).run(RequestParser.parse("{}"),
                Invocation.local(failingSwitch, Settings.builder().build(), cloud.audit::add));
        assertTrue(first.hasFailures());
        assertEquals("global", coverage(cloud.cdnNow("www.example.com")));
        assertEquals(Map.of("lifeline:coverage", "global", "lifeline:since", "<t>"), tags(cloud.cdnNow("www.example.com")));

        // when FC retries
        cloud.clearCalls();
        Report retry = cloud.run(new SwitchToOverseasRemedy(), "{}");

        // then only the switch is made, and the tag still holds the original
        assertFalse(retry.hasFailures(), retry.toString());
        assertEquals(List.of("ModifyCdnDomainSchdmByProperty"), cloud.writes());
        assertEquals("overseas", coverage(cloud.cdnNow("www.example.com")));
        assertEquals(Map.of("lifeline:coverage", "global", "lifeline:since", "<t>"), tags(cloud.cdnNow("www.example.com")));
    }

    @Test
    void aRestoreThatDiedBetweenWriteAndUntagOnlyUntags() {
        // given the coverage is back to the original but the tag is still there
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "domestic", true,
                Map.of("lifeline:coverage", "domestic"))), List.of()));

        // when restore-coverage runs
        Report r = cloud.run(new RestoreCoverageRemedy(), "{}");

        // then the tag is removed and the coverage is not written
        assertEquals(List.of("UntagResources"), cloud.writes());
        assertEquals(1, r.count(ChangeStatus.APPLIED));
        assertEquals(Map.of(), tags(cloud.cdnNow("www.example.com")));
        assertEquals("domestic", coverage(cloud.cdnNow("www.example.com")));
    }

    @Test
    void restoreWhileTheFilingIsStillInvalidIsRefusedClearlyAndNotRetried() {
        // given a switched DCDN domain whose filing is still invalid (DCDN: no ICP check, so only the cloud can say)
        cloud = DomainSandbox.start(account(List.of(), List.of(dcdn("api.example.com", "online", "overseas", false,
                Map.of("lifeline:coverage", "domestic")))));

        // when an operator restores it by name
        Report r = cloud.run(new RestoreCoverageRemedy(), "{\"domains\":[\"api.example.com\"],\"when\":[\"remediated\"]}");

        // then it is a skip that says why, with the cloud's code; nothing failed (FC does not retry), the tag stays
        assertFalse(r.hasFailures(), r.toString());
        assertEquals(1, r.skipped().size());
        String why = r.skipped().get(0).why();
        assertTrue(why.contains("ICP filing") && why.contains("Domain.BeianInvalid"), why);
        assertEquals(1, cloud.calls("ModifyDCdnDomainSchdmByProperty"));
        // nothing of the marker is untagged (only the run's own lock flag comes down)
        assertEquals(0, cloud.calls("UntagDcdnResources"));
        assertEquals("overseas", coverage(cloud.dcdnNow("api.example.com")));
        assertEquals(Map.of("lifeline:coverage", "domestic"), tags(cloud.dcdnNow("api.example.com")));
        assertTrue(cloud.audit.stream().anyMatch(l -> l.contains("Domain.BeianInvalid")), "the refused attempt is audited");
    }

    @Test
    void aCdnRestoreTimerWhileTheFilingIsStillInvalidChecksItAndWritesNothing() {
        // given a switched CDN domain whose filing is still invalid
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "overseas", false,
                Map.of("lifeline:coverage", "global"))), List.of()));

        // when the restore timer runs with the default
        Report r = cloud.run(new RestoreCoverageRemedy(), "{}");

        // then the detector checks the filing once, does not select the domain, and nothing is written or failed
        assertFalse(r.hasFailures(), r.toString());
        assertEquals(0, r.changes().size());
        assertEquals(1, cloud.calls("CheckCdnDomainICP"));
        assertEquals(List.of(), cloud.writes());
        assertEquals(Map.of("lifeline:coverage", "global"), tags(cloud.cdnNow("www.example.com")));
    }

    @Test
    void aNamedRestoreWhileTheFilingIsStillInvalidIsSkippedWithTheReason() {
        // given a switched CDN domain whose filing is still invalid
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "overseas", false,
                Map.of("lifeline:coverage", "global"))), List.of()));

        // when an operator names it, selecting by the marker alone
        Report r = cloud.run(new RestoreCoverageRemedy(), "{\"domains\":[\"www.example.com\"],\"when\":[\"remediated\"]}");

        // then the remedy checks the filing itself, skips with the reason, and writes nothing
        assertFalse(r.hasFailures(), r.toString());
        assertEquals(0, r.changes().size());
        assertTrue(r.skipped().get(0).why().contains("ICP filing of this domain is still not valid"), r.toString());
        assertEquals(1, cloud.calls("CheckCdnDomainICP"));
        assertEquals(List.of(), cloud.writes());
        assertEquals(Map.of("lifeline:coverage", "global"), tags(cloud.cdnNow("www.example.com")));
    }

    @Test
    void aCoverageTagWeDidNotWriteIsNeitherTrustedNorOverwritten() {
        // given tags on the lifeline key that no switch-to-overseas run writes (a person's typo, an empty value)
        cloud = DomainSandbox.start(account(List.of(
                cdn("www.example.com", "online", "domestic", false, Map.of("lifeline:coverage", "overseas")),
                cdn("img.example.com", "online", "global", false, Map.of("lifeline:coverage", ""))), List.of()));

        Report r = cloud.run(new SwitchToOverseasRemedy(), "{}");

        assertFalse(r.hasFailures(), r.toString());
        assertEquals(0, r.changes().size());
        assertEquals(2, r.skipped().size());
        assertTrue(r.skipped().stream().allMatch(s -> s.why().contains("original acceleration region is not known")), r.toString());
        assertEquals(List.of(), cloud.writes());
        assertEquals(Map.of("lifeline:coverage", "overseas"), tags(cloud.cdnNow("www.example.com")));
        assertEquals("domestic", coverage(cloud.cdnNow("www.example.com")));
    }

    @Test
    void aDomainAlreadyOverseasIsUnchangedAndATagIsNeverAddedToIt() {
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "overseas", false, Map.of())), List.of()));

        Report r = cloud.run(new SwitchToOverseasRemedy(), "{\"domains\":[\"www.example.com\"],\"when\":[\"always\"]}");

        assertEquals(1, r.count(ChangeStatus.UNCHANGED));
        Change c = r.changes().get(0);
        assertEquals("cdn:www.example.com/coverage", c.resource());
        assertNotNull(c.note());
        assertEquals(List.of(), cloud.writes());
        assertEquals(Map.of(), tags(cloud.cdnNow("www.example.com")));
    }

    @Test
    void restoreLeavesDomainsWithoutTheTagOrWithAForeignTagValueAlone() {
        cloud = DomainSandbox.start(account(List.of(
                cdn("www.example.com", "online", "overseas", true, Map.of()),
                cdn("img.example.com", "online", "overseas", true, Map.of("lifeline:coverage", "mainland-please"))), List.of()));

        Report r = cloud.run(new RestoreCoverageRemedy(),
                "{\"domains\":[\"www.example.com\",\"img.example.com\"],\"when\":[\"always\"]}");

        assertEquals(0, r.changes().size());
        assertEquals(2, r.skipped().size());
        assertTrue(r.skipped().get(0).why().contains("no lifeline:coverage tag"), r.skipped().get(0).why());
        assertTrue(r.skipped().get(1).why().contains("mainland-please"), r.skipped().get(1).why());
        assertEquals(List.of(), cloud.writes());
    }

    @Test
    void dryRunAndMaxChangesWriteNothing() {
        cloud = DomainSandbox.start(account(List.of(
                cdn("a.example.com", "online", "domestic", false, Map.of()),
                cdn("b.example.com", "online", "domestic", false, Map.of())), List.of()));
        JsonObject before = cloud.everyDomain();

        Report dry = cloud.run(new SwitchToOverseasRemedy(), "{\"dryRun\":true}");
        Report capped = cloud.run(new SwitchToOverseasRemedy(), "{\"maxChanges\":3}");

        assertEquals(4, dry.count(ChangeStatus.PLANNED));
        assertTrue(dry.dryRun());
        assertEquals(4, capped.count(ChangeStatus.PLANNED));
        assertNotNull(capped.refused());
        assertEquals(List.of(), cloud.writes());
        assertEquals(before, cloud.everyDomain());
    }

    @Test
    void twoRunsAtOnceSwitchAndRestoreEveryDomainExactlyOnceInEffect() throws Exception {
        // given twelve CDN domains with invalid filings, half domestic, half global
        List<io.cdnlifeline.sandbox.Domain> domains = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            domains.add(cdn("d" + i + ".example.com", "online", i % 2 == 0 ? "domestic" : "global", false, Map.of()));
        }
        cloud = DomainSandbox.start(account(domains, List.of()));
        JsonObject before = cloud.everyDomain();

        // when two switch runs race (a timer and an event)
        List<Report> switched = race(() -> cloud.run(new SwitchToOverseasRemedy(), "{}"));

        // then neither failed, every domain is overseas and its tag holds its original coverage
        for (Report r : switched) assertFalse(r.hasFailures(), r.toString());
        for (int i = 0; i < 12; i++) {
            JsonObject d = cloud.cdnNow("d" + i + ".example.com");
            assertEquals("overseas", coverage(d));
            assertEquals(Map.of("lifeline:coverage", i % 2 == 0 ? "domestic" : "global", "lifeline:since", "<t>"), tags(d));
        }

        // when the filings are valid and two restore runs race
        cloud.sandbox().update(s -> s.cdn.forEach(d -> d.icp = true));
        List<Report> restored = race(() -> cloud.run(new RestoreCoverageRemedy(), "{}"));

        // then the account is exactly as before
        for (Report r : restored) assertFalse(r.hasFailures(), r.toString());
        assertEquals(before, cloud.everyDomain());
    }

    @Test
    void sixtyDomainsSwitchUnderTheCloudsQpsLimitsWithoutOneThrottle() {
        // given 60 CDN domains with invalid filings and a sandbox that enforces the documented QPS
        List<io.cdnlifeline.sandbox.Domain> domains = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) domains.add(cdn("d" + i + ".example.com", "online", "domestic", false, Map.of()));
        cloud = DomainSandbox.start(account(domains, List.of()));
        cloud.sandbox().setLimits(new io.cdnlifeline.sandbox.Limits(0, true));

        // when all are switched in one run
        Report r = cloud.run(new SwitchToOverseasRemedy(), "{\"maxChanges\":120}");

        // then every one is switched, tags read in two batch calls (DescribeTagResources allows 10 a second), none throttled
        assertFalse(r.hasFailures(), r.toString());
        assertEquals(120, r.count(ChangeStatus.APPLIED));
        // (under the run's lock flags, so no concurrent restore-coverage moves a domain meanwhile)
        assertEquals(2, cloud.calls("DescribeTagResources"));
        assertEquals(0, cloud.sandbox().requests().stream().filter(c -> c.errorCode != null).count());
        assertEquals(60L, (long) cloud.sandbox().read(s -> s.cdn.stream().filter(d -> d.coverage.equals("overseas")
                && "domestic".equals(d.tags.get("lifeline:coverage"))).count()));
    }

    @Test
    void badInputIsRefusedByTheHandlerBeforeAnyCall() {
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "domestic", false, Map.of())), List.of()));
        SwitchToOverseasHandler handler = new SwitchToOverseasHandler();
        handler.with(Settings.builder().build(), cloud.cloud());

        BadInputException e = assertThrows(BadInputException.class, () -> handler.handleRequest(
                new ByteArrayInputStream("{\"when\":[\"sometimes\"]}".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null));

        assertTrue(e.getMessage().contains("icp-invalid"), "names what was expected: " + e.getMessage());
        assertEquals(0, cloud.sandbox().requests().size());
    }

    private static List<Report> race(java.util.concurrent.Callable<Report> run) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Callable<Report> gated = () -> {
                go.await();
                return run.call();
            };
            java.util.concurrent.Future<Report> a = pool.submit(gated);
            java.util.concurrent.Future<Report> b = pool.submit(gated);
            go.countDown();
            return List.of(a.get(60, java.util.concurrent.TimeUnit.SECONDS), b.get(60, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The real adapter, except that every coverage change fails as a server error would. */
    private static CdnApi failingSetCoverage(CdnApi real) {
        return (CdnApi) Proxy.newProxyInstance(CdnApi.class.getClassLoader(), new Class<?>[]{CdnApi.class}, (proxy, m, args) -> {
            if (m.getName().equals("setCoverage")) {
                throw new CloudException("ServiceUnavailable", "The request has failed due to a temporary failure of the server.",
                        "R-503", 503, true);
            }
            try {
                return m.invoke(real, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

}
