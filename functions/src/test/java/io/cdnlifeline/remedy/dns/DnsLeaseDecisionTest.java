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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The intent markers' lease, decision by decision: what each DNS planner does when it meets the opposite
 * remedy's marker younger than the lease (a run that may be in flight) and older (a run that died).
 */
class DnsLeaseDecisionTest {
    private static final String CDN = "www.example.com.w.kunlunsl.com";
    private static final DnsHost WWW = new DnsHost("example.com", "www");
    private static final String ORIGIN = "203.0.113.10";
    private static final String EXTRA = "203.0.113.11";
    private static final Instant NOW = Instant.parse("2026-11-22T06:30:00Z");
    /** Written a minute ago: its run may still be going. */
    private static final Instant FRESH = NOW.minusSeconds(60);
    /** Written longer ago than the lease: its run is dead (FC ends every run within 300 s). */
    private static final Instant STALE = NOW.minus(MarkerLease.LEASE).minusSeconds(60);

    private static DnsRecord rec(String id, String type, String value, String remark) {
        return new DnsRecord(id, "example.com", "www", type, value, 600, "default", "ENABLE", false, remark);
    }

    private static OriginValues origins(String... ips) {
        List<Origin> os = new ArrayList<>();
        for (String ip : ips) os.add(new Origin("ipaddr", ip, 80, "20", "10", true));
        return OriginValues.of(os);
    }

    private static List<RecordOp.Kind> kinds(HostPlan p) {
        List<RecordOp.Kind> ks = new ArrayList<>();
        for (RecordOp op : p.ops()) ks.add(op.kind());
        return ks;
    }

    private static Marker switched(Instant at) {
        return Marker.switched("A", ORIGIN, "office", at);
    }

    private static Marker restoring(Instant at) {
        return switched(at).restoring(at);
    }

    @Test
    void dnsToCdnLeavesAYoungSwitchNotYetMadeAlone() {
        // given a record dns-to-origin marked a minute ago and has not switched yet
        List<DnsRecord> records = List.of(rec("1", "CNAME", CDN, switched(FRESH).encode()));
        // when dns-to-cdn plans
        HostPlan undo = ToCdnPlanner.plan(WWW, records, CDN, NOW);
        // then it writes nothing and says a switch is in progress
        assertFalse(undo.writes(), undo.ops().toString());
        assertEquals(1, undo.leftAlone().size());
        assertTrue(undo.leftAlone().get(0).contains("a switch is in progress"), undo.leftAlone().get(0));
    }

    @Test
    void dnsToCdnClearsTheMarkerOfASwitchThatDied() {
        // given a record marked longer ago than the lease, still the CDN CNAME
        List<DnsRecord> records = List.of(rec("1", "CNAME", CDN, switched(STALE).encode()));
        // when dns-to-cdn plans
        HostPlan undo = ToCdnPlanner.plan(WWW, records, CDN, NOW);
        // then it puts the original remark back
        assertEquals(List.of(RecordOp.Kind.UNMARK), kinds(undo));
        assertEquals("office", undo.ops().get(0).remark());
    }

    @Test
    void dnsToCdnFencesTheLineWithARestoringMarkerBeforeItsFirstWrite() {
        // given a line switched with an extra record added, of any age
        List<DnsRecord> records = List.of(rec("1", "A", ORIGIN, switched(FRESH).encode()), rec("2", "A", EXTRA, Marker.added("A", EXTRA).encode()));
        // when dns-to-cdn plans
        HostPlan undo = ToCdnPlanner.plan(WWW, records, CDN, NOW);
        // then the first op (the delete of the added record) first writes the restoring marker of now on the switched record
        assertEquals(List.of(RecordOp.Kind.DELETE, RecordOp.Kind.RESTORE), kinds(undo));
        assertEquals("1", undo.ops().get(0).fenceRecordId());
        assertEquals(switched(FRESH).restoring(NOW).encode(), undo.ops().get(0).fenceRemark());
        assertNull(undo.ops().get(1).fenceRecordId());
        // and the restore still ends with the original remark
        assertEquals("office", undo.ops().get(1).remark());
    }

