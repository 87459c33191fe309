package io.cdnlifeline.cli;

/**
 * Where stderr goes: a person's terminal (a live progress line) or not (a progress line every few seconds).
 * Java 11 cannot ask about stderr alone; a console on stdin and stdout is taken to mean a person is watching.
 */
final class Terminal {
    private final boolean live;
    private final long everyMillis;

    private Terminal(boolean live, long everyMillis) {
        this.live = live;
        this.everyMillis = everyMillis;
    }

    /** This process's: live when it runs in a console. */
    static Terminal ofThisProcess() {
        return System.console() != null ? console() : plain(ProgressLine.PLAIN_EVERY_MILLIS);
    }

    /** A person's terminal: a live line. */
    static Terminal console() {
        return new Terminal(true, ProgressLine.LIVE_EVERY_MILLIS);
    }

    /** Not a terminal: a progress line every {@code everyMillis}. */
    static Terminal plain(long everyMillis) {
        return new Terminal(false, everyMillis);
    }

    boolean isLive() {
        return live;
    }

    long everyMillis() {
        return everyMillis;
    }
}
