package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.DnsRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * dns-to-origin's decisions for one host, from its records as read, line by line. On a line that still
 * has the CDN CNAME: mark it, switch it in place to the first origin value, then add the other origin
 * values beside it. A line switched before is left as it is ({@code unchanged}), completing what a
 * crashed run left undone (marked but not switched; added but not marked). Records that do not point at
 * the CDN CNAME and carry no marker are never touched.
 */
public final class ToOriginPlanner {
    private ToOriginPlanner() {
    }

    public static HostPlan plan(DnsHost host, List<DnsRecord> records, String cdnCname, OriginValues origins) {
        HostPlan plan = new HostPlan();
        for (Map.Entry<String, List<DnsRecord>> e : Lines.of(host, records).entrySet()) {
            planLine(plan, host, e.getKey(), e.getValue(), cdnCname, origins);
        }
        return plan;
    }

    private static void planLine(HostPlan plan, DnsHost host, String line, List<DnsRecord> recs, String cdnCname, OriginValues origins) {
        DnsRecord switched = null;
        DnsRecord cdn = null;
        for (DnsRecord r : recs) {
            Marker m = Marker.parse(r.remark());
            if (m != null && m.kind() == Marker.Kind.SWITCHED && switched == null) switched = r;
            if (m == null && Lines.isCnameTo(r, cdnCname)) {
                if (Marker.claims(r.remark())) {
                    plan.leaveAlone(Lines.describe(host, r) + " has a remark starting 'lifeline:' that is not a marker lifeline wrote: left alone");
                } else {
                    cdn = r;
                }
            }
        }
        if (switched != null) {
            planSwitchedLine(plan, host, recs, switched, cdnCname, origins);
        } else if (cdn != null) {
            planFreshLine(plan, host, cdn, origins);
        }
    }

    /** The line still has the CDN CNAME, unmarked: the normal case. */
    private static void planFreshLine(HostPlan plan, DnsHost host, DnsRecord cdn, OriginValues origins) {
        if (cdn.locked()) {
            plan.leaveAlone(Lines.describe(host, cdn) + " is locked: a locked record cannot be switched; unlock it in the Alidns console and run again");
            return;
        }
        if (origins.isEmpty()) {
            plan.leaveAlone(Lines.describe(host, cdn) + " not switched: " + origins.whyNone());
            return;
        }
        OriginValues.Value first = origins.values().get(0);
        Marker marker = Marker.switched(first.type(), first.value(), cdn.remark());
        plan.add(new RecordOp(RecordOp.Kind.SWITCH, host, cdn.line(), cdn, first.type(), first.value(), cdn.ttl(),
                marker.encode(), switchNote(cdn, marker, origins)));
        addExtras(plan, host, cdn, List.of(), origins.values().subList(1, origins.values().size()));
    }

    /** The line carries our switched marker: finish, or confirm, what an earlier run did. */
    private static void planSwitchedLine(HostPlan plan, DnsHost host, List<DnsRecord> recs, DnsRecord s, String cdnCname, OriginValues origins) {
        Marker m = Marker.parse(s.remark());
        if (Lines.isCnameTo(s, cdnCname)) {
            // Marked but not yet switched: a run stopped between the remark and the update.
            if (s.locked()) {
                plan.leaveAlone(Lines.describe(host, s) + " is locked: a locked record cannot be switched; unlock it in the Alidns console and run again");
                return;
            }
            if (origins.isEmpty()) {
                plan.leaveAlone(Lines.describe(host, s) + " not switched: " + origins.whyNone());
                return;
            }
            OriginValues.Value first = origins.values().get(0);
            Marker target = m.wrote(first.type(), first.value()) ? m : m.retarget(first.type(), first.value());
            plan.add(new RecordOp(RecordOp.Kind.SWITCH, host, s.line(), s, first.type(), first.value(), s.ttl(), target.encode(),
                    join("completes a switch an earlier run had marked but not made", switchNote(s, target, origins))));
            addExtras(plan, host, s, recs, origins.values().subList(1, origins.values().size()));
            return;
        }
        if (!m.wrote(s.type(), s.value())) {
            plan.leaveAlone(Lines.describe(host, s) + " was changed after lifeline switched it: left alone");
            return;
        }
        plan.add(RecordOp.unchanged(host, s, "already switched to the origin"));
        List<OriginValues.Value> extras = new ArrayList<>(origins.values());
        boolean stillOrigin = extras.remove(new OriginValues.Value(s.type().toUpperCase(java.util.Locale.ROOT), s.value()));
        if (!stillOrigin) {
            for (DnsRecord r : recs) {
                Marker a = Marker.parse(r.remark());
                if (a != null && a.kind() == Marker.Kind.ADDED) plan.add(RecordOp.unchanged(host, r, "added by an earlier run"));
            }
            if (!origins.isEmpty()) {
                plan.leaveAlone(Lines.describe(host, s) + " points at " + s.value() + ", which is no longer a primary origin: "
                        + "left as it is; run dns-to-cdn and then dns-to-origin to re-point it");
            }
            return;
        }
        addExtras(plan, host, s, recs, extras);
    }

    /** The extra origin values beside the switched record: added, adopted after a crash, or already there. */
    private static void addExtras(HostPlan plan, DnsHost host, DnsRecord switched, List<DnsRecord> recs, List<OriginValues.Value> extras) {
        if (extras.isEmpty()) return;
        if (!switched.isEnabled()) {
            plan.leaveAlone(Lines.describe(host, switched) + " is disabled: switched in place only; the other origin values "
                    + extras + " are not added (a new record would be enabled)");
            return;
        }
        for (OriginValues.Value v : extras) {
            DnsRecord existing = null;
            for (DnsRecord r : recs) {
                if (r != switched && RecordValues.isType(r, v.type()) && RecordValues.sameValue(v.type(), r.value(), v.value())) existing = r;
            }
            String marker = Marker.added(v.type(), v.value()).encode();
            if (existing == null) {
                plan.add(new RecordOp(RecordOp.Kind.ADD, host, switched.line(), null, v.type(), v.value(), switched.ttl(), marker, null));
            } else if (Marker.parse(existing.remark()) != null) {
                plan.add(RecordOp.unchanged(host, existing, "added by an earlier run"));
            } else if (Marker.claims(existing.remark()) || existing.locked() || !existing.remark().isEmpty()) {
                plan.add(RecordOp.unchanged(host, existing, "already present, not lifeline's: left as it is"));
            } else {
                // Only our own add can have put it beside the switched record (the CNAME excluded it before):
                // a run stopped between AddDomainRecord and its remark.
                plan.add(new RecordOp(RecordOp.Kind.ADOPT, host, existing.line(), existing, existing.type(), existing.value(),
                        existing.ttl(), marker, "marks a record an earlier run added but did not mark"));
            }
        }
    }

    private static String switchNote(DnsRecord r, Marker marker, OriginValues origins) {
        String note = null;
        if (marker.truncated()) {
            note = "the original remark is longer than " + Marker.MAX_KEPT + " characters: the marker keeps its first "
                    + (Marker.MAX_KEPT - 1) + "; the full text is this change's before.remark";
        }
        for (String n : origins.notes()) note = join(note, n);
        return note;
    }

    static String join(String a, String b) {
        if (a == null || a.isEmpty()) return b;
        if (b == null || b.isEmpty()) return a;
        return a + "; " + b;
    }
}
