package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.DnsRecord;

import java.util.Objects;

/**
 * One planned operation on one Alidns record, before it becomes a Step: what it is, the record as it
 * is now (null for an add), and what it becomes (type, value, remark). Pure data, so the planners can be
 * tested without a cloud.
 */
public final class RecordOp {
    /** What the write does. */
    public enum Kind {
        /** dns-to-origin: mark the CDN CNAME record, then update it in place to the first origin value. */
        SWITCH,
        /** dns-to-origin: add an extra origin record beside the switched one, then mark it. */
        ADD,
        /** dns-to-origin: mark an unmarked extra origin record (left by a run that crashed between add and mark). */
        ADOPT,
        /** dns-to-cdn: delete a record dns-to-origin added. */
        DELETE,
        /** dns-to-cdn: update the switched record back to the CDN CNAME, then restore its original remark. */
        RESTORE,
        /** dns-to-cdn: the record already is the CDN CNAME again (a run stopped before the remark): restore the remark. */
        UNMARK,
        /** Already the target state: no call. */
        UNCHANGED
    }

    private final Kind kind;
    private final DnsHost host;
    private final String line;
    private final DnsRecord before;
    private final String type;
    private final String value;
    private final long ttl;
    private final String remark;
    private final String note;
    private final String fenceRecordId;
    private final String fenceRemark;
    private final Expect expect;
    private final boolean markLater;

    RecordOp(Kind kind, DnsHost host, String line, DnsRecord before, String type, String value, long ttl, String remark, String note) {
        this(kind, host, line, before, type, value, ttl, remark, note, null, null, null, false);
    }

    private RecordOp(Kind kind, DnsHost host, String line, DnsRecord before, String type, String value, long ttl, String remark, String note,
            String fenceRecordId, String fenceRemark, Expect expect, boolean markLater) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.host = Objects.requireNonNull(host, "host");
        this.line = Objects.requireNonNull(line, "line");
        this.before = before;
        this.type = type;
        this.value = value;
        this.ttl = ttl;
        this.remark = remark;
        this.note = note;
        this.fenceRecordId = fenceRecordId;
        this.fenceRemark = fenceRemark;
        this.expect = expect;
        this.markLater = markLater;
    }

    /**
     * This op preceded by writing {@code remark} on record {@code recordId} (dns-to-cdn's restoring marker on the
     * switched record, before the line's first change), in the same step: the fence and the change are one
     * Change of the report, so no maxChanges count or report line is added for it.
     */
    RecordOp fencedBy(String recordId, String remark) {
        return new RecordOp(kind, host, line, before, type, value, ttl, this.remark, note, recordId, remark, expect, markLater);
    }

    /** This op, checked against a fresh read of the line before its first write (see {@link Expect}). */
    RecordOp expecting(Expect e) {
        return new RecordOp(kind, host, line, before, type, value, ttl, remark, note, fenceRecordId, fenceRemark, e, markLater);
    }

    /**
     * This switch with its marker written later, after every visitor-facing write of the run (issue 18's outage
     * mode): the domain carries the intent tag ({@code lifeline:dns}) from before the update until the marker is there.
     */
    RecordOp markedLater() {
        return new RecordOp(kind, host, line, before, type, value, ttl, remark, note, fenceRecordId, fenceRemark, expect, true);
    }

    /** True when the switch's marker is written after the update, under the domain's intent tag. */
    public boolean markLater() { return markLater; }

    /** What the line must still be right before this op writes; null when nothing is checked. */
    Expect expect() { return expect; }

    /** The record whose remark is written before this op's own write; null when none is. */
    public String fenceRecordId() { return fenceRecordId; }
    public String fenceRemark() { return fenceRemark; }

    static RecordOp unchanged(DnsHost host, DnsRecord r, String note) {
        return new RecordOp(Kind.UNCHANGED, host, r.line(), r, r.type(), r.value(), r.ttl(), r.remark(), note);
    }

    public Kind kind() { return kind; }
    public DnsHost host() { return host; }
    public String line() { return line; }
    /** The record as read; null for {@link Kind#ADD}. */
    public DnsRecord before() { return before; }
    /** Type after the write (null for a delete). */
    public String type() { return type; }
    /** Value after the write (null for a delete). */
    public String value() { return value; }
    public long ttl() { return ttl; }
    /** Remark after the write (null for a delete). */
    public String remark() { return remark; }
    public String note() { return note; }

    /** {@code alidns:<zone>/<rr>/<line>/<type>}, with the record's type as it is now (the new type for an add). */
    public String resource() {
        return "alidns:" + host.zone() + "/" + host.rr() + "/" + line + "/" + (before != null ? before.type() : type).toUpperCase(java.util.Locale.ROOT);
    }

    /** The part of {@link #resource()} that names the line: the ops of one line must run in order. */
    public String lineKey() {
        return "alidns:" + host.zone() + "/" + host.rr() + "/" + line + "/";
    }

    @Override
    public String toString() {
        return kind + " " + resource() + (before == null ? "" : " #" + before.recordId()) + (value == null ? "" : " -> " + type + " " + value);
    }
}
