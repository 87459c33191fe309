package io.cdnlifeline.remedy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long an intent marker (a DNS remark, a domain tag) protects the run that wrote it. A remedy and its
 * undo each write a marker before their change and clear it after; a marker younger than the lease may belong
 * to a run still in flight, so the opposite remedy leaves it alone. An older one was left by a run that died:
 * FC ends every invocation after at most 300 s (template.yml), so 15 minutes is well past the longest a run
 * can take, retries of a single call included, with room for clocks a few minutes apart.
 */
public final class MarkerLease {
    public static final Duration LEASE = Duration.ofMinutes(15);

    /** The clock markers are written and judged by; a seam for tests that need a marker to go stale. */
    private static volatile Clock clock = Clock.systemUTC();

    private MarkerLease() {
    }

    public static Instant now() {
        return clock.instant();
    }

    /** Tests only: judge and write markers by {@code c}; {@code null} puts the system clock back. */
    public static void useClock(Clock c) {
        clock = c == null ? Clock.systemUTC() : c;
    }

    /**
     * True when a marker written at {@code written} may still belong to a run in flight. A marker without a time
     * (written by a version before the lease) is stale; one from the future (a clock ahead of ours) is fresh.
     */
    public static boolean fresh(Instant written, Instant now) {
        Objects.requireNonNull(now, "now");
        return written != null && now.isBefore(written.plus(LEASE));
    }
}
