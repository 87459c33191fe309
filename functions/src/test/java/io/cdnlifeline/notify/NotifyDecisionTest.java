package io.cdnlifeline.notify;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a run is worth a message, and when the same finding is told again. */
class NotifyDecisionTest {
    private static final Instant T0 = Instant.parse("2026-12-02T03:07:00Z");
    @TempDir
    Path memoryDir;
    private final List<String> previews = new ArrayList<>();

    @BeforeEach
    void forget() {
        NotifyMemory.forgetInstance();
    }

    private Notifier notifier(Duration repeat, int asyncRetries) {
        return new Notifier(NotifySettings.builder().preview(previews::add).repeat(repeat)
                .memoryFile(memoryDir.toString()).asyncRetries(asyncRetries).build());
    }

    private static RunFacts timer(Instant at, int retryCount, int retries) {
        return RunFacts.builder().trigger("timer:every-5-minutes").now(at).scheduledAt(at)
                .retryCount(retryCount).asyncRetries(retries).build();
    }

    private static Report tell(Notifier n, Report r, RunFacts f) {
        return n.afterRun(r, f, System.currentTimeMillis() + 10_000, line -> { });
    }

    @Test
    void aRunThatChangedNothingAndFoundNothingSendsNothing() {
        // given a timer run with an unchanged record and a domain that did not qualify
        Report noop = TestReports.run("r1").change(TestReports.switched("www.example.com", ChangeStatus.UNCHANGED))
                .skip(TestReports.routine("img.example.com")).build();
        // when it is told
        Report out = tell(notifier(Duration.ofHours(6), 0), noop, timer(T0, 0, 0));
        // then nothing is sent and the report is as it was
        assertTrue(previews.isEmpty(), previews.toString());
        assertEquals(noop.notes(), out.notes());
    }

    @Test
    void theSameUnchangedFindingIsToldOncePerRepeatWindowAndANewOneAtOnce() throws Exception {
        Notifier n = notifier(Duration.ofHours(6), 0);
        Report locked = TestReports.run("r1").skip(TestReports.locked("www.example.com")).build();
        // when the 5-minute timer finds the same locked record for 6 hours
        tell(n, locked, timer(T0, 0, 0));
        for (int i = 1; i < 72; i++) tell(n, locked, timer(T0.plus(Duration.ofMinutes(5L * i)), 0, 0));
        // then it was told once, with the reason
        assertEquals(1, previews.size());
        assertTrue(previews.get(0).contains("needs a human: record www.example.com (line default, id 1001) is locked"), previews.get(0));
        // and the memory is an object in the memory directory, one per function
        JsonObject memory = JsonParser.parseString(Files.readString(memoryDir.resolve("notify-dns-to-origin.json"))).getAsJsonObject();
        assertEquals(1, memory.size());
        // when a second finding appears next to the first, only the new one is told, and the old one counted
        Report twoLocked = locked.toBuilder().skip(TestReports.locked("img.example.com")).build();
        tell(n, twoLocked, timer(T0.plus(Duration.ofMinutes(30)), 0, 0));
        assertEquals(2, previews.size());
        assertTrue(previews.get(1).contains("img.example.com") && !previews.get(1).contains("- www.example.com"), previews.get(1));
        assertTrue(previews.get(1).contains("1 unchanged finding(s) told within the last 6 h not repeated"), previews.get(1));
        // when 6 hours have passed, the first is told again
        tell(n, twoLocked, timer(T0.plus(Duration.ofHours(6)), 0, 0));
        assertEquals(3, previews.size());
        assertTrue(previews.get(2).contains("www.example.com") && !previews.get(2).contains("img.example.com"), previews.get(2));
    }

    @Test
    void aNewFunctionInstanceReadsTheMemoryTheLastOneWrote() {
        Report locked = TestReports.run("r1").skip(TestReports.locked("www.example.com")).build();
        tell(notifier(Duration.ofHours(6), 0), locked, timer(T0, 0, 0));
        NotifyMemory.forgetInstance();
        // when a cold-started instance (a new Notifier, nothing in memory) runs 5 minutes later
        tell(notifier(Duration.ofHours(6), 0), locked, timer(T0.plus(Duration.ofMinutes(5)), 0, 0));
        // then the finding is not told again
        assertEquals(1, previews.size());
    }

    @Test
    void appliedChangesAreAlwaysTold() {
        Notifier n = notifier(Duration.ofHours(6), 0);
        tell(n, TestReports.applied(1), timer(T0, 0, 0));
        tell(n, TestReports.applied(1), timer(T0.plus(Duration.ofMinutes(5)), 0, 0));
        assertEquals(2, previews.size(), "each applied change is an event, not a state");
    }

