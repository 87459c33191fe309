package io.cdnlifeline.cloud.aliyun;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A client-side rate limit that spreads permits evenly: one every {@code 1 s / permitsPerSecond}, the
 * first at once, never a burst (Failsafe's smooth {@code RateLimiter}, which this replaces, did the same; its
 * ~50 classes were a noticeable share of a cold start). A caller that would wait longer than it may reserves
 * nothing, so a refused call does not slow down the ones after it.
 */
final class SmoothRateLimit {
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long nextFreeNanos;

    SmoothRateLimit(long permitsPerSecond) {
        this(permitsPerSecond, System::nanoTime);
    }

    SmoothRateLimit(long permitsPerSecond, LongSupplier nanoClock) {
        if (permitsPerSecond < 1) throw new IllegalArgumentException("permitsPerSecond must be at least 1; got " + permitsPerSecond);
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / permitsPerSecond;
        this.nanoClock = nanoClock;
        this.nextFreeNanos = nanoClock.getAsLong();
    }

    /**
     * Waits for the next permit if that takes at most {@code maxWaitMillis}.
     * @return false, having waited for nothing and reserved nothing, when the next permit is further away
     */
    boolean acquire(long maxWaitMillis) throws InterruptedException {
        long wait = reserve(TimeUnit.MILLISECONDS.toNanos(Math.max(0, maxWaitMillis)));
        if (wait < 0) return false;
        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
        return true;
    }

    /** Nanoseconds to wait for the permit just reserved, or -1 when it would be more than {@code maxWaitNanos}. */
    synchronized long reserve(long maxWaitNanos) {
        long now = nanoClock.getAsLong();
        if (now - nextFreeNanos > 0) nextFreeNanos = now; // idle time does not build up a burst
        long wait = nextFreeNanos - now;
        if (wait > maxWaitNanos) return -1;
        nextFreeNanos += intervalNanos;
        return wait;
    }
}
