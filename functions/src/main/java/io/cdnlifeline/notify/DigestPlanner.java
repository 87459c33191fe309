package io.cdnlifeline.notify;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.report.ReportJson;
import io.cdnlifeline.report.Skip;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a run is worth a message and builds it. A message goes out when the run applied something,
 * or has a finding that is due: a domain that needs a human, a change that failed on FC's last attempt, a refusal
 * by a guard. A finding is due when the memory has not seen it within LIFELINE_NOTIFY_REPEAT. A run that changed
 * nothing and found nothing due sends nothing: a 5-minute timer must not become noise.
 * <p>A dry run reads nothing from the memory and writes nothing to it. Its plan goes out at every run started by
 * an event or a person, and from a timer only when the timer's scheduled time falls in the first minute of a
 * repeat window (windows start at the epoch, so with 6 h at 00:00, 06:00, 12:00 and 18:00 UTC): every timer of
 * template.yml fires on the minute at the top of the hour, so exactly one of its runs per window tells the plan.
 */
final class DigestPlanner {
    static final String APPLIED = "applied";
    static final String PLANNED = "planned";
    static final String FAILED = "failed";
    static final String NEEDS_HUMAN = "needs a human";
    /** The part of a repeat window in which a timer's dry run tells its plan. */
    static final Duration PLAN_SLOT = Duration.ofMinutes(1);
    private static final Pattern RECOMMEND = Pattern.compile("https://api\\.aliyun\\.com/troubleshoot\\?[^\\s\"'<>)]+");
    private static final int MAX_VALUE_CHARS = 120;

    /** The message to send (null: none) and the findings it tells, to remember once it was delivered. */
    static final class Decision {
        final Digest digest;
        final Set<String> told;

        Decision(Digest digest, Set<String> told) {
            this.digest = digest;
            this.told = told;
        }
    }

    private DigestPlanner() {
    }

    /**
     * @param remembered finding key -> epoch ms it was last told (ignored for a dry run)
     */
    static Decision plan(Report report, RunFacts facts, Duration repeat, Map<String, Long> remembered) {
        boolean dryRun = report.dryRun();
        boolean finalFailure = !dryRun && facts.asyncRetries() > 0 && facts.lastAttempt() && report.hasFailures();
        Digest.Kind kind = dryRun ? Digest.Kind.PLAN : finalFailure ? Digest.Kind.FAILED_AFTER_RETRIES : Digest.Kind.RUN;
        Digest.Builder d = base(Digest.builder(kind, report.function()), report, facts, repeat);
        Set<String> told = new LinkedHashSet<>();
        int held = 0;
        boolean worthIt = false;
        long now = facts.now().toEpochMilli();
        String fn = report.function();

        for (Change c : report.changes()) {
            ChangeStatus s = c.status();
            if (s == ChangeStatus.APPLIED) {
                d.item(c.domain(), c.product(), new Digest.Item(APPLIED, describe(c), json(c)));
                worthIt = true;
            } else if (s == ChangeStatus.PLANNED) {
                d.item(c.domain(), c.product(), new Digest.Item(PLANNED, describe(c), json(c)));
                if (dryRun) worthIt = true;
            } else if (s == ChangeStatus.FAILED) {
                Digest.Item item = new Digest.Item(FAILED, describe(c), json(c));
                if (dryRun || !facts.lastAttempt()) {
                    // FC runs it again: the retry, or its last attempt, tells the failure.
                    d.item(c.domain(), c.product(), item);
                    if (dryRun) worthIt = true;
                    continue;
                }
                String key = "failed|" + fn + "|" + c.domain() + "|" + c.resource() + "|" + (c.error() == null ? "" : c.error().code());
                if (due(key, remembered, now, repeat)) {
                    d.item(c.domain(), c.product(), item);
                    told.add(key);
                    worthIt = true;
                } else {
                    held++;
                }
            }
        }
        // an account of a run over several that could not be worked on: told like a failed change, on FC's last attempt
        for (io.cdnlifeline.report.AccountOutcome a : report.accounts()) {
            if (a.status() != io.cdnlifeline.report.AccountOutcome.Status.FAILED) continue;
            String text = "account " + a.account() + ": " + a.step() + " failed: " + a.error().code() + ": " + a.error().message();
            Digest.Item item = new Digest.Item(FAILED, text, null);
            if (dryRun || !facts.lastAttempt()) {
                d.item("account " + a.account(), null, item);
                if (dryRun) worthIt = true;
                continue;
            }
            String key = "account|" + fn + "|" + a.account() + "|" + a.step() + "|" + a.error().code();
            if (due(key, remembered, now, repeat)) {
                d.item("account " + a.account(), null, item);
                told.add(key);
                worthIt = true;
            } else {
                held++;
            }
        }
        for (Skip s : report.skipped()) {
            if (!Attention.needsHuman(s.why())) continue;
            String key = "human|" + fn + "|" + s.domain() + "|" + Attention.normalized(s.why());
            if (dryRun || due(key, remembered, now, repeat)) {
                d.item(s.domain(), s.product(), new Digest.Item(NEEDS_HUMAN, s.why(), null));
                if (!dryRun) told.add(key);
                worthIt = true;
            } else {
                held++;
            }
        }
        if (report.refused() != null) {
            String key = "refused|" + fn;
            if (dryRun || due(key, remembered, now, repeat)) {
                d.refused(report.refused());
                if (!dryRun) told.add(key);
                worthIt = true;
            } else {
                held++;
            }
        }
        if (!worthIt) return new Decision(null, Set.of());
        if (dryRun && facts.timerTriggered() && !inPlanSlot(facts, repeat)) return new Decision(null, Set.of());
        d.alreadyTold(held);
        return new Decision(d.build(), told);
    }

