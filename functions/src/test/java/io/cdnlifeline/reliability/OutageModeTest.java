package io.cdnlifeline.reliability;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.remedy.MarkerLease;
import io.cdnlifeline.report.Report;

import io.cdnlifeline.sandbox.SandboxState;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18's outage mode of dns-to-origin (the account in debt, more targets than maxChanges): the switch's marker is
 * written after every visitor-facing write, under the domain's {@code lifeline:dns} intent tag. What issue 8 bought must
 * hold for it as for the marker-first switch:
 * <ul>
 *   <li>crash safety at every call: an instance dead right after any of its writes leaves a state the next run
 *       completes, to exactly the uninterrupted run's end state;</li>
 *   <li>exact restore: the undo after it, and the undo after a dead outage-mode run whose domains came back online
 *       before any dns-to-origin ran again (its records switched but not marked, only the tag says so), end exactly in
 *       the account before the outage;</li>
 *   <li>upgrade: the markers release v1 left in the middle of an outage (fixtures/markers-v1) are completed by outage
 *       mode and then restored exactly.</li>
 * </ul>
 * The races are {@code RaceTest}'s outage-mode case.
 */
class OutageModeTest {
    private static final Tally tally = new Tally();
    private static SandboxCloud sc;
    private static FleetRunner runner;
    private static Cloud cloud;

    /** Named, with a guard below their number: outage mode, as an arrears outage of a large account is. */
    static final String FORWARD = "{\"reason\": \"reliability\", \"maxChanges\": 1, \"domains\": [\"www.example.com\", "
            + "\"img.example.com\", \"static.example.com\", \"v6.example.com\", \"api.example.org\"]}";
    static final String UNDO = RemedyPair.DNS.undoPayload(RemedyPair.DNS.domains, false);

    /** Every domain offline and the account overdue: the arrears outage. */
    static final Consumer<SandboxState> ARREARS = s -> {
        RemedyPair.status(s, "offline");
        s.account.inDebt = true;
        s.account.inDebtOverdue = true;
    };
    static final Consumer<SandboxState> PAID = s -> {
        RemedyPair.status(s, "online");
        s.account.inDebt = false;
        s.account.inDebtOverdue = false;
    };

    @BeforeAll
    static void start() {
        sc = SandboxCloud.start(Fleet.seed());
        runner = new FleetRunner(sc, tally, 1);
        // the undo in outage mode too, as after an arrears outage of a large account
        runner.settings = runner.settings.toBuilder().outageUndoFrom(1).build();
        cloud = sc.cloud(() -> SandboxCloud.SANDBOX_KEYS, FaultSoakTest.SOAK_POLICY);
    }

    @AfterAll
    static void stop() {
        sc.close();
        System.out.println(tally.summary("outage mode"));
    }

    @AfterEach
    void clock() {
        MarkerLease.useClock(null);
    }

