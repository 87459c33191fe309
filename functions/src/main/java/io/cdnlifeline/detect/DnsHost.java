package io.cdnlifeline.detect;

import io.cdnlifeline.cloud.DnsRecord;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an accelerated domain lives in Alidns: its zone (the longest zone of the account that is the
 * domain or a parent of it, never a public-suffix guess) and its host prefix (RR) in that zone, by the
 * seed's rules: {@code www.example.com} -> {@code www}, {@code example.com} -> {@code @},
 * {@code *.example.com} -> {@code *}, {@code a.b.example.com} -> {@code a.b}.
 */
public final class DnsHost {
    private final String zone;
    private final String rr;

    private DnsHost(String zone, String rr) {
        this.zone = zone;
        this.rr = rr;
    }

    /** The domain's zone and RR among the account's zones, or null when no zone of the account holds it. */
    public static DnsHost locate(String domain, Collection<String> zones) {
        String d = DnsRecord.normalizeHost(Objects.requireNonNull(domain, "domain"));
        String best = null;
        for (String z : zones) {
            String zone = DnsRecord.normalizeHost(z);
            boolean holds = d.equals(zone) || d.endsWith("." + zone);
            if (holds && (best == null || zone.length() > best.length())) best = zone;
        }
        if (best == null) return null;
        return new DnsHost(best, d.equals(best) ? "@" : d.substring(0, d.length() - best.length() - 1));
    }

    public String zone() { return zone; }

    public String rr() { return rr; }

    /** True for a record of this host (RR compared case-insensitively). */
    public boolean owns(DnsRecord r) {
        return zone.equals(r.zone() == null ? zone : DnsRecord.normalizeHost(r.zone()))
                && r.rr() != null && rr.equals(r.rr().trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() { return rr + " in " + zone; }
}
