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

    private RemedyPair(String name, String forward, String undo, Consumer<SandboxState> trouble, Consumer<SandboxState> recovery,
                       String forwardWhen, List<String> domains) {
        this.name = name;
        this.forward = forward;
        this.undo = undo;
        this.trouble = trouble;
        this.recovery = recovery;
        this.forwardWhen = forwardWhen;
        this.domains = domains;
    }

    /** dns-to-origin when domains go offline, dns-to-cdn when they are back online. */
    static final RemedyPair DNS = new RemedyPair("dns", "dns-to-origin", "dns-to-cdn",
            s -> status(s, "offline"), s -> status(s, "online"), "offline", Fleet.inScope());

    /** Every pair whose remedies are on this branch. */
    static List<RemedyPair> all() {
        return List.of(DNS);
    }

    String forwardPayload(List<String> named, boolean accountWide) {
        return payload(named, accountWide ? forwardWhen : null);
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

    static void status(SandboxState s, String status) {
        for (Domain d : s.cdn) d.status = status;
        for (Domain d : s.dcdn) d.status = status;
    }

    @Override
    public String toString() {
        return forward + "/" + undo;
    }
}
