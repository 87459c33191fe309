package io.cdnlifeline.cli;

import io.cdnlifeline.report.Progress;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * What a long run is doing, on stderr: the phase, the domains done of the phase's total, the changes so far and
 * the time. On a terminal one live line, redrawn in place and erased at the end; otherwise (a pipe, a file, CI)
 * one line every few seconds, so a short run prints none. Other stderr lines go through {@link #println} so they
 * never mix with the live line.
 */
final class ProgressLine implements Progress {
    /** How often a live line is redrawn. */
    static final long LIVE_EVERY_MILLIS = 250;
    /** How often a line is printed when stderr is not a terminal. */
    static final long PLAIN_EVERY_MILLIS = 5_000;

    private final PrintWriter err;
    private final String function;
    private final boolean live;
    private final long everyMillis;
    private final LongSupplier clock;
    private final long started;
    private final Map<String, Integer> changes = new TreeMap<>();
    private String phase = "starting";
    private int total;
    private int done;
    private boolean drawn;
    private boolean stopped;
    private Thread ticker;

    ProgressLine(PrintWriter err, String function, boolean live, long everyMillis, LongSupplier clock) {
        this.err = err;
        this.function = function;
        this.live = live;
        this.everyMillis = everyMillis;
        this.clock = clock;
        this.started = clock.getAsLong();
    }

    static ProgressLine of(PrintWriter err, String function, Terminal terminal) {
        return new ProgressLine(err, function, terminal.isLive(), terminal.isLive() ? LIVE_EVERY_MILLIS : terminal.everyMillis(),
                System::currentTimeMillis);
    }

    /** Starts the line's clock: redraws (live) or prints (plain) every interval until {@link #stop()}. */
    ProgressLine start() {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(everyMillis);
                    tick();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lifeline-progress");
        t.setDaemon(true);
        ticker = t;
        t.start();
        return this;
    }

    @Override
    public synchronized void phase(String name, int total) {
        this.phase = name;
        this.total = total;
        this.done = 0;
    }

    @Override
    public synchronized void advance() {
        done++;
    }

    /** One change of the audit trail, by its status (applied, planned, unchanged, failed). */
    synchronized void change(String status) {
        changes.merge(status, 1, Integer::sum);
    }

    /** The time to print: redraw the live line, or print a line. */
    synchronized void tick() {
        if (stopped) return;
        if (live) draw();
        else println(text());
    }

    /** A line of its own on stderr; the live line is taken away first and drawn again after it. */
    synchronized void println(String line) {
        boolean redraw = drawn;
        if (drawn) erase();
        err.println(line);
        err.flush();
        if (redraw && !stopped) draw();
    }

    /** Stops the clock and erases the live line. */
    void stop() {
        Thread t;
        synchronized (this) {
            stopped = true;
            if (drawn) erase();
            t = ticker;
        }
        if (t != null) t.interrupt();
    }

    synchronized String text() {
        StringBuilder b = new StringBuilder(function).append(": ").append(phase);
        if (total > 0) b.append(' ').append(Math.min(done, total)).append('/').append(total).append(total == 1 ? " domain" : " domains");
        int all = changes.values().stream().mapToInt(Integer::intValue).sum();
        if (all > 0) {
            b.append(", ").append(all).append(all == 1 ? " change" : " changes").append(" so far (");
            StringBuilder kinds = new StringBuilder();
            for (Map.Entry<String, Integer> e : changes.entrySet()) {
                if (kinds.length() > 0) kinds.append(", ");
                kinds.append(e.getValue()).append(' ').append(e.getKey());
            }
            b.append(kinds).append(')');
        }
        return b.append(", ").append((clock.getAsLong() - started) / 1000).append(" s").toString();
    }

    private void draw() {
        err.print("\r\033[K" + text());
        err.flush();
        drawn = true;
    }

    private void erase() {
        err.print("\r\033[K");
        err.flush();
        drawn = false;
    }
}