    @Test
    void aFailureIsToldOnFcsLastAttemptOnlyAndOnceInTheRepeatWindow() {
        Notifier n = notifier(Duration.ofHours(6), 3);
        Report failed = TestReports.run("r1").change(TestReports.failedSwitch("www.example.com", "Throttling.User")).build();
        // when FC's first three attempts fail
        for (int retry = 0; retry < 3; retry++) tell(n, failed, timer(T0.plusSeconds(retry * 10L), retry, 3));
        // then nothing is sent: FC runs it again
        assertTrue(previews.isEmpty(), previews.toString());
        // when the last attempt fails too, one message says so, with the cloud's code and Recommend link
        tell(n, failed, timer(T0.plusSeconds(40), 3, 3));
        assertEquals(1, previews.size());
        String text = previews.get(0);
        assertTrue(text.startsWith("cdn-lifeline FAILED after FC's retries: dns-to-origin: failed 1"), text);
        assertTrue(text.contains("FC ran it 4 time(s) (3 retries) and will not retry it"), text);
        assertTrue(text.contains("Throttling.User") && text.contains("RequestId 5D3E-REQ-1")
                && text.contains("https://api.aliyun.com/troubleshoot?q=Throttling.User"), text);
        // when the next timer run fails the same way on its last attempt, within the window, it is not told again
        tell(n, failed, timer(T0.plus(Duration.ofMinutes(5)), 3, 3));
        assertEquals(1, previews.size());
    }

    @Test
    void theRecommendLinkTheReportCarriesIsTold() {
        Report failed = TestReports.run("r1").change(TestReports.switched("www.example.com", ChangeStatus.PLANNED)
                .failed(new io.cdnlifeline.report.ChangeError("Forbidden.RAM", "User not authorized to operate on the specified resource.",
                        "REQ-9", "alidns.aliyuncs.com", "https://api.aliyun.com/troubleshoot?q=Forbidden.RAM&product=Alidns"))).build();
        tell(notifier(Duration.ofHours(6), 0), failed, timer(T0, 0, 0));
        assertTrue(previews.get(0).contains("Forbidden.RAM: User not authorized to operate on the specified resource. (RequestId REQ-9) "
                + "Recommend: https://api.aliyun.com/troubleshoot?q=Forbidden.RAM&product=Alidns"), previews.get(0));
    }

    @Test
    void anAttemptThatAppliedSomethingIsToldEvenIfFcWillRetryItsFailures() {
        Notifier n = notifier(Duration.ofHours(6), 3);
        Report mixed = TestReports.run("r1").change(TestReports.switched("www.example.com", ChangeStatus.APPLIED))
                .change(TestReports.failedSwitch("img.example.com", "ServiceUnavailable")).build();
        tell(n, mixed, timer(T0, 0, 3));
        assertEquals(1, previews.size());
        assertTrue(previews.get(0).contains("FC will retry this invocation (attempt 1 of 4)"), previews.get(0));
    }

    @Test
    void aDryRunWritesNoMemoryAndTellsItsPlanOncePerWindowFromATimer() throws Exception {
        Notifier n = notifier(Duration.ofHours(6), 0);
        Report plan = TestReports.run("r1").dryRun(true).change(TestReports.switched("www.example.com", ChangeStatus.PLANNED))
                .skip(TestReports.locked("img.example.com")).build();
        // when a 5-minute timer plans the same for a day, starting at 00:00 UTC
        Instant midnight = Instant.parse("2026-12-02T00:00:00Z");
        for (int i = 0; i < 288; i++) tell(n, plan, timer(midnight.plus(Duration.ofMinutes(5L * i)), 0, 0));
        // then the plan went out four times (00:00, 06:00, 12:00, 18:00), marked as a plan
        assertEquals(4, previews.size());
        assertTrue(previews.get(0).startsWith("cdn-lifeline PLAN (dry run, nothing changed) dns-to-origin: planned 1, needs a human 1"), previews.get(0));
        // and nothing was written, not even the memory
        try (var files = Files.list(memoryDir)) {
            assertEquals(0, files.count());
        }
        // when a person runs the same dry run, it is told at once
        tell(n, plan, RunFacts.builder().trigger("manual").now(midnight.plus(Duration.ofMinutes(7))).build());
        assertEquals(5, previews.size());
    }

    @Test
    void aGuardsRefusalIsToldWithTheChangesItHeldBack() {
        Report refused = TestReports.run("r1").change(TestReports.switched("www.example.com", ChangeStatus.PLANNED))
                .refused("refused: this run would make 60 changes, more than maxChanges 50 (...); nothing was changed").build();
        Notifier n = notifier(Duration.ofHours(6), 0);
        tell(n, refused, timer(T0, 0, 0));
        assertEquals(1, previews.size());
        assertTrue(previews.get(0).contains("refused by a guard") && previews.get(0).contains("more than maxChanges 50"), previews.get(0));
        assertTrue(previews.get(0).contains("not applied 1"), previews.get(0));
        tell(n, refused, timer(T0.plus(Duration.ofMinutes(5)), 0, 0));
        assertEquals(1, previews.size(), "the same refusal every 5 minutes is told once per window");
    }

