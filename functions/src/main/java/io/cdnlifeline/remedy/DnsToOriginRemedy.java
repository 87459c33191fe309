package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Origin;
import io.cdnlifeline.detect.Selector;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.origin.OriginGate;
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
        OriginValues values = OriginValues.of(usable);
        DnsIntent intent = DnsIntent.of(ctx);
        boolean tags = target.product().can().tags();
        boolean outage = intent.outage() && tags;
        boolean tagged = false;
        java.util.Map<String, String> tagMap = null;
        // Outage mode read the tags of the whole chunk (prepare); otherwise the tag matters only for a line that holds an
        // unmarked record at an origin value, and only then is it read.
        if (tags && (outage || ToOriginPlanner.needsIntent(host, records, d.cname(), values))) {
            tagMap = DomainTags.of(ctx).of(target.product(), target.name());
            tagged = DnsIntent.switchTagged(tagMap);
        }
        java.time.Instant now = MarkerLease.now();
        HostPlan hp = ToOriginPlanner.plan(host, records, d.cname(), values, now, tagged, outage);
        // dns-to-cdn's restoring tag (its outage mode) matters where this plan would write on a host with a marker: a line
        // there may be half restored (updated back to the CDN CNAME, its marker still on), which would look like a switch
        // that died before its update.
        if (tags && tagMap == null && hp.writes() && anyMarker(records)) tagMap = DomainTags.of(ctx).of(target.product(), target.name());
        if (tagMap != null && DnsIntent.restoringTagged(tagMap)) {
            java.time.Instant at = DnsIntent.restoringTime(tagMap);
            if (MarkerLease.fresh(at, now)) {
                return Plan.skip(target, "dns-to-cdn is switching the records of " + host.fqdn() + " back (outage mode: the domain's "
                        + "lifeline:dns restoring tag of " + at + "): left alone; run again later");
            }
            // A dead undo (older than the lease): taken over. This run's own tag replaces the restoring one before its first
            // write (so dns-to-cdn no longer takes a marked CNAME line for its own half-done restore), and comes off at the end.
            intent.known(target);
            if (hp.writes()) intent.needsTag(target);
        }
        if (tagged) intent.known(target);
        if (hp.keepsIntentTag()) intent.keep(target);
        boolean marksLater = false;
        for (io.cdnlifeline.remedy.dns.RecordOp op : hp.ops()) marksLater |= op.markLater();
        if (marksLater || (outage && hp.adoptsUnderIntent())) intent.needsTag(target);
        if (hp.writes()) OriginGate.of(ctx).expect(target, d, valuesOf(values));
        return DnsRemedySupport.toPlan(target, hp, ctx,
                "no DNS record of " + host.fqdn() + " points at its CDN CNAME " + d.cname(), intent::defer);
    }

    @Override
    public boolean pipelinesOutage() {
        return true;
    }

    @Override
    public void outage(RunContext ctx) {
        DnsIntent.of(ctx).outage(true);
    }

    /** Outage mode: the intent tags of the chunk about to be planned, 50 domains a call (best effort: plan reads what is missing). */
    @Override
    public void prepare(List<Target> targets, RunContext ctx) {
        if (!DnsIntent.of(ctx).outage()) return;
        java.util.Map<io.cdnlifeline.cloud.Product, List<String>> byProduct = new java.util.EnumMap<>(io.cdnlifeline.cloud.Product.class);
        for (Target t : targets) byProduct.computeIfAbsent(t.product(), p -> new ArrayList<>()).add(t.name());
        for (java.util.Map.Entry<io.cdnlifeline.cloud.Product, List<String>> e : byProduct.entrySet()) {
            if (!e.getKey().can().tags()) continue;
            try {
                // read outside DomainTags' lock (planning reads it meanwhile), then handed to it domain by domain
                DomainTags tags = DomainTags.of(ctx);
                List<String> names = e.getValue();
                for (int i = 0; i < names.size(); i += io.cdnlifeline.cloud.CdnApi.BATCH) {
                    List<String> batch = names.subList(i, Math.min(names.size(), i + io.cdnlifeline.cloud.CdnApi.BATCH));
                    java.util.Map<String, java.util.Map<String, String>> got = new java.util.HashMap<>();
                    for (java.util.Map.Entry<String, java.util.Map<String, String>> t : ctx.cloud().cdn().tags(e.getKey(), batch).entrySet()) {
                        got.put(t.getKey().toLowerCase(java.util.Locale.ROOT), t.getValue() == null ? java.util.Map.of() : t.getValue());
                    }
                    for (String n : batch) tags.replace(e.getKey(), n, got.getOrDefault(n.toLowerCase(java.util.Locale.ROOT), java.util.Map.of()));
                }
            } catch (CloudException ex) {
                ctx.audit().info("outage mode: could not read the tags of " + e.getValue().size() + " " + e.getKey().id()
                        + " domain(s) at once (" + ex.code() + "); each is read when planned");
            }
        }
    }

    /** The intent tag before the visitor-facing writes of these plans (if not written yet), then line by line. */
    @Override
    public void apply(List<Plan> plans, RunContext ctx, Applier applier) {
        DnsRemedySupport.applyByLine(DnsIntent.of(ctx).tagBefore(plans, ctx, applier), applier);
    }

    /** After every visitor-facing write: the deferred markers, then the intent tags off. */
    @Override
    public void afterApply(RunContext ctx, Applier applier) {
        DnsIntent.of(ctx).finish(ctx, applier);
    }

    /** Origin readiness (LIFELINE_ORIGIN_CHECK): a domain whose origin cannot take its visitors is held back here. */
    @Override
    public List<Plan> review(List<Plan> plans, RunContext ctx) {
        return OriginGate.of(ctx).decide(plans);
    }

    private static boolean anyMarker(List<io.cdnlifeline.cloud.DnsRecord> records) {
        for (io.cdnlifeline.cloud.DnsRecord r : records) if (io.cdnlifeline.remedy.dns.Marker.claims(r.remark())) return true;
        return false;
    }

    private static List<String> valuesOf(OriginValues values) {
        List<String> out = new java.util.ArrayList<>();
        for (OriginValues.Value v : values.values()) out.add(v.value());
        return out;
    }
}
