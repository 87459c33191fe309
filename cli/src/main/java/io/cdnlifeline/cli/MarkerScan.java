package io.cdnlifeline.cli;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsRecord;
import io.cdnlifeline.cloud.DomainPage;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.remedy.dns.Marker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything in the account that carries a lifeline marker, read from the resources themselves as the functions
 * leave them (DESIGN.md: no database): DNS records whose remark is lifeline's ({@code lifeline:switched|restoring|added})
 * and domains with {@code lifeline:} tags ({@code lifeline:coverage}, {@code lifeline:disabled}, the lock flags
 * {@code lifeline:lock:<run>}). Read-only: list calls of every product and zone.
 */
final class MarkerScan {
    static final String TAG_PREFIX = "lifeline:";
    static final String COVERAGE = "lifeline:coverage";
    static final String DISABLED = "lifeline:disabled";
    static final String LOCK = "lifeline:lock:";
    /**
     * A domain-level DNS intent tag ({@code lifeline:dns...}): a release that switches records under a domain tag
     * before it marks them leaves it; its records are dns-to-cdn's to restore, whatever their remarks say.
     */
    static final String DNS_INTENT = "lifeline:dns";
    /** DomainLock.SKEW: a flag is stale once its deadline plus this has passed. */
    static final Duration LOCK_SKEW = Duration.ofMinutes(1);

    /** One accelerated domain that carries markers (tags), or whose DNS records do. */
    static final class Marked {
        final String domain;
        Product product;
        String status;
        String coverage;
        final Map<String, String> tags = new LinkedHashMap<>();
        final List<DnsRecord> records = new ArrayList<>();

        Marked(String domain) {
            this.domain = domain;
        }

        boolean switchedDns() {
            return records.stream().anyMatch(r -> {
                Marker m = Marker.parse(r.remark());
                return m != null && m.kind() != Marker.Kind.ADDED;
            });
        }

        /** DNS that dns-to-cdn restores: marked records, or a DNS intent tag on the domain. */
        boolean dnsChanged() {
            return !records.isEmpty() || tags.keySet().stream().anyMatch(k -> k.startsWith(DNS_INTENT));
        }

        boolean coverageChanged() {
            return tags.containsKey(COVERAGE);
        }

        boolean disabledByLifeline() {
            return tags.containsKey(DISABLED);
        }

        boolean offline() {
            return "offline".equals(status);
        }

        /** Lock flags whose run may still be in flight at {@code now}. */
        List<String> liveLocks(Instant now) {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, String> t : tags.entrySet()) {
                if (t.getKey().startsWith(LOCK) && lockDeadline(t.getValue()).plus(LOCK_SKEW).isAfter(now)) out.add(t.getKey());
            }
            return out;
        }

        /** What it carries, in an operator's words. */
        String describe() {
            List<String> parts = new ArrayList<>();
            if (!records.isEmpty()) {
                long added = records.stream().filter(r -> {
                    Marker m = Marker.parse(r.remark());
                    return m != null && m.kind() == Marker.Kind.ADDED;
                }).count();
                long restoring = records.stream().filter(r -> {
                    Marker m = Marker.parse(r.remark());
                    return m != null && m.kind() == Marker.Kind.RESTORING;
                }).count();
                parts.add("DNS: " + (records.size() - added) + " record(s) switched to the origin" + (added > 0 ? ", " + added + " added" : "")
                        + (restoring > 0 ? " (" + restoring + " being switched back)" : ""));
            }
            if (coverageChanged()) parts.add("coverage " + coverage + " (was " + tags.get(COVERAGE) + ")");
            if (disabledByLifeline()) parts.add("stopped by lifeline (" + tags.get(DISABLED) + ")");
            if (tags.keySet().stream().anyMatch(k -> k.startsWith(DNS_INTENT))) parts.add("DNS intent tag");
            long locks = tags.keySet().stream().filter(k -> k.startsWith(LOCK)).count();
            if (locks > 0) parts.add(locks + " lock flag(s)");
            return String.join("; ", parts);
        }

