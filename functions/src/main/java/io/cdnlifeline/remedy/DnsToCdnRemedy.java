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
        java.util.Map<String, String> tags = target.product().can().tags()
                ? DomainTags.of(ctx).of(target.product(), target.name()) : java.util.Map.of();
        if (tags.containsKey(DnsIntent.KEY)) {
            // dns-to-origin's outage-mode intent tag: its unmarked switches are recognised by the domain's origin values
            AcceleratedDomain withOrigins = reads.detail(target, true);
            java.util.List<io.cdnlifeline.cloud.Origin> usable = new java.util.ArrayList<>();
            for (io.cdnlifeline.cloud.Origin o : withOrigins.origins()) if (withOrigins.product().can().dnsMayPointAt(o.type())) usable.add(o);
            intent = new ToCdnPlanner.Intent(DnsIntent.time(tags), OriginValues.of(usable));
            DnsIntent.of(ctx).known(target);
        }
        HostPlan hp = ToCdnPlanner.plan(host, reads.records(host), d.cname(), MarkerLease.now(), intent);
        if (intent != null && (hp.keepsIntentTag() || MarkerLease.fresh(intent.at(), MarkerLease.now()))) {
            // a young tag may belong to a dns-to-origin run in flight: only dns-to-origin, or this remedy after the lease, removes it
            DnsIntent.of(ctx).keep(target);
        }
        return DnsRemedySupport.toPlan(target, hp, ctx, "no DNS record of " + host.fqdn() + " carries a lifeline: marker");
    }

    /** After the restores: the intent tags of dns-to-origin runs that died (older than the lease) come off. */
    @Override
    public void afterApply(RunContext ctx, Applier applier) {
        DnsIntent.of(ctx).finish(ctx, applier);
    }
}
