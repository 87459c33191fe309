package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.detect.MarkerProbe;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.remedy.dns.DnsHost;
import io.cdnlifeline.remedy.dns.DnsReads;
import io.cdnlifeline.remedy.dns.DnsRemedySupport;

import java.util.List;

/**
 * A remedy that rewrites the DNS records of the domain's host (dns-to-origin and dns-to-cdn): the marker is a
 * {@code lifeline:} record remark, a domain whose DNS is not in the account is skipped, and the steps are
 * applied line by line ({@link DnsRemedySupport}).
 */
abstract class DnsRecordRemedy implements Remedy {
    @Override
    public final MarkerProbe markerProbe(RunContext ctx) {
        MarkerProbe records = DnsRemedySupport.markerProbe(ctx);
        // dns-to-origin's intent tag counts too: an outage-mode switch that died before its marker left only the tag
        return candidates -> {
            java.util.Set<String> marked = new java.util.HashSet<>(records.marked(candidates));
            if (!candidates.isEmpty() && candidates.get(0).product().can().tags()) {
                marked.addAll(DomainTags.of(ctx).carrying(DnsIntent.KEY, candidates));
            }
            return marked;
        };
    }

    /** A product whose domains have no origin the DNS could point at (no customer origin) has nothing to switch. */
    @Override
    public final String cannot(Product p) {
        return p.can().originKinds().isEmpty() ? p.can().whyNoOrigins() : null;
    }

    @Override
    public final Plan plan(Target target, RunContext ctx) throws CloudException {
        DnsReads reads = DnsReads.of(ctx);
        DnsHost host = reads.locate(target.name());
        if (host == null) {
            return Plan.skip(target, "its DNS is not in this account's Alibaba Cloud DNS: no zone of the account is a suffix of " + target.name());
        }
        return planHost(target, host, reads, ctx);
    }

    /** Plans the records of the domain's host, which is in one of the account's zones. */
    abstract Plan planHost(Target target, DnsHost host, DnsReads reads, RunContext ctx) throws CloudException;

    @Override
    public final boolean continuesAtDeadline() {
        return true;
    }

    @Override
    public void apply(List<Plan> plans, RunContext ctx, Applier applier) {
        DnsRemedySupport.applyByLine(plans, applier);
    }
}
