package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.Origin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The record values that resolve a domain to its origin: only the enabled origins of the best (lowest)
 * priority are used, so backups stay backups. IP origins give A/AAAA records (several on one line);
 * a domain or OSS origin gives one CNAME. When the best priority mixes IPs and host names, the IPs win
 * (a CNAME cannot sit beside them on one line); of several host names only the first can be a CNAME.
 */
public final class OriginValues {
    /** One record value to write: type and value. */
    public static final class Value {
        private final String type;
        private final String value;

        public Value(String type, String value) {
            this.type = Objects.requireNonNull(type, "type");
            this.value = Objects.requireNonNull(value, "value");
        }

        public String type() { return type; }
        public String value() { return value; }

        @Override
        public boolean equals(Object o) {
            return o instanceof Value && type.equals(((Value) o).type) && RecordValues.sameValue(type, value, ((Value) o).value);
        }

        @Override
        public int hashCode() { return Objects.hash(type, RecordValues.canonical(type, value)); }

        @Override
        public String toString() { return type + " " + value; }
    }

    private final List<Value> values;
    private final List<String> notes;
    private final String none;

    private OriginValues(List<Value> values, List<String> notes, String none) {
        this.values = Collections.unmodifiableList(values);
        this.notes = Collections.unmodifiableList(notes);
        this.none = none;
    }

    public static OriginValues of(List<Origin> origins) {
        List<String> notes = new ArrayList<>();
        int best = Integer.MAX_VALUE;
        for (Origin o : origins) if (o.enabled()) best = Math.min(best, o.priorityRank());
        List<Origin> top = new ArrayList<>();
        for (Origin o : origins) if (o.enabled() && o.priorityRank() == best) top.add(o);
        if (top.isEmpty()) {
            return new OriginValues(List.of(), notes, origins.isEmpty()
                    ? "the domain has no origin to resolve to" : "none of the domain's origins is enabled");
        }
        if (top.size() < countEnabled(origins)) {
            notes.add("backup-priority origins are not used while a primary origin exists");
        }
        List<Value> ips = new ArrayList<>();
        List<Value> hosts = new ArrayList<>();
        for (Origin o : top) {
            String c = o.content().trim();
            if ("ipaddr".equals(o.type().toLowerCase(Locale.ROOT)) || RecordValues.isIpv4(c) || RecordValues.isIpv6(c)) {
                if (RecordValues.isIpv4(c)) addOnce(ips, new Value("A", c));
                else if (RecordValues.isIpv6(c)) addOnce(ips, new Value("AAAA", c));
                else notes.add("origin '" + c + "' is of type ipaddr but not an IP address: not used");
            } else {
                addOnce(hosts, new Value("CNAME", io.cdnlifeline.cloud.DnsRecord.normalizeHost(c)));
            }
        }
        if (!ips.isEmpty()) {
            if (!hosts.isEmpty()) notes.add("host-name origins " + hosts + " are not used: a CNAME cannot sit beside the origin IPs on one line");
            return new OriginValues(ips, notes, null);
        }
        if (hosts.isEmpty()) return new OriginValues(List.of(), notes, "no usable origin address");
        if (hosts.size() > 1) notes.add("only the first host-name origin can be a CNAME: " + hosts.subList(1, hosts.size()) + " not used");
        return new OriginValues(List.of(hosts.get(0)), notes, null);
    }

    private static int countEnabled(List<Origin> origins) {
        int n = 0;
        for (Origin o : origins) if (o.enabled()) n++;
        return n;
    }

    private static void addOnce(List<Value> list, Value v) {
        if (!list.contains(v)) list.add(v);
    }

    /** The values in order: the first replaces the CDN CNAME in place, the others are added beside it. */
    public List<Value> values() { return values; }

    public boolean isEmpty() { return values.isEmpty(); }

    /** Why there is nothing to resolve to, when {@link #isEmpty()}. */
    public String whyNone() { return none; }

    public List<String> notes() { return notes; }
}
