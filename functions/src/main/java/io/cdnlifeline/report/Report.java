package io.cdnlifeline.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What every function returns (DESIGN.md "Report"). {@code refused} is set when a guard refused the
 * whole run (nothing was changed); {@code notes} carry run-wide facts (e.g. "the ICP check is not
 * available for DCDN"); {@code domains} carries the rows of {@code inspect}.
 */
public final class Report {
    private final String function;
    private final String requestId;
    private final boolean dryRun;
    private final long durationMs;
    private final List<Change> changes;
    private final List<Skip> skipped;
    private final List<String> notes;
    private final String refused;
    private final JsonArray domains;
    private final Continued continued;
    private final String account;
    private final String continues;
    private final String memberOf;
    private final List<AccountOutcome> accounts;

    private Report(Builder b) {
        this.function = Objects.requireNonNull(b.function, "function");
        this.requestId = b.requestId;
        this.dryRun = b.dryRun;
        this.durationMs = b.durationMs;
        this.changes = Collections.unmodifiableList(new ArrayList<>(b.changes));
        this.skipped = Collections.unmodifiableList(new ArrayList<>(b.skipped));
        this.notes = Collections.unmodifiableList(new ArrayList<>(b.notes));
        this.refused = b.refused;
        this.domains = b.domains;
        this.continued = b.continued;
        this.account = b.account;
        this.continues = b.continues;
        this.memberOf = b.memberOf;
        this.accounts = Collections.unmodifiableList(new ArrayList<>(b.accounts));
    }

    public static Builder builder(String function) {
        return new Builder(function);
    }

    public String function() { return function; }
    public String requestId() { return requestId; }
    public boolean dryRun() { return dryRun; }
    public long durationMs() { return durationMs; }
    public List<Change> changes() { return changes; }
    public List<Skip> skipped() { return skipped; }
    public List<String> notes() { return notes; }
    public String refused() { return refused; }
    public JsonArray domains() { return domains == null ? null : domains.deepCopy(); }
    /** Set when the run reached its deadline and handed the rest to a continuation; null otherwise. */
    public Continued continued() { return continued; }
    /** The account the run worked on, when the run knows it (a member-account run always does); else null. */
    public String account() { return account; }
    /** Set on a continued run: the request id of the run it continues (its digest says so); else null. */
    public String continues() { return continues; }
    /** Set on a member-account run: the request id of the run over several accounts that started it; else null. */
    public String memberOf() { return memberOf; }
    /** A run over several accounts: what became of each (a fan-out's invocations, or an account that failed); else empty. */
    public List<AccountOutcome> accounts() { return accounts; }

    /** A builder holding everything this Report holds, e.g. to add the notify step's notes. */
    public Builder toBuilder() {
        Builder b = new Builder(function).requestId(requestId).dryRun(dryRun).durationMs(durationMs).changes(changes)
                .refused(refused).domains(domains).continued(continued).account(account).continues(continues).memberOf(memberOf);
        for (AccountOutcome a : accounts) b.accountOutcome(a);
        for (Skip s : skipped) b.skip(s);
        for (String n : notes) b.note(n);
        return b;
    }

    public long count(ChangeStatus s) {
        return changes.stream().filter(c -> c.status() == s).count();
    }

    /** A failed change, or an account that could not be worked on. */
    public boolean hasFailures() {
        return count(ChangeStatus.FAILED) > 0 || accounts.stream().anyMatch(a -> a.status() == AccountOutcome.Status.FAILED);
    }

    public JsonObject toJson() {
        return ReportJson.toJson(this);
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    /** Collects a Report while a function runs. Thread-safe: remedies apply domains concurrently. */
    public static final class Builder {
        private final String function;
        private String requestId;
        private boolean dryRun;
        private long durationMs;
        private final List<Change> changes = new ArrayList<>();
        private final List<Skip> skipped = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private String refused;
        private JsonArray domains;
        private Continued continued;
        private String account;
        private String continues;
        private String memberOf;
        private final List<AccountOutcome> accounts = new ArrayList<>();

        private Builder(String function) {
            this.function = function;
        }

        public synchronized Builder requestId(String v) { requestId = v; return this; }
        public synchronized Builder dryRun(boolean v) { dryRun = v; return this; }
        public synchronized Builder durationMs(long v) { durationMs = v; return this; }
        public synchronized Builder change(Change c) { changes.add(c); return this; }
        public synchronized Builder changes(List<Change> cs) { changes.addAll(cs); return this; }
        public synchronized Builder skip(Skip s) { skipped.add(s); return this; }
        public synchronized Builder note(String n) { if (!notes.contains(n)) notes.add(n); return this; }
        public synchronized Builder refused(String why) { refused = why; return this; }
        public synchronized Builder domains(JsonArray rows) { domains = rows; return this; }
        public synchronized Builder continued(Continued c) { continued = c; return this; }
        public synchronized Builder account(String v) { account = v; return this; }
        public synchronized Builder continues(String requestId) { continues = requestId; return this; }
        public synchronized Builder memberOf(String requestId) { memberOf = requestId; return this; }
        public synchronized Builder accountOutcome(AccountOutcome a) { accounts.add(a); return this; }

        public synchronized Report build() { return new Report(this); }
    }

    /** What a run that stopped before its deadline left to its continuation: how many domains, and the next round. */
    public static final class Continued {
        private final int left;
        private final int round;

        public Continued(int left, int round) {
            this.left = left;
            this.round = round;
        }

        /** Domains the continuation still has to look at. */
        public int left() { return left; }
        /** The round the continuation runs. */
        public int round() { return round; }
    }
}