    @Test
    void anOutageModeRunSwitchesEveryDomainAndTheUndoRestoresExactly() {
        int seen = tally.violations().size();
        // given the arrears outage
        AccountSnapshot before = runner.reset(ARREARS);
        // when dns-to-origin runs with a guard below the number of domains
        Report r = runner.invoke(cloud, "dns-to-origin", FORWARD, "outage");
        // then it ran in outage mode, switched every record, and left no intent tag
        assertTrue(String.valueOf(r.notes()).contains("outage mode"), String.valueOf(r.notes()));
        assertTrue(!r.hasFailures() && r.refused() == null, r.toString());
        assertEquals(before.entries().size(), runner.snapshot().entries().size());
        runner.invariants(false, "outage");
        assertEquals(List.of(), noIntentTags(runner.snapshot()), "intent tags left");
        // and the marker of each switched record came after every visitor-facing write of the run
        List<io.cdnlifeline.sandbox.SandboxCall> log = sc.requests();
        long lastUpdate = -1;
        long firstSwitchMarker = Long.MAX_VALUE;
        for (int i = 0; i < log.size(); i++) {
            io.cdnlifeline.sandbox.SandboxCall c = log.get(i);
            if (c.httpStatus != 200) continue;
            if ("UpdateDomainRecord".equals(c.action)) lastUpdate = i;
            String remark = c.params.get("Remark");
            if ("UpdateDomainRecordRemark".equals(c.action) && remark != null && remark.startsWith("lifeline:switched:")) {
                firstSwitchMarker = Math.min(firstSwitchMarker, i);
            }
        }
        assertTrue(lastUpdate >= 0 && lastUpdate < firstSwitchMarker, "a switched marker before the last update: " + lastUpdate + " / " + firstSwitchMarker);

        // when the bill is paid and dns-to-cdn runs (in outage mode: more domains than LIFELINE_OUTAGE_UNDO_FROM, not in debt)
        sc.sandbox().update(PAID);
        Report undo = runner.invoke(cloud, "dns-to-cdn", UNDO, "undo");
        assertTrue(!undo.hasFailures() && undo.refused() == null, undo.toString());
        assertTrue(String.valueOf(undo.notes()).contains("outage mode"), String.valueOf(undo.notes()));
        // then no restoring marker was written, and every update back came before the first original remark
        assertUpdatesBeforeRemarks(sc.requests());
        // then the account is exactly as before the outage (once the domains are back)
        AccountSnapshot restored = runner.snapshot();
        sc.sandbox().replaceState(Fleet.seed());
        assertEquals(List.of(), runner.snapshot().differences(restored));
        runner.invariants(true, "undo");
        assertNoNewViolations(seen);
    }

    /**
     * Given the arrears outage, when an outage-mode dns-to-origin dies right after any of its writes, then the next run
     * (outage mode again) leaves exactly the uninterrupted run's end state, without failure.
     */
    @Test
    void aRunDeadAfterAnyWriteIsCompletedByTheNextRun() {
        int seen = tally.violations().size();
        runner.reset(ARREARS);
        String from = sc.sandbox().stateJson();
        DyingCloud whole = new DyingCloud(cloud, Integer.MAX_VALUE);
        assertTrue(runner.converge(whole.cloud(), "dns-to-origin", FORWARD, 1, "reference"));
        int writes = whole.writes();
        AccountSnapshot expected = runner.snapshot();
        assertTrue(writes > 10, "writes " + writes);
        for (int k = 0; k < writes; k++) {
            String where = "outage-mode dns-to-origin died after write " + k + " of " + writes;
            runner.restore(from);
            tally.runs.incrementAndGet();
            DyingCloud dying = new DyingCloud(cloud, k);
            try {
                runner.invoke(dying.cloud(), "dns-to-origin", FORWARD, where);
            } catch (DyingCloud.Died | IllegalStateException expectedDeath) {
                // its report is lost with it
            }
            tally.check(dying.died(), where, () -> "the instance did not die");
            Report next = runner.invoke(cloud, "dns-to-origin", FORWARD, where + ", next run");
            tally.check(!next.hasFailures(), where, () -> "the next run failed: " + next);
            AccountSnapshot actual = runner.snapshot();
            tally.check(expected.equals(actual), where, () -> "the next run did not complete it:\n" + String.join("\n", expected.differences(actual)));
            runner.invariants(false, where);
        }
        assertNoNewViolations(seen);
    }

