package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsApi;
import io.cdnlifeline.cloud.DnsRecord;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.BadInputException;
import io.cdnlifeline.handler.DnsToCdnHandler;
import io.cdnlifeline.handler.DnsToOriginHandler;
import io.cdnlifeline.handler.LifelineHandler;
import io.cdnlifeline.handler.RemediationFailedException;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.report.Skip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dry run, maxChanges, the scope guard, failed changes and bad input, for both DNS functions, against the sandbox. */
class DnsGuardsSandboxTest {
    @RegisterExtension
    static final DnsWorld world = new DnsWorld();

    @Test
    void dryRunReportsThePlanAndChangesNothing() {
        Map<String, String> before = world.records();

        Report r = world.run("dns-to-origin", "{\"domains\": [\"www.example.com\"], \"dryRun\": true}");

        assertTrue(r.dryRun());
        assertEquals(6, r.count(ChangeStatus.PLANNED), r.toString());
        assertTrue(world.writes().isEmpty(), world.writes().toString());
        assertEquals(before, world.records());
    }

    @Test
    void maxChangesRefusesAnOversizedRunBeforeAnyChange() {
        Map<String, String> before = world.records();

        Report r = world.run("dns-to-origin", "{\"domains\": [\"www.example.com\", \"example.com\"], \"maxChanges\": 6}");

        assertNotNull(r.refused());
        assertTrue(r.refused().contains("7 changes"), r.refused());
        assertTrue(world.writes().isEmpty(), world.writes().toString());
        assertEquals(before, world.records());
    }

    @Test
    void unchangedRecordsDoNotCountAgainstMaxChanges() {
        world.run("dns-to-origin", DnsWorld.named("www.example.com"));
        world.sandbox.clearRequests();

        Report r = world.run("dns-to-origin", "{\"domains\": [\"www.example.com\"], \"maxChanges\": 0}");

        assertEquals(null, r.refused());
        assertEquals(6, r.count(ChangeStatus.UNCHANGED), r.toString());
        assertTrue(world.writes().isEmpty());
    }

    @Test
    void theScopeGuardSkipsDomainsOutOfScope() {
        Settings scoped = world.settings().toBuilder().scope("*.example.org").build();
        Map<String, String> wwwBefore = world.records(DnsWorld.ZONE, "www");

        Report r = world.run("dns-to-origin", DnsWorld.named("www.example.com", "api.example.org"), world.cloud(), scoped);

        assertEquals(wwwBefore, world.records(DnsWorld.ZONE, "www"));
        assertTrue(r.skipped().stream().anyMatch(s -> s.domain().equals("www.example.com") && s.why().contains("LIFELINE_SCOPE")), r.toString());
        assertEquals("A", world.record("201").type);
    }

    @Test
    void aFailedChangeDoesNotStopTheOthersAndTheHandlerThrowsForTheRetry() throws Exception {
        // given the www default record gets locked by a person between our read and our write
        Cloud real = world.cloud();
        Cloud cloud = new Cloud(real.cdn(), new LockBeforeUpdate(real.dns(), "111"), real.account());
        LifelineHandler handler = new DnsToOriginHandler().with(world.settings(), cloud);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when dns-to-origin runs through the FC handler
        RemediationFailedException thrown = assertThrows(RemediationFailedException.class, () -> handler.handleRequest(
                new ByteArrayInputStream(DnsWorld.named("www.example.com", "example.com").getBytes(StandardCharsets.UTF_8)), out, null));

        // then the report names the cloud's error and request id, and every other line and domain was switched
        Report r = thrown.report();
        List<Change> failed = new java.util.ArrayList<>();
        for (Change c : r.changes()) if (c.status() == ChangeStatus.FAILED) failed.add(c);
        // the locked record, and the add that depended on it on the same line (not attempted); nothing else
        assertEquals(2, failed.size(), r.toString());
        assertEquals("DomainRecordLocked", failed.get(0).error().code());
        assertNotNull(failed.get(0).error().requestId());
        assertEquals("alidns:example.com/www/default/CNAME", failed.get(0).resource());
        assertEquals(io.cdnlifeline.remedy.Applier.NOT_ATTEMPTED, failed.get(1).error().code());
        assertEquals("alidns:example.com/www/default/A", failed.get(1).resource());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("DomainRecordLocked"));
        assertEquals("A", world.record("112").type);
        assertEquals("A", world.record("113").type);
        assertEquals("A", world.record("101").type);

