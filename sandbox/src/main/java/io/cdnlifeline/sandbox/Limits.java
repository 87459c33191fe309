package io.cdnlifeline.sandbox;

/** {@code PUT /_sandbox/limits}: fixed latency per API call and optional per-API QPS enforcement. */
public final class Limits {
    public long latencyMs;
    public boolean enforceQps;

    public Limits() {
    }

    public Limits(long latencyMs, boolean enforceQps) {
        this.latencyMs = latencyMs;
        this.enforceQps = enforceQps;
    }
}
