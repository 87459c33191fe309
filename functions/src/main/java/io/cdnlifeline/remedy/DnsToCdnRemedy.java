package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.detect.Selector;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.remedy.dns.DnsHost;
import io.cdnlifeline.remedy.dns.DnsReads;
import io.cdnlifeline.remedy.dns.DnsRemedySupport;
import io.cdnlifeline.remedy.dns.HostPlan;
import io.cdnlifeline.remedy.dns.OriginValues;
import io.cdnlifeline.remedy.dns.ToCdnPlanner;

/**
 * dns-to-cdn (re-accelerate once the cause is fixed): every record dns-to-origin marked on the domain's
 * host goes back — the switched record, one per line, becomes the CNAME to the domain's current CDN CNAME
 * with its original remark; the records it added are deleted. A record a person changed after we marked
 * it is left alone and reported.
 */
public final class DnsToCdnRemedy extends DnsRecordRemedy {
    @Override
    public String function() {
        return "dns-to-cdn";
    }

    @Override
    public Selector defaultSelector() {
        return Selector.allOf(Selector.is(Condition.ONLINE), Selector.not(Condition.IN_DEBT), Selector.is(Condition.REMEDIATED));
    }

    @Override
    Plan planHost(Target target, DnsHost host, DnsReads reads, RunContext ctx) throws CloudException {
        AcceleratedDomain d = reads.detail(target, false);
        ToCdnPlanner.Intent intent = null;
        boolean tagsApi = target.product().can().tags();
        java.util.Map<String, String> tags = tagsApi ? DomainTags.of(ctx).of(target.product(), target.name()) : java.util.Map.of();
        DnsIntent run = DnsIntent.of(ctx);
        run.restoring(true);
        if (DnsIntent.switchTagged(tags)) {
            // dns-to-origin's outage-mode intent tag: its unmarked switches are recognised by the domain's origin values
            AcceleratedDomain withOrigins = reads.detail(target, true);
            java.util.List<io.cdnlifeline.cloud.Origin> usable = new java.util.ArrayList<>();
            for (io.cdnlifeline.cloud.Origin o : withOrigins.origins()) if (withOrigins.product().can().dnsMayPointAt(o.type())) usable.add(o);
            intent = new ToCdnPlanner.Intent(DnsIntent.time(tags), OriginValues.of(usable));
            run.known(target);
        }
        // The undo's own restoring tag (an outage-mode undo of this or an earlier round): its half-done lines are ours. A
        // domain under dns-to-origin's switch tag is restored marker-first: the tag is its run's, not to be overwritten.
        boolean restoringTag = DnsIntent.restoringTagged(tags);
        if (restoringTag) run.known(target);
        boolean outage = run.outage() && tagsApi && intent == null;
        ToCdnPlanner.Undo undo = restoringTag || outage ? new ToCdnPlanner.Undo(restoringTag, DnsIntent.restoringTime(tags), outage) : null;
        HostPlan hp = ToCdnPlanner.plan(host, reads.records(host), d.cname(), MarkerLease.now(), intent, undo);
        if (intent != null && (hp.keepsIntentTag() || MarkerLease.fresh(intent.at(), MarkerLease.now()))) {
            // a young tag may belong to a dns-to-origin run in flight: only dns-to-origin, or this remedy after the lease, removes it
            run.keep(target);
        }
        if (outage && hp.writes()) run.needsTag(target);
        return DnsRemedySupport.toPlan(target, hp, ctx, "no DNS record of " + host.fqdn() + " carries a lifeline: marker", run::defer);
    }

    @Override
    public boolean restoresInOutageMode() {
        return true;
    }

    /** Outage mode of the undo: the restoring tag, the updates back before the remarks (docs/reliability.md, "Outage mode"). */
    @Override
    public void outage(RunContext ctx) {
        DnsIntent run = DnsIntent.of(ctx);
        run.restoring(true);
        run.outage(true);
    }

    /** Domains tagged and applied together in the undo's outage mode: 8 TagResources calls, then their lines. */
    static final int OUTAGE_CHUNK = 400;

    /**
     * Outage mode: chunk by chunk, the restoring tag on the chunk's domains (50 a call), then its lines (the deletes and
     * the update back; the remarks are deferred). A chunk not started before the round's time to start new domains is
     * left to the continuation untagged. Otherwise line by line as always.
     */
    @Override
    public void apply(java.util.List<Plan> plans, RunContext ctx, Applier applier) {
        DnsIntent run = DnsIntent.of(ctx);
        if (!run.outage()) {
            DnsRemedySupport.applyByLine(run.tagBefore(plans, ctx, applier), applier);
            return;
        }
        for (int i = 0; i < plans.size(); i += OUTAGE_CHUNK) {
            java.util.List<Plan> chunk = plans.subList(i, Math.min(plans.size(), i + OUTAGE_CHUNK));
            if (i > 0 && applier.pastStart()) {
                for (Plan p : plans.subList(i, plans.size())) applier.leave(p.target());
                break;
            }
            DnsRemedySupport.applyByLine(run.tagBefore(chunk, ctx, applier), applier);
        }
    }

    /**
     * After the restores: in outage mode the original remarks (deferred), then the tags come off: the restoring tags of
     * domains all restored, and the intent tags of dns-to-origin runs that died (older than the lease).
     */
    @Override
    public void afterApply(RunContext ctx, Applier applier) {
        DnsIntent.of(ctx).finish(ctx, applier);
    }
}