        String label() {
            return domain + " (" + (product == null ? "?" : product.id()) + ", " + (status == null ? "not found" : status) + ")";
        }
    }

    final Map<String, Marked> marked;
    final boolean accountInDebt;
    final List<String> notes;

    private MarkerScan(Map<String, Marked> marked, boolean accountInDebt, List<String> notes) {
        this.marked = Collections.unmodifiableMap(marked);
        this.accountInDebt = accountInDebt;
        this.notes = Collections.unmodifiableList(notes);
    }

    boolean clean() {
        return marked.isEmpty();
    }

    static MarkerScan read(Cloud cloud) {
        Map<String, Marked> marked = new LinkedHashMap<>();
        Map<String, AcceleratedDomain> domains = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (Product p : Product.values()) {
            List<AcceleratedDomain> all = new ArrayList<>();
            try {
                for (int page = 1; ; page++) {
                    DomainPage dp = cloud.cdn().listDomains(p, page, p.can().maxPageSize(), null);
                    all.addAll(dp.domains());
                    if (!dp.hasNext()) break;
                }
            } catch (CloudException e) {
                notes.add(p.can().title() + " domains not read: " + e.getMessage());
                continue;
            }
            for (AcceleratedDomain d : all) domains.put(key(d.name()), d);
            if (!p.can().tags() || all.isEmpty()) continue;
            List<String> names = new ArrayList<>();
            for (AcceleratedDomain d : all) names.add(d.name());
            try {
                for (int i = 0; i < names.size(); i += 20) {
                    Map<String, Map<String, String>> tags = cloud.cdn().tags(p, names.subList(i, Math.min(names.size(), i + 20)));
                    for (Map.Entry<String, Map<String, String>> e : tags.entrySet()) {
                        for (Map.Entry<String, String> t : e.getValue().entrySet()) {
                            if (t.getKey().startsWith(TAG_PREFIX)) marked.computeIfAbsent(key(e.getKey()), Marked::new).tags.put(t.getKey(), t.getValue());
                        }
                    }
                }
            } catch (CloudException e) {
                notes.add(p.can().title() + " tags not read: " + e.getMessage());
            }
        }
        try {
            for (String zone : cloud.dns().zones()) {
                for (DnsRecord r : cloud.dns().zoneRecords(zone)) {
                    if (r.remark() == null || !Marker.claims(r.remark())) continue;
                    String host = "@".equals(r.rr()) ? zone : r.rr() + "." + zone;
                    marked.computeIfAbsent(key(host), Marked::new).records.add(r);
                }
            }
        } catch (CloudException e) {
            notes.add("Alidns records not read: " + e.getMessage());
        }
        for (Marked m : marked.values()) {
            AcceleratedDomain d = domains.get(m.domain);
            if (d != null) {
                m.product = d.product();
                m.status = d.status();
                m.coverage = d.coverage();
            }
        }
        boolean inDebt = false;
        try {
            io.cdnlifeline.cloud.AccountApi.UserCdnStatus s = cloud.account().userCdnStatus();
            inDebt = s.inDebt() || s.inDebtOverdue();
        } catch (CloudException e) {
            notes.add("account debt not read: " + e.getMessage());
        }
        return new MarkerScan(marked, inDebt, notes);
    }

    /**
     * Why restoring this domain now would hurt its visitors (a remediation it still needs), or null when it may be
     * restored: its DNS is on the origin while the CDN still does not serve it (offline, not by lifeline's own
     * disable-domain; or the account in debt), or its coverage left mainland China and the filing is still invalid.
     */
    String stillNeeded(Marked m, Cloud cloud) {
        if (m.switchedDns() || m.tags.keySet().stream().anyMatch(k -> k.startsWith(DNS_INTENT))) {
            if (m.status == null) return "its DNS points at the origin and its CDN domain was not found";
            if (m.offline() && !m.disabledByLifeline()) return "still offline: its DNS points at the origin, and dns-to-cdn would send visitors to a stopped CDN";
            if (accountInDebt) return "the account is in debt: its DNS points at the origin because the CDN may stop serving it";
        }
        if (m.coverageChanged() && m.product == Product.CDN) {
            try {
                if (!cloud.cdn().icpValid(m.domain)) return "its ICP filing is still invalid: restore-coverage would put it back into mainland China coverage";
            } catch (CloudException e) {
                return "its ICP filing could not be checked (" + e.getMessage() + ")";
            }
        }
        return null;
    }

    static String key(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    static Instant lockDeadline(String value) {
        try {
            int dot = value.indexOf('.');
            return Instant.ofEpochMilli(Long.parseLong(dot < 0 ? value : value.substring(0, dot)));
        } catch (NumberFormatException e) {
            return Instant.EPOCH;  // unreadable: treated as stale
        }
    }
}
