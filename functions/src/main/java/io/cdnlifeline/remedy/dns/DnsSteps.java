package io.cdnlifeline.remedy.dns;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsApi;
import io.cdnlifeline.cloud.DnsRecord;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.remedy.Step;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;

import java.util.List;

/**
 * Turns record operations into Steps: the Report's Change (resource {@code alidns:<zone>/<rr>/<line>/<type>},
 * before/after with type, value, ttl, line, status, remark, recordId) and the write. Every write is safe to
 * repeat and to race: a {@code DomainRecordDuplicate} for a change already made, or a record already deleted,
 * is {@code unchanged}. The marker is written in the same step as the record, on the side that keeps the
 * record recognisable if the run stops in between: before a switch, after an add, after a restore.
 */
public final class DnsSteps {
    static final String DUPLICATE = "DomainRecordDuplicate";
    static final String NOT_FOUND = "DomainRecordNotBelongToUser";

    private DnsSteps() {
    }

    public static Step step(RecordOp op, Target target, DnsApi dns) {
        Change change = Change.planned(target.name(), target.product().id(), op.resource(), action(op), before(op), after(op));
        if (op.note() != null) change = change.withNote(op.note());
        switch (op.kind()) {
            case UNCHANGED:
                return new Step(change.with(ChangeStatus.UNCHANGED), () -> ChangeStatus.UNCHANGED);
            case SWITCH:
                return new Step(change, () -> markThenUpdate(op, dns));
            case ADD:
                return new Step(change, () -> addThenMark(op, dns));
            case ADOPT:
            case UNMARK:
                return new Step(change, () -> {
                    dns.setRemark(op.before().recordId(), op.remark());
                    return ChangeStatus.APPLIED;
                });
            case DELETE:
                return new Step(change, () -> delete(op, dns));
            case RESTORE:
                return new Step(change, () -> updateThenUnmark(op, dns));
            default:
                throw new AssertionError(op.kind());
        }
    }

    private static ChangeStatus markThenUpdate(RecordOp op, DnsApi dns) throws CloudException {
        DnsRecord r = op.before();
        boolean wrote = false;
        if (!op.remark().equals(r.remark())) {
            dns.setRemark(r.recordId(), op.remark());
            wrote = true;
        }
        if (update(op, dns)) wrote = true;
        return wrote ? ChangeStatus.APPLIED : ChangeStatus.UNCHANGED;
    }

    private static ChangeStatus updateThenUnmark(RecordOp op, DnsApi dns) throws CloudException {
        update(op, dns);
        dns.setRemark(op.before().recordId(), op.remark());
        return ChangeStatus.APPLIED;
    }

    /** UpdateDomainRecord in place; false when the cloud says the record already is so. */
    private static boolean update(RecordOp op, DnsApi dns) throws CloudException {
        DnsRecord r = op.before();
        try {
            dns.updateRecord(r.recordId(), r.rr() != null ? r.rr() : op.host().rr(), op.type(), op.value(), op.ttl(), op.line());
            return true;
        } catch (CloudException e) {
            if (DUPLICATE.equals(e.code())) return false;
            throw e;
        }
    }

    private static ChangeStatus addThenMark(RecordOp op, DnsApi dns) throws CloudException {
        DnsHost h = op.host();
        String id;
        try {
            id = dns.addRecord(h.zone(), h.rr(), op.type(), op.value(), op.ttl(), op.line());
        } catch (CloudException e) {
            if (!DUPLICATE.equals(e.code())) throw e;
            // A concurrent run added it first: find it (fresh read, not the plan's) and make sure it is marked.
            DnsRecord same = find(dns.subDomainRecords(h.zone(), h.fqdn()), op);
            if (same == null) throw e;
            if (op.remark().equals(same.remark())) return ChangeStatus.UNCHANGED;
            dns.setRemark(same.recordId(), op.remark());
            return ChangeStatus.APPLIED;
        }
        dns.setRemark(id, op.remark());
        return ChangeStatus.APPLIED;
    }

    private static ChangeStatus delete(RecordOp op, DnsApi dns) throws CloudException {
        try {
            dns.deleteRecord(op.before().recordId());
            return ChangeStatus.APPLIED;
        } catch (CloudException e) {
            if (NOT_FOUND.equals(e.code())) return ChangeStatus.UNCHANGED; // already gone: a concurrent run deleted it
            throw e;
        }
    }

    private static DnsRecord find(List<DnsRecord> records, RecordOp op) {
        for (DnsRecord r : records) {
            if (r.rr() != null && !r.rr().equalsIgnoreCase(op.host().rr())) continue;
            if (r.line().equals(op.line()) && RecordValues.isType(r, op.type()) && RecordValues.sameValue(op.type(), r.value(), op.value())) {
                return r;
            }
        }
        return null;
    }

    private static String action(RecordOp op) {
        switch (op.kind()) {
            case ADD:
                return "create";
            case DELETE:
                return "delete";
            default:
                return "update";
        }
    }

    private static JsonObject before(RecordOp op) {
        return op.before() == null ? null : json(op.before());
    }

    private static JsonObject after(RecordOp op) {
        if (op.kind() == RecordOp.Kind.DELETE) return null;
        DnsRecord b = op.before();
        JsonObject o = new JsonObject();
        o.addProperty("recordId", b == null ? null : b.recordId());
        o.addProperty("type", op.type().toUpperCase(java.util.Locale.ROOT));
        o.addProperty("value", op.value());
        o.addProperty("ttl", op.ttl());
        o.addProperty("line", op.line());
        // Status is never changed; a new record starts enabled.
        o.addProperty("status", b == null ? "Enable" : b.status());
        o.addProperty("remark", op.remark());
        return o;
    }

    static JsonObject json(DnsRecord r) {
        JsonObject o = new JsonObject();
        o.addProperty("recordId", r.recordId());
        o.addProperty("type", r.type());
        o.addProperty("value", r.value());
        o.addProperty("ttl", r.ttl());
        o.addProperty("line", r.line());
        o.addProperty("status", r.status());
        o.addProperty("remark", r.remark());
        return o;
    }
}
