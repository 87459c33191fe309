package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.DnsRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * dns-to-cdn's decisions for one host, line by line: on a line dns-to-origin switched, delete the
 * records it added, then put the switched record back to the CNAME of the domain's current CDN CNAME
 * with its original remark. A line where a person changed anything lifeline wrote (or added a record a
 * CNAME cannot sit beside, or locked one) is left alone as a whole and reported: undoing half a line
 * would leave it resolving to neither.
 */
public final class ToCdnPlanner {
    private ToCdnPlanner() {
    }

    public static HostPlan plan(DnsHost host, List<DnsRecord> records, String cdnCname) {
        HostPlan plan = new HostPlan();
        for (Map.Entry<String, List<DnsRecord>> e : Lines.of(host, records).entrySet()) {
            planLine(plan, host, e.getKey(), e.getValue(), cdnCname);
        }
        return plan;
    }

    private static void planLine(HostPlan plan, DnsHost host, String line, List<DnsRecord> recs, String cdnCname) {
        DnsRecord switched = null;
        List<DnsRecord> added = new ArrayList<>();
        List<DnsRecord> others = new ArrayList<>();
        DnsRecord cdn = null;
        for (DnsRecord r : recs) {
            Marker m = Marker.parse(r.remark());
            if (m != null && m.kind() == Marker.Kind.SWITCHED && switched == null) switched = r;
            else if (m != null && m.kind() == Marker.Kind.ADDED) added.add(r);
            else {
                others.add(r);
                if (!Marker.claims(r.remark()) && Lines.isCnameTo(r, cdnCname)) cdn = r;
            }
        }
        if (switched == null) {
            if (!added.isEmpty()) {
                plan.leaveAlone("line " + line + " of " + host.fqdn() + " has records lifeline added (" + ids(added)
                        + ") but no record it switched: left alone");
            } else if (cdn != null) {
                plan.add(RecordOp.unchanged(host, cdn, "already resolves to the CDN"));
            }
            return;
        }
        Marker m = Marker.parse(switched.remark());
        String restoreNote = m.truncated() ? "restores the first " + m.original().length()
                + " characters of the original remark (the marker could not hold more; the full text is in the audit log of the switch)" : null;
        if (cdnCname == null) {
            plan.leaveAlone(Lines.describe(host, switched) + " not restored: the domain has no CDN CNAME to resolve to");
            return;
        }
        if (switched.locked()) {
            plan.leaveAlone(Lines.describe(host, switched) + " is locked: a locked record cannot be switched back; unlock it in the Alidns console and run again");
            return;
        }
        if (Lines.isCnameTo(switched, cdnCname)) {
            // Already the CDN CNAME with our remark: a switch stopped before its update, or a restore before its remark.
            plan.add(new RecordOp(RecordOp.Kind.UNMARK, host, line, switched, switched.type(), switched.value(), switched.ttl(),
                    m.original(), ToOriginPlanner.join("the record already is the CDN CNAME: only the remark is restored", restoreNote)));
            return;
        }
        if (!m.wrote(switched.type(), switched.value())) {
            plan.leaveAlone(Lines.describe(host, switched) + " was changed after lifeline switched it: left alone");
            return;
        }
        for (DnsRecord a : added) {
            if (!Marker.parse(a.remark()).wrote(a.type(), a.value())) {
                plan.leaveAlone(Lines.describe(host, a) + " was changed after lifeline added it: line " + line + " left alone");
                return;
            }
            if (a.locked()) {
                plan.leaveAlone(Lines.describe(host, a) + " is locked: it cannot be deleted, so line " + line + " cannot go back to a CNAME; left alone");
                return;
            }
        }
        if (!others.isEmpty()) {
            plan.leaveAlone("line " + line + " of " + host.fqdn() + " has records lifeline did not write (" + ids(others)
                    + ") that a CNAME cannot sit beside: left alone");
            return;
        }
        for (DnsRecord a : added) {
            plan.add(new RecordOp(RecordOp.Kind.DELETE, host, line, a, null, null, a.ttl(), null, "added by dns-to-origin"));
        }
        plan.add(new RecordOp(RecordOp.Kind.RESTORE, host, line, switched, "CNAME", DnsRecord.normalizeHost(cdnCname), switched.ttl(),
                m.original(), restoreNote));
    }

    private static String ids(List<DnsRecord> rs) {
        StringBuilder b = new StringBuilder();
        for (DnsRecord r : rs) {
            if (b.length() > 0) b.append(", ");
            b.append(r.type()).append(' ').append(r.value()).append(" #").append(r.recordId());
        }
        return b.toString();
    }
}
