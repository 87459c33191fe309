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
        HostPlan hp = ToCdnPlanner.plan(host, reads.records(host), d.cname());
        return DnsRemedySupport.toPlan(target, hp, ctx, "no DNS record of " + host.fqdn() + " carries a lifeline: marker");
    }
}
