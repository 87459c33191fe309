package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed after any number of writes is completed by the next run, and two runs at once leave the
 * same end state as one: for both directions, through the real SDK against the sandbox.
 */
class DnsCrashAndRaceSandboxTest {
    private static final String[] TARGETS = {"www.example.com", "v6.example.com", "api.example.org"};
    @RegisterExtension
    static final DnsWorld world = new DnsWorld();
    private static java.util.Set<String> seeded;

    @BeforeAll
    static void rememberSeededRecords() {
        seeded = new java.util.HashSet<>(world.records().keySet());
    }

    /** The records, with the ids of records a run added replaced by their content (ids of adds differ run to run). */
    private static List<String> endState() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : world.records().entrySet()) {
            out.add((seeded.contains(e.getKey()) ? e.getKey() + " " : "+ ") + e.getValue());
        }
        Collections.sort(out);
        return out;
    }

    private static Cloud killedAfter(int writes) {
        Cloud real = world.cloud();
        return new Cloud(real.cdn(), new KillableDns(real.dns(), writes), real.account());
    }

    @Test
    void dnsToOriginKilledAfterAnyWriteIsCompletedByTheNextRun() {
        world.run("dns-to-origin", DnsWorld.named(TARGETS));
        List<String> reference = endState();
        int writes = world.writes().size();
        assertTrue(writes >= 16, "writes " + writes);

        for (int k = 0; k < writes; k++) {
            world.reset();
            Report killed = world.run("dns-to-origin", DnsWorld.named(TARGETS), killedAfter(k), world.settings());
            assertTrue(killed.count(ChangeStatus.FAILED) > 0, "k=" + k);

            Report next = world.run("dns-to-origin", DnsWorld.named(TARGETS));

            assertEquals(0, next.count(ChangeStatus.FAILED), "k=" + k + " " + next);
            assertEquals(reference, endState(), "after a kill at write " + k);
        }
    }

    @Test
    void dnsToCdnKilledAfterAnyWriteIsCompletedByTheNextRun() {
        Map<String, String> original = world.records();
        world.run("dns-to-origin", DnsWorld.named(TARGETS));
        world.setStatus("online");
        String switched = world.sandbox.stateJson();
        world.sandbox.clearRequests();
        world.run("dns-to-cdn", DnsWorld.named(TARGETS));
        int writes = world.writes().size();
        assertEquals(original, world.records());

        for (int k = 0; k < writes; k++) {
            world.sandbox.replaceState(switched);
            Report killed = world.run("dns-to-cdn", DnsWorld.named(TARGETS), killedAfter(k), world.settings());
            assertTrue(killed.count(ChangeStatus.FAILED) > 0, "k=" + k);

            Report next = world.run("dns-to-cdn", DnsWorld.named(TARGETS));

            assertEquals(0, next.count(ChangeStatus.FAILED), "k=" + k + " " + next);
            assertEquals(original, world.records(), "after a kill at write " + k);
        }
    }

    @Test
    void twoConcurrentRunsLeaveTheSameEndStateAsOne() throws Exception {
        world.run("dns-to-origin", DnsWorld.named(TARGETS));
        List<String> reference = endState();
        Map<String, String> original;

        for (int round = 0; round < 3; round++) {
            world.reset();
            original = world.records();
            List<Report> reports = both("dns-to-origin");
            for (Report r : reports) assertEquals(0, r.count(ChangeStatus.FAILED), r.toString());
            assertEquals(reference, endState(), "round " + round);

            world.setStatus("online");
            reports = both("dns-to-cdn");
            for (Report r : reports) assertEquals(0, r.count(ChangeStatus.FAILED), r.toString());
            assertEquals(original, world.records(), "round " + round);
        }
    }

    private static List<Report> both(String function) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Report>> fs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                fs.add(pool.submit(() -> {
                    go.await();
                    return world.run(function, DnsWorld.named(TARGETS));
                }));
            }
            go.countDown();
            List<Report> out = new ArrayList<>();
            for (Future<Report> f : fs) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
