package io.cdnlifeline.cloud.aliyun;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How the adapters call the cloud: retries (exponential backoff with jitter, bounded by attempts, by a
 * per-call retry budget and by the run's deadline), the client-side per-API rate limit, and the HTTP
 * timeouts of each attempt. Only this policy retries.
 * <p>The deadline is a supplier because one {@code Cloud} serves many runs (it is built once per FC
 * instance): it is asked at every call, and returns the wall-clock millis by which the current run must
 * end ({@code RunContext.deadlineMillis()}), or {@link Long#MAX_VALUE} for none. No attempt starts after
 * it, no backoff sleeps past it, and an attempt's read timeout is cut to the time left.
 */
public final class CallPolicy {
    /** No deadline: only the attempts and the per-call retry budget bound a call. */
    public static final LongSupplier NO_DEADLINE = () -> Long.MAX_VALUE;

    private final LongSupplier deadlineMillis;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double jitter;
    private final Duration retryBudget;
    private final boolean rateLimited;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    private CallPolicy(Builder b) {
        this.deadlineMillis = b.deadlineMillis;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.retryBudget = b.retryBudget;
        this.rateLimited = b.rateLimited;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
    }

    /**
     * 6 attempts, backoff 200 ms doubling to 5 s with up to 50 % jitter, at most 30 s of retrying per call,
     * documented QPS limits on, connect timeout 3 s, read timeout 10 s, no deadline.
     */
    public static CallPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().deadline(deadlineMillis).maxAttempts(maxAttempts).backoff(initialBackoff, maxBackoff)
                .jitter(jitter).retryBudget(retryBudget).rateLimited(rateLimited).timeouts(connectTimeout, readTimeout);
    }

    /** This policy with the run's deadline (wall-clock millis) asked at every call. */
    public CallPolicy withDeadline(LongSupplier deadlineMillis) {
        return toBuilder().deadline(deadlineMillis).build();
    }

    public LongSupplier deadlineMillis() { return deadlineMillis; }
    public int maxAttempts() { return maxAttempts; }
    public Duration initialBackoff() { return initialBackoff; }
    public Duration maxBackoff() { return maxBackoff; }
    /** 0..1: a backoff of {@code d} sleeps between {@code d * (1 - jitter)} and {@code d}. */
    public double jitter() { return jitter; }
    /** The most time one call spends retrying, deadline or not. */
    public Duration retryBudget() { return retryBudget; }
    public boolean rateLimited() { return rateLimited; }
    public Duration connectTimeout() { return connectTimeout; }
    public Duration readTimeout() { return readTimeout; }

    /** Builds a CallPolicy; starts from {@link #defaults()}. */
    public static final class Builder {
        private LongSupplier deadlineMillis = NO_DEADLINE;
        private int maxAttempts = 6;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private double jitter = 0.5;
        private Duration retryBudget = Duration.ofSeconds(30);
        private boolean rateLimited = true;
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration readTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        public Builder deadline(LongSupplier v) { deadlineMillis = Objects.requireNonNull(v, "deadline"); return this; }

        /** Attempts per call, the first included (1 = never retry). */
        public Builder maxAttempts(int v) {
            if (v < 1) throw new IllegalArgumentException("maxAttempts must be at least 1; got " + v);
            maxAttempts = v;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff needs 0 < initial <= max; got " + initial + ", " + max);
            }
            initialBackoff = initial;
            maxBackoff = max;
            return this;
        }

        public Builder jitter(double v) {
            if (v < 0 || v > 1) throw new IllegalArgumentException("jitter must be within 0..1; got " + v);
            jitter = v;
            return this;
        }

        public Builder retryBudget(Duration v) { retryBudget = Objects.requireNonNull(v, "retryBudget"); return this; }
        public Builder rateLimited(boolean v) { rateLimited = v; return this; }

        public Builder timeouts(Duration connect, Duration read) {
            if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive; got " + connect + ", " + read);
            }
            connectTimeout = connect;
            readTimeout = read;
            return this;
        }

        public CallPolicy build() { return new CallPolicy(this); }
    }
}