    /**
     * Given an outage-mode run dead after any of its writes, when the bill is paid before any dns-to-origin runs again
     * (its switched records may carry no marker, only the domain's intent tag says they are lifeline's), then dns-to-cdn
     * leaves them alone while the tag is young and, once it is older than the lease, restores exactly the account before
     * the outage, tags included.
     */
    @ParameterizedTest(name = "undo {0} minutes later")
    @ValueSource(ints = {2, 20})
    void aDeadOutageRunIsUndoneExactlyWhenTheDomainsComeBackFirst(int minutesLater) {
        int seen = tally.violations().size();
        runner.reset(ARREARS);
        String from = sc.sandbox().stateJson();
        sc.sandbox().update(PAID);
        AccountSnapshot exactlyBefore = runner.snapshot();
        DyingCloud whole = new DyingCloud(cloud, Integer.MAX_VALUE);
        runner.restore(from);
        assertTrue(runner.converge(whole.cloud(), "dns-to-origin", FORWARD, 1, "reference"));
        int writes = whole.writes();
        for (int k = 1; k < writes; k++) {
            String where = "outage-mode dns-to-origin died after write " + k + ", paid, dns-to-cdn " + minutesLater + " min later";
            runner.restore(from);
            tally.runs.incrementAndGet();
            DyingCloud dying = new DyingCloud(cloud, k);
            try {
                runner.invoke(dying.cloud(), "dns-to-origin", FORWARD, where);
            } catch (DyingCloud.Died | IllegalStateException expectedDeath) {
                // its report is lost with it
            }
            sc.sandbox().update(PAID);
            AccountSnapshot dead = runner.snapshot();
            MarkerLease.useClock(Clock.fixed(Instant.now().plus(Duration.ofMinutes(minutesLater)), ZoneOffset.UTC));
            try {
                Report undo = runner.invoke(cloud, "dns-to-cdn", UNDO, where);
                tally.check(!undo.hasFailures(), where, () -> "the undo failed: " + undo);
                AccountSnapshot actual = runner.snapshot();
                if (minutesLater >= 15) {
                    tally.check(exactlyBefore.equals(actual), where, () -> "not restored exactly:\n" + String.join("\n", exactlyBefore.differences(actual)));
                    runner.invariants(true, where);
                } else {
                    // a young intent tag: a switch may be in flight, its unmarked records are left as they are
                    for (String key : dead.entries().keySet()) {
                        String was = dead.entries().get(key);
                        if (was.contains("remark=") && !was.contains("lifeline:") && !was.contains("CNAME")) {
                            tally.check(was.equals(actual.entries().get(key)), where, () -> "an unmarked switch under a young tag was touched: " + key);
                        }
                    }
                    runner.invariants(false, false, where);
                }
            } finally {
                MarkerLease.useClock(null);
            }
        }
        assertNoNewViolations(seen);
    }

    /**
     * Given the markers release v1 left in the middle of an outage (it died after any write), when the new code runs
     * dns-to-origin in outage mode, then it ends where v1's remedy ends, and the undo restores the account exactly.
     */
    @Test
    void anUpgradeInTheMiddleOfAnOutageCompletesAndRestoresExactly() {
        int seen = tally.violations().size();
        java.util.Properties index = MarkersV1FixturesTest.index();
        Instant written = Instant.ofEpochMilli(Long.parseLong(index.getProperty("writtenAtEpochMs")));
        int forward = Integer.parseInt(index.getProperty("dns.forwardWrites"));
        String start = MarkersV1FixturesTest.read("dns/start.json");
        for (int k = 1; k < forward; k++) {
            String where = "markers-v1 dns/forward-died-after-" + k + " in outage mode";
            MarkerLease.useClock(Clock.fixed(written.plus(Duration.ofMinutes(3)), ZoneOffset.UTC));
            runner.restore(start);
            runner.resetSeededIds();
            runner.restore(MarkersV1FixturesTest.read("dns/remedied.json"));
            AccountSnapshot remedied = runner.snapshot();
            runner.restore(MarkersV1FixturesTest.read("dns/forward-died-after-" + k + ".json"));
            sc.sandbox().update(s -> {
                s.account.inDebt = true;
                s.account.inDebtOverdue = true;
            });
            Report r = runner.invoke(cloud, "dns-to-origin", FORWARD, where);
            tally.runs.incrementAndGet();
            tally.check(String.valueOf(r.notes()).contains("outage mode"), where, () -> "not in outage mode: " + r.notes());
            tally.check(!r.hasFailures(), where, () -> "failed: " + r);
            sc.sandbox().update(PAID);
            AccountSnapshot actual = runner.snapshot();
            tally.check(remedied.equals(actual), where, () -> "not v1's end state:\n" + String.join("\n", remedied.differences(actual)));
            runner.invariants(false, where);
            MarkerLease.useClock(Clock.fixed(written.plus(Duration.ofMinutes(6)), ZoneOffset.UTC));
            tally.check(runner.converge(cloud, "dns-to-cdn", UNDO, 2, where), where, () -> "the undo did not complete");
            AccountSnapshot restored = runner.snapshot();
            runner.restore(start);
            sc.sandbox().update(PAID);
            AccountSnapshot exactlyBefore = runner.snapshot();
            tally.check(exactlyBefore.equals(restored), where, () -> "not restored exactly:\n" + String.join("\n", exactlyBefore.differences(restored)));
        }
        assertNoNewViolations(seen);
    }