    @Test
    void continuedAndMemberAccountRunsSayWhatTheyAre() {
        // given a round-2 run that itself reached its time limit, in a member account
        Report continued = TestReports.applied(1).toBuilder().continues("round 2").continued(new Report.Continued(40, 3))
                .account("1357").memberOf("req-org").build();
        // when it is told
        tell(notifier(Duration.ofHours(6), 0), continued, timer(T0, 0, 0));
        // then the digest says it is a continuation, what it handed on, and whose member run it is
        String text = previews.get(0);
        assertTrue(text.contains("continued run (round 2): it carries on the work of a run that reached its time limit"), text);
        assertTrue(text.contains("40 domain(s) left for round 3"), text);
        assertTrue(text.contains("member-account run: one account of run req-org"), text);
        assertTrue(text.contains("account 1357"), text);
    }

    @Test
    void routineSkipsNeedNoHumanAndTheRestDo() {
        assertFalse(Attention.needsHuman("conditions not met (offline|in-debt): {\"offline\":\"false\"}"));
        assertFalse(Attention.needsHuman("out of scope: LIFELINE_SCOPE is *.example.com"));
        assertFalse(Attention.needsHuman("excluded by LIFELINE_EXCLUDE (a.example.com)"));
        assertFalse(Attention.needsHuman("record www (line default, id 1) is being switched back by dns-to-cdn (a restore is in progress, marked ...)"));
        assertFalse(Attention.needsHuman("no DNS record of www.example.com points at its CDN CNAME www.example.com.w.kunlunsl.com"));
        assertTrue(Attention.needsHuman(TestReports.locked("www.example.com").why()));
        assertTrue(Attention.needsHuman("its DNS is not in this account's Alibaba Cloud DNS: no zone of the account is a suffix of x.example.org"));
        assertTrue(Attention.needsHuman("not acted on: the ICP filing could not be checked (Throttling)"));
        assertTrue(Attention.needsHuman("the domain's ICP filing is invalid (Alibaba Cloud refused set-coverage of cdn:www with DomainIcpInvalid, RequestId A-1; retrying will not help until that is fixed)"));
        assertEquals(Attention.normalized("refused with X, RequestId A-1; retrying"), Attention.normalized("refused with X, RequestId B-2; retrying"));
    }

    @Test
    void aHangingNotifyIsStillBoundedWhenFcsLimitIsNear() throws Exception {
        try (Receiver r = Receiver.start().hanging()) {
            Notifier n = new Notifier(NotifySettings.fromMap(Map.of("LIFELINE_NOTIFY_WEBHOOK", r.url("/h"), "LIFELINE_NOTIFY_TIMEOUT", "30s")));
            long t = System.nanoTime();
            // when FC's limit is 500 ms away, though the notify timeout is 30 s
            Report out = n.afterRun(TestReports.applied(1), timer(T0, 0, 0), System.currentTimeMillis() + 500, line -> { });
            long ms = (System.nanoTime() - t) / 1_000_000;
            // then the step gives up in time and says so
            assertTrue(ms < 5_000, ms + " ms");
            assertTrue(out.notes().stream().anyMatch(x -> x.startsWith("notify: webhook did not take the digest")), out.notes().toString());
        }
    }

    @Test
    void aMemberRunWhoseRoleCannotBeAssumedIsToldOnTheLastAttemptNamingItsAccount() {
        // given a member run of a run over several accounts whose role was refused by STS
        Report refused = TestReports.run("m1").account("2000000000000004").memberOf("fan-1")
                .accountOutcome(io.cdnlifeline.report.AccountOutcome.failed("2000000000000004", "acs:ram::2000000000000004:role/cdn-lifeline-member",
                        "assume-role", new io.cdnlifeline.report.ChangeError("NoPermission", "You are not authorized to do this action.", "r-1")))
                .build();
        Notifier n = notifier(Duration.ofHours(6), 3);
        // when FC's first attempt is told: nothing (FC runs it again)
        tell(n, refused, timer(T0, 0, 3));
        assertTrue(previews.isEmpty(), previews.toString());
        // when its last attempt is told: one digest naming the account, the run it belongs to and STS's answer
        tell(n, refused, timer(T0, 3, 3));
        assertEquals(1, previews.size(), previews.toString());
        String digest = previews.get(0);
        assertTrue(digest.contains("2000000000000004"), digest);
        assertTrue(digest.contains("NoPermission"), digest);
        assertTrue(digest.contains("fan-1"), digest);
    }
}
