package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.DnsRecord;
import io.cdnlifeline.remedy.MarkerLease;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * dns-to-origin's decisions for one host, from its records as read, line by line. On a line that still
 * has the CDN CNAME: mark it, switch it in place to the first origin value, then add the other origin
 * values beside it. A line switched before is left as it is ({@code unchanged}), completing what a
 * crashed run left undone (marked but not switched; added but not marked). Records that do not point at
 * the CDN CNAME and carry no marker are never touched. A line dns-to-cdn is switching back (a restoring marker
 * younger than the lease) is left alone; one whose restore died (older) is taken over.
 */
public final class ToOriginPlanner {
    private ToOriginPlanner() {
    }

    public static HostPlan plan(DnsHost host, List<DnsRecord> records, String cdnCname, OriginValues origins) {
        return plan(host, records, cdnCname, origins, MarkerLease.now());
    }

    /** The plan as of {@code now}: the time markers are written with and judged by. */
    public static HostPlan plan(DnsHost host, List<DnsRecord> records, String cdnCname, OriginValues origins, Instant now) {
        return plan(host, records, cdnCname, origins, now, false, false);
    }

    /**
     * The plan as of {@code now}. {@code intentTagged}: the domain carries the intent tag {@code lifeline:dns} (a
     * switch of outage mode may have updated a record without marking it yet: such a record is adopted). {@code
     * markLater}: outage mode, the switches of fresh lines write their marker after the run's visitor-facing writes.
     */
    public static HostPlan plan(DnsHost host, List<DnsRecord> records, String cdnCname, OriginValues origins, Instant now,
            boolean intentTagged, boolean markLater) {
        HostPlan plan = new HostPlan();
        for (Map.Entry<String, List<DnsRecord>> e : Lines.of(host, records).entrySet()) {
            planLine(plan, host, e.getKey(), e.getValue(), cdnCname, origins, now, intentTagged, markLater);
        }
        return plan;
    }

    /**
     * True when some line of the host has neither a marker nor the CDN CNAME but an unmarked record at an origin
     * value: what an outage-mode switch leaves until its marker is written. Only then does the intent tag matter.
     */
    public static boolean needsIntent(DnsHost host, List<DnsRecord> records, String cdnCname, OriginValues origins) {
        for (List<DnsRecord> recs : Lines.of(host, records).values()) {
            if (unmarkedSwitch(recs, cdnCname, origins) != null) return true;
        }
        return false;
    }

    /** On a line with no marker and no CDN CNAME: the unmarked record at an origin value (the first such value), or null. */
    static DnsRecord unmarkedSwitch(List<DnsRecord> recs, String cdnCname, OriginValues origins) {
        for (DnsRecord r : recs) {
            Marker m = Marker.parse(r.remark());
            boolean added = m != null && m.kind() == Marker.Kind.ADDED;
            if ((Marker.claims(r.remark()) && !added) || Lines.isCnameTo(r, cdnCname)) return null;
        }
        for (OriginValues.Value v : origins.values()) {
            for (DnsRecord r : recs) {
                if (Marker.claims(r.remark())) continue;
                if (RecordValues.isType(r, v.type()) && RecordValues.sameValue(v.type(), r.value(), v.value())) return r;
            }
        }
        return null;
    }

    private static void planLine(HostPlan plan, DnsHost host, String line, List<DnsRecord> recs, String cdnCname, OriginValues origins,
            Instant now, boolean intentTagged, boolean markLater) {
        DnsRecord switched = null;
        DnsRecord cdn = null;
        for (DnsRecord r : recs) {
            Marker m = Marker.parse(r.remark());
            if (m != null && m.kind() != Marker.Kind.ADDED && switched == null) switched = r;
            if (m == null && Lines.isCnameTo(r, cdnCname)) {
                if (Marker.claims(r.remark())) {
                    plan.leaveAlone(Lines.describe(host, r) + " has a remark starting 'lifeline:' that is not a marker lifeline wrote: left alone");
                } else {
                    cdn = r;
                }
            }
        }
        if (switched != null) {
            planSwitchedLine(plan, host, recs, switched, cdnCname, origins, now);
        } else if (cdn != null) {
            planFreshLine(plan, host, cdn, origins, now, markLater);
        } else if (intentTagged) {
            DnsRecord s = unmarkedSwitch(recs, cdnCname, origins);
            if (s != null) planUnmarkedSwitch(plan, host, recs, s, origins, now);
        }
    }