    /** The undo's outage mode: the tag before any record write, no restoring marker, the updates back before the remarks. */
    private static void assertUpdatesBeforeRemarks(List<io.cdnlifeline.sandbox.SandboxCall> log) {
        long firstTag = Long.MAX_VALUE;
        long firstRecordWrite = Long.MAX_VALUE;
        long lastUpdate = -1;
        long firstRemark = Long.MAX_VALUE;
        int remarks = 0;
        for (int i = 0; i < log.size(); i++) {
            io.cdnlifeline.sandbox.SandboxCall c = log.get(i);
            if (c.httpStatus != 200) continue;
            if ("TagResources".equals(c.action) || "TagDcdnResources".equals(c.action)) firstTag = Math.min(firstTag, i);
            if ("UpdateDomainRecord".equals(c.action) || "DeleteDomainRecord".equals(c.action)) firstRecordWrite = Math.min(firstRecordWrite, i);
            if ("UpdateDomainRecord".equals(c.action)) lastUpdate = i;
            if ("UpdateDomainRecordRemark".equals(c.action)) {
                String remark = c.params.get("Remark");
                assertTrue(remark == null || !remark.startsWith("lifeline:restoring:"), "a restoring marker in outage mode: " + remark);
                firstRemark = Math.min(firstRemark, i);
                remarks++;
            }
        }
        assertTrue(lastUpdate >= 0 && remarks > 0, "updates " + lastUpdate + ", remarks " + remarks);
        assertTrue(firstTag < firstRecordWrite, "the restoring tag came after a record write: " + firstTag + " / " + firstRecordWrite);
        assertTrue(lastUpdate < firstRemark, "an original remark before the last update back: " + lastUpdate + " / " + firstRemark);
    }

    /**
     * Given the switched account, the bill paid, when an outage-mode dns-to-cdn dies right after any of its writes, then
     * the next run ends exactly where one long run ends, in either direction: dns-to-cdn at once (the account exactly as
     * before the outage), or, the account overdue again, dns-to-origin once the restoring tag is older than the lease (the
     * switched account of the forward run; the snapshots hide marker times).
     */
    @ParameterizedTest(name = "next run {0}")
    @ValueSource(strings = {"dns-to-cdn", "dns-to-origin"})
    void anUndoDeadAfterAnyWriteIsCompletedByTheNextRun(String next) {
        int seen = tally.violations().size();
        runner.reset(ARREARS);
        String from = sc.sandbox().stateJson();
        sc.sandbox().update(PAID);
        AccountSnapshot exactlyBefore = runner.snapshot();
        runner.restore(from);
        assertTrue(runner.converge(cloud, "dns-to-origin", FORWARD, 1, "forward"));
        AccountSnapshot switched = runner.snapshot();
        sc.sandbox().update(PAID);
        String paid = sc.sandbox().stateJson();
        DyingCloud whole = new DyingCloud(cloud, Integer.MAX_VALUE);
        assertTrue(runner.converge(whole.cloud(), "dns-to-cdn", UNDO, 1, "reference undo"));
        int writes = whole.writes();
        assertTrue(writes > 10, "writes " + writes);
        assertEquals(List.of(), exactlyBefore.differences(runner.snapshot()));
        for (int k = 0; k < writes; k++) {
            String where = "outage-mode dns-to-cdn died after write " + k + " of " + writes + ", next " + next;
            runner.restore(paid);
            tally.runs.incrementAndGet();
            DyingCloud dying = new DyingCloud(cloud, k);
            try {
                runner.invoke(dying.cloud(), "dns-to-cdn", UNDO, where);
            } catch (DyingCloud.Died | IllegalStateException expectedDeath) {
                // its report is lost with it
            }
            tally.check(dying.died(), where, () -> "the instance did not die");
            if (next.equals("dns-to-cdn")) {
                Report r = runner.invoke(cloud, "dns-to-cdn", UNDO, where + ", next run");
                tally.check(!r.hasFailures(), where, () -> "the next run failed: " + r);
                AccountSnapshot actual = runner.snapshot();
                tally.check(exactlyBefore.equals(actual), where, () -> "not restored exactly:\n" + String.join("\n", exactlyBefore.differences(actual)));
                runner.invariants(true, where);
            } else {
                sc.sandbox().update(ARREARS);
                MarkerLease.useClock(Clock.fixed(Instant.now().plus(Duration.ofMinutes(20)), ZoneOffset.UTC));
                try {
                    Report r = runner.invoke(cloud, "dns-to-origin", FORWARD, where + ", next run");
                    tally.check(!r.hasFailures(), where, () -> "the next run failed: " + r);
                    List<String> diff = switched.differences(runner.snapshot());
                    tally.check(diff.isEmpty(), where, () -> "not the switched account:\n" + String.join("\n", diff));
                    runner.invariants(false, where);
                } finally {
                    MarkerLease.useClock(null);
                }
            }
        }
        assertNoNewViolations(seen);
    }

