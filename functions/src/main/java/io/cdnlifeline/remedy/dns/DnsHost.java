package io.cdnlifeline.remedy.dns;

import java.net.IDN;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an accelerated domain lives in Alidns: its zone (the longest zone of the account that is a
 * suffix of the name, never a public-suffix guess) and its host prefix (RR) by the seed's rules:
 * {@code testcdn.example.com} -> {@code testcdn}, {@code example.com} -> {@code @},
 * {@code *.example.com} -> {@code *}.
 */
public final class DnsHost {
    private final String zone;
    private final String rr;

    public DnsHost(String zone, String rr) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.rr = Objects.requireNonNull(rr, "rr");
    }

    /** The host in the account's zones, or null when no zone of the account is a suffix of the domain. */
    public static DnsHost locate(String domain, Collection<String> zones) {
        String name = ascii(domain);
        String best = null;
        for (String z : zones) {
            String zone = ascii(z);
            if (zone.isEmpty()) continue;
            boolean suffix = name.equals(zone) || name.endsWith("." + zone);
            if (suffix && (best == null || zone.length() > best.length())) best = zone;
        }
        if (best == null) return null;
        String rr = name.equals(best) ? "@" : name.substring(0, name.length() - best.length() - 1);
        return new DnsHost(best, rr);
    }

    /** Lower-case, no trailing dot, punycode; a leading {@code *} label is kept as is. */
    static String ascii(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        boolean wildcard = n.startsWith("*.");
        String rest = wildcard ? n.substring(2) : n;
        try {
            rest = IDN.toASCII(rest).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            // not convertible: compare as given (it cannot match a valid zone anyway)
        }
        return wildcard ? "*." + rest : rest;
    }

    public String zone() { return zone; }

    /** {@code @} for the apex, {@code *} for a wildcard, else the labels before the zone. */
    public String rr() { return rr; }

    /** The full host name DescribeSubDomainRecords takes ({@code *.example.com} for a wildcard). */
    public String fqdn() { return "@".equals(rr) ? zone : rr + "." + zone; }

    @Override
    public boolean equals(Object o) {
        return o instanceof DnsHost && zone.equals(((DnsHost) o).zone) && rr.equals(((DnsHost) o).rr);
    }

    @Override
    public int hashCode() { return Objects.hash(zone, rr); }

    @Override
    public String toString() { return zone + "/" + rr; }
}
