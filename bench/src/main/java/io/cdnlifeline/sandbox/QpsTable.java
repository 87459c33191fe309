package io.cdnlifeline.sandbox;

/**
 * The per-API QPS limits the sandbox enforces, for the benchmark's lower bound (sum over APIs of calls / QPS).
 * It lives in the sandbox's package so the bound is computed from the very table that throttles the calls,
 * not from a copy that could drift.
 */
public final class QpsTable {
    private QpsTable() {
    }

    /** The documented QPS of an action (the sandbox's default for an action without a documented figure). */
    public static int of(String action) {
        return Traffic.QPS.getOrDefault(action, Traffic.DEFAULT_QPS);
    }
}
