package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.AuditLog;
import io.cdnlifeline.report.Report;

import java.util.Objects;

/** Everything one run of one function works with. */
public final class RunContext {
    private final Cloud cloud;
    private final Settings settings;
    private final Request request;
    private final AuditLog audit;
    private final Report.Builder report;
    private final long deadlineMillis;

    public RunContext(Cloud cloud, Settings settings, Request request, AuditLog audit, Report.Builder report, long deadlineMillis) {
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.request = Objects.requireNonNull(request, "request");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.report = Objects.requireNonNull(report, "report");
        this.deadlineMillis = deadlineMillis;
    }

    public Cloud cloud() { return cloud; }
    public Settings settings() { return settings; }
    public Request request() { return request; }
    public AuditLog audit() { return audit; }
    public Report.Builder report() { return report; }
    /** Wall-clock millis (System.currentTimeMillis) by which the run must end: FC's time limit less a margin. */
    public long deadlineMillis() { return deadlineMillis; }

    public boolean dryRun() {
        return request.dryRun() != null ? request.dryRun() : settings.dryRun();
    }

    public int maxChanges() {
        return request.maxChanges() != null ? Math.min(request.maxChanges(), Integer.MAX_VALUE) : settings.maxChanges();
    }
}
