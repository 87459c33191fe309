package io.cdnlifeline.remedy;

import com.google.gson.JsonObject;
import io.cdnlifeline.remedy.dns.Marker;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.report.Skip;
import io.cdnlifeline.sandbox.DnsRecord;
import io.cdnlifeline.sandbox.SandboxCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dns-to-origin then dns-to-cdn through the real Aliyun SDK against the sandbox: what each record becomes,
 * that a second run changes nothing, that the round trip restores every record exactly, and how many API
 * calls each domain costs.
 */
class DnsRoundTripSandboxTest {
    @RegisterExtension
    static final DnsWorld world = new DnsWorld();

    private static Report toOriginAll() {
        return world.run("dns-to-origin", DnsWorld.named(DnsWorld.DOMAINS.toArray(new String[0])));
    }

    @Test
    void switchesEveryCdnRecordToTheOriginAndMarksIt() {
        // given every domain offline, when dns-to-origin runs on all of them
        Report r = toOriginAll();

        // then nothing failed and each case came out as the issue says
        assertEquals(0, r.count(ChangeStatus.FAILED), r.toString());
        // apex: the primary IP only (the backup stays a backup); TTL, line, status kept; original remark kept in the marker
        DnsRecord apex = world.record("101");
        assertEquals("A", apex.type);
        assertEquals("203.0.113.10", apex.value);
        assertEquals(600, apex.ttl);
        assertEquals("ENABLE", apex.status);
        assertEquals("apex", Marker.parse(apex.remark).original());
        // www: three lines switched in place, the second primary IP added on each line, the disabled IP and the backup not used
        assertSwitched("111", "A", "203.0.113.20", "default", 600, "Enable");
        assertSwitched("112", "A", "203.0.113.20", "unicom", 300, "ENABLE");
        assertSwitched("113", "A", "203.0.113.20", "telecom", 600, "Enable");
        Map<String, String> www = world.records(DnsWorld.ZONE, "www");
        for (String line : List.of("default", "unicom", "telecom")) {
            long added = www.values().stream().filter(t -> t.contains(" " + line + " A 203.0.113.21 ") && t.contains("remark=lifeline:added:")).count();
            assertEquals(1, added, line + ": " + www);
        }
        assertFalse(www.values().stream().anyMatch(t -> t.contains("203.0.113.22") || t.contains("198.51.100.20")), www.toString());
        // a record a person set on another line is not touched
        assertEquals("example.com www oversea A 192.0.2.80 ttl=600 Enable remark=set by hand", www.get("114"));
        // wildcard with a domain origin and OSS origin: a CNAME to the origin host
        assertSwitched("121", "CNAME", "origin.example.net", "default", 600, "Enable");
        assertSwitched("131", "CNAME", "bucket.oss-cn-hangzhou.aliyuncs.com", "default", 1200, "Enable");
        // IPv6 first: AAAA in place, the IPv4 origin added as an A record
        assertSwitched("141", "AAAA", "2001:db8::10", "default", 600, "Enable");
        assertTrue(world.records(DnsWorld.ZONE, "v6").values().stream().anyMatch(t -> t.contains(" default A 203.0.113.60 ")));
        // DCDN on two lines
        assertSwitched("201", "A", "203.0.113.90", "default", 600, "Enable");
        assertSwitched("202", "A", "203.0.113.90", "oversea", 60, "Enable");
        assertEquals("abroad", Marker.parse(world.record("202").remark).original());
        // locked: the locked line left as it was and reported, the other line switched
        assertEquals("CNAME", world.record("151").type);
        assertEquals("", world.record("151").remark);
        assertSwitched("152", "A", "203.0.113.70", "unicom", 600, "Enable");
        assertSkipped(r, "locked.example.com", "locked");
        // a person pointed it elsewhere, zone not in the account: skipped with the reason
        assertEquals("CNAME elsewhere.example.net", world.record("161").type + " " + world.record("161").value);
        assertSkipped(r, "person.example.com", "points at its CDN CNAME");
        assertSkipped(r, "www.elsewhere.net", "not in this account");
        // other types and hosts untouched
        assertEquals("", world.record("102").remark);
        assertEquals("MX", world.record("171").type);

        // and the report names the record as DESIGN.md does, with before and after
        Change wwwDefault = change(r, "alidns:example.com/www/default/CNAME", "111");
        assertEquals("update", wwwDefault.action());
        assertEquals(ChangeStatus.APPLIED, wwwDefault.status());
        assertEquals("www.example.com.w.kunlunsl.com", wwwDefault.before().get("value").getAsString());
        JsonObject after = wwwDefault.after();
        assertEquals("A", after.get("type").getAsString());
        assertEquals("203.0.113.20", after.get("value").getAsString());
        assertEquals("111", after.get("recordId").getAsString());
        assertEquals("Enable", after.get("status").getAsString());
        assertTrue(after.get("remark").getAsString().startsWith("lifeline:switched:"));
    }

