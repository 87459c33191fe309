package io.cdnlifeline.reliability;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.aliyun.CallPolicy;
import io.cdnlifeline.sandbox.Faults;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 8, faults: for every remedy and its undo, N randomized runs (seeded, reproducible) on the fleet with the
 * sandbox answering 20% of all calls with a 5xx, a throttling error, or a connection dropped before or after the
 * call was carried out (a random mix per run), and a retry policy that may still give up (3 attempts). Each
 * direction is invoked again until its report has no failure, as FC's async retry would (at most
 * {@value #MAX_INVOCATIONS} times); then, with the faults off:
 * <ul>
 *   <li>the account is exactly the expected end state: after the remedy, what a fault-free run leaves on the
 *       targeted domains and the start state everywhere else; after the undo, the state before the remedy;</li>
 *   <li>the {@link Invariants} hold (no duplicate, no lost line, no CNAME beside other records, no orphan marker);</li>
 *   <li>every report says exactly what happened ({@link ReportAudit}, per invocation, against the request log).</li>
 * </ul>
 * Runs per pair: {@code -Dlifeline.soak.runs=200} (default 20); seed: {@code -Dlifeline.soak.seed}. The seed decides
 * each run's domains, fault mix, fault sequence and concurrency (1 or 8); runs with concurrency 1 repeat exactly. Prints
 * {@code reliability: runs=... faults=... checks=... passed} (surefire keeps it in the test's -output.txt).
 */
class FaultSoakTest {
    static final int RUNS = Integer.getInteger("lifeline.soak.runs", 20);
    static final long SEED = Long.getLong("lifeline.soak.seed", 20261122L);
    static final double FAULT_RATE = 0.2;
    static final int MAX_INVOCATIONS = 12;
    /** Gives up after 3 attempts, so some invocations fail and are run again; no client-side limit (the sandbox enforces none here). */
    static final CallPolicy SOAK_POLICY = SandboxCloud.TEST_POLICY.toBuilder().maxAttempts(3)
            .backoff(Duration.ofMillis(1), Duration.ofMillis(20)).rateLimited(false).build();

    private static final Tally tally = new Tally();
    private static SandboxCloud sc;
    private static FleetRunner runner;
    private static Cloud cloud;

    @BeforeAll
    static void start() {
        sc = SandboxCloud.start(Fleet.seed(), SOAK_POLICY);
        runner = new FleetRunner(sc, tally);
        cloud = sc.cloud(() -> SandboxCloud.SANDBOX_KEYS, SOAK_POLICY);
    }

    @AfterAll
    static void stop() {
        sc.close();
        System.out.println(tally.summary("reliability") + " (pairs=" + RemedyPair.all().size() + ", runs per pair=" + RUNS + ", fault rate="
                + FAULT_RATE + ", seed=" + SEED + ")");
    }

    static Stream<RemedyPair> pairs() {
        return RemedyPair.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void everyRunEndsInTheIntendedState(RemedyPair pair) {
        // given what a fault-free run of the remedy leaves on every domain of the pair, and what the undo must restore
        runner.reset(pair.trouble);
        boolean clean = runner.converge(cloud, pair.forward, pair.forwardPayload(pair.domains, false), 1, "reference " + pair);
        assertEquals(true, clean, "the fault-free reference run of " + pair.forward + " failed");
        AccountSnapshot remedied = runner.snapshot();
        AccountSnapshot recovered = runner.reset(pair.trouble.andThen(pair.recovery));
        int before = tally.violations().size();

        for (int i = 0; i < RUNS; i++) {
            Random rnd = new Random(SEED * 1_000_003L + pair.name.hashCode() * 7919L + i);
            boolean accountWide = pair.forwardWhen != null && rnd.nextInt(4) == 0;
            List<String> named = accountWide ? pair.domains : subset(pair.domains, rnd);
            // one domain at a time, the order of calls (and so of the seeded faults) repeats exactly; eight at once, it follows the threads
            int concurrency = rnd.nextBoolean() ? 1 : 8;
            runner.concurrency(concurrency);
            String where = pair + " run " + i + " (concurrency " + concurrency + ")" + (accountWide ? " account-wide" : " " + named);
            tally.runs.incrementAndGet();

            // when the remedy runs under faults until it reports no failure
            AccountSnapshot start = runner.reset(pair.trouble);
            sc.sandbox().setFaults(faults(rnd));
            boolean done = runner.converge(cloud, pair.forward, pair.forwardPayload(named, accountWide), MAX_INVOCATIONS, where);
            sc.sandbox().setFaults(new Faults());

            // then the account is the intended end state and nothing else changed
            tally.check(done, where, () -> pair.forward + " still failed after " + MAX_INVOCATIONS + " invocations");
            AccountSnapshot expected = start.with(remedied, key -> Fleet.concernsAny(key, named));
            tally.check(!expected.equals(start), where, () -> pair.forward + " has nothing to do on " + named + ": the run proves nothing");
            AccountSnapshot actual = runner.snapshot();
            tally.check(expected.equals(actual), where, () -> pair.forward + " end state differs:\n" + String.join("\n", expected.differences(actual)));
            runner.invariants(false, where + " after " + pair.forward);

            // when the cause is gone and the undo runs under faults
            sc.sandbox().update(pair.recovery);
            sc.sandbox().setFaults(faults(rnd));
            // the dns-outage pair's undo in outage mode (LIFELINE_OUTAGE_UNDO_FROM 1), as after an arrears outage
            io.cdnlifeline.config.Settings base = runner.settings;
            runner.settings = pair.settings(pair.undo, base);
            boolean undone;
            try {
                undone = runner.converge(cloud, pair.undo, pair.undoPayload(named, accountWide), MAX_INVOCATIONS, where);
            } finally {
                runner.settings = base;
            }
            sc.sandbox().setFaults(new Faults());

            // then the account is back where it was
            tally.check(undone, where, () -> pair.undo + " still failed after " + MAX_INVOCATIONS + " invocations");
            AccountSnapshot back = runner.snapshot();
            tally.check(recovered.equals(back), where, () -> pair.undo + " end state differs:\n" + String.join("\n", recovered.differences(back)));
            runner.invariants(true, where + " after " + pair.undo);
        }

        List<String> found = tally.violations().subList(before, tally.violations().size());
        assertEquals(List.of(), found.size() > 20 ? found.subList(0, 20) : found, found.size() + " violations");
    }

    @org.junit.jupiter.api.Test
    void inspectUnderFaultsNeverWrites() {
        // (its own figures: the summary line is about the remedies)
        Tally inspectTally = new Tally();
        FleetRunner runner = new FleetRunner(sc, inspectTally);
        // given every remedy applied somewhere, so inspect has markers to read
        runner.reset(s -> RemedyPair.status(s, "offline"));
        runner.converge(cloud, "dns-to-origin", RemedyPair.DNS.forwardPayload(Fleet.inScope(), false), 1, "inspect setup");
        sc.sandbox().update(s -> RemedyPair.icp(s, false));
        runner.converge(cloud, "switch-to-overseas", RemedyPair.COVERAGE.forwardPayload(Fleet.CDN_DOMAINS, false), 1, "inspect setup");
        String before = sc.sandbox().stateJson();

        for (int i = 0; i < Math.max(5, RUNS / 4); i++) {
            // when inspect runs under 20% faults, named or account-wide
            Random rnd = new Random(SEED + 977L * i);
            sc.sandbox().setFaults(faults(rnd));
            String payload = rnd.nextBoolean() ? "{}" : RemedyPair.DNS.forwardPayload(subset(Fleet.inScope(), rnd), false);
            runner.invoke(cloud, "inspect", payload, "inspect run " + i);
            sc.sandbox().setFaults(new Faults());

            // then it wrote nothing (ReportAudit counts any accepted write the report does not list; inspect lists none)
            assertEquals(List.of(), Writes.of(sc.requests()), "inspect run " + i);
        }
        assertEquals(before, sc.sandbox().stateJson());
        assertEquals(List.of(), inspectTally.violations());
        System.out.println(inspectTally.summary("inspect under faults"));
    }

    /**
     * 20% of calls fail, split at random between 5xx, throttling, connections dropped before the call is carried
     * out, and connections dropped after it (the reply is lost: the client cannot tell whether its write happened).
     */
    static Faults faults(Random rnd) {
        double e = rnd.nextDouble();
        double t = rnd.nextDouble();
        double d = rnd.nextDouble();
        double l = rnd.nextDouble();
        double sum = e + t + d + l;
        return new Faults(FAULT_RATE * e / sum, FAULT_RATE * t / sum, FAULT_RATE * d / sum, FAULT_RATE * l / sum, rnd.nextLong());
    }

    static List<String> subset(List<String> all, Random rnd) {
        List<String> out = new ArrayList<>();
        for (String d : all) if (rnd.nextBoolean()) out.add(d);
        if (out.isEmpty()) out.add(all.get(rnd.nextInt(all.size())));
        return out;
    }
}
