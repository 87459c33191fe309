package io.cdnlifeline.cloud.aliyun;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import io.cdnlifeline.cloud.CloudException;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Runs one API call under a {@link CallPolicy}: waits for the API's client-side rate limit, retries what
 * {@link CloudException#retryable()} marks (throttling, 5xx, connection and read failures) with
 * exponential backoff and jitter, and never starts an attempt or sleeps past the deadline. Knows no SDK:
 * the attempt is a function of the read timeout it may use.
 */
final class ResilientCaller {
    /** An attempt needs at least this much time left to be worth starting as a retry. */
    static final long MIN_ATTEMPT_MILLIS = 250;
    static final String DEADLINE_EXCEEDED = "Lifeline.DeadlineExceeded";
    static final String INTERRUPTED = "Lifeline.Interrupted";
    /**
     * The limiter runs at this share of the documented QPS: the cloud counts calls when they arrive, so
     * permits spaced at exactly 1/QPS can land 11 in one second after a little network jitter.
     */
    static final double QPS_HEADROOM = 0.9;

    /** One try of the call, with the read timeout it must use. */
    interface Attempt<T> {
        T run(int readTimeoutMillis) throws CloudException;
    }

    private final CallPolicy policy;
    private final LongSupplier clock;
    private final DoubleSupplier random;
    private final Map<AliyunApi, RateLimiter<Object>> limiters = new EnumMap<>(AliyunApi.class);

    ResilientCaller(CallPolicy policy) {
        this(policy, System::currentTimeMillis, () -> ThreadLocalRandom.current().nextDouble());
    }

    ResilientCaller(CallPolicy policy, LongSupplier clock, DoubleSupplier random) {
        this.policy = policy;
        this.clock = clock;
        this.random = random;
    }

    /**
     * The API's limiter, made on its first call: a run calls a handful of the 30 APIs, and a cold start
     * should not build the rest.
     */
    private RateLimiter<Object> limiter(AliyunApi api) {
        if (!policy.rateLimited()) return null;
        synchronized (limiters) {
            // Smooth, not bursty: permits are spread evenly over the second, so a fleet run never
            // sends more than the documented QPS within any one-second window.
            return limiters.computeIfAbsent(api, a -> RateLimiter.smoothBuilder(permitsPerSecond(a), Duration.ofSeconds(1)).build());
        }
    }

    CallPolicy policy() {
        return policy;
    }

    <T> T call(AliyunApi api, Attempt<T> attempt) throws CloudException {
        return call(api.action(), limiter(api), api.qps() + "/s documented", attempt);
    }

    /**
     * A call of an action the adapters do not list ({@link AliyunApi}): the same retries, backoff, budget and deadline,
     * without a client-side rate limit (none is documented for it; see {@link RetriedCalls}).
     */
    <T> T call(String action, Attempt<T> attempt) throws CloudException {
        return call(action, null, null, attempt);
    }

    private <T> T call(String action, RateLimiter<Object> limiter, String rate, Attempt<T> attempt) throws CloudException {
        long start = clock.getAsLong();
        long deadline = policy.deadlineMillis().getAsLong();
        long retryUntil = Math.min(deadline, saturatedAdd(start, policy.retryBudget().toMillis()));
        RetryPolicy<T> retry = RetryPolicy.<T>builder()
                .handleIf(failure -> failure instanceof CloudException && ((CloudException) failure).retryable()
                        && clock.getAsLong() + MIN_ATTEMPT_MILLIS < retryUntil)
                .withDelayFn(ctx -> Duration.ofMillis(backoffMillis(ctx.getAttemptCount(), retryUntil)))
                .withMaxAttempts(policy.maxAttempts())
                .build();
        try {
            return Failsafe.with(retry).get(ctx -> once(action, limiter, rate, attempt, deadline));
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CloudException) throw (CloudException) cause;
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new CloudException(INTERRUPTED, "interrupted while calling " + action, null, 0, false, cause);
            }
            throw e;
        }
    }

    private <T> T once(String action, RateLimiter<Object> limiter, String rate, Attempt<T> attempt, long deadline)
            throws CloudException, InterruptedException {
        long left = deadline - clock.getAsLong();
        if (left <= 0) {
            throw new CloudException(DEADLINE_EXCEEDED, "the run's deadline has passed; " + action + " was not called",
                    null, 0, false);
        }
        if (limiter != null && !limiter.tryAcquirePermit(Duration.ofMillis(left))) {
            throw new CloudException(DEADLINE_EXCEEDED, "the client-side rate limit of " + action + " (" + rate
                    + ") has no free slot before the run's deadline", null, 0, false);
        }
        left = deadline - clock.getAsLong();
        int readTimeout = (int) Math.max(1, Math.min(policy.readTimeout().toMillis(), left));
        return attempt.run(readTimeout);
    }

    /** The client-side rate of an API: its documented QPS less the headroom, at least one a second. */
    static long permitsPerSecond(AliyunApi api) {
        return Math.max(1, (long) Math.floor(api.qps() * QPS_HEADROOM));
    }

    /** Exponential backoff after the n-th attempt, jittered downwards, never past the retry budget. */
    long backoffMillis(int attemptsSoFar, long retryUntil) {
        double base = policy.initialBackoff().toMillis() * Math.pow(2, Math.max(0, attemptsSoFar - 1));
        double capped = Math.min(base, policy.maxBackoff().toMillis());
        long delay = Math.round(capped * (1 - policy.jitter() * random.getAsDouble()));
        long room = retryUntil - clock.getAsLong() - MIN_ATTEMPT_MILLIS;
        return Math.max(0, Math.min(delay, room));
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
