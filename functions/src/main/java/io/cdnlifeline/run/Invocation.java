package io.cdnlifeline.run;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.report.Progress;

import java.util.Objects;
import java.util.function.Consumer;

/** What the caller (FC handler or CLI) hands a function: the cloud ports, settings, log sink, request id, time limit. */
public final class Invocation {
    private final Cloud cloud;
    private final Settings settings;
    private final Consumer<String> log;
    private final String requestId;
    private final long deadlineMillis;
    private final Continuer continuer;
    private Progress progress = Progress.NONE;

    public Invocation(Cloud cloud, Settings settings, Consumer<String> log, String requestId, long deadlineMillis) {
        this(cloud, settings, log, requestId, deadlineMillis, Continuer.NONE);
    }

    /** @param continuer who runs the rest when this run reaches its deadline; null: the run does not stop early */
    public Invocation(Cloud cloud, Settings settings, Consumer<String> log, String requestId, long deadlineMillis, Continuer continuer) {
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.log = Objects.requireNonNull(log, "log");
        this.requestId = requestId;
        this.deadlineMillis = deadlineMillis;
        this.continuer = continuer;
    }

    /** For tests and the CLI: no time limit beyond ten minutes, log lines dropped or collected by the caller. */
    public static Invocation local(Cloud cloud, Settings settings, Consumer<String> log) {
        return new Invocation(cloud, settings, log, java.util.UUID.randomUUID().toString(), System.currentTimeMillis() + 600_000L);
    }

    public Cloud cloud() { return cloud; }
    public Settings settings() { return settings; }
    public Consumer<String> log() { return log; }
    public String requestId() { return requestId; }
    public long deadlineMillis() { return deadlineMillis; }
    /** Who continues a run stopped at its deadline, or null (then the run does not stop early). */
    public Continuer continuer() { return continuer; }
    public Progress progress() { return progress; }

    /** This invocation, telling {@code p} what it does (the command line shows it; FC has no one watching). */
    public Invocation withProgress(Progress p) {
        Invocation i = new Invocation(cloud, settings, log, requestId, deadlineMillis, continuer);
        i.progress = Objects.requireNonNull(p, "progress");
        return i;
    }
}
