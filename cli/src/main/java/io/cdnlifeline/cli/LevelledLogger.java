package io.cdnlifeline.cli;

import com.aliyun.fc.runtime.FunctionComputeLogger;

/**
 * The FC logger's levels, as FC's own logger has them: lines below the level are dropped. What becomes of a
 * line is the subclass's: stderr as it is, or the audit trail kept out of a person's way.
 */
abstract class LevelledLogger implements FunctionComputeLogger {
    private volatile Level level = Level.INFO;

    @Override public final void trace(String s) { write(Level.TRACE, s); }
    @Override public final void debug(String s) { write(Level.DEBUG, s); }
    @Override public final void info(String s) { write(Level.INFO, s); }
    @Override public final void warn(String s) { write(Level.WARN, s); }
    @Override public final void error(String s) { write(Level.ERROR, s); }
    @Override public final void fatal(String s) { write(Level.FATAL, s); }

    @Override
    public final void setLogLevel(Level l) {
        level = l == null ? Level.INFO : l;
    }

    private void write(Level l, String line) {
        if (l.ordinal() >= level.ordinal()) line(line);
    }

    /** One line at or above the level. Called from several threads. */
    abstract void line(String line);
}
