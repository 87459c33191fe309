package io.cdnlifeline.sandbox;

/**
 * {@code PUT /_sandbox/faults}: probabilities (0..1) per API call of a 500/503 error, a {@code Throttling.User}
 * answer and a dropped connection; {@code seed} makes the sequence of draws repeatable.
 */
public final class Faults {
    public double errorRate;
    public double throttleRate;
    public double dropRate;
    public long seed = 1;

    public Faults() {
    }

    public Faults(double errorRate, double throttleRate, double dropRate, long seed) {
        this.errorRate = errorRate;
        this.throttleRate = throttleRate;
        this.dropRate = dropRate;
        this.seed = seed;
    }
}
