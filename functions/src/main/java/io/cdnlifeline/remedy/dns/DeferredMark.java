package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsApi;
import io.cdnlifeline.cloud.DnsRecord;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.remedy.Step;
import io.cdnlifeline.report.ChangeStatus;

/**
 * The marker of a record switched in outage mode, written after every visitor-facing write of the run (issue 18):
 * the record was updated to {@code type value} while its domain carried the intent tag, and keeps the remark it had
 * (UpdateDomainRecord does not change it). Written only while the record is still exactly that: the value the switch
 * wrote and the remark it read, or already our switched marker (a concurrent run of the same direction); anything
 * else is {@code Lifeline.RecordMovedMeanwhile}, nothing written, and the domain keeps its intent tag for the next run.
 * <p>
 * The undo's counterpart (dns-to-cdn in outage mode): the original remark of a record updated back to the CDN CNAME
 * under the domain's restoring tag ({@code lifeline:dns=restoring.<t>}), which kept the marker it had. Written only while
 * the record is still that CNAME with the marker as read (or a restoring marker: a marker-first undo at the same time).
 */
public final class DeferredMark {
    private final Target target;
    private final RecordOp op;
    private final Step switchStep;

    DeferredMark(Target target, RecordOp op, Step switchStep) {
        this.target = target;
        this.op = op;
        this.switchStep = switchStep;
    }

    public Target target() { return target; }

    /** The switch this marker belongs to (its Change names the record; a failed marker is reported against it). */
    public Step switchStep() { return switchStep; }

    /** True for the undo's deferred write: the original remark after the update back. */
    public boolean restores() { return op.kind() == RecordOp.Kind.RESTORE; }

    /** Reads the record again and writes the marker (the undo: the original remark) when it is still the switch's. */
    public ChangeStatus write(DnsApi dns) throws CloudException {
        if (restores()) return restoreRemark(dns);
        String id = op.before().recordId();
        DnsRecord fresh = dns.record(id);
        if (fresh != null && RecordValues.isType(fresh, op.type()) && RecordValues.sameValue(op.type(), fresh.value(), op.value())) {
            String remark = fresh.remark() == null ? "" : fresh.remark();
            if (remark.equals(op.remark())) return ChangeStatus.UNCHANGED;
            Marker m = Marker.parse(remark);
            if (m != null && m.kind() == Marker.Kind.SWITCHED && m.wrote(op.type(), op.value())) return ChangeStatus.UNCHANGED;
            String asRead = op.before().remark() == null ? "" : op.before().remark();
            if (remark.equals(asRead)) {
                dns.setRemark(id, op.remark());
                return ChangeStatus.APPLIED;
            }
        }
        throw new CloudException(DnsSteps.MOVED, "the record changed after this run switched it and before its marker was written: now "
                + (fresh == null ? "gone" : fresh.type() + " " + fresh.value() + " remark '" + fresh.remark() + "'")
                + "; no marker written, the domain keeps its lifeline:dns intent tag and the next run decides", null, 409, false);
    }

    private ChangeStatus restoreRemark(DnsApi dns) throws CloudException {
        String id = op.before().recordId();
        DnsRecord fresh = dns.record(id);
        if (fresh != null && RecordValues.isType(fresh, op.type()) && RecordValues.sameValue(op.type(), fresh.value(), op.value())) {
            String remark = fresh.remark() == null ? "" : fresh.remark();
            String original = op.remark() == null ? "" : op.remark();
            if (remark.equals(original)) return ChangeStatus.UNCHANGED;
            String asRead = op.before().remark() == null ? "" : op.before().remark();
            Marker m = Marker.parse(remark);
            if (remark.equals(asRead) || (m != null && m.kind() == Marker.Kind.RESTORING)) {
                dns.setRemark(id, original);
                return ChangeStatus.APPLIED;
            }
        }
        throw new CloudException(DnsSteps.MOVED, "the record changed after this run switched it back and before its original remark "
                + "was restored: now " + (fresh == null ? "gone" : fresh.type() + " " + fresh.value() + " remark '" + fresh.remark() + "'")
                + "; nothing written, the domain keeps its lifeline:dns restoring tag and the next run decides", null, 409, false);
    }

    @Override
    public String toString() {
        if (restores()) return "original remark of " + op;
        return "marker of " + op;
    }
}
