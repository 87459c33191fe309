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

    RecordOp(Kind kind, DnsHost host, String line, DnsRecord before, String type, String value, long ttl, String remark, String note) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.host = Objects.requireNonNull(host, "host");
        this.line = Objects.requireNonNull(line, "line");
        this.before = before;
        this.type = type;
        this.value = value;
        this.ttl = ttl;
        this.remark = remark;
        this.note = note;
    }

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
