package io.cdnlifeline.reliability;

import io.cdnlifeline.sandbox.DnsRecord;
import io.cdnlifeline.sandbox.DnsZone;
import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.SandboxState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What must hold of the account whatever happened, checked on the sandbox's own state (not through the APIs):
 * <ul>
 *   <li>no duplicate record (same zone, RR, line, type and value);</li>
 *   <li>a CNAME is alone on its RR and line (Alidns refuses anything beside it; the sandbox must never hold it);</li>
 *   <li>every DNS line that had records in the seed still has one (no domain left without a record);</li>
 *   <li>no orphan marker at rest: a {@code lifeline:added} record only beside a {@code lifeline:switched} one, no
 *       {@code lifeline:switched} record still holding a CDN CNAME, no {@code lifeline:coverage} tag on a domain
 *       that is not overseas, no {@code lifeline:disabled} tag on a domain that is online;</li>
 *   <li>no {@code lifeline:restoring} remark at rest (a restore is always carried to its end);</li>
 *   <li>when everything was undone: no {@code lifeline:} remark or tag at all.</li>
 * </ul>
 */
final class Invariants {
    private Invariants() {
    }

    static void check(SandboxState s, Set<String> seededLines, boolean undone, Tally tally, String where) {
        check(s, seededLines, undone, true, tally, where);
    }

    /**
     * @param atRest false while runs may still be under way or due to be retried: only what must hold at every
     *               moment is checked (no duplicate, no CNAME beside other records, no line without records)
     */
    static void check(SandboxState s, Set<String> seededLines, boolean undone, boolean atRest, Tally tally, String where) {
        Set<String> cnames = new HashSet<>();
        for (Domain d : s.cdn) if (d.cname != null) cnames.add(canonical(d.cname));
        for (Domain d : s.dcdn) if (d.cname != null) cnames.add(canonical(d.cname));

        Map<String, List<DnsRecord>> byLine = new HashMap<>();
        for (DnsZone z : s.dns) {
            for (DnsRecord r : z.records) {
                byLine.computeIfAbsent(AccountSnapshot.lineKey(z.zone, r.rr, r.line), k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<DnsRecord>> e : byLine.entrySet()) {
            String line = e.getKey();
            List<DnsRecord> rs = e.getValue();
            Set<String> seen = new HashSet<>();
            boolean duplicate = false;
            boolean hasCname = false;
            boolean hasSwitched = false;
            for (DnsRecord r : rs) {
                duplicate |= !seen.add(r.type.toUpperCase(Locale.ROOT) + " " + canonical(r.value));
                hasCname |= "CNAME".equalsIgnoreCase(r.type);
                hasSwitched |= r.remark != null && r.remark.startsWith("lifeline:switched");
            }
            tally.check(!duplicate, where, () -> "duplicate record on " + line + ": " + describe(rs));
            boolean alone = !hasCname || rs.size() == 1;
            tally.check(alone, where, () -> "a CNAME shares " + line + " with other records: " + describe(rs));
            for (DnsRecord r : rs) {
                if (!atRest) break;
                String remark = r.remark == null ? "" : r.remark;
                if (undone) {
                    tally.check(!remark.startsWith("lifeline:"), where, () -> "marker left after undo on " + line + ": " + describe(List.of(r)));
                }
                if (remark.startsWith("lifeline:added")) {
                    boolean beside = hasSwitched;
                    tally.check(beside, where, () -> "orphan lifeline:added record on " + line + ": " + describe(rs));
                }
                // A restore always finishes (dns-to-origin only leaves a young one alone): none is left at rest.
                tally.check(!remark.startsWith("lifeline:restoring"), where,
                        () -> "restoring marker left at rest on " + line + ": " + describe(List.of(r)));
                if (remark.startsWith("lifeline:switched")) {
                    tally.check(!cnames.contains(canonical(r.value)), where,
                            () -> "record marked switched but still the CDN CNAME on " + line + ": " + describe(List.of(r)));
                }
            }
        }
        for (String line : seededLines) {
            tally.check(byLine.containsKey(line), where, () -> "every record of " + line + " is gone");
        }
        if (!atRest) return;
        for (List<Domain> list : List.of(s.cdn, s.dcdn)) {
            for (Domain d : list) {
                for (String key : d.tags.keySet()) {
                    // A lock flag is no marker: a run that died leaves its own until its time is up and the next run that
                    // changes the domain takes it down (CrashSafetyTest checks that).
                    if (key.startsWith("lifeline:lock:")) continue;
                    if (undone) {
                        tally.check(!key.startsWith("lifeline:"), where, () -> "tag " + key + " left after undo on " + d.domain);
                    }
                    if (key.equals("lifeline:coverage")) {
                        tally.check("overseas".equals(d.coverage), where,
                                () -> "orphan lifeline:coverage tag on " + d.domain + " whose coverage is " + d.coverage);
                    }
                    if (key.equals("lifeline:disabled")) {
                        tally.check(!"online".equals(d.status), where, () -> "orphan lifeline:disabled tag on " + d.domain + ", which is online");
                    }
                }
            }
        }
    }

    /** The DNS lines of a state ({@code dns zone/rr/line}). */
    static Set<String> lines(SandboxState s) {
        Set<String> out = new HashSet<>();
        for (DnsZone z : s.dns) for (DnsRecord r : z.records) out.add(AccountSnapshot.lineKey(z.zone, r.rr, r.line));
        return out;
    }

    static String canonical(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    }

    private static String describe(List<DnsRecord> rs) {
        StringBuilder b = new StringBuilder();
        for (DnsRecord r : rs) {
            b.append('[').append(r.recordId).append(' ').append(r.type).append(' ').append(r.value).append(" remark=").append(r.remark).append(']');
        }
        return b.toString();
    }
}
