package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Origin;
import io.cdnlifeline.detect.Selector;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.remedy.dns.DnsHost;
import io.cdnlifeline.remedy.dns.DnsReads;
import io.cdnlifeline.remedy.dns.DnsRemedySupport;
import io.cdnlifeline.remedy.dns.HostPlan;
import io.cdnlifeline.remedy.dns.OriginValues;
import io.cdnlifeline.remedy.dns.ToOriginPlanner;

import java.util.ArrayList;
import java.util.List;

/**
 * dns-to-origin (the seed's "Solution 2"): while acceleration is cut, every record of the domain's host
 * whose value is its CDN/DCDN CNAME is switched in place, on every line, to the origin: A/AAAA for IP
 * origins (extra IPs added beside it), a CNAME for a domain or OSS origin. TTL, line and status are kept;
 * each record it writes carries a {@code lifeline:} remark that dns-to-cdn undoes exactly.
 * Reads per domain: the zone list once per run, the host's records once, the detail only for
 * account-wide runs (the detector already read it for named domains).
 */
public final class DnsToOriginRemedy extends DnsRecordRemedy {
    @Override
    public String function() {
        return "dns-to-origin";
    }

    @Override
    public Condition accountWideCause() {
        return Condition.IN_DEBT;
    }

    @Override
    public Selector defaultSelector() {
        return Selector.anyOf(Selector.is(Condition.OFFLINE), Selector.is(Condition.IN_DEBT));
    }

    @Override
    Plan planHost(Target target, DnsHost host, DnsReads reads, RunContext ctx) throws CloudException {
        AcceleratedDomain d = reads.detail(target, true);
        if (d.cname() == null || d.cname().isEmpty()) {
            return Plan.skip(target, "the domain has no CDN CNAME yet, so no record can point at it");
        }
        List<Origin> usable = new ArrayList<>();
        for (Origin o : d.origins()) if (d.product().can().dnsMayPointAt(o.type())) usable.add(o);
        if (usable.isEmpty() && !d.origins().isEmpty() && d.product().can().whyNoOrigins() != null) {
            // e.g. a VOD domain served from VOD's own storage: there is no origin of the customer's to point visitors at
            return Plan.skip(target, d.product().can().whyNoOrigins());
        }
        List<io.cdnlifeline.cloud.DnsRecord> records = reads.records(host);
        HostPlan hp = ToOriginPlanner.plan(host, records, d.cname(), OriginValues.of(usable));
        return DnsRemedySupport.toPlan(target, hp, ctx,
                "no DNS record of " + host.fqdn() + " points at its CDN CNAME " + d.cname());
    }
}
