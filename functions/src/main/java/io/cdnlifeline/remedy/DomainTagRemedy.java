package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;
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
 * <p>A run that writes plans and writes only under its {@link DomainLock} flags, raised in {@link #prepare} and
 * taken down in {@link #finish}: a remedy and its undo never change one domain at the same time.
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

    /**
     * A run that may write raises its lock flag on every target first ({@link DomainLock}), and plans from the tags it
     * reads back under the flag: no opposite run changes these domains until {@link #finish}. A dry run writes
     * nothing, so it reads the tags without a flag.
     */
    @Override
    public final void prepare(List<Target> targets, RunContext ctx) {
        if (ctx.dryRun()) {
            DomainSteps.prefetchTags(targets, ctx);
            return;
        }
        Map<Product, List<String>> wanted = new EnumMap<>(Product.class);
        for (Target t : targets) {
            // A product without tags can hold no lock flag: its domains are planned without one (see plan()).
            if (t.product().can().tags()) wanted.computeIfAbsent(t.product(), k -> new ArrayList<>()).add(t.name());
        }
        Locked locked = locked(ctx);
        locked.held = locked.lock.acquire(wanted);
        for (Target t : targets) {
            Map<String, String> fresh = locked.held.tags(t.product(), t.name());
            if (fresh == null) continue;
            try {
                DomainTags.of(ctx).replace(t.product(), t.name(), fresh);
            } catch (CloudException cannotHappen) {
                throw new IllegalStateException(cannotHappen);
            }
        }
    }

    /** The plan of the remedy; a domain another run holds gets a failed step instead (nothing written, FC retries). */
    @Override
    public final Plan plan(Target target, RunContext ctx) throws CloudException {
        // No tags, no marker and no lock flag: nothing another run wrote can be read back, so the plan is from the detection.
        if (!target.product().can().tags()) return planDomain(target, ctx);
        Locked locked = ctx.dryRun() ? null : locked(ctx);
        DomainLock.Held held = locked == null ? null : locked.held;
        CloudException refused = held == null ? null : held.refusal(target.product(), target.name());
        if (refused == null) {
            Map<String, String> underFlag = held == null ? null : held.tags(target.product(), target.name());
            if (underFlag == null || !underFlag.containsKey(markerKey)) return planDomain(target, ctx);
            // A marked domain: the opposite remedy may have changed its status or coverage between this run's detection
            // and its flag (a marker is written before that change and removed after it), so its state is read again,
            // now that no opposite run changes it. An unmarked one's cannot have moved that way.
            return planDomain(new Target(ctx.cloud().cdn().describeDomain(target.product(), target.name()), target.conditions()), ctx);
        }
        return Plan.of(target, List.of(new Step(Change.planned(target.name(), target.product().id(),
                Markers.tagResource(target.product(), target.name(), DomainLock.PREFIX + "*"), "lock", null, null), () -> {
                    throw refused;
                })));
    }

    /** Reads what it needs (only what the Target and this run's tag reads do not carry) and plans; writes nothing. */
    abstract Plan planDomain(Target target, RunContext ctx) throws CloudException;

    /** Takes this run's lock flags down (those a last untag did not take down already). */
    @Override
    public final void finish(RunContext ctx) {
        if (ctx.dryRun()) return;
        Locked locked = locked(ctx);
        if (locked.held == null) return;
        try {
            locked.lock.release(locked.held);
        } catch (CloudException e) {
            ctx.audit().info("could not remove this run's " + DomainLock.PREFIX + " tag (" + e + "); it goes stale once this "
                    + "invocation's time is up; until then the opposite remedy leaves those domains alone");
        }
    }

    /**
     * The untag that ends an undo (enable-domain, restore-coverage): the marker, its time tags and, in the same call,
     * this run's lock flag (and stale ones) on the domain.
     */
    final Step unmarkStep(RunContext ctx, Product p, String name, String key, String value) {
        List<String> keys = new ArrayList<>(List.of(key, TagIntent.SINCE, TagIntent.RESTORING));
        Locked locked = ctx.dryRun() ? null : locked(ctx);
        if (locked != null && locked.held != null) keys.addAll(locked.lock.keysToLower(locked.held, p, name));
        CdnApi cdn = ctx.cloud().cdn();
        return new Step(Change.planned(name, p.id(), Markers.tagResource(p, name, key), "untag", DomainSteps.field(key, value), null), () -> {
            cdn.untag(p, List.of(name), keys);
            if (locked != null && locked.held != null) locked.lock.lowered(locked.held, p, name);
            return ChangeStatus.APPLIED;
        });
    }

    /** This run's lock and what it holds. */
    private static final class Locked {
        final DomainLock lock;
        volatile DomainLock.Held held;

        Locked(DomainLock lock) {
            this.lock = lock;
        }
    }

    private Locked locked(RunContext ctx) {
        try {
            return ctx.once("remedy:domain-lock", () -> new Locked(new DomainLock(ctx.cloud().cdn(), function(), ctx.deadlineMillis())));
        } catch (CloudException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
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
