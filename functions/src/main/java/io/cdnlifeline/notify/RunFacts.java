package io.cdnlifeline.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * What the digest says about the run besides the Report: what triggered it, why, in which account, and where it
 * stands in FC's retries. Built by the handler (the only place that knows the FC context).
 */
public final class RunFacts {
    private final String trigger;
    private final String reason;
    private final String account;
    private final int retryCount;
    private final int asyncRetries;
    private final Instant scheduledAt;
    private final Instant now;

    private RunFacts(Builder b) {
        this.trigger = b.trigger == null ? "manual" : b.trigger;
        this.reason = b.reason;
        this.account = b.account;
        this.retryCount = b.retryCount;
        this.asyncRetries = b.asyncRetries;
        this.scheduledAt = b.scheduledAt;
        this.now = Objects.requireNonNull(b.now, "now");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The scheduled time of an FC timer event ({@code triggerTime}), or null for any other event. */
    public static Instant timerTime(String event) {
        if (event == null || !event.contains("triggerTime")) return null;
        try {
            com.google.gson.JsonElement e = com.google.gson.JsonParser.parseString(event);
            if (!e.isJsonObject() || !e.getAsJsonObject().has("triggerTime")) return null;
            return Instant.parse(e.getAsJsonObject().get("triggerTime").getAsString());
        } catch (RuntimeException notATime) {
            return null;
        }
    }

    /** The Request's source: {@code timer:every-5-minutes}, {@code actiontrail:StopCdnDomain}, {@code manual}, ... */
    public String trigger() { return trigger; }
    public String reason() { return reason; }
    /** The account the run worked on, or null when not known (a local run). */
    public String account() { return account; }
    public int retryCount() { return retryCount; }
    public int asyncRetries() { return asyncRetries; }
    /** True when FC will not run this invocation again if it fails: its retries are used up (or there are none). */
    public boolean lastAttempt() { return retryCount >= asyncRetries; }
    public boolean timerTriggered() { return trigger.startsWith("timer"); }
    /** The timer's scheduled time when a timer started the run (exact, unlike the clock), else null. */
    public Instant scheduledAt() { return scheduledAt; }
    public Instant now() { return now; }

    /** Builds RunFacts. */
    public static final class Builder {
        private String trigger;
        private String reason;
        private String account;
        private int retryCount;
        private int asyncRetries;
        private Instant scheduledAt;
        private Instant now = Instant.now();

        private Builder() {
        }

        public Builder trigger(String v) { trigger = v; return this; }
        public Builder reason(String v) { reason = v; return this; }
        public Builder account(String v) { account = v; return this; }
        public Builder retryCount(int v) { retryCount = v; return this; }
        public Builder asyncRetries(int v) { asyncRetries = v; return this; }
        public Builder scheduledAt(Instant v) { scheduledAt = v; return this; }
        public Builder now(Instant v) { now = v; return this; }

        public RunFacts build() { return new RunFacts(this); }
    }
}