    @Test
    void aSecondRunChangesNothingAndReportsUnchanged() {
        toOriginAll();
        Map<String, String> afterFirst = world.records();
        world.sandbox.clearRequests();

        Report second = toOriginAll();

        assertEquals(afterFirst, world.records());
        assertTrue(world.writes().isEmpty(), world.writes().toString());
        assertTrue(second.changes().size() > 0);
        for (Change c : second.changes()) assertEquals(ChangeStatus.UNCHANGED, c.status(), c.toString());
    }

    @Test
    void dnsToCdnReturnsEveryRecordToExactlyWhatItWas() {
        // given the account as seeded, switched to the origins
        Map<String, String> original = world.records();
        toOriginAll();
        assertFalse(original.equals(world.records()));

        // when the domains are back online and dns-to-cdn runs account-wide with its default selector
        world.setStatus("online");
        Report back = world.run("dns-to-cdn", "{}");

        // then every record is exactly as before: same ids, type, value, TTL, line, status and remark; added ones gone
        assertEquals(0, back.count(ChangeStatus.FAILED), back.toString());
        assertEquals(original, world.records());
        // the locked line was never ours and is left as is; the person's records too
        assertTrue(back.changes().stream().noneMatch(c -> c.domain().equals("person.example.com")));

        // and a second dns-to-cdn finds nothing marked: no write
        world.sandbox.clearRequests();
        Report again = world.run("dns-to-cdn", "{}");
        assertTrue(world.writes().isEmpty(), world.writes().toString());
        assertEquals(0, again.count(ChangeStatus.FAILED));
        assertEquals(original, world.records());
    }

    @Test
    void dnsToCdnNamedTwiceReportsUnchanged() {
        toOriginAll();
        world.setStatus("online");
        world.run("dns-to-cdn", DnsWorld.named("www.example.com"));
        world.sandbox.clearRequests();

        Report again = world.run("dns-to-cdn", DnsWorld.named("www.example.com") .replace("}", ", \"when\": [\"always\"]}"));

        assertTrue(world.writes().isEmpty(), world.writes().toString());
        assertEquals(3, again.count(ChangeStatus.UNCHANGED), again.toString());
    }

    @Test
    void aRecordAPersonChangedAfterTheSwitchIsLeftAloneByTheUndo() {
        // given www switched, then a person points the unicom record at another IP
        world.run("dns-to-origin", DnsWorld.named("www.example.com"));
        world.sandbox.update(s -> s.record("112").value = "192.0.2.99");
        Map<String, String> unicomBefore = new HashMap<>();
        world.records(DnsWorld.ZONE, "www").forEach((id, t) -> {
            if (t.contains(" unicom ")) unicomBefore.put(id, t);
        });
        world.setStatus("online");

        Report back = world.run("dns-to-cdn", DnsWorld.named("www.example.com"));

        // then the other lines are back on the CDN, the unicom line (its added record too) untouched and reported
        assertEquals(0, back.count(ChangeStatus.FAILED), back.toString());
        assertEquals("CNAME www.example.com.w.kunlunsl.com", world.record("111").type + " " + world.record("111").value);
        assertEquals("", world.record("111").remark);
        assertEquals("telecom", world.record("113").line);
        assertEquals("CNAME", world.record("113").type);
        world.records(DnsWorld.ZONE, "www").forEach((id, t) -> {
            if (t.contains(" unicom ")) assertEquals(unicomBefore.get(id), t);
        });
        assertEquals(unicomBefore.size(), world.records(DnsWorld.ZONE, "www").values().stream().filter(t -> t.contains(" unicom ")).count());
        assertSkipped(back, "www.example.com", "changed after lifeline switched it");
    }

