package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.detect.Selector;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * disable-domain: takes domains offline on purpose ({@code StopCdnDomain} / {@code StopDcdnDomain}) and
 * tags them {@code lifeline:disabled=<reason>} first, so the marker exists whenever the stop succeeded, even
 * if the run dies right after. A domain already offline is left as it is: unchanged when it carries our tag,
 * skipped (and never tagged) when it does not, because cdn-lifeline did not disable it.
 * <p>Writes are batched: the tag goes to up to 50 domains a call (TagResources takes one value for all),
 * and several domains of a product that stops in batches stop with its batch call ({@code BatchStopCdnDomain},
 * {@code BatchStopDcdnDomain}, {@code BatchStopVodDomain}: 50 a call); Live stops one call each. One Change is still
 * reported per domain. When the cloud refuses a whole batch (tag or stop) for a reason
 * that is not transient, the batch is retried one domain at a time, so the one domain it objects to does not hold
 * back the rest.
 * <p>It has no account-wide default (it would stop every domain): a Request must name domains or conditions.
 */
public final class DisableDomainRemedy extends DomainTagRemedy {
    static final String TAG = "tag";
    static final String STOP = "stop";

    static final Refusals STOP_REFUSALS = Refusals.of(
            Refusal.finalOn("InvalidDomain.BelongToConfigGroup", "not stopped: the domain belongs to a configuration group, "
                    + "and Alibaba Cloud only lets the group change it; stop it through its configuration group"));

    public DisableDomainRemedy() {
        super(Markers.DISABLED);
    }

    @Override
    public String function() {
        return "disable-domain";
    }

    @Override
    public Selector defaultSelector() {
        return Selector.anyOf(Selector.is(Condition.ALWAYS));
    }

    @Override
    public boolean allowsAccountWideDefault() {
        return false;
    }

    @Override
    Plan planDomain(Target target, RunContext ctx) throws CloudException {
        if (!target.product().can().tags()) return planUnmarked(target, ctx);
        Product p = target.product();
        String name = target.name();
        CdnApi cdn = ctx.cloud().cdn();
        String status = target.domain().status();
        Map<String, String> tags = tags(target, ctx);
        String marker = marker(target, ctx);
        Instant now = MarkerLease.now();
        // Read under this run's lock flag (DomainTagRemedy): no enable-domain is changing the domain now, so a restoring
        // tag (written by versions before the lock) is a dead enable's: this run takes the domain over (a newer since tag).
        boolean restoring = marker != null && TagIntent.restoring(tags);
        boolean remark = marker != null && (restoring || !MarkerLease.fresh(TagIntent.time(tags, TagIntent.SINCE), now));

        if (target.domain().isOffline()) {
            if (restoring) {
                return Plan.of(target, List.of(DomainSteps.markStep(cdn, p, name, Markers.DISABLED, marker, TagIntent.SINCE, TagIntent.stamp(now))));
            }
            if (marker != null) {
                return Plan.unchanged(target, stopChange(p, name, "offline"),
                        "already offline, disabled by cdn-lifeline (" + Markers.DISABLED + "=" + marker + ")");
            }
            return Plan.skip(target, "already offline, and not by cdn-lifeline (no " + Markers.DISABLED
                    + " tag): left as it is and not tagged, so enable-domain will only start it when it is named");
        }
        if (!target.domain().isOnline()) {
            return Plan.skip(target, "its status is '" + status + "': only online domains are stopped; run again once it is online");
        }
        List<Step> steps = new ArrayList<>();
        if (marker == null || remark) {
            // An existing tag (a run that stopped short of the stop) keeps its reason; a dead run's is renewed in time.
            steps.add(DomainSteps.markStep(cdn, p, name, Markers.DISABLED, marker != null ? marker : Markers.tagValue(ctx.request().reason()),
                    TagIntent.SINCE, TagIntent.stamp(now)));
        }
        steps.add(new Step(stopChange(p, name, status), () -> {
            if (p.can().stopsOneByOne()) cdn.stopDomain(p, name);
            else cdn.batchStopDomains(p, List.of(name));
            return ChangeStatus.APPLIED;
        }, STOP_REFUSALS));
        return Plan.of(target, steps);
    }

    /**
     * A product without tags (ApsaraVideo VOD): no marker can say that cdn-lifeline stopped the domain, so only a run that
     * names it stops it (the operator owns it), and enable-domain starts it only when named too. No lock flag either:
     * a disable and an enable of one such domain at once are not kept apart; the later call wins.
     */
    private Plan planUnmarked(Target target, RunContext ctx) {
        Product p = target.product();
        String name = target.name();
        String why = p.can().whyNoTags();
        if (ctx.request().domains().isEmpty()) {
            return Plan.skip(target, why + ": a run by condition does not stop its domains, because enable-domain could not tell "
                    + "later which ones it stopped; name the domain to stop it");
        }
        if (target.domain().isOffline()) {
            return Plan.unchanged(target, stopChange(p, name, "offline"), "already offline (" + why + ", so who stopped it cannot be told)");
        }
        if (!target.domain().isOnline()) {
            return Plan.skip(target, "its status is '" + target.domain().status() + "': only online domains are stopped; run again once it is online");
        }
        CdnApi cdn = ctx.cloud().cdn();
        Change stop = stopChange(p, name, target.domain().status())
                .withNote("no marker (" + why + "): enable-domain starts it when it is named");
        return Plan.of(target, List.of(new Step(stop, () -> {
            if (p.can().stopsOneByOne()) cdn.stopDomain(p, name);
            else cdn.batchStopDomains(p, List.of(name));
            return ChangeStatus.APPLIED;
        }, STOP_REFUSALS)));
    }

