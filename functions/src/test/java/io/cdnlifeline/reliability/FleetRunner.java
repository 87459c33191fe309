package io.cdnlifeline.reliability;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.EventParser;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.run.Functions;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.sandbox.SandboxCall;
import io.cdnlifeline.testing.SandboxCloud;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs functions on the {@link Fleet} account as FC would (parse the payload, run, keep the report), one at a
 * time so that each invocation's slice of the sandbox's request log is its own, and audits every report
 * against that slice ({@link ReportAudit}).
 */
final class FleetRunner {
    final SandboxCloud sc;
    volatile Settings settings;
    final Tally tally;
    private Set<String> seededIds = Set.of();
    private Set<String> seededLines = Set.of();

    FleetRunner(SandboxCloud sc, Tally tally) {
        this(sc, tally, sc.settings().concurrency());
    }

    /** @param concurrency LIFELINE_CONCURRENCY of the runs (1: one domain at a time, the order of writes repeatable) */
    FleetRunner(SandboxCloud sc, Tally tally, int concurrency) {
        this.sc = sc;
        this.tally = tally;
        this.settings = sc.settings().toBuilder().scope(Fleet.SCOPE).exclude(Fleet.EXCLUDE).concurrency(concurrency).build();
    }

    /** LIFELINE_CONCURRENCY of the next runs. */
    void concurrency(int n) {
        settings = settings.toBuilder().concurrency(n).build();
    }

    /** Back to the seed, then {@code change} (the trouble); returns the snapshot of that start. */
    AccountSnapshot reset(Consumer<io.cdnlifeline.sandbox.SandboxState> change) {
        sc.sandbox().setFaults(new io.cdnlifeline.sandbox.Faults());
        sc.sandbox().replaceState(Fleet.seed());
        sc.sandbox().update(change);
        sc.clearRequests();
        seededIds = AccountSnapshot.recordIds(sc.sandbox());
        seededLines = sc.sandbox().read(Invariants::lines);
        return snapshot();
    }

    /** Puts back a state saved with {@code sandbox().stateJson()} during this test (the seeded ids stay those of the seed). */
    void restore(String stateJson) {
        sc.sandbox().setFaults(new io.cdnlifeline.sandbox.Faults());
        sc.sandbox().replaceState(stateJson);
        sc.clearRequests();
    }

    /** The records of the current state count as seeded from now on (a fixture's start). */
    void resetSeededIds() {
        seededIds = AccountSnapshot.recordIds(sc.sandbox());
        seededLines = sc.sandbox().read(Invariants::lines);
    }

    Set<String> seededIds() {
        return seededIds;
    }

    AccountSnapshot snapshot() {
        return AccountSnapshot.of(sc.sandbox(), seededIds);
    }

    void invariants(boolean undone, String where) {
        invariants(undone, true, where);
    }

    void invariants(boolean undone, boolean atRest, String where) {
        sc.sandbox().read(s -> {
            Invariants.check(s, seededLines, undone, atRest, tally, where);
            return null;
        });
    }

    /** One invocation on {@code cloud}; its report is audited against the calls it made. */
    Report invoke(Cloud cloud, String function, String payload, String where) {
        sc.clearRequests();
        List<String> audit = Collections.synchronizedList(new ArrayList<>());
        Report report = Functions.byName(function).run(EventParser.parse(payload, function),
                new Invocation(cloud, settings, audit::add, where, System.currentTimeMillis() + 60_000));
        List<SandboxCall> log = sc.requests();
        tally.invocations.incrementAndGet();
        tally.calls(log);
        if ("inspect".equals(function)) {
            // read-only: its report is the record; it logs no audit line per row or failed read
            ReportAudit.check(report, log, new HashSet<>(Fleet.OUT_OF_SCOPE), tally, where + " " + function);
        } else {
            ReportAudit.check(report, log, audit, new HashSet<>(Fleet.OUT_OF_SCOPE), tally, where + " " + function);
        }
        return report;
    }

    /**
     * Invokes until a report has no failure and was not refused, as FC's async retries would (bounded);
     * false when it never got there.
     */
    boolean converge(Cloud cloud, String function, String payload, int maxInvocations, String where) {
        for (int i = 1; i <= maxInvocations; i++) {
            Report r = invoke(cloud, function, payload, where + " #" + i);
            if (!r.hasFailures() && r.refused() == null) return true;
        }
        return false;
    }
}