    /**
     * The domain carries the intent tag and the line holds, unmarked, a record at one of its origin values where the CDN
     * CNAME was: an outage-mode switch whose marker was not written yet (the run stopped, or is still writing markers).
     * Its marker is written now (the original remark is the one it still has: UpdateDomainRecord keeps it), and the
     * extras follow as after any switch (an unmarked extra beside it is adopted, a missing one added).
     */
    private static void planUnmarkedSwitch(HostPlan plan, DnsHost host, List<DnsRecord> recs, DnsRecord s, OriginValues origins, Instant now) {
        if (s.locked()) {
            plan.keepsIntent();
            plan.leaveAlone(Lines.describe(host, s) + " is locked: its lifeline marker cannot be written; unlock it in the Alidns console and run again");
            return;
        }
        Marker m = Marker.switched(s.type(), s.value(), s.remark(), now);
        plan.add(new RecordOp(RecordOp.Kind.ADOPT, host, s.line(), s, s.type(), s.value(), s.ttl(), m.encode(),
                "marks a record an outage-mode run switched under the domain's lifeline:dns intent tag but had not marked yet")
                .expecting(Expect.asRead(s, Marker.Kind.SWITCHED)));
        plan.intentAdopted();
        List<OriginValues.Value> extras = new ArrayList<>(origins.values());
        extras.remove(new OriginValues.Value(s.type().toUpperCase(java.util.Locale.ROOT), s.value()));
        addExtras(plan, host, s, recs, extras, null);
    }

    /** The line still has the CDN CNAME, unmarked: the normal case. */
    private static void planFreshLine(HostPlan plan, DnsHost host, DnsRecord cdn, OriginValues origins, Instant now, boolean markLater) {
        if (cdn.locked()) {
            plan.leaveAlone(Lines.describe(host, cdn) + " is locked: a locked record cannot be switched; unlock it in the Alidns console and run again");
            return;
        }
        if (origins.isEmpty()) {
            plan.leaveAlone(Lines.describe(host, cdn) + " not switched: " + origins.whyNone());
            return;
        }
        OriginValues.Value first = origins.values().get(0);
        Marker marker = Marker.switched(first.type(), first.value(), cdn.remark(), now);
        RecordOp op = new RecordOp(RecordOp.Kind.SWITCH, host, cdn.line(), cdn, first.type(), first.value(), cdn.ttl(),
                marker.encode(), switchNote(cdn, marker, origins)).expecting(Expect.asRead(cdn, Marker.Kind.SWITCHED));
        plan.add(markLater ? op.markedLater() : op);
        addExtras(plan, host, cdn, List.of(), origins.values().subList(1, origins.values().size()), null);
    }

    /** The line carries our switched (or restoring) marker: finish, or confirm, what an earlier run did. */
    private static void planSwitchedLine(HostPlan plan, DnsHost host, List<DnsRecord> recs, DnsRecord s, String cdnCname, OriginValues origins,
            Instant now) {
        Marker m = Marker.parse(s.remark());
        String takeOver = null;
        if (m.kind() == Marker.Kind.RESTORING) {
            if (MarkerLease.fresh(m.at(), now)) {
                plan.leaveAlone(Lines.describe(host, s) + " is being switched back by dns-to-cdn (a restore is in progress, marked "
                        + m.at() + "): left alone; run again later");
                return;
            }
            // The restore that wrote it died (FC ends every run well within the lease): this run owns the line now.
            takeOver = "takes over from a dns-to-cdn run that stopped half way (restoring marker of " + m.at() + ")";
            m = m.switchedAt(now);
        } else if (!MarkerLease.fresh(m.at(), now)) {
            // Our own run that died before its switch: mark afresh, so that dns-to-cdn does not take it for dead meanwhile.
            m = m.switchedAt(now);
        }
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
                    join(takeOver != null ? takeOver : "completes a switch an earlier run had marked but not made", switchNote(s, target, origins)))
                    .expecting(Expect.asRead(s, Marker.Kind.SWITCHED)));
            addExtras(plan, host, s, recs, origins.values().subList(1, origins.values().size()), null);
            return;
        }
        if (!m.wrote(s.type(), s.value())) {
            plan.leaveAlone(Lines.describe(host, s) + " was changed after lifeline switched it: left alone");
            return;
        }
        if (takeOver != null) {
            plan.add(new RecordOp(RecordOp.Kind.ADOPT, host, s.line(), s, s.type(), s.value(), s.ttl(), m.encode(),
                    join(takeOver, "still switched to the origin: marked as switched again")).expecting(Expect.asRead(s, null)));
        } else {
            plan.add(RecordOp.unchanged(host, s, "already switched to the origin"));
        }
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
        addExtras(plan, host, s, recs, extras, new Expect(s.recordId(), s.type(), s.value(), m.encode(), Marker.Kind.SWITCHED));
    }


    /**
     * The extra origin values beside the switched record: added, adopted after a crash, or already there. With
     * {@code switchedStill} (the line was switched by an earlier run, so no write of this run precedes the adds),
     * the first add first checks the switched record is still ours: a dns-to-cdn that fenced the line since this
     * plan's read has deleted, or is deleting, what it would add back. After a switch of this run no check is
     * needed: a restore that comes in between puts back a CNAME, beside which the cloud refuses the add.
     */
    private static void addExtras(HostPlan plan, DnsHost host, DnsRecord switched, List<DnsRecord> recs, List<OriginValues.Value> extras,
            Expect switchedStill) {
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
                RecordOp add = new RecordOp(RecordOp.Kind.ADD, host, switched.line(), null, v.type(), v.value(), switched.ttl(), marker, null);
                plan.add(switchedStill == null ? add : add.expecting(switchedStill));
                switchedStill = null; // one check per line: the adds follow one another
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