    /**
     * Given an outage-mode undo in flight (its restoring tag young) and the account overdue again, when dns-to-origin runs,
     * then it leaves every record of the tagged domains exactly as the undo left them.
     */
    @Test
    void aYoungRestoringTagHoldsDnsToOriginOff() {
        int seen = tally.violations().size();
        runner.reset(ARREARS);
        assertTrue(runner.converge(cloud, "dns-to-origin", FORWARD, 1, "forward"));
        sc.sandbox().update(PAID);
        DyingCloud whole = new DyingCloud(cloud, Integer.MAX_VALUE);
        String paid = sc.sandbox().stateJson();
        assertTrue(runner.converge(whole.cloud(), "dns-to-cdn", UNDO, 1, "reference undo"));
        // dead half way: some lines back on the CDN CNAME with their switched marker, the restoring tag on
        runner.restore(paid);
        DyingCloud dying = new DyingCloud(cloud, whole.writes() / 2);
        try {
            runner.invoke(dying.cloud(), "dns-to-cdn", UNDO, "undo dead half way");
        } catch (DyingCloud.Died | IllegalStateException expectedDeath) {
            // its report is lost with it
        }
        assertTrue(dying.died());
        sc.sandbox().update(ARREARS);
        AccountSnapshot halfway = runner.snapshot();
        MarkerLease.useClock(Clock.fixed(Instant.now().plus(Duration.ofMinutes(2)), ZoneOffset.UTC));
        Report r = runner.invoke(cloud, "dns-to-origin", FORWARD, "two minutes later");
        AccountSnapshot after = runner.snapshot();
        for (String key : halfway.entries().keySet()) {
            if (!halfway.entries().get(key).contains("lifeline:dns=restoring.")) continue;
            String domain = key.substring(key.indexOf(' ') + 1);
            for (String k : halfway.entries().keySet()) {
                if (k.startsWith("dns ") && k.contains(domain)) {
                    assertEquals(halfway.entries().get(k), after.entries().get(k), "a record of " + domain + " under a young restoring tag was touched");
                }
            }
        }
        assertTrue(String.valueOf(r.skipped()).contains("restoring tag"), String.valueOf(r.skipped()));
        assertNoNewViolations(seen);
    }

    private static void assertNoNewViolations(int seen) {
        List<String> all = tally.violations();
        List<String> found = all.subList(seen, all.size());
        assertEquals(List.of(), found.size() > 20 ? found.subList(0, 20) : found, found.size() + " violations");
    }

    private static List<String> noIntentTags(AccountSnapshot s) {
        List<String> out = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, String> e : s.entries().entrySet()) if (e.getValue().contains("lifeline:dns")) out.add(e.getKey());
        return out;
    }

}
