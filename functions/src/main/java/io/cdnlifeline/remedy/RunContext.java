package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.AuditLog;
import io.cdnlifeline.report.Report;

import io.cdnlifeline.cloud.CloudException;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Everything one run of one function works with. */
public final class RunContext {
    private final Cloud cloud;
    private final Settings settings;
    private final Request request;
    private final AuditLog audit;
    private final Report.Builder report;
    private final long deadlineMillis;
    private final ConcurrentHashMap<String, Object> once = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Object> onceLocks = new ConcurrentHashMap<>();

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

    /** A read whose result holds for the whole run (the account's zones, its debt): computed at most once per run. */
    @FunctionalInterface
    public interface Read<T> {
        T get() throws CloudException;
    }

    /**
     * Returns the value read under {@code key} in this run, reading it the first time. Concurrent callers
     * of the same key wait for the one read (callers of other keys do not); a failed read is not remembered, so a
     * later caller tries again. The read must not return null.
     */
    @SuppressWarnings("unchecked")
    public <T> T once(String key, Read<T> read) throws CloudException {
        Object v = once.get(key);
        if (v != null) return (T) v;
        // One lock per key: a slow read (a zone's records) must not hold up reads of other keys on other threads.
        synchronized (onceLocks.computeIfAbsent(key, k -> new Object())) {
            v = once.get(key);
            if (v != null) return (T) v;
            T t = read.get();
            once.put(key, t);
            return t;
        }
    }
}
