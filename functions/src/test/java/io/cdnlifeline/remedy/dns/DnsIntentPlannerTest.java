package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.DnsRecord;
import io.cdnlifeline.cloud.Origin;
import io.cdnlifeline.remedy.MarkerLease;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The planners' decisions under dns-to-origin's outage-mode intent tag ({@code lifeline:dns}), from given records. */
class DnsIntentPlannerTest {
    private static final String CDN = "www.example.com.w.kunlunsl.com";
    private static final DnsHost WWW = new DnsHost("example.com", "www");
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant LONG_AGO = NOW.minus(MarkerLease.LEASE).minusSeconds(60);

    private static DnsRecord rec(String id, String line, String type, String value, String remark) {
        return new DnsRecord(id, "example.com", "www", type, value, 600, line, "ENABLE", false, remark);
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

    @Test
    void inOutageModeAFreshLineIsSwitchedWithItsMarkerWrittenLater() {
        // given the CDN CNAME with a person's remark
        List<DnsRecord> records = List.of(rec("1", "default", "CNAME", CDN, "web"));
        // when dns-to-origin plans in outage mode
        HostPlan p = ToOriginPlanner.plan(WWW, records, CDN, ips("203.0.113.10", "203.0.113.11"), NOW, false, true);
        // then the switch writes its marker later, the extra is added (and marked) as before
        assertEquals(List.of(RecordOp.Kind.SWITCH, RecordOp.Kind.ADD), kinds(p));
        assertTrue(p.ops().get(0).markLater());
        assertFalse(p.ops().get(1).markLater());
        assertTrue(p.ops().get(0).remark().startsWith("lifeline:switched:") && p.ops().get(0).remark().endsWith(":web"));
    }

    @Test
    void anUnmarkedRecordAtAnOriginValueIsAdoptedOnlyUnderTheIntentTag() {
        // given a line switched by an outage-mode run that died before the marker (remark still the person's), and its extra
        List<DnsRecord> records = List.of(rec("1", "default", "A", "203.0.113.10", "web"), rec("2", "default", "A", "203.0.113.11", ""));
        OriginValues origins = ips("203.0.113.10", "203.0.113.11");
        assertTrue(ToOriginPlanner.needsIntent(WWW, records, CDN, origins));

        // when the domain carries no intent tag, then nothing is ours: nothing planned
        assertEquals(List.of(), kinds(ToOriginPlanner.plan(WWW, records, CDN, origins, NOW, false, false)));

        // when it carries the tag, then the switch is marked with the remark it still has, and the extra adopted
        HostPlan p = ToOriginPlanner.plan(WWW, records, CDN, origins, NOW, true, false);
        assertEquals(List.of(RecordOp.Kind.ADOPT, RecordOp.Kind.ADOPT), kinds(p));
        Marker m = Marker.parse(p.ops().get(0).remark());
        assertEquals(Marker.Kind.SWITCHED, m.kind());
        assertEquals("web", m.original());
        assertTrue(m.wrote("A", "203.0.113.10"));
        assertEquals(Marker.added("A", "203.0.113.11").encode(), p.ops().get(1).remark());
        assertTrue(p.adoptsUnderIntent());
    }

    @Test
    void aRecordAtAValueThatIsNoOriginIsNeverAdopted() {
        List<DnsRecord> records = List.of(rec("1", "default", "A", "198.51.100.7", "web"));
        assertFalse(ToOriginPlanner.needsIntent(WWW, records, CDN, ips("203.0.113.10")));
        assertEquals(List.of(), kinds(ToOriginPlanner.plan(WWW, records, CDN, ips("203.0.113.10"), NOW, true, false)));
    }

    @Test
    void dnsToCdnLeavesAnUnmarkedSwitchAloneWhileTheTagIsYoungAndRestoresItExactlyOnceOlder() {
        List<DnsRecord> records = List.of(rec("1", "default", "A", "203.0.113.10", "a remark longer than eighteen chars"),
                rec("2", "default", "A", "203.0.113.11", Marker.added("A", "203.0.113.11").encode()));
        OriginValues origins = ips("203.0.113.10", "203.0.113.11");

        // young: a switch may be in flight
        HostPlan young = ToCdnPlanner.plan(WWW, records, CDN, NOW, new ToCdnPlanner.Intent(NOW.minusSeconds(60), origins));
        assertEquals(List.of(), kinds(young));
        assertTrue(young.keepsIntentTag());

        // older than the lease: the extra deleted (fenced first), the record back to the CNAME with its whole remark
        HostPlan old = ToCdnPlanner.plan(WWW, records, CDN, NOW, new ToCdnPlanner.Intent(LONG_AGO, origins));
        assertEquals(List.of(RecordOp.Kind.DELETE, RecordOp.Kind.RESTORE), kinds(old));
        assertEquals("1", old.ops().get(0).fenceRecordId());
        assertEquals(Marker.Kind.RESTORING, Marker.parse(old.ops().get(0).fenceRemark()).kind());
        assertEquals("a remark longer than eighteen chars", old.ops().get(1).remark());
        assertEquals("CNAME", old.ops().get(1).type());
        assertFalse(old.keepsIntentTag());

        // without the tag the same records are a person's: left alone
        assertEquals(List.of(), kinds(ToCdnPlanner.plan(WWW, records, CDN, NOW, null)));
    }

    @Test
    void inTheUndosOutageModeTheRestoreWritesNoRestoringMarkerAndItsRemarkLater() {
        // given a switched line with an added record
        Marker sw = Marker.switched("A", "203.0.113.10", "web", NOW.minusSeconds(120));
        List<DnsRecord> records = List.of(rec("1", "default", "A", "203.0.113.10", sw.encode()),
                rec("2", "default", "A", "203.0.113.11", Marker.added("A", "203.0.113.11").encode()));
        // when dns-to-cdn plans in outage mode (its restoring tag about to be written)
        HostPlan p = ToCdnPlanner.plan(WWW, records, CDN, NOW, null, new ToCdnPlanner.Undo(false, null, true));
        // then the added record is deleted and the switched one updated back with no fence, its original remark later
        assertEquals(List.of(RecordOp.Kind.DELETE, RecordOp.Kind.RESTORE), kinds(p));
        assertEquals(null, p.ops().get(0).fenceRecordId());
        assertTrue(p.ops().get(1).markLater());
        assertEquals("web", p.ops().get(1).remark());
        // and marker-first (no outage mode) the restoring marker still goes first
        HostPlan first = ToCdnPlanner.plan(WWW, records, CDN, NOW, null, null);
        assertEquals("1", first.ops().get(0).fenceRecordId());
        assertFalse(first.ops().get(1).markLater());
    }

    @Test
    void underItsRestoringTagTheUndoTakesAMarkedCdnCnameForItsOwnHalfDoneRestoreUnlessTheMarkerIsNewer() {
        // given a record already back on the CDN CNAME with a young switched marker
        Marker sw = Marker.switched("A", "203.0.113.10", "web", NOW.minusSeconds(120));
        List<DnsRecord> records = List.of(rec("1", "default", "CNAME", CDN, sw.encode()));
        // when the domain carries no restoring tag, then it is a switch in flight: left alone
        assertEquals(List.of(), kinds(ToCdnPlanner.plan(WWW, records, CDN, NOW, null, null)));
        // when it carries the undo's restoring tag written after the marker, then it is the undo's own: the remark restored
        HostPlan own = ToCdnPlanner.plan(WWW, records, CDN, NOW, null, new ToCdnPlanner.Undo(true, NOW.minusSeconds(60), true));
        assertEquals(List.of(RecordOp.Kind.UNMARK), kinds(own));
        assertEquals("web", own.ops().get(0).remark());
        // when the marker is newer than the tag (a dns-to-origin switched the line again since), then it is left alone
        HostPlan newer = ToCdnPlanner.plan(WWW, records, CDN, NOW, null, new ToCdnPlanner.Undo(true, NOW.minusSeconds(600), true));
        assertEquals(List.of(), kinds(newer));
        assertEquals(1, newer.leftAlone().size());
    }
}
