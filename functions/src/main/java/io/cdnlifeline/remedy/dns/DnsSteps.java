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

    /** The code of a step that found its line moved since the plan's read: nothing written, the next run decides. */
    public static final String MOVED = "Lifeline.RecordMovedMeanwhile";

    public static Step step(RecordOp op, Target target, DnsApi dns) {
        return step(op, target, dns, null);
    }

    /**
     * The step of {@code op}; a switch {@link RecordOp#markLater() marked later} hands its marker to {@code later}
     * once its update is done (or found done by a concurrent run of the same direction).
     */
    public static Step step(RecordOp op, Target target, DnsApi dns, java.util.function.Consumer<DeferredMark> later) {
        if (op.markLater()) {
            return op.kind() == RecordOp.Kind.RESTORE ? restoreUnmarkedLater(op, target, dns, later) : switchMarkedLater(op, target, dns, later);
        }
        Step step = unfenced(op, target, dns);
        if (op.fenceRecordId() == null && op.expect() == null) return step;
        return new Step(step.change(), () -> {
            if (op.expect() != null) {
                DnsRecord fresh = dns.record(op.expect().recordId);
                if (op.expect().done(fresh)) return ChangeStatus.UNCHANGED;
                if (!op.expect().holds(fresh)) {
                    if (op.kind() == RecordOp.Kind.SWITCH && fresh != null && isTarget(fresh, op)) return ChangeStatus.UNCHANGED;
                    throw lineMoved(op, fresh);
                }
            }
            if (op.fenceRecordId() == null) return step.write().run();
            dns.setRemark(op.fenceRecordId(), op.fenceRemark());
            ChangeStatus s = step.write().run();
            // The fence itself is a write of this change: a delete found already done still changed the marker.
            return s == ChangeStatus.UNCHANGED ? ChangeStatus.APPLIED : s;
        });
    }

    /**
     * Outage mode: the fresh read, then the update alone; the marker goes to {@code later}. The record is recognised
     * meanwhile by the domain's intent tag, its value (one of the domain's origin values) and its unchanged remark.
     */
    private static Step switchMarkedLater(RecordOp op, Target target, DnsApi dns, java.util.function.Consumer<DeferredMark> later) {
        if (later == null) throw new IllegalStateException("a switch marked later needs somewhere to hand its marker");
        Change change = Change.planned(target.name(), target.product().id(), op.resource(), action(op), before(op), after(op));
        if (op.note() != null) change = change.withNote(op.note());
        Step[] self = new Step[1];
        self[0] = new Step(change, () -> {
            DnsRecord fresh = dns.record(op.expect().recordId);
            if (!op.expect().holds(fresh)) {
                if (fresh != null && isTarget(fresh, op)) return ChangeStatus.UNCHANGED;
                if (fresh != null && atValueWithRemarkAsRead(fresh, op)) {
                    // a concurrent run of the same direction switched it and has not marked it yet: mark it too
                    later.accept(new DeferredMark(target, op, self[0]));
                    return ChangeStatus.UNCHANGED;
                }
                throw lineMoved(op, fresh);
            }
            boolean wrote = update(op, dns);
            later.accept(new DeferredMark(target, op, self[0]));
            return wrote ? ChangeStatus.APPLIED : ChangeStatus.UNCHANGED;
        });
        return self[0];
    }

    /**
     * The undo in outage mode (issue 18's last figure): the fresh read (on the line's first op), then the update back to
     * the CDN CNAME alone; the original remark goes to {@code later}. Meanwhile the record is the CDN CNAME with the
     * marker it had, and the domain's restoring tag says whose half-done state that is.
     */
    private static Step restoreUnmarkedLater(RecordOp op, Target target, DnsApi dns, java.util.function.Consumer<DeferredMark> later) {
        if (later == null) throw new IllegalStateException("a restore whose remark comes later needs somewhere to hand it");
        Change change = Change.planned(target.name(), target.product().id(), op.resource(), action(op), before(op), after(op));
        if (op.note() != null) change = change.withNote(op.note());
        Step[] self = new Step[1];
        self[0] = new Step(change, () -> {
            if (op.expect() != null) {
                DnsRecord fresh = dns.record(op.expect().recordId);
                if (op.expect().done(fresh)) return ChangeStatus.UNCHANGED;
                if (!op.expect().holds(fresh)) {
                    if (fresh != null && atValueWithRemarkAsRead(fresh, op)) {
                        // a concurrent undo of the same kind updated it and has not restored the remark yet: restore it too
                        later.accept(new DeferredMark(target, op, self[0]));
                        return ChangeStatus.UNCHANGED;
                    }
                    throw lineMoved(op, fresh);
                }
            }
            boolean wrote = update(op, dns);
            later.accept(new DeferredMark(target, op, self[0]));
            return wrote ? ChangeStatus.APPLIED : ChangeStatus.UNCHANGED;
        });
        return self[0];
    }

    /**
     * The record already holds the op's value but still the remark this run read: a concurrent run of the same direction
     * wrote the value and has not written the remark yet (a switch not yet marked, or a restore whose original remark is
     * still to come). An absent remark and an empty one are the same.
     */
    private static CloudException lineMoved(RecordOp op, DnsRecord fresh) {
        return new CloudException(MOVED, "the line changed since this run read it (another cdn-lifeline run is working on it): "
                + "expected " + op.expect() + ", found " + (fresh == null ? "no such record" : fresh.type() + " " + fresh.value()
                + " remark '" + fresh.remark() + "'") + "; nothing written, the next run decides from the new state", null, 409, false);
    }

    private static boolean atValueWithRemarkAsRead(DnsRecord r, RecordOp op) {
        String asRead = op.before().remark() == null ? "" : op.before().remark();
        return RecordValues.isType(r, op.type()) && RecordValues.sameValue(op.type(), r.value(), op.value())
                && asRead.equals(r.remark() == null ? "" : r.remark());
    }

    /** The switched record already is what this switch makes it (a concurrent run made the same switch). */
    private static boolean isTarget(DnsRecord r, RecordOp op) {
        Marker m = Marker.parse(r.remark());
        return m != null && m.kind() == Marker.Kind.SWITCHED && RecordValues.isType(r, op.type())
                && RecordValues.sameValue(op.type(), r.value(), op.value());
    }


    private static Step unfenced(RecordOp op, Target target, DnsApi dns) {
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
        if (!update(op, dns)) {
            // Already the CDN CNAME: a concurrent restore got here first, and a dns-to-origin may have switched the
            // record again since it finished. The original remark goes back only while the restoring marker is there.
            DnsRecord fresh = dns.record(op.before().recordId());
            String remark = fresh == null || fresh.remark() == null ? "" : fresh.remark();
            if (fresh != null && remark.equals(op.remark()) && RecordValues.sameValue(op.type(), fresh.value(), op.value())) {
                return ChangeStatus.UNCHANGED;
            }
            Marker m = Marker.parse(remark);
            if (fresh == null || m == null || m.kind() != Marker.Kind.RESTORING || !RecordValues.isType(fresh, op.type())
                    || !RecordValues.sameValue(op.type(), fresh.value(), op.value())) {
                throw new CloudException(MOVED, "the record changed since this run restored it (another cdn-lifeline run is working on it): now "
                        + (fresh == null ? "gone" : fresh.type() + " " + fresh.value() + " remark '" + remark + "'")
                        + "; its remark is not written, the next run decides from the new state", null, 409, false);
            }
        }
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
