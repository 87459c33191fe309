package io.cdnlifeline.cli;

import com.aliyun.fc.runtime.FunctionComputeLogger;

import java.io.PrintWriter;

/**
 * The FC logger of a local invocation: every line goes to stderr, so stdout carries only the Report
 * and can be piped into {@code jq}. Lines below the level are dropped, as FC's logger does.
 */
final class StderrLogger implements FunctionComputeLogger {
    private final PrintWriter err;
    private volatile Level level = Level.INFO;

    StderrLogger(PrintWriter err) {
        this.err = err;
    }

    @Override public void trace(String s) { write(Level.TRACE, s); }
    @Override public void debug(String s) { write(Level.DEBUG, s); }
    @Override public void info(String s) { write(Level.INFO, s); }
    @Override public void warn(String s) { write(Level.WARN, s); }
    @Override public void error(String s) { write(Level.ERROR, s); }
    @Override public void fatal(String s) { write(Level.FATAL, s); }

    @Override
    public void setLogLevel(Level l) {
        level = l == null ? Level.INFO : l;
    }

    private void write(Level l, String line) {
        if (l.ordinal() < level.ordinal()) return;
        // Remedies log from several threads: one line must not interleave with another.
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
