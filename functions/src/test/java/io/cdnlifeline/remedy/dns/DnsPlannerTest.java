package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.DnsRecord;
import io.cdnlifeline.cloud.Origin;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both planners, from given records: no cloud, no mocks. */
class DnsPlannerTest {
    private static final String CDN = "www.example.com.w.kunlunsl.com";
    private static final DnsHost WWW = new DnsHost("example.com", "www");

    private static DnsRecord rec(String id, String line, String type, String value, String remark) {
        return new DnsRecord(id, "example.com", "www", type, value, 600, line, "ENABLE", false, remark);
    }

    private static DnsRecord locked(String id, String line, String type, String value) {
        return new DnsRecord(id, "example.com", "www", type, value, 600, line, "Enable", true, "");
    }

    private static OriginValues ips(String... ips) {
        List<Origin> os = new ArrayList<>();
        for (String ip : ips) os.add(new Origin("ipaddr", ip, 80, "20", "10", true));
        return OriginValues.of(os);
    }

    private static List<RecordOp.Kind> kinds(HostPlan p) {
        List<RecordOp.Kind> ks = new ArrayList<>();
        for (RecordOp op : p.ops()) ks.add(op.kind());
        return ks;
    }

    /** Applies the ops to the records as the cloud would, so plans can be chained like runs. */
    private static List<DnsRecord> applied(List<DnsRecord> records, HostPlan plan) {
        List<DnsRecord> out = new ArrayList<>(records);
        int next = 900;
        for (RecordOp op : plan.ops()) {
            switch (op.kind()) {
                case SWITCH:
                case RESTORE:
                case ADOPT:
                case UNMARK:
                    out.replaceAll(r -> r.recordId().equals(op.before().recordId()) ? r.with(op.type(), op.value(), op.remark()) : r);
                    break;
                case ADD:
                    out.add(new DnsRecord(String.valueOf(next++), "example.com", "www", op.type(), op.value(), op.ttl(), op.line(), "Enable", false, op.remark()));
                    break;
                case DELETE:
                    out.removeIf(r -> r.recordId().equals(op.before().recordId()));
                    break;
                default:
                    break;
            }
        }
        return out;
    }

    @Test
    void switchesEveryLineAndAddsTheOtherIpsOnTheSameLine() {
        List<DnsRecord> records = List.of(rec("1", "default", "CNAME", CDN, ""), rec("2", "unicom", "CNAME", CDN, "uni"),
                rec("3", "mobile", "TXT", "v=spf1", ""), rec("4", "telecom", "A", "192.0.2.99", "a person's"));
        HostPlan p = ToOriginPlanner.plan(WWW, records, CDN, ips("203.0.113.10", "203.0.113.11"));
        assertEquals(List.of(RecordOp.Kind.SWITCH, RecordOp.Kind.ADD, RecordOp.Kind.SWITCH, RecordOp.Kind.ADD), kinds(p));
        RecordOp sw = p.ops().get(0);
        assertEquals("1", sw.before().recordId());
        assertEquals("A", sw.type());
        assertEquals("203.0.113.10", sw.value());
        assertEquals("alidns:example.com/www/default/CNAME", sw.resource());
        assertEquals("alidns:example.com/www/default/A", p.ops().get(1).resource());
        assertEquals("unicom", p.ops().get(3).line());
        assertEquals("uni", Marker.parse(p.ops().get(2).remark()).original());
        assertTrue(p.leftAlone().isEmpty());
    }

    @Test
    void theCdnCnameIsRecognisedWhateverItsCaseOrTrailingDot() {
        List<DnsRecord> records = List.of(rec("1", "default", "cname", "WWW.example.com.w.kunlunsl.com.", ""));
        HostPlan p = ToOriginPlanner.plan(WWW, records, CDN, ips("203.0.113.10"));
        assertEquals(List.of(RecordOp.Kind.SWITCH), kinds(p));
        // the undo writes the CDN's CNAME as the CDN API gives it
        HostPlan undo = ToCdnPlanner.plan(WWW, applied(records, p), CDN);
        assertEquals(CDN, undo.ops().get(0).value());
    }

    @Test
    void lockedAndDisabledRecords() {
        DnsRecord disabled = new DnsRecord("2", "example.com", "www", "CNAME", CDN, 600, "unicom", "DISABLE", false, "");
        HostPlan p = ToOriginPlanner.plan(WWW, List.of(locked("1", "default", "CNAME", CDN), disabled), CDN, ips("203.0.113.10", "203.0.113.11"));
        assertEquals(List.of(RecordOp.Kind.SWITCH), kinds(p));
        assertEquals("2", p.ops().get(0).before().recordId());
        assertEquals(2, p.leftAlone().size());
        assertTrue(p.leftAlone().get(0).contains("locked"), p.leftAlone().toString());
        assertTrue(p.leftAlone().get(1).contains("disabled"), p.leftAlone().toString());
    }

    @Test
    void aSecondRunChangesNothingAndTheUndoRestoresExactly() {
        List<DnsRecord> original = List.of(rec("1", "default", "CNAME", CDN, "keep"), rec("2", "oversea", "CNAME", CDN, ""),
                rec("3", "telecom", "MX", "mx.example.com", ""));
        OriginValues origins = ips("203.0.113.10", "2001:db8::10");
        List<DnsRecord> switched = applied(original, ToOriginPlanner.plan(WWW, original, CDN, origins));

        HostPlan again = ToOriginPlanner.plan(WWW, switched, CDN, origins);
        assertFalse(again.writes(), again.ops().toString());
        assertEquals(4, again.ops().size());

        HostPlan undo = ToCdnPlanner.plan(WWW, switched, CDN);
        assertEquals(List.of(RecordOp.Kind.DELETE, RecordOp.Kind.RESTORE, RecordOp.Kind.DELETE, RecordOp.Kind.RESTORE), kinds(undo));
        List<DnsRecord> back = applied(switched, undo);
        assertEquals(new java.util.HashSet<>(original), new java.util.HashSet<>(back));

        HostPlan undoAgain = ToCdnPlanner.plan(WWW, back, CDN);
        assertFalse(undoAgain.writes());
    }

