package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.DnsRecord;
import io.cdnlifeline.remedy.MarkerLease;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * dns-to-cdn's decisions for one host, line by line: on a line dns-to-origin switched, delete the
 * records it added, then put the switched record back to the CNAME of the domain's current CDN CNAME
 * with its original remark. A line where a person changed anything lifeline wrote (or added a record a
 * CNAME cannot sit beside, or locked one) is left alone as a whole and reported: undoing half a line
 * would leave it resolving to neither. Before its first write on a line it turns the marker into a restoring
 * marker, so that dns-to-origin leaves the line alone meanwhile. A switched marker on a record that still is the
 * CDN CNAME is a switch in flight while younger than the lease (left alone), a dead run's once older (cleared).
 */
public final class ToCdnPlanner {
    private ToCdnPlanner() {
    }

    public static HostPlan plan(DnsHost host, List<DnsRecord> records, String cdnCname) {
        return plan(host, records, cdnCname, MarkerLease.now());
    }

    /** The plan as of {@code now}: the time markers are written with and judged by. */
    public static HostPlan plan(DnsHost host, List<DnsRecord> records, String cdnCname, Instant now) {
        return plan(host, records, cdnCname, now, null);
    }

    /**
     * The plan as of {@code now}, for a domain that carries dns-to-origin's intent tag {@code lifeline:dns} ({@code
     * intent} non-null; its {@code at} null when the tag's value is not a time we wrote): a line with no marker and no
     * CDN CNAME whose record sits, unmarked, at one of {@code intent}'s origin values was switched by an outage-mode
     * run that had not marked it yet. While the tag is younger than the lease that run may be in flight: left alone.
     * Older, its run died: restored like a marked one (the restoring marker first, with the remark it has as the
     * original).
     */
    public static HostPlan plan(DnsHost host, List<DnsRecord> records, String cdnCname, Instant now, Intent intent) {
        return plan(host, records, cdnCname, now, intent, null);
    }

    /**
     * As {@link #plan(DnsHost, List, String, Instant, Intent)}, for the undo's outage mode ({@code undo} non-null): the
     * domain carries, or is about to carry, dns-to-cdn's restoring tag {@code lifeline:dns=restoring.<t>}. Under it a
     * switched marker on a record that already is the CDN CNAME is this undo's own half-done restore (updated back, its
     * remark not restored yet) when the marker is no newer than the tag; and with {@code undo.outage} the restore writes
     * no restoring marker first: the update back comes at once and the original remark after every visitor-facing write.
     */
    public static HostPlan plan(DnsHost host, List<DnsRecord> records, String cdnCname, Instant now, Intent intent, Undo undo) {
        HostPlan plan = new HostPlan();
        for (Map.Entry<String, List<DnsRecord>> e : Lines.of(host, records).entrySet()) {
            planLine(plan, host, e.getKey(), e.getValue(), cdnCname, now, intent, undo);
        }
        return plan;
    }

    /** The undo's restoring tag on the domain, as dns-to-cdn reads it, and whether this run restores in outage mode. */
    public static final class Undo {
        final boolean tagged;
        final Instant tagAt;
        final boolean outage;

        /**
         * @param tagged the domain carries the restoring tag (as read before planning)
         * @param tagAt  when it was written; null when untagged or not a time we wrote
         * @param outage the restores of this plan write their original remark later, under the tag (no restoring marker)
         */
        public Undo(boolean tagged, Instant tagAt, boolean outage) {
            this.tagged = tagged;
            this.tagAt = tagAt;
            this.outage = outage;
        }

        /** A switched marker on a record already at the CDN CNAME, under the tag and no newer: this undo's own. */
        boolean owns(Marker m) {
            return tagged && (tagAt == null || m.at() == null || !m.at().isAfter(tagAt));
        }
    }

    /** The domain's intent tag, as dns-to-cdn reads it: when it was written, and the domain's origin values. */
    public static final class Intent {
        final Instant at;
        final OriginValues origins;

        public Intent(Instant at, OriginValues origins) {
            this.at = at;
            this.origins = origins;
        }

        public Instant at() { return at; }
    }

