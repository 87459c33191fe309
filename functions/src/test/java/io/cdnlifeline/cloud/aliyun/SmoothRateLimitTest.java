package io.cdnlifeline.cloud.aliyun;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The smooth limit's reservations, on a clock the test moves. */
class SmoothRateLimitTest {
    private static final long MS = 1_000_000;

    @Test
    void permitsAreSpacedEvenlyAndTheFirstIsFree() {
        // given 10 permits a second (one per 100 ms)
        AtomicLong now = new AtomicLong(5_000 * MS);
        SmoothRateLimit limit = new SmoothRateLimit(10, now::get);
        // when four calls come at once / then they wait 0, 100, 200, 300 ms
        assertEquals(0, limit.reserve(Long.MAX_VALUE));
        assertEquals(100 * MS, limit.reserve(Long.MAX_VALUE));
        assertEquals(200 * MS, limit.reserve(Long.MAX_VALUE));
        assertEquals(300 * MS, limit.reserve(Long.MAX_VALUE));
    }

    @Test
    void idleTimeBuildsNoBurst() {
        AtomicLong now = new AtomicLong(0);
        SmoothRateLimit limit = new SmoothRateLimit(10, now::get);
        limit.reserve(Long.MAX_VALUE);
        // a minute of silence, then two calls: the second still waits a full interval
        now.addAndGet(60_000 * MS);
        assertEquals(0, limit.reserve(Long.MAX_VALUE));
        assertEquals(100 * MS, limit.reserve(Long.MAX_VALUE));
    }

    @Test
    void aCallerThatCannotWaitReservesNothing() {
        AtomicLong now = new AtomicLong(0);
        SmoothRateLimit limit = new SmoothRateLimit(10, now::get);
        limit.reserve(Long.MAX_VALUE);
        // the next permit is 100 ms away: a caller with 50 ms left is refused...
        assertEquals(-1, limit.reserve(50 * MS));
        // ...and the one after it is not pushed back by the refusal
        assertEquals(100 * MS, limit.reserve(Long.MAX_VALUE));
    }

    @Test
    void atLeastOnePermitASecond() {
        assertThrows(IllegalArgumentException.class, () -> new SmoothRateLimit(0));
    }
}
