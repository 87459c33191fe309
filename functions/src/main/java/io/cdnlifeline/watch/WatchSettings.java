package io.cdnlifeline.watch;

import io.cdnlifeline.notify.NotifySettings;
import io.cdnlifeline.state.StateLocation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * What the watch reads from its environment, beside the settings every function reads.
 * <pre>
 * LIFELINE_STATE            where the watch (and the notify memory) remembers: oss://bucket/prefix, a directory, or empty (the instance)
 * LIFELINE_NOTIFICATION_BUS the EventBridge bus the notifications go to                                (default cdn-lifeline)
 * LIFELINE_BALANCE_WARN     a currency amount: below it (available + credit) the watch warns; empty = off
 * LIFELINE_NOTIFY_REPEAT    how often a low balance is told again                                      (default 6h)
 * </pre>
 */
public final class WatchSettings {
    /** The events' CloudEvents source: who says so. */
    public static final String SOURCE = "cdn-lifeline/watch";
    private final StateLocation state;
    private final String bus;
    private final BigDecimal balanceWarn;
    private final Duration repeat;
    private final long leaseMillis;

    private WatchSettings(StateLocation state, String bus, BigDecimal balanceWarn, Duration repeat, long leaseMillis) {
        this.state = state;
        this.bus = bus;
        this.balanceWarn = balanceWarn;
        this.repeat = repeat;
        this.leaseMillis = leaseMillis;
    }

    public static WatchSettings of(StateLocation state, String bus, BigDecimal balanceWarn, Duration repeat) {
        return new WatchSettings(state, bus, balanceWarn, repeat, DEFAULT_LEASE_MILLIS);
    }

    /**
     * How long a generation's writer may still be publishing it: longer than the watch's FC time limit (template.yml:
     * 60 s), after which FC has ended that invocation.
     */
    public static final long DEFAULT_LEASE_MILLIS = 90_000L;

    /** A malformed value is an error at start-up naming the variable. */
    public static WatchSettings fromMap(Map<String, String> env) {
        StateLocation state = StateLocation.parse(env.get("LIFELINE_STATE"));
        String bus = env.get("LIFELINE_NOTIFICATION_BUS");
        if (bus == null || bus.isBlank()) bus = "cdn-lifeline";
        if (!bus.trim().matches("[A-Za-z0-9][A-Za-z0-9_-]{0,126}")) {
            throw new IllegalArgumentException("LIFELINE_NOTIFICATION_BUS must be an event bus name (letters, digits, - and _); got '" + bus + "'");
        }
        String warn = env.get("LIFELINE_BALANCE_WARN");
        BigDecimal threshold = null;
        if (warn != null && !warn.isBlank()) {
            try {
                threshold = new BigDecimal(warn.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("LIFELINE_BALANCE_WARN must be an amount such as 100 or 250.50 (the account's currency); got '"
                        + warn + "'");
            }
        }
        Duration repeat = NotifySettings.fromMap(env).repeat();
        return new WatchSettings(state, bus.trim(), threshold, repeat, DEFAULT_LEASE_MILLIS);
    }

    /** The same settings with another lease (tests play a crashed run without waiting 90 s). */
    public WatchSettings withLeaseMillis(long millis) {
        return new WatchSettings(state, bus, balanceWarn, repeat, millis);
    }

    public StateLocation state() { return state; }
    public String bus() { return bus; }
    /** The balance below which the watch warns, or null: off. */
    public BigDecimal balanceWarn() { return balanceWarn; }
    public Duration repeat() { return repeat; }
    public long leaseMillis() { return leaseMillis; }
}
