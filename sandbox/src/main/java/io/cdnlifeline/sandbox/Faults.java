package io.cdnlifeline.sandbox;

/**
 * {@code PUT /_sandbox/faults}: probabilities (0..1) per API call of a 500/503 error, a {@code Throttling.User}
 * answer, a dropped connection, and a lost reply (the call is carried out, then the connection is dropped before
 * the answer, so the client cannot tell whether it happened); {@code seed} makes the sequence of draws repeatable.
 * {@code inject} answers chosen actions with chosen documented error codes, e.g.
 * {@code {"inject": [{"action": "StopCdnDomain", "code": "ServiceBusy", "rate": 1, "count": 2}]}}.
 */
public final class Faults {
    public double errorRate;
    public double throttleRate;
    public double dropRate;
    public double lostReplyRate;
    public long seed = 1;
    /** Documented error codes answered for chosen actions ({@link ErrorInjection}); null or empty for none. */
    public java.util.List<ErrorInjection> inject;

    public Faults() {
    }

    public Faults(double errorRate, double throttleRate, double dropRate, long seed) {
        this.errorRate = errorRate;
        this.throttleRate = throttleRate;
        this.dropRate = dropRate;
        this.seed = seed;
    }

    public Faults(double errorRate, double throttleRate, double dropRate, double lostReplyRate, long seed) {
        this(errorRate, throttleRate, dropRate, seed);
        this.lostReplyRate = lostReplyRate;
    }
}
