package io.cdnlifeline.reliability;

import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.SandboxState;

import java.util.List;
import java.util.function.Consumer;

/**
 * A remedy and its undo, with the trouble that calls for the remedy and the recovery that calls for the undo,
 * played on the {@link Fleet} account. {@code when} is what a timer would pass for an account-wide run (null:
 * the pair is only run on named domains).
 */
final class RemedyPair {
    final String name;
    final String forward;
    final String undo;
    final Consumer<SandboxState> trouble;
    final Consumer<SandboxState> recovery;
    final String forwardWhen;
    final List<String> domains;
    /** True when the trouble and recovery are the domains' status (so the status is not the remedy's doing). */
    final boolean flipsStatus;
    /** Sample events of the repository's {@code events/} that trigger one of the two, by file: the function they go to. */
    final java.util.Map<String, String> events;

    private RemedyPair(String name, String forward, String undo, Consumer<SandboxState> trouble, Consumer<SandboxState> recovery,
                       String forwardWhen, List<String> domains, boolean flipsStatus, java.util.Map<String, String> events) {
        this.name = name;
        this.forward = forward;
        this.undo = undo;
        this.trouble = trouble;
        this.recovery = recovery;
        this.forwardWhen = forwardWhen;
        this.domains = domains;
        this.flipsStatus = flipsStatus;
        this.events = events;
    }

    /** dns-to-origin when domains go offline, dns-to-cdn when they are back online. The test flips the status. */
    static final RemedyPair DNS = new RemedyPair("dns", "dns-to-origin", "dns-to-cdn",
            s -> status(s, "offline"), s -> status(s, "online"), "offline", Fleet.inScope(), true,
            java.util.Map.of("actiontrail-stop-cdn-domain.json", "dns-to-origin", "cdn-trigger-domain-started.json", "dns-to-cdn",
                    "notification-overdue-payment.json", "dns-to-origin"));

    /** switch-to-overseas when the ICP filings go invalid, restore-coverage when they are valid again (CDN: DCDN has no ICP check). */
    static final RemedyPair COVERAGE = new RemedyPair("coverage", "switch-to-overseas", "restore-coverage",
            s -> icp(s, false), s -> icp(s, true), "icp-invalid", Fleet.CDN_DOMAINS, false,
            java.util.Map.of("notification-icp-invalid.json", "switch-to-overseas", "notification-icp-restored.json", "restore-coverage",
                    "timer-switch-to-overseas.json", "switch-to-overseas", "timer-restore-coverage.json", "restore-coverage"));

    /** disable-domain and enable-domain by name (the operator's pair); account-wide with {@code always}. */
    static final RemedyPair ONOFF = new RemedyPair("onoff", "disable-domain", "enable-domain",
            s -> { }, s -> { }, "always", Fleet.inScope(), false,
            java.util.Map.of("request-disable-domain.json", "disable-domain", "request-enable-domain.json", "enable-domain",
                    "timer-enable-domain.json", "enable-domain"));

    /**
     * Issue 18's outage mode: the same DNS pair in an arrears outage (offline and overdue; paid and online for the undo),
     * with the manual dns-to-origin runs' guard below the number of domains, so that they switch under the intent tag and
     * write their markers last. The timer and the sample events keep the default guard (marker-first mode): both modes race.
     */
    static final RemedyPair DNS_OUTAGE = new RemedyPair("dns-outage", "dns-to-origin", "dns-to-cdn",
            s -> {
                status(s, "offline");
                s.account.inDebt = true;
                s.account.inDebtOverdue = true;
            },
            s -> {
                status(s, "online");
                s.account.inDebt = false;
                s.account.inDebtOverdue = false;
            }, "offline", Fleet.inScope(), true,
            java.util.Map.of("notification-overdue-payment.json", "dns-to-origin", "cdn-trigger-domain-started.json", "dns-to-cdn"))
            .forwardOptions(", \"maxChanges\": 1").outageUndo();

    /** Every pair whose remedies are on this branch. */
    static List<RemedyPair> all() {
        return List.of(DNS, COVERAGE, ONOFF, DNS_OUTAGE);
    }

    /** The pairs of release v1 (fixtures/markers-v1). */
    static List<RemedyPair> v1() {
        return List.of(DNS, COVERAGE, ONOFF);
    }

    private String forwardOptions = "";
    private boolean outageUndo;

    /** This pair with its undo in outage mode too (LIFELINE_OUTAGE_UNDO_FROM 1: every run of it is large enough). */
    private RemedyPair outageUndo() {
        this.outageUndo = true;
        return this;
    }

    /** The settings a run of {@code function} of this pair runs with, from the runner's {@code base}. */
    io.cdnlifeline.config.Settings settings(String function, io.cdnlifeline.config.Settings base) {
        return outageUndo && function.equals(undo) ? base.toBuilder().outageUndoFrom(1).build() : base;
    }

    /** This pair with {@code options} (JSON members, each preceded by a comma) in every manual payload of its remedy. */
    private RemedyPair forwardOptions(String options) {
        this.forwardOptions = options;
        return this;
    }

    String forwardPayload(List<String> named, boolean accountWide) {
        String p = payload(named, accountWide ? forwardWhen : null);
        return p.substring(0, p.length() - 1) + forwardOptions + "}";
    }

    String undoPayload(List<String> named, boolean accountWide) {
        return payload(named, null);
    }

    private static String payload(List<String> named, String when) {
        StringBuilder b = new StringBuilder("{\"reason\": \"reliability\"");
        if (when != null) {
            b.append(", \"when\": [\"").append(when).append("\"]");
        } else if (named != null) {
            b.append(", \"domains\": [");
            for (int i = 0; i < named.size(); i++) b.append(i == 0 ? "" : ", ").append('"').append(named.get(i)).append('"');
            b.append(']');
        }
        return b.append('}').toString();
    }

    static void icp(SandboxState s, boolean valid) {
        for (Domain d : s.cdn) d.icp = valid;
        for (Domain d : s.dcdn) d.icp = valid;
    }

    static void status(SandboxState s, String status) {
        for (Domain d : s.cdn) d.status = status;
        for (Domain d : s.dcdn) d.status = status;
    }

    @Override
    public String toString() {
        return forward + "/" + undo;
    }
}