    private static Change stopChange(Product p, String name, String before) {
        return Change.planned(name, p.id(), Markers.statusResource(p, name), STOP,
                DomainSteps.field("status", before), DomainSteps.field("status", "offline"));
    }

    @Override
    public void apply(List<Plan> plans, RunContext ctx, Applier applier) {
        CdnApi cdn = ctx.cloud().cdn();
        List<Plan> batched = new ArrayList<>();
        List<Plan> other = new ArrayList<>(); // a stale lock flag taken down, say: no batch API for it
        for (Plan plan : plans) (step(plan, TAG) != null || step(plan, STOP) != null ? batched : other).add(plan);
        applier.applyEach(other);
        List<Plan> tagged = new ArrayList<>();
        for (Plan plan : tagAll(batched, cdn, applier)) {
            if (step(plan, STOP) != null) tagged.add(plan); // else a dead enable taken over: already offline, only re-tagged
        }
        Map<Product, List<Plan>> batchable = new java.util.EnumMap<>(Product.class);
        List<Plan> oneByOne = new ArrayList<>();
        for (Plan plan : tagged) {
            if (plan.target().product().can().stopsInBatches()) batchable.computeIfAbsent(plan.target().product(), k -> new ArrayList<>()).add(plan);
            else oneByOne.add(stopOnly(plan));
        }
        for (Map.Entry<Product, List<Plan>> e : batchable.entrySet()) {
            // One domain of a product that also stops one by one takes the single stop (its own QPS, its own refusal).
            if (e.getValue().size() == 1 && e.getKey().can().stopsOneByOne()) oneByOne.add(stopOnly(e.getValue().get(0)));
            else for (List<Plan> chunk : DomainSteps.batches(e.getValue())) batchStop(e.getKey(), chunk, cdn, applier);
        }
        applier.applyEach(oneByOne);
    }

    /** Writes the tag steps, one call per product, value and 50 domains; returns the plans whose stop may now run. */
    private static List<Plan> tagAll(List<Plan> plans, CdnApi cdn, Applier applier) {
        List<Plan> ready = new ArrayList<>();
        Map<String, List<Plan>> groups = new LinkedHashMap<>();
        for (Plan plan : plans) {
            Step tag = step(plan, TAG);
            if (tag == null) {
                ready.add(plan);
                continue;
            }
            String value = tag.change().after().get(Markers.DISABLED).getAsString();
            groups.computeIfAbsent(plan.target().product().id() + "\n" + value, k -> new ArrayList<>()).add(plan);
        }
        for (List<Plan> group : groups.values()) {
            for (List<Plan> chunk : DomainSteps.batches(group)) {
                Product p = chunk.get(0).target().product();
                String value = step(chunk.get(0), TAG).change().after().get(Markers.DISABLED).getAsString();
                List<String> names = names(chunk);
                CloudException failure = null;
                try {
                    cdn.tag(p, names, Map.of(Markers.DISABLED, value, TagIntent.SINCE, TagIntent.stamp(MarkerLease.now())));
                } catch (CloudException e) {
                    failure = e;
                }
                boolean oneByOne = failure != null && !failure.retryable() && chunk.size() > 1;
                for (Plan plan : chunk) {
                    Step tag = step(plan, TAG);
                    // A batch refused for good is retried one domain at a time, as for the stops.
                    Change outcome = failure == null ? tag.change().with(ChangeStatus.APPLIED)
                            : oneByOne ? applier.run(tag) : applier.failed(tag, failure);
                    boolean tagged = outcome.status() != ChangeStatus.FAILED;
                    applier.settle(tag, outcome);
                    if (tagged) ready.add(plan);
                    else if (step(plan, STOP) != null) applier.notAttempted(step(plan, STOP), outcome.error());
                }
            }
        }
        return ready;
    }

    /** Stops a chunk of domains of one product in one batch call; a batch refused for good is retried one by one. */
    private static void batchStop(Product p, List<Plan> chunk, CdnApi cdn, Applier applier) {
        try {
            cdn.batchStopDomains(p, names(chunk));
        } catch (CloudException e) {
            if (e.retryable()) {
                for (Plan plan : chunk) applier.settle(step(plan, STOP), applier.failed(step(plan, STOP), e));
            } else {
                // The cloud names no domain in a batch refusal: find the one it objects to.
                for (Plan plan : chunk) applier.applySteps(List.of(step(plan, STOP)));
            }
            return;
        }
        for (Plan plan : chunk) applier.record(step(plan, STOP).change().with(ChangeStatus.APPLIED));
    }

    private static Plan stopOnly(Plan plan) {
        return Plan.of(plan.target(), List.of(step(plan, STOP)));
    }

    private static Step step(Plan plan, String action) {
        for (Step s : plan.steps()) if (s.change().action().equals(action)) return s;
        return null;
    }

    private static List<String> names(List<Plan> plans) {
        List<String> out = new ArrayList<>();
        for (Plan p : plans) out.add(p.target().name());
        return out;
    }
}