    @Test
    void dnsToCdnContinuesARestoreOfAnyAgeAndRenewsAStaleOne() {
        // given a restore that stopped after its fence, a minute ago and long ago
        HostPlan young = ToCdnPlanner.plan(WWW, List.of(rec("1", "A", ORIGIN, restoring(FRESH).encode())), CDN, NOW);
        HostPlan old = ToCdnPlanner.plan(WWW, List.of(rec("1", "A", ORIGIN, restoring(STALE).encode())), CDN, NOW);
        // then both are continued; the young marker is kept, the old one renewed first
        assertEquals(List.of(RecordOp.Kind.RESTORE), kinds(young));
        assertNull(young.ops().get(0).fenceRecordId());
        assertEquals(List.of(RecordOp.Kind.RESTORE), kinds(old));
        assertEquals(restoring(NOW).encode(), old.ops().get(0).fenceRemark());
        // and a restoring marker on a record already back on the CDN only needs the original remark back
        HostPlan last = ToCdnPlanner.plan(WWW, List.of(rec("1", "CNAME", CDN, restoring(FRESH).encode())), CDN, NOW);
        assertEquals(List.of(RecordOp.Kind.UNMARK), kinds(last));
        assertEquals("office", last.ops().get(0).remark());
    }

    @Test
    void dnsToOriginLeavesAYoungRestoreAlone() {
        // given a line dns-to-cdn is switching back (restoring marker of a minute ago), before and after its update
        for (DnsRecord r : List.of(rec("1", "A", ORIGIN, restoring(FRESH).encode()), rec("1", "CNAME", CDN, restoring(FRESH).encode()))) {
            // when dns-to-origin plans
            HostPlan p = ToOriginPlanner.plan(WWW, List.of(r), CDN, origins(ORIGIN, EXTRA), NOW);
            // then it writes nothing (in particular it does not re-add the extra record) and says why
            assertFalse(p.writes(), p.ops().toString());
            assertTrue(p.leftAlone().get(0).contains("a restore is in progress"), p.leftAlone().get(0));
        }
    }

    @Test
    void dnsToOriginTakesOverARestoreThatDied() {
        // given a restore that died before its update (the record still the origin) and one that died after it
        HostPlan beforeUpdate = ToOriginPlanner.plan(WWW, List.of(rec("1", "A", ORIGIN, restoring(STALE).encode())), CDN, origins(ORIGIN, EXTRA), NOW);
        HostPlan afterUpdate = ToOriginPlanner.plan(WWW, List.of(rec("1", "CNAME", CDN, restoring(STALE).encode())), CDN, origins(ORIGIN, EXTRA), NOW);
        // then the first is marked as switched again (original kept) and its extra record added back
        assertEquals(List.of(RecordOp.Kind.ADOPT, RecordOp.Kind.ADD), kinds(beforeUpdate));
        assertEquals(switched(NOW).encode(), beforeUpdate.ops().get(0).remark());
        // and the second is switched again under a switched marker of now, the original kept
        assertEquals(List.of(RecordOp.Kind.SWITCH, RecordOp.Kind.ADD), kinds(afterUpdate));
        assertEquals(switched(NOW).encode(), afterUpdate.ops().get(0).remark());
        assertEquals("office", Marker.parse(afterUpdate.ops().get(0).remark()).original());
    }

    @Test
    void dnsToOriginCompletesAYoungSwitchWithoutRewritingItsMarker() {
        // given a marker of a minute ago on the CDN CNAME (this run's own interrupted attempt, or a concurrent one)
        String marker = switched(FRESH).encode();
        // when dns-to-origin plans
        HostPlan p = ToOriginPlanner.plan(WWW, List.of(rec("1", "CNAME", CDN, marker)), CDN, origins(ORIGIN), NOW);
        // then it completes the switch under the same marker (no extra remark write)
        assertEquals(List.of(RecordOp.Kind.SWITCH), kinds(p));
        assertEquals(marker, p.ops().get(0).remark());
    }

    @Test
    void aMarkerIsFreshUntilTheLeaseHasPassed() {
        assertTrue(MarkerLease.fresh(NOW, NOW));
        assertTrue(MarkerLease.fresh(NOW.minus(MarkerLease.LEASE).plusSeconds(1), NOW));
        assertFalse(MarkerLease.fresh(NOW.minus(MarkerLease.LEASE), NOW));
        assertTrue(MarkerLease.fresh(NOW.plusSeconds(120), NOW), "a marker from a clock ahead of ours");
        assertFalse(MarkerLease.fresh(null, NOW), "a marker of the format before times");
    }
}
