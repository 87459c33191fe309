package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.detect.MarkerProbe;
import io.cdnlifeline.detect.Selector;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.remedy.dns.DnsHost;
import io.cdnlifeline.remedy.dns.DnsReads;
import io.cdnlifeline.remedy.dns.DnsRemedySupport;
import io.cdnlifeline.remedy.dns.HostPlan;
import io.cdnlifeline.remedy.dns.OriginValues;
import io.cdnlifeline.remedy.dns.ToOriginPlanner;

import java.util.List;

/**
 * dns-to-origin (the seed's "Solution 2"): while acceleration is cut, every record of the domain's host
 * whose value is its CDN/DCDN CNAME is switched in place, on every line, to the origin: A/AAAA for IP
 * origins (extra IPs added beside it), a CNAME for a domain or OSS origin. TTL, line and status are kept;
 * each record it writes carries a {@code lifeline:} remark that dns-to-cdn undoes exactly.
 * Reads per domain: the zone list once per run, the host's records once, the detail only for
 * account-wide runs (the detector already read it for named domains).
 */
public final class DnsToOriginRemedy implements Remedy {
    @Override
    public String function() {
        return "dns-to-origin";
    }

    @Override
    public Selector defaultSelector() {
        return Selector.anyOf(Selector.is(Condition.OFFLINE), Selector.is(Condition.IN_DEBT));
    }

    @Override
    public MarkerProbe markerProbe(RunContext ctx) {
        return DnsRemedySupport.markerProbe(ctx);
    }

    @Override
    public Plan plan(Target target, RunContext ctx) throws CloudException {
        DnsReads reads = DnsReads.of(ctx);
        DnsHost host = reads.locate(target.name());
        if (host == null) {
            return Plan.skip(target, "its DNS is not in this account's Alibaba Cloud DNS: no zone of the account is a suffix of " + target.name());
        }
        AcceleratedDomain d = reads.detail(target, true);
        if (d.cname() == null || d.cname().isEmpty()) {
            return Plan.skip(target, "the domain has no CDN CNAME yet, so no record can point at it");
        }
        List<io.cdnlifeline.cloud.DnsRecord> records = reads.records(host);
        HostPlan hp = ToOriginPlanner.plan(host, records, d.cname(), OriginValues.of(d.origins()));
        return DnsRemedySupport.toPlan(target, hp, ctx,
                "no DNS record of " + host.fqdn() + " points at its CDN CNAME " + d.cname());
    }

    @Override
    public void apply(List<Plan> plans, RunContext ctx, Applier applier) {
        DnsRemedySupport.applyByLine(plans, applier);
    }
}
