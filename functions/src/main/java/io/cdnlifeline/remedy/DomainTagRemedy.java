package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.detect.MarkerProbe;
import io.cdnlifeline.detect.Target;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A remedy whose ownership marker is one {@code lifeline:} tag on the domain (switch-to-overseas and
 * restore-coverage: {@code lifeline:coverage}; disable-domain and enable-domain: {@code lifeline:disabled}).
 * The marker probe, the batched read before planning and plan() all use this run's {@link DomainTags}, so a
 * domain's tags are read once per run whichever of them asks first.
 * <p>Writes happen only under the domain's {@link DomainLock}: a remedy and its undo never change one domain at
 * the same time. A domain whose lifeline tags moved between this run's read and its lock
 * (another run changed it meanwhile) is read and planned again before anything is written.
 */
abstract class DomainTagRemedy implements Remedy {
    private final String markerKey;

    DomainTagRemedy(String markerKey) {
        this.markerKey = markerKey;
    }

    @Override
    public final MarkerProbe markerProbe(RunContext ctx) {
        return candidates -> DomainTags.of(ctx).carrying(markerKey, candidates);
    }

    @Override
    public final void prepare(List<Target> targets, RunContext ctx) {
        DomainSteps.prefetchTags(targets, ctx);
    }

    /**
     * The plan of the remedy proper; a domain that needs no write but carries the flag of a run that is over gets one
     * step, taking it down (the flag of a run that died before its end would stay otherwise: runs that write take
     * stale flags down with their own).
     */
    @Override
    public final Plan plan(Target target, RunContext ctx) throws CloudException {
        Plan plan = planDomain(target, ctx);
        if (!plan.isSkip()) return plan;
        List<String> stale = DomainLock.staleFlags(tags(target, ctx), MarkerLease.now());
        if (stale.isEmpty()) return plan;
        return Plan.of(target, List.of(DomainSteps.untagStaleFlagsStep(ctx.cloud().cdn(), target.product(), target.name(), stale,
                plan.isUnchanged() ? "nothing else to change" + noteOf(plan) : plan.skipReason())));
    }

    private static String noteOf(Plan unchanged) {
        String note = unchanged.unchangedChanges().get(0).note();
        return note == null ? "" : ": " + note;
    }

    /** Reads what it needs (only what the Target does not already carry) and plans; writes nothing. */
    abstract Plan planDomain(Target target, RunContext ctx) throws CloudException;

    /** Takes the lock of every planned domain, plans again where another run moved one, applies, and unlocks. */
    @Override
    public final void apply(List<Plan> plans, RunContext ctx, Applier applier) {
        Map<Product, List<String>> wanted = new EnumMap<>(Product.class);
        for (Plan plan : plans) wanted.computeIfAbsent(plan.target().product(), k -> new ArrayList<>()).add(plan.target().name());
        DomainLock lock = new DomainLock(ctx.cloud().cdn(), function(), ctx.deadlineMillis());
        DomainLock.Held held = lock.acquire(wanted);
        try {
            List<Plan> current = new ArrayList<>();
            for (Plan plan : plans) {
                Plan now = underLock(plan, held, ctx, applier);
                if (now != null) current.add(now);
            }
            if (!current.isEmpty()) applyHeld(current, ctx, applier);
        } finally {
            try {
                lock.release(held);
            } catch (CloudException e) {
                ctx.audit().info("could not remove this run's " + DomainLock.PREFIX + " tag (" + e + "); it goes stale once this "
                        + "invocation's time is up; until then the opposite remedy leaves those domains alone");
            }
        }
    }

    /** The plan to apply now that the domain is locked (null: nothing to apply, the outcome is recorded). */
    private Plan underLock(Plan plan, DomainLock.Held held, RunContext ctx, Applier applier) {
        Target t = plan.target();
        CloudException refused = held.refusal(t.product(), t.name());
        if (refused != null) {
            applier.failPlan(plan, refused);
            return null;
        }
        Map<String, String> fresh = held.tags(t.product(), t.name());
        try {
            if (TagIntent.ours(fresh, markerKey).equals(TagIntent.ours(tags(t, ctx), markerKey))) return plan;
            // Another run changed the domain between this run's read and its lock: plan again from what it left.
            DomainTags.of(ctx).replace(t.product(), t.name(), fresh);
            Plan again = plan(new Target(ctx.cloud().cdn().describeDomain(t.product(), t.name()), t.conditions()), ctx);
            return applier.settleWithoutSteps(again) ? null : again;
        } catch (CloudException e) {
            applier.failPlan(plan, e);
            return null;
        }
    }

    /** Applies plans whose domains this run holds; the default runs each domain's steps in order, domains concurrently. */
    void applyHeld(List<Plan> plans, RunContext ctx, Applier applier) {
        applier.applyEach(plans);
    }

    /** Every tag of the target's domain (the marker's time tags, {@link TagIntent}, included), as this run read them. */
    final Map<String, String> tags(Target target, RunContext ctx) throws CloudException {
        return DomainTags.of(ctx).of(target.product(), target.name());
    }

    /** The value of this remedy's marker tag on the target's domain, or null when it carries none. */
    final String marker(Target target, RunContext ctx) throws CloudException {
        return DomainTags.of(ctx).of(target.product(), target.name()).get(markerKey);
    }
}
