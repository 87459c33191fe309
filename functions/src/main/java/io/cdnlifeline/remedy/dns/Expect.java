package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.DnsRecord;

import java.util.Objects;

/**
 * What a record must still be, read afresh right before a step's first write, for the step to go on: the
 * plan was made from a read that may be seconds old, and the opposite remedy may have moved the line since
 * (Alidns has no conditional write). It holds when the record still has the planned type and value, and
 * either the remark as read or a marker of {@link #alsoKind} (a concurrent run of the same direction, whose
 * writes this step repeats harmlessly); for dns-to-cdn also the CNAME it restores under its restoring marker
 * (a concurrent restore between its update and its remark). It narrows the race to the gap between this read
 * and the write. A record already as the step leaves it ({@link #done}) needs no write at all.
 */
final class Expect {
    final String recordId;
    private final String type;
    private final String value;
    private final String remark;
    private final Marker.Kind alsoKind;
    private final String doneType;
    private final String doneValue;
    private final String doneRemark;

    /** @param remark the remark as read; null when only a marker of {@code alsoKind} will do */
    Expect(String recordId, String type, String value, String remark, Marker.Kind alsoKind) {
        this(recordId, type, value, remark, alsoKind, null, null, null);
    }

    private Expect(String recordId, String type, String value, String remark, Marker.Kind alsoKind, String doneType, String doneValue,
            String doneRemark) {
        this.recordId = Objects.requireNonNull(recordId, "recordId");
        this.type = type;
        this.value = value;
        this.remark = remark;
        this.alsoKind = alsoKind;
        this.doneType = doneType;
        this.doneValue = doneValue;
        this.doneRemark = doneRemark;
    }

    /** The same, where {@code type value} with {@code remark} is where the step ends (a concurrent run got there). */
    Expect orDone(String type, String value, String remark) {
        return new Expect(recordId, this.type, this.value, this.remark, alsoKind, type, value, remark == null ? "" : remark);
    }

    /** The record already is where the step ends: nothing to write. */
    boolean done(DnsRecord fresh) {
        return doneType != null && fresh != null && RecordValues.isType(fresh, doneType) && RecordValues.sameValue(doneType, fresh.value(), doneValue)
                && doneRemark.equals(fresh.remark() == null ? "" : fresh.remark());
    }

    /** The record as planned: the remark it had, or a marker of {@code alsoKind}. */
    static Expect asRead(DnsRecord r, Marker.Kind alsoKind) {
        return new Expect(r.recordId(), r.type(), r.value(), r.remark(), alsoKind);
    }

    boolean holds(DnsRecord fresh) {
        if (fresh == null) return false;
        String r = fresh.remark() == null ? "" : fresh.remark();
        Marker m = Marker.parse(r);
        boolean ours = alsoKind != null && m != null && m.kind() == alsoKind;
        if (RecordValues.isType(fresh, type) && RecordValues.sameValue(type, fresh.value(), value)) return r.equals(remark) || ours;
        // a concurrent restore between its update and its remark: the rest of this one repeats it harmlessly
        return ours && doneType != null && RecordValues.isType(fresh, doneType) && RecordValues.sameValue(doneType, fresh.value(), doneValue);
    }

    @Override
    public String toString() {
        return "record #" + recordId + " " + type + " " + value + (remark == null ? "" : " remark '" + remark + "'")
                + (alsoKind == null ? "" : (remark == null ? " under a " : " (or a ") + alsoKind + " marker" + (remark == null ? "" : ")"));
    }
}