    /**
     * The one message of an invocation that failed on FC's last attempt without a Report (an unexpected error):
     * what failed and where. Told at most once per repeat window for the same error.
     */
    static Decision crashed(String function, String requestId, RuntimeException error, RunFacts facts, Duration repeat,
                            Map<String, Long> remembered) {
        String words = error.getClass().getSimpleName() + ": " + Objects.toString(error.getMessage(), "");
        String key = "crash|" + function + "|" + Attention.normalized(words);
        if (!due(key, remembered, facts.now().toEpochMilli(), repeat)) return new Decision(null, Set.of());
        Digest.Builder d = Digest.builder(Digest.Kind.FAILED_AFTER_RETRIES, function).requestId(requestId)
                .account(facts.account()).trigger(facts.trigger()).reason(facts.reason())
                .attempt(facts.retryCount(), facts.asyncRetries()).repeat(repeat).crash(words);
        Set<String> told = new TreeSet<>();
        told.add(key);
        return new Decision(d.build(), told);
    }

    private static Digest.Builder base(Digest.Builder d, Report report, RunFacts facts, Duration repeat) {
        return d.requestId(report.requestId())
                .account(report.account() != null ? report.account() : facts.account())
                .trigger(facts.trigger()).reason(facts.reason())
                .continues(report.continues()).memberOf(report.memberOf())
                .handsOn(report.continued() == null ? null : "reached its time limit: " + report.continued().left()
                        + " domain(s) left for round " + report.continued().round() + ", an asynchronous invocation of the same function")
                .attempt(facts.retryCount(), facts.asyncRetries()).repeat(repeat);
    }

    static boolean due(String key, Map<String, Long> remembered, long now, Duration repeat) {
        Long last = remembered.get(key);
        return last == null || now - last >= repeat.toMillis() || last > now;
    }

    /** True when the timer's scheduled time (or the clock) is in the first {@link #PLAN_SLOT} of a repeat window. */
    static boolean inPlanSlot(RunFacts facts, Duration repeat) {
        Instant at = facts.scheduledAt() != null ? facts.scheduledAt() : facts.now();
        return Math.floorMod(at.toEpochMilli(), repeat.toMillis()) < Math.min(PLAN_SLOT.toMillis(), repeat.toMillis());
    }

    /** One line for a change: action, resource, what differs before -> after, the note, and for a failure the cloud's words. */
    static String describe(Change c) {
        StringBuilder s = new StringBuilder();
        s.append(c.action()).append(' ').append(c.resource());
        String diff = diff(c.before(), c.after());
        if (!diff.isEmpty()) s.append(": ").append(diff);
        if (c.note() != null && !c.note().isBlank()) s.append(" (").append(c.note()).append(')');
        if (c.error() != null) {
            s.append(" - ").append(c.error().code());
            if (!c.error().message().isBlank()) s.append(": ").append(shorten(c.error().message(), 300));
            if (c.error().requestId() != null) s.append(" (RequestId ").append(c.error().requestId()).append(')');
            String rec = recommend(c);
            if (rec != null && !c.error().message().contains(rec)) s.append(" Recommend: ").append(rec);
        }
        return s.toString();
    }

    /** The fields that differ, {@code type CNAME -> A, value x -> 1.2.3.4}; a whole record when one side is missing. */
    static String diff(JsonObject before, JsonObject after) {
        if (before == null && after == null) return "";
        if (before == null) return "new " + values(after);
        if (after == null) return "removed " + values(before);
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        StringBuilder s = new StringBuilder();
        for (String k : keys) {
            if (k.equals("remark") || k.equals("recordId")) continue;
            String b = text(before.get(k));
            String a = text(after.get(k));
            if (Objects.equals(a, b)) continue;
            if (s.length() > 0) s.append(", ");
            s.append(k).append(' ').append(b == null ? "(none)" : b).append(" -> ").append(a == null ? "(none)" : a);
        }
        return s.toString();
    }

    private static String values(JsonObject o) {
        StringBuilder s = new StringBuilder();
        for (String k : o.keySet()) {
            if (k.equals("remark") || k.equals("recordId")) continue;
            String v = text(o.get(k));
            if (v == null) continue;
            if (s.length() > 0) s.append(' ');
            s.append(k).append(' ').append(v);
        }
        return s.toString();
    }

    private static String text(JsonElement e) {
        if (e == null || e.isJsonNull()) return null;
        return shorten(e.isJsonPrimitive() ? e.getAsString() : e.toString(), MAX_VALUE_CHARS);
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /**
     * The cloud's Recommend link of a failed change, read tolerantly: from the error's JSON form when the Report
     * carries one there (under any capitalisation), else from the error message.
     */
    static String recommend(Change c) {
        JsonObject j = ReportJson.change(c);
        if (j.has("error") && j.get("error").isJsonObject()) {
            JsonObject e = j.getAsJsonObject("error");
            for (String k : e.keySet()) {
                if (k.equalsIgnoreCase("recommend") && e.get(k).isJsonPrimitive()) return e.get(k).getAsString();
            }
        }
        if (c.error() == null) return null;
        Matcher m = RECOMMEND.matcher(c.error().message());
        return m.find() ? m.group() : null;
    }

    private static JsonObject json(Change c) {
        JsonObject j = ReportJson.change(c);
        j.remove("status");
        String rec = recommend(c);
        if (rec != null && j.has("error") && j.get("error").isJsonObject() && !j.getAsJsonObject("error").has("recommend")) {
            j.getAsJsonObject("error").addProperty("recommend", rec);
        }
        return j;
    }
}
