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
    private final Progress progress;

    public Invocation(Cloud cloud, Settings settings, Consumer<String> log, String requestId, long deadlineMillis) {
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.log = Objects.requireNonNull(log, "log");
        this.requestId = requestId;
        this.deadlineMillis = deadlineMillis;
        this.progress = Progress.NONE;
    }

    private Invocation(Invocation base, Progress progress) {
        this.cloud = base.cloud;
        this.settings = base.settings;
        this.log = base.log;
        this.requestId = base.requestId;
        this.deadlineMillis = base.deadlineMillis;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** This invocation, telling {@code progress} what it does (the command line shows it; FC has none). */
    public Invocation withProgress(Progress progress) {
        return new Invocation(this, progress);
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
    public Progress progress() { return progress; }
}