    @Test
    void aRunThatStoppedAfterTheRemarkIsCompleted() {
        // given the CNAME already carries our marker but still points at the CDN (stopped between remark and update)
        String marker = Marker.switched("A", "203.0.113.10", "orig").encode();
        HostPlan p = ToOriginPlanner.plan(WWW, List.of(rec("1", "default", "CNAME", CDN, marker)), CDN, ips("203.0.113.10", "203.0.113.11"));
        assertEquals(List.of(RecordOp.Kind.SWITCH, RecordOp.Kind.ADD), kinds(p));
        assertEquals(marker, p.ops().get(0).remark());
        // and the undo of that half state only restores the remark
        HostPlan undo = ToCdnPlanner.plan(WWW, List.of(rec("1", "default", "CNAME", CDN, marker)), CDN);
        assertEquals(List.of(RecordOp.Kind.UNMARK), kinds(undo));
        assertEquals("orig", undo.ops().get(0).remark());
    }

    @Test
    void originsThatChangedBeforeTheStoppedSwitchAreRetargeted() {
        String marker = Marker.switched("A", "203.0.113.10", "orig").encode();
        HostPlan p = ToOriginPlanner.plan(WWW, List.of(rec("1", "default", "CNAME", CDN, marker)), CDN, ips("203.0.113.20"));
        Marker m = Marker.parse(p.ops().get(0).remark());
        assertTrue(m.wrote("A", "203.0.113.20"));
        assertEquals("orig", m.original());
    }

    @Test
    void anAddedRecordLeftUnmarkedByACrashIsAdopted() {
        String marker = Marker.switched("A", "203.0.113.10", "").encode();
        List<DnsRecord> records = List.of(rec("1", "default", "A", "203.0.113.10", marker), rec("5", "default", "A", "203.0.113.11", ""));
        HostPlan p = ToOriginPlanner.plan(WWW, records, CDN, ips("203.0.113.10", "203.0.113.11", "203.0.113.12"));
        assertEquals(List.of(RecordOp.Kind.UNCHANGED, RecordOp.Kind.ADOPT, RecordOp.Kind.ADD), kinds(p));
        assertEquals(Marker.added("A", "203.0.113.11").encode(), p.ops().get(1).remark());
    }

    @Test
    void aRecordAPersonChangedIsLeftAloneAndReported() {
        String marker = Marker.switched("A", "203.0.113.10", "").encode();
        List<DnsRecord> records = List.of(rec("1", "default", "A", "192.0.2.50", marker),
                rec("2", "unicom", "A", "203.0.113.10", marker), rec("3", "unicom", "A", "192.0.2.51", Marker.added("A", "203.0.113.11").encode()));
        HostPlan undo = ToCdnPlanner.plan(WWW, records, CDN);
        assertTrue(undo.ops().isEmpty(), undo.ops().toString());
        assertEquals(2, undo.leftAlone().size());
        assertTrue(undo.leftAlone().get(0).contains("changed after lifeline switched it"), undo.leftAlone().get(0));
        assertTrue(undo.leftAlone().get(1).contains("changed after lifeline added it"), undo.leftAlone().get(1));
        HostPlan redo = ToOriginPlanner.plan(WWW, records, CDN, ips("203.0.113.10"));
        assertFalse(redo.writes());
        assertEquals(1, redo.leftAlone().size());
    }

    @Test
    void recordsNotPointingAtTheCdnAreNeverTouched() {
        List<DnsRecord> records = List.of(rec("1", "default", "CNAME", "elsewhere.example.net", ""), rec("2", "default", "A", "192.0.2.1", ""),
                rec("3", "unicom", "CNAME", CDN, "lifeline:not-ours"));
        HostPlan p = ToOriginPlanner.plan(WWW, records, CDN, ips("203.0.113.10"));
        assertTrue(p.ops().isEmpty());
        assertEquals(1, p.leftAlone().size());
        HostPlan undo = ToCdnPlanner.plan(WWW, records, CDN);
        assertTrue(undo.ops().isEmpty());
    }

    @Test
    void theUndoLeavesALineAloneWhenAPersonAddedSomethingACnameCannotSitBeside() {
        String marker = Marker.switched("A", "203.0.113.10", "").encode();
        List<DnsRecord> records = List.of(rec("1", "default", "A", "203.0.113.10", marker), rec("2", "default", "TXT", "verify", ""));
        HostPlan undo = ToCdnPlanner.plan(WWW, records, CDN);
        assertTrue(undo.ops().isEmpty());
        assertTrue(undo.leftAlone().get(0).contains("TXT verify"), undo.leftAlone().get(0));
    }

    @Test
    void theUndoPointsAtTheCurrentCdnCname() {
        String marker = Marker.switched("CNAME", "origin.example.net", "").encode();
        HostPlan undo = ToCdnPlanner.plan(WWW, List.of(rec("1", "default", "CNAME", "origin.example.net", marker)), "www.example.com.w.cdngslb.com");
        assertEquals(List.of(RecordOp.Kind.RESTORE), kinds(undo));
        assertEquals("www.example.com.w.cdngslb.com", undo.ops().get(0).value());
        assertEquals("", undo.ops().get(0).remark());
    }
}
