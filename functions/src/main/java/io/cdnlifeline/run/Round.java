package io.cdnlifeline.run;

import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.event.Continuation;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.remedy.Plan;
import io.cdnlifeline.remedy.Remedy;
import io.cdnlifeline.remedy.RunContext;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeError;
import io.cdnlifeline.report.Report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One round of a run that may reach its deadline (issue 18): which targets it looks at (per product in name order,
 * after the cursor of the round before), until when it starts planning and applying new domains, and, when it stopped
 * early, the continuation it hands the rest to. A domain is handled by exactly one round, whole: it is planned and
 * applied in the same round or left, untouched, to the next, which plans it again from live state.
 */
final class Round {
    /** Share of the round's time for planning; the rest applies. dns-to-origin plans ~4 domains while it applies one. */
    static final double PLAN_SHARE = 1.0 / 3;
    /** Kept free at the end to finish the domains in flight and hand over (at most a fifth of a short round). */
    static final long MAX_RESERVE_MS = 10_000;

    private final Request request;
    private final List<Target> targets;
    private final boolean continues;
    private final long planUntil;
    private final long stopStartingAt;
    private final Set<Target> left = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private volatile boolean refused;

    private Round(Request request, List<Target> targets, boolean continues, long planUntil, long stopStartingAt) {
        this.request = request;
        this.targets = targets;
        this.continues = continues;
        this.planUntil = planUntil;
        this.stopStartingAt = stopStartingAt;
    }

    static Round of(Invocation inv, Remedy remedy, Request request, List<Target> detected) {
        boolean continues = inv.continuer() != null && remedy.continuesAtDeadline();
        Continuation from = request.continuation();
        List<Target> targets = continues || from != null ? remaining(detected, from) : detected;
        long planUntil = Long.MAX_VALUE;
        long stop = Long.MAX_VALUE;
        if (continues && inv.deadlineMillis() < Long.MAX_VALUE / 2) {
            long now = System.currentTimeMillis();
            long budget = Math.max(0, inv.deadlineMillis() - now);
            stop = inv.deadlineMillis() - Math.min(MAX_RESERVE_MS, budget / 5);
            planUntil = now + (long) ((stop - now) * PLAN_SHARE);
        }
        return new Round(request, targets, continues, planUntil, stop);
    }

    /** The targets still to do: per product (in detection order of the products) by name, after the cursor. */
    static List<Target> remaining(List<Target> detected, Continuation from) {
        Map<Product, List<Target>> byProduct = new LinkedHashMap<>();
        for (Target t : detected) {
            if (from == null || from.isLeft(t.product(), t.name())) byProduct.computeIfAbsent(t.product(), p -> new ArrayList<>()).add(t);
        }
        List<Target> out = new ArrayList<>();
        for (List<Target> ts : byProduct.values()) {
            ts.sort(Comparator.comparing(Target::name));
            out.addAll(ts);
        }
        return out;
    }

    List<Target> targets() { return targets; }
    long planUntil() { return planUntil; }
    long stopStartingAt() { return stopStartingAt; }

    void notPlanned(Target t) { left.add(t); }
    void notStarted(Set<Target> ts) { left.addAll(ts); }
    void refused() { refused = true; }

    /**
     * The order to apply in: when the round may stop early, the products in turn (as planned), so what is left is a
     * tail of each product's name order and the cursor moves on in both.
     */
    List<Plan> applyOrder(List<Plan> plans) {
        if (!continues) return plans;
        List<Target> ts = new ArrayList<>();
        for (Plan p : plans) ts.add(p.target());
        List<Plan> out = new ArrayList<>(plans.size());
        for (int i : RemedyFunction.interleavedByProduct(ts)) out.add(plans.get(i));
        return out;
    }

    /**
     * When the round left domains, hands them to the continuation and says so in the Report ({@code continued}); a
     * round that handled no domain at all does not hand over (it would loop), it fails the run instead.
     */
    void handOver(Continuer continuer, RunContext ctx, String function) {
        if (!continues || refused || left.isEmpty()) return;
        Continuation from = request.continuation();
        Map<Product, String> cursor = new EnumMap<>(Product.class);
        if (from != null) cursor.putAll(from.after());
        int leftCount = 0;
        Map<Product, Boolean> blocked = new EnumMap<>(Product.class);
        for (Target t : targets) {
            if (Boolean.TRUE.equals(blocked.get(t.product()))) {
                leftCount++;
            } else if (left.contains(t)) {
                blocked.put(t.product(), true);
                leftCount++;
            } else {
                cursor.put(t.product(), t.name());
            }
        }
        Report.Builder report = ctx.report();
        Target first = firstLeft();
        int round = from == null ? 2 : from.round() + 1;
        if ((from != null && cursor.equals(from.after())) || (from == null && cursor.isEmpty()) || round > Continuation.MAX_ROUND) {
            String why = round > Continuation.MAX_ROUND ? "this run already took " + Continuation.MAX_ROUND + " rounds"
                    : "the time limit was too short to handle a single domain";
            fail(ctx, function, first, new ChangeError("Lifeline.DeadlineExceeded", why + "; " + leftCount
                    + " domain(s) were not looked at and no continuation was started", null));
            return;
        }
        Request next = request.toBuilder().continuation(new Continuation(round, cursor)).build();
        try {
            continuer.continueWith(next);
        } catch (CloudException e) {
            fail(ctx, function, first, ChangeError.of(e));
            return;
        }
        report.continued(new Report.Continued(leftCount, round));
        report.note("continued: the run reached its time limit; round " + round + " goes on with the " + leftCount
                + " domain(s) left, after " + cursor);
        ctx.audit().info("continued: round " + round + " handed over with " + leftCount + " domain(s) left: " + next);
    }

    private Target firstLeft() {
        for (Target t : targets) if (left.contains(t)) return t;
        throw new IllegalStateException("no target left");
    }

    private void fail(RunContext ctx, String function, Target first, ChangeError error) {
        Change c = Change.planned(first.name(), first.product().id(), "fc:" + function, "continue", null, null).failed(error);
        ctx.report().change(c);
        ctx.audit().record(c, ctx.request().source());
    }
}
