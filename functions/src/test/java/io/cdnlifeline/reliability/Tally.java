package io.cdnlifeline.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The figures of a reliability run: runs, invocations, faults the sandbox injected, checks made, and what failed. */
final class Tally {
    /** Error codes the sandbox's fault injector answers with (the QPS limit is off in these tests). */
    static final java.util.Set<String> FAULT_CODES = java.util.Set.of("InternalError", "ServiceUnavailable", "Throttling.User",
            "DroppedConnection", "LostReply");

    final AtomicLong runs = new AtomicLong();
    final AtomicLong invocations = new AtomicLong();
    final AtomicLong calls = new AtomicLong();
    final AtomicLong faults = new AtomicLong();
    final AtomicLong checks = new AtomicLong();
    private final java.util.Map<String, AtomicLong> faultsByCode = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    /** One check: counted, and its failure kept with where it happened. */
    void check(boolean holds, String where, java.util.function.Supplier<String> what) {
        checks.incrementAndGet();
        if (!holds) violations.add(where + ": " + what.get());
    }

    void calls(List<io.cdnlifeline.sandbox.SandboxCall> log) {
        calls.addAndGet(log.size());
        for (io.cdnlifeline.sandbox.SandboxCall c : log) {
            if (c.errorCode != null && FAULT_CODES.contains(c.errorCode)) {
                faults.incrementAndGet();
                faultsByCode.computeIfAbsent(c.errorCode, k -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    List<String> violations() {
        synchronized (violations) {
            return new ArrayList<>(violations);
        }
    }

    /** {@code <label>: runs=... faults=... checks=... passed} (or FAILED and how many checks failed). */
    String summary(String label) {
        return label + ": runs=" + runs + " invocations=" + invocations + " calls=" + calls + " faults=" + faults
                + " checks=" + checks + " " + (violations().isEmpty() ? "passed" : "FAILED " + violations().size())
                + (faultsByCode.isEmpty() ? "" : " faults by kind " + faultsByCode);
    }
}
