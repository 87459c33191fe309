package io.cdnlifeline.reliability;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.cdnlifeline.remedy.MarkerLease;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, crash safety, for every remedy and its undo on the whole fleet at once: an instance that dies right
 * after its k-th write (for every k up to the writes a full run makes) leaves a state the next run completes: the
 * next run reports no failure and leaves exactly what an uninterrupted run leaves, with the {@link Invariants}
 * holding. Nothing may live only in memory: the next run knows only what it reads from the account (a new run
 * context; the SDK adapters it shares with the dead run hold no account state, only clients and rate limiters).
 * (The DNS remedies' own per-write crash tests are {@code DnsCrashAndRaceSandboxTest}; this one runs every pair
 * through the same fleet, both directions, with every domain in one run.)
 */
class CrashSafetyTest {
    private static final Tally tally = new Tally();
    private static SandboxCloud sc;
    private static FleetRunner runner;
    private static Cloud cloud;

    @BeforeAll
    static void start() {
        sc = SandboxCloud.start(Fleet.seed());
        runner = new FleetRunner(sc, tally, 1);
        cloud = sc.cloud(() -> SandboxCloud.SANDBOX_KEYS, FaultSoakTest.SOAK_POLICY);
    }

    @AfterAll
    static void stop() {
        sc.close();
        System.out.println(tally.summary("crash safety"));
    }

    static Stream<RemedyPair> pairs() {
        return RemedyPair.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void aRunDeadAfterAnyWriteIsCompletedByTheNextRun(RemedyPair pair) {
        // the remedy, from the trouble
        runner.reset(pair.trouble);
        String troubled = sc.sandbox().stateJson();
        int forwardWrites = crashEveryWrite(pair, pair.forward, pair.forwardPayload(pair.domains, false), troubled, s -> { });
        String remedied = sc.sandbox().stateJson();

        // the undo, from the remedied state once the cause is gone, after the last dead run's time is up (its lock flag
        // holds the opposite remedy off until then); the undo's reference run changes every domain, so it takes every
        // stale flag down
        int undoWrites;
        MarkerLease.useClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3)));
        try {
            undoWrites = crashEveryWrite(pair, pair.undo, pair.undoPayload(pair.domains, false), remedied, pair.recovery);
        } finally {
            MarkerLease.useClock(null);
        }

        assertTrue(forwardWrites > 0 && undoWrites > 0, "nothing to crash: " + forwardWrites + "/" + undoWrites + " writes");
        List<String> found = tally.violations();
        assertEquals(List.of(), found.size() > 20 ? found.subList(0, 20) : found, found.size() + " violations");
    }

    /** Runs {@code function} from {@code startJson} (+ {@code change}) once whole, then once per k killed after k writes + once more. */
    private int crashEveryWrite(RemedyPair pair, String function, String payload, String startJson, Consumer<io.cdnlifeline.sandbox.SandboxState> change) {
        io.cdnlifeline.config.Settings base = runner.settings;
        runner.settings = pair.settings(function, base);
        try {
            return crashEveryWrite(pair, function, payload, startJson, change, base);
        } finally {
            runner.settings = base;
        }
    }

    private int crashEveryWrite(RemedyPair pair, String function, String payload, String startJson, Consumer<io.cdnlifeline.sandbox.SandboxState> change,
            io.cdnlifeline.config.Settings base) {
        runner.restore(startJson);
        sc.sandbox().update(change);
        String from = sc.sandbox().stateJson();
        DyingCloud whole = new DyingCloud(cloud, Integer.MAX_VALUE);
        boolean clean = runner.converge(whole.cloud(), function, payload, 1, "reference " + function);
        assertTrue(clean, "the uninterrupted run of " + function + " failed");
        int writes = whole.writes();
        AccountSnapshot expected = runner.snapshot();
        tally.check(expected.equals(expected.withoutLockFlags()), "reference " + function, () -> "lock flags left by the uninterrupted run: " + expected);
        boolean undone = function.equals(pair.undo);

        for (int k = 0; k < writes; k++) {
            String where = function + " died after write " + k + " of " + writes;
            runner.restore(from);
            tally.runs.incrementAndGet();
            DyingCloud dying = new DyingCloud(cloud, k);
            try {
                runner.invoke(dying.cloud(), function, payload, where);
            } catch (DyingCloud.Died | IllegalStateException expectedDeath) {
                // the instance died mid-run: its report, if any, is lost with it
            }
            tally.check(dying.died(), where, () -> "the instance did not die: the run made fewer writes than the reference");

            Report next = runner.invoke(cloud, function, payload, where + ", next run");
            tally.check(!next.hasFailures(), where, () -> "the next run failed: " + next);
            AccountSnapshot actual = runner.snapshot().withoutLockFlags();
            tally.check(expected.equals(actual), where, () -> "the next run did not complete it:\n" + String.join("\n", expected.differences(actual)));
            runner.invariants(undone, where);


        }
        return writes;
    }
}
