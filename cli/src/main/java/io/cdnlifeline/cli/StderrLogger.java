package io.cdnlifeline.cli;

import java.io.PrintWriter;

/**
 * The FC logger of a local invocation: every line goes to stderr, so stdout carries only the Report
 * and can be piped into {@code jq}. Lines below the level are dropped, as FC's logger does.
 */
final class StderrLogger extends LevelledLogger {
    private final PrintWriter err;

    StderrLogger(PrintWriter err) {
        this.err = err;
    }

    @Override
    void line(String line) {
        // Remedies log from several threads: one line must not interleave with another.
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