    @Test
    void callsPerDomainAreCountedFromTheSandboxLog() {
        // when dns-to-origin runs on named domains
        toOriginAll();
        List<SandboxCall> calls = world.calls();

        // then no read is repeated: the zone list once, each host's records once, each detail once (the detector's)
        assertNoRepeatedReads(calls);
        assertEquals(1, DnsWorld.count(calls, "DescribeDomains"));
        // www: 1 read, per line 1 mark + 1 update for the switch and 1 add + 1 mark for the second IP
        Set<String> wwwIds = world.records(DnsWorld.ZONE, "www").keySet();
        List<SandboxCall> www = world.callsFor(DnsWorld.ZONE, "www", wwwIds);
        assertEquals(1, DnsWorld.count(www, "DescribeSubDomainRecords"));
        assertEquals(3, DnsWorld.count(www, "UpdateDomainRecord"));
        assertEquals(3, DnsWorld.count(www, "AddDomainRecord"));
        assertEquals(6, DnsWorld.count(www, "UpdateDomainRecordRemark"));
        assertEquals(13, www.size(), www.toString());
        // apex: 1 read, 1 mark, 1 update
        List<SandboxCall> apex = world.callsFor(DnsWorld.ZONE, "@", world.records(DnsWorld.ZONE, "@").keySet());
        assertEquals(3, apex.size(), apex.toString());
        // the zone not in the account costs no record read
        assertEquals(0, calls.stream().filter(c -> "www.elsewhere.net".equals(c.params.get("SubDomain"))).count());

        // and account-wide, the paged list has no enabled flag: each target's detail is read once, no more
        world.reset();
        world.run("dns-to-origin", "{}");
        List<SandboxCall> wide = world.calls();
        assertNoRepeatedReads(wide);
        assertEquals(1, wide.stream().filter(c -> "DescribeCdnDomainDetail".equals(c.action)
                && "www.example.com".equals(c.params.get("DomainName"))).count());
        assertEquals(1, DnsWorld.count(wide, "DescribeDomains"));
    }

    @Test
    void theMarkerProbeReadsASharedZoneOnceAndThePlanReusesIt() {
        toOriginAll();
        world.setStatus("online");
        world.sandbox.clearRequests();

        world.run("dns-to-cdn", "{}");

        List<SandboxCall> calls = world.calls();
        assertNoRepeatedReads(calls);
        // example.com holds several candidates: one DescribeDomainRecords, no per-host read
        assertEquals(1, calls.stream().filter(c -> "DescribeDomainRecords".equals(c.action) && "example.com".equals(c.params.get("DomainName"))).count());
        assertEquals(0, calls.stream().filter(c -> "DescribeSubDomainRecords".equals(c.action)
                && c.params.getOrDefault("SubDomain", "").endsWith("example.com")).count());
        // example.org holds one: its host is read by itself
        assertEquals(1, calls.stream().filter(c -> "DescribeSubDomainRecords".equals(c.action)
                && "api.example.org".equals(c.params.get("SubDomain"))).count());
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static void assertSwitched(String id, String type, String value, String line, long ttl, String status) {
        DnsRecord r = world.record(id);
        assertNotNull(r, id);
        assertEquals(type + " " + value + " " + line + " " + ttl + " " + status, r.type + " " + r.value + " " + r.line + " " + r.ttl + " " + r.status, id);
        Marker m = Marker.parse(r.remark);
        assertNotNull(m, id + " remark " + r.remark);
        assertEquals(Marker.Kind.SWITCHED, m.kind());
        assertTrue(m.wrote(type, value));
        assertTrue(r.remark.length() <= Marker.MAX_REMARK);
    }

    private static void assertSkipped(Report r, String domain, String why) {
        for (Skip s : r.skipped()) if (s.domain().equals(domain) && s.why().contains(why)) return;
        throw new AssertionError(domain + " not skipped with '" + why + "': " + r.skipped());
    }

    private static Change change(Report r, String resource, String recordId) {
        for (Change c : r.changes()) {
            if (c.resource().equals(resource) && c.before() != null && recordId.equals(c.before().get("recordId").getAsString())) return c;
        }
        throw new AssertionError("no change of " + resource + " #" + recordId + " in " + r);
    }

    static void assertNoRepeatedReads(List<SandboxCall> calls) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> repeated = new ArrayList<>();
        for (SandboxCall c : calls) {
            if (!c.action.startsWith("Describe") && !c.action.startsWith("Check")) continue;
            String key = c.product + " " + c.action + " " + new java.util.TreeMap<>(c.params);
            if (seen.merge(key, 1, Integer::sum) == 2) repeated.add(key);
        }
        assertTrue(repeated.isEmpty(), "repeated reads: " + repeated);
    }
}
