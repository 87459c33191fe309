package io.cdnlifeline.origin;

import java.util.Objects;

/**
 * One probe of one origin address, as a visitor would reach it after the switch: the address, the scheme and port,
 * whether it answered as the site needs, what it answered, and (when not) why, in an operator's words.
 */
public final class ProbeResult {
    private final String origin;
    private final String scheme;
    private final int port;
    private final boolean ready;
    private final String outcome;
    private final String why;
    private final long millis;

    private ProbeResult(String origin, String scheme, int port, boolean ready, String outcome, String why, long millis) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.scheme = scheme;
        this.port = port;
        this.ready = ready;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.why = why;
        this.millis = millis;
    }

    static ProbeResult ready(String origin, String scheme, int port, String outcome, long millis) {
        return new ProbeResult(origin, scheme, port, true, outcome, null, millis);
    }

    static ProbeResult notReady(String origin, String scheme, int port, String outcome, String why, long millis) {
        return new ProbeResult(origin, scheme, port, false, outcome, Objects.requireNonNull(why, "why"), millis);
    }

    /** The value DNS would point at, with the address probed when it is a name, e.g. {@code bucket.example (127.0.0.5)}. */
    public String origin() { return origin; }
    /** {@code http} or {@code https}; null when nothing was sent (a private address, a name that does not resolve). */
    public String scheme() { return scheme; }
    public int port() { return port; }
    public boolean isReady() { return ready; }
    /** What happened, short: {@code 200}, {@code connection refused}, {@code certificate for other.example}, ... */
    public String outcome() { return outcome; }
    /** Why visitors could not be served, a sentence; null when ready. */
    public String why() { return why; }
    public long millis() { return millis; }

    /** One line for the Report and the audit trail: {@code https://127.0.0.5:443 200 (12 ms)}. */
    @Override
    public String toString() {
        String where = scheme == null ? origin : scheme + "://" + origin + ":" + port;
        return where + " " + outcome + (scheme == null ? "" : " (" + millis + " ms)");
    }
}
