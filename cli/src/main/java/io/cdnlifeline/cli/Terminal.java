package io.cdnlifeline.cli;

/**
 * Where stderr goes: a person's terminal (a live progress line) or not (a progress line every few seconds).
 * Java 11 cannot ask about stderr alone: see {@link #stderrIsATerminal()}.
 */
final class Terminal {
    private final boolean live;
    private final long everyMillis;

    private Terminal(boolean live, long everyMillis) {
        this.live = live;
        this.everyMillis = everyMillis;
    }

    /** This process's: live when stderr is a terminal (stdout may be piped to jq or a file). */
    static Terminal ofThisProcess() {
        return stderrIsATerminal() ? console() : plain(ProgressLine.PLAIN_EVERY_MILLIS);
    }

    /**
     * On Linux, where file descriptor 2 leads (/dev/pts/N or /dev/ttyN: a terminal); elsewhere, or when that
     * cannot be read, whether the JVM has a console (stdin and stdout on a terminal).
     */
    static boolean stderrIsATerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Paths.get("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
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