        // and the retry does not fail forever: the locked record is reported, not retried
        Report retry = world.run("dns-to-origin", DnsWorld.named("www.example.com"));
        assertEquals(0, retry.count(ChangeStatus.FAILED), retry.toString());
        assertTrue(retry.skipped().stream().anyMatch(s -> s.why().contains("locked")), retry.toString());
    }

    @Test
    void badInputIsAClearErrorAndNoApiCall() {
        for (LifelineHandler h : List.of(new DnsToOriginHandler(), new DnsToCdnHandler())) {
            h.with(world.settings(), world.cloud());
            assertBad(h, "this is not json", "expected a JSON object");
            assertBad(h, "{\"domains\": \"www.example.com\"}", "domains must be a JSON array");
            assertBad(h, "{\"domains\": [42]}", "must be a string");
            assertBad(h, "{\"when\": [\"sometimes\"]}", "offline");
            assertBad(h, "{\"domains\": [\"not a domain!\"]}", "domain name");
            assertBad(h, "{\"domains\": [\"www.example.com\"], \"dryRun\": \"yes\"}", "dryRun must be true or false");
        }
        assertTrue(world.calls().isEmpty(), world.calls().toString());
    }

    private static void assertBad(LifelineHandler h, String input, String expectedMention) {
        BadInputException e = assertThrows(BadInputException.class, () -> h.handleRequest(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null), input);
        assertTrue(e.getMessage().contains(expectedMention), input + " -> " + e.getMessage());
    }

    @Test
    void aLongOriginalRemarkIsKeptAsFarAsTheMarkerAllowsAndSaidSo() {
        String longRemark = "owned by the web team, ticket OPS-12345 (do not edit)";
        world.sandbox.update(s -> s.record("131").remark = longRemark);

        Report r = world.run("dns-to-origin", DnsWorld.named("img.example.com"));
        assertTrue(r.changes().get(0).note().contains("before.remark"), r.toString());
        assertEquals(longRemark, r.changes().get(0).before().get("remark").getAsString());
        world.setStatus("online");
        Report back = world.run("dns-to-cdn", DnsWorld.named("img.example.com"));

        String restored = world.record("131").remark;
        assertEquals(longRemark.substring(0, io.cdnlifeline.remedy.dns.Marker.MAX_KEPT - 1), restored);
        assertTrue(back.changes().get(0).note().contains("original remark"), back.toString());
    }

    @Test
    void aDomainWithoutMarkersIsNotSelectedByDnsToCdnsDefault() {
        world.setStatus("online");

        Report r = world.run("dns-to-cdn", DnsWorld.named("www.example.com"));

        assertTrue(world.writes().isEmpty());
        Skip s = r.skipped().get(0);
        assertTrue(s.why().contains("remediated"), s.why());
    }

    /** Our DnsApi port over the real adapter: a person locks one record just before our update reaches it. */
    private static final class LockBeforeUpdate implements DnsApi {
        private final DnsApi real;
        private final String recordId;

        LockBeforeUpdate(DnsApi real, String recordId) {
            this.real = real;
            this.recordId = recordId;
        }

        @Override public List<String> zones() throws CloudException { return real.zones(); }
        @Override public List<DnsRecord> subDomainRecords(String zone, String host) throws CloudException { return real.subDomainRecords(zone, host); }
        @Override public DnsRecord record(String recordId) throws CloudException { return real.record(recordId); }
        @Override public List<DnsRecord> zoneRecords(String zone) throws CloudException { return real.zoneRecords(zone); }
        @Override public String addRecord(String zone, String rr, String type, String value, long ttl, String line) throws CloudException {
            return real.addRecord(zone, rr, type, value, ttl, line);
        }
        @Override public void deleteRecord(String id) throws CloudException { real.deleteRecord(id); }
        @Override public void setRemark(String id, String remark) throws CloudException { real.setRemark(id, remark); }

        @Override
        public void updateRecord(String id, String rr, String type, String value, long ttl, String line) throws CloudException {
            if (id.equals(recordId)) world.sandbox.update(s -> s.record(id).locked = true);
            real.updateRecord(id, rr, type, value, ttl, line);
        }
    }
}
