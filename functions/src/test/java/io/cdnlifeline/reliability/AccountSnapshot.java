package io.cdnlifeline.reliability;

import io.cdnlifeline.sandbox.DnsRecord;
import io.cdnlifeline.sandbox.DnsZone;
import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.sandbox.SandboxState;
import io.cdnlifeline.testing.MarkerTimes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the remedies may change in the account, as comparable text, one entry per resource: per accelerated
 * domain its status, coverage and tags; per DNS line ({@code zone/rr/line}) its records with type, value, TTL,
 * status, lock and remark. Records present in the seed keep their id; records added since show {@code +}
 * (their ids differ run to run).
 */
final class AccountSnapshot {
    private final Map<String, String> entries;

    private AccountSnapshot(Map<String, String> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    static AccountSnapshot of(Sandbox sandbox, Set<String> seededRecordIds) {
        return sandbox.read(s -> of(s, seededRecordIds));
    }

    static AccountSnapshot of(SandboxState s, Set<String> seededRecordIds) {
        Map<String, String> out = new TreeMap<>();
        for (Domain d : s.cdn) out.put("cdn " + d.domain, domain(d));
        for (Domain d : s.dcdn) out.put("dcdn " + d.domain, domain(d));
        Map<String, List<String>> lines = new TreeMap<>();
        for (DnsZone z : s.dns) {
            for (DnsRecord r : z.records) {
                String id = seededRecordIds.contains(r.recordId) ? r.recordId : "+";
                lines.computeIfAbsent(lineKey(z.zone, r.rr, r.line), k -> new ArrayList<>())
                        .add(id + " " + r.type + " " + r.value + " ttl=" + r.ttl + " " + r.status.toUpperCase(Locale.ROOT)
                                + (r.locked ? " locked" : "") + " remark=" + MarkerTimes.hidden(r.remark));
            }
        }
        for (Map.Entry<String, List<String>> e : lines.entrySet()) {
            Collections.sort(e.getValue());
            out.put(e.getKey(), String.join(" | ", e.getValue()));
        }
        return new AccountSnapshot(out);
    }

    /** Every record id of the state: the ids a later snapshot shows as seeded. */
    static Set<String> recordIds(Sandbox sandbox) {
        return sandbox.read(s -> {
            Set<String> ids = new java.util.HashSet<>();
            for (DnsZone z : s.dns) for (DnsRecord r : z.records) ids.add(r.recordId);
            return ids;
        });
    }

    static String lineKey(String zone, String rr, String line) {
        return "dns " + zone + "/" + rr + "/" + line;
    }

    /** The keys that concern one accelerated domain: its product entry and every DNS line of its host. */
    static boolean concerns(String key, String product, String domain, String zone, String rr) {
        return key.equals(product + " " + domain) || key.startsWith("dns " + zone + "/" + rr + "/");
    }

    private static String domain(Domain d) {
        return "status=" + d.status + " coverage=" + d.coverage + " tags=" + MarkerTimes.hidden(String.valueOf(new TreeMap<>(d.tags)));
    }

    Map<String, String> entries() {
        return entries;
    }

    /** This snapshot with the entries for which {@code take} holds replaced by those of {@code other}. */
    AccountSnapshot with(AccountSnapshot other, java.util.function.Predicate<String> take) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (!take.test(e.getKey())) out.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : other.entries.entrySet()) {
            if (take.test(e.getKey())) out.put(e.getKey(), e.getValue());
        }
        return new AccountSnapshot(out);
    }

    /**
     * This snapshot with the value of every {@code lifeline:disabled} tag hidden: it is the reason of whichever
     * disable-domain run tagged first, which a race decides.
     */
    AccountSnapshot anyDisableReason() {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            out.put(e.getKey(), e.getValue().replaceAll("lifeline:disabled=[^,}]*", "lifeline:disabled=*"));
        }
        return new AccountSnapshot(out);
    }

    /**
     * This snapshot without the lock flags of cdn-lifeline runs ({@code lifeline:lock:<run>} tags): a run that died
     * leaves its flag until its time is up, beside a state the next run completed.
     */
    AccountSnapshot withoutLockFlags() {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            out.put(e.getKey(), e.getValue().replaceAll("lifeline:lock:[0-9a-f]+=[^,}]*(, )?", "").replace(", }", "}"));
        }
        return new AccountSnapshot(out);
    }

    /** The entries that differ, as "key: expected -> actual" lines. */
    List<String> differences(AccountSnapshot actual) {
        List<String> out = new ArrayList<>();
        Set<String> keys = new java.util.TreeSet<>(entries.keySet());
        keys.addAll(actual.entries.keySet());
        for (String k : keys) {
            String a = entries.get(k);
            String b = actual.entries.get(k);
            if (!Objects.equals(a, b)) out.add(k + ":\n    expected " + a + "\n    actual   " + b);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountSnapshot && entries.equals(((AccountSnapshot) o).entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : entries.entrySet()) b.append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
        return b.toString();
    }
}
