package io.cdnlifeline.bench.floor;

/** The scale of a cold start: a JVM that starts, prints one line and ends. */
public final class Trivial {
    private Trivial() {
    }

    public static void main(String[] args) {
        System.out.println("{\"trivial\":true}");
    }
}