    private static void planLine(HostPlan plan, DnsHost host, String line, List<DnsRecord> recs, String cdnCname, Instant now,
            Intent intent, Undo undo) {
        DnsRecord switched = null;
        List<DnsRecord> added = new ArrayList<>();
        List<DnsRecord> others = new ArrayList<>();
        DnsRecord cdn = null;
        for (DnsRecord r : recs) {
            Marker m = Marker.parse(r.remark());
            if (m != null && m.kind() != Marker.Kind.ADDED && switched == null) switched = r;
            else if (m != null && m.kind() == Marker.Kind.ADDED) added.add(r);
            else {
                others.add(r);
                if (!Marker.claims(r.remark()) && Lines.isCnameTo(r, cdnCname)) cdn = r;
            }
        }
        Marker unmarked = null;
        if (switched == null && intent != null) {
            DnsRecord s = ToOriginPlanner.unmarkedSwitch(recs, cdnCname, intent.origins);
            if (s != null) {
                if (MarkerLease.fresh(intent.at, now)) {
                    plan.keepsIntent();
                    plan.leaveAlone(Lines.describe(host, s) + " is being switched to the origin by dns-to-origin (outage mode, the domain's "
                            + "lifeline:dns intent tag of " + intent.at + "; its marker is not written yet): left alone; run again later");
                    return;
                }
                switched = s;
                others.remove(s);
                // extras an outage-mode run added beside it and died before marking: only its adds could sit there
                for (DnsRecord r : new ArrayList<>(others)) {
                    for (OriginValues.Value v : intent.origins.values()) {
                        if (!Marker.claims(r.remark()) && RecordValues.isType(r, v.type()) && RecordValues.sameValue(v.type(), r.value(), v.value())) {
                            others.remove(r);
                            added.add(r);
                            break;
                        }
                    }
                }
                // kept unless the line's restore is planned below: a line left alone keeps its record recognisable
                plan.keepsIntent();
                unmarked = Marker.switched(s.type(), s.value(), s.remark(), now);
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
        Marker m = unmarked != null ? unmarked : Marker.parse(switched.remark());
        // An unmarked switch still has its whole original remark: it goes back as it is.
        String original = unmarked != null ? (switched.remark() == null ? "" : switched.remark()) : m.original();
        String restoreNote = unmarked == null && m.truncated() ? "restores the first " + m.original().length()
                + " characters of the original remark (the marker could not hold more; the full text is in the audit log of the switch)" : null;
        if (cdnCname == null) {
            plan.leaveAlone(Lines.describe(host, switched) + " not restored: the domain has no CDN CNAME to resolve to");
            return;
        }
        if (switched.locked()) {
            plan.leaveAlone(Lines.describe(host, switched) + " is locked: a locked record cannot be switched back; unlock it in the Alidns console and run again");
            return;
        }
        if (unmarked == null && Lines.isCnameTo(switched, cdnCname)) {
            if (m.kind() == Marker.Kind.SWITCHED && MarkerLease.fresh(m.at(), now) && !(undo != null && undo.owns(m))) {
                // Marked, not yet switched, and young: a dns-to-origin run may be about to switch it.
                plan.leaveAlone(Lines.describe(host, switched) + " is being switched to the origin by dns-to-origin (a switch is in progress, "
                        + "marked " + m.at() + "): left alone; run again later");
                return;
            }
            // Already the CDN CNAME with our remark: a switch that died before its update, or a restore before its remark.
            plan.add(new RecordOp(RecordOp.Kind.UNMARK, host, line, switched, switched.type(), switched.value(), switched.ttl(),
                    m.original(), ToOriginPlanner.join("the record already is the CDN CNAME: only the remark is restored", restoreNote))
                    .expecting(Expect.asRead(switched, Marker.Kind.RESTORING).orDone(switched.type(), switched.value(), m.original())));
            return;
        }
        if (!m.wrote(switched.type(), switched.value())) {
            plan.leaveAlone(Lines.describe(host, switched) + " was changed after lifeline switched it: left alone");
            return;
        }
        for (DnsRecord a : added) {
            if (Marker.parse(a.remark()) != null && !Marker.parse(a.remark()).wrote(a.type(), a.value())) {
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
        // The restoring marker goes first on the line (fence), so dns-to-origin leaves the line alone from then on;
        // a restoring marker of a dead run is renewed for the same reason.
        // In the undo's outage mode the domain's restoring tag is the fence instead (written before any record of it).
        boolean later = undo != null && undo.outage && unmarked == null;
        String fence = later ? null : m.kind() == Marker.Kind.SWITCHED || !MarkerLease.fresh(m.at(), now) ? m.restoring(now).encode() : null;
        List<RecordOp> ops = new ArrayList<>();
        for (DnsRecord a : added) {
            ops.add(new RecordOp(RecordOp.Kind.DELETE, host, line, a, null, null, a.ttl(), null, "added by dns-to-origin"));
        }
        RecordOp restore = new RecordOp(RecordOp.Kind.RESTORE, host, line, switched, "CNAME", DnsRecord.normalizeHost(cdnCname), switched.ttl(),
                original, unmarked != null ? ToOriginPlanner.join("switched by an outage-mode run that died before writing its marker "
                + "(the domain's lifeline:dns intent tag is older than the lease)", restoreNote) : restoreNote);
        ops.add(later ? restore.markedLater() : restore);
        // Checked first: the switched record must still be as read (or under a concurrent restore's marker).
        ops.set(0, ops.get(0).expecting(Expect.asRead(switched, Marker.Kind.RESTORING)
                .orDone("CNAME", DnsRecord.normalizeHost(cdnCname), original)));
        if (fence != null) ops.set(0, ops.get(0).fencedBy(switched.recordId(), fence));
        for (RecordOp op : ops) plan.add(op);
        if (unmarked != null) plan.releasesIntent();
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
