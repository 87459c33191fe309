package io.cdnlifeline.reliability;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.event.RequestParser;
import io.cdnlifeline.handler.DnsToCdnHandler;
import io.cdnlifeline.handler.DnsToOriginHandler;
import io.cdnlifeline.handler.LifelineHandler;
import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.FcAsyncRequest;
import io.cdnlifeline.sandbox.Limits;
import io.cdnlifeline.testing.SandboxCloud;
import io.cdnlifeline.testing.SeedBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, "never die at the timeout", through the FC handler: a run whose time limit is far too short for the outage
 * stops starting new domains before its deadline, hands the rest to an asynchronous invocation of the same function
 * (FC InvokeFunction, V3-signed, which the local FC holds for the test; the test runs each one, as FC would), and the rounds end
 * in exactly the state one long run reaches — for the switch and for the undo.
 */
class ContinuationTest {
    private static final int DOMAINS = 80;
    private static final int SHORT_LIMIT_MS = 2_500;

    /** An overdue account: {@code DOMAINS} offline domains (CDN and DCDN in turn), a CNAME record each, three zones. */
    private static String seed() {
        SeedBuilder seed = new SeedBuilder().debt(true, true);
        for (int z = 0; z < 3; z++) seed.zone("z" + z + ".test");
        for (int i = 0; i < DOMAINS; i++) {
            String zone = "z" + (i % 3) + ".test";
            String name = "s" + i + "." + zone;
            boolean dcdn = i % 2 == 1;
            if (dcdn) seed.dcdn(name, "offline", "global", true);
            else seed.cdn(name, "offline", "domestic", true);
            seed.record(zone, "s" + i, "CNAME", name + (dcdn ? ".w.kunluncan.com" : ".w.kunlunsl.com"), i % 5 == 0 ? "web" : null);
        }
        return seed.json();
    }

    /** One invocation through the FC handler with the given time limit; the Report. */
    private static JsonObject invoke(Supplier<LifelineHandler> handler, SandboxCloud sc, String event, int limitMs) throws Exception {
        Settings settings = sc.settings().toBuilder().concurrency(4).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FakeContext context = new FakeContext("continuation", SandboxCloud.SANDBOX_KEYS.accessKeyId(),
                SandboxCloud.SANDBOX_KEYS.accessKeySecret(), null, limitMs);
        try {
            handler.get().with(settings, sc.cloud()).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (io.cdnlifeline.handler.RemediationFailedException failed) {
            // the Report was written first; the test looks at its failures
        }
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** Runs the event, then every continuation the function asked FC for, as FC would; the Reports in order. */
    private static List<JsonObject> runToTheEnd(Supplier<LifelineHandler> handler, SandboxCloud sc, String event, int limitMs) throws Exception {
        List<JsonObject> reports = new ArrayList<>();
        reports.add(invoke(handler, sc, event, limitMs));
        for (int guard = 0; guard < 100; guard++) {
            List<FcAsyncRequest> asked = sc.sandbox().takeFcAsyncRequests();
            if (asked.isEmpty()) return reports;
            assertEquals(1, asked.size(), "one continuation per round: " + asked);
            assertEquals("lifeline-test", asked.get(0).function, "the same function continues");
            reports.add(invoke(handler, sc, asked.get(0).payload, limitMs));
        }
        throw new AssertionError("more than 100 rounds");
    }

    /** Every record of every zone, with the marker's write time left out (two runs write at different minutes). */
    private static List<String> records(SandboxCloud sc) {
        JsonObject state = JsonParser.parseString(sc.sandbox().stateJson()).getAsJsonObject();
        List<String> out = new ArrayList<>();
        for (JsonElement z : state.getAsJsonArray("dns")) {
            for (JsonElement r : z.getAsJsonObject().getAsJsonArray("records")) {
                JsonObject o = r.getAsJsonObject();
                String remark = o.has("remark") && !o.get("remark").isJsonNull() ? o.get("remark").getAsString() : "";
                out.add(z.getAsJsonObject().get("zone").getAsString() + " " + o.get("rr").getAsString() + " " + o.get("type").getAsString()
                        + " " + o.get("value").getAsString() + " " + o.get("ttl").getAsString() + " " + o.get("line").getAsString()
                        + " " + remark.replaceAll("(lifeline:[a-z]+:[0-9a-f]{6})\\.[0-9a-z]{5}", "$1"));
            }
        }
        out.sort(null);
        return out;
    }

    private static List<Long> durations(List<JsonObject> reports) {
        List<Long> out = new ArrayList<>();
        for (JsonObject r : reports) out.add(r.get("durationMs").getAsLong());
        return out;
    }

    private static int summary(JsonObject report, String field) {
        return report.getAsJsonObject("summary").get(field).getAsInt();
    }

    private static void bringBackOnlineAndPay(SandboxCloud sc) {
        sc.sandbox().update(s -> {
            for (Domain d : s.cdn) d.status = "online";
            for (Domain d : s.dcdn) d.status = "online";
            s.account.inDebt = false;
            s.account.inDebtOverdue = false;
        });
    }

    @Test
    void aDeadlineTooShortForTheOutageEndsInTheStateOfOneLongRunForTheSwitchAndTheUndo() throws Exception {
        // given the same overdue account twice, 40 ms per call in the short one
        try (SandboxCloud shortRuns = SandboxCloud.start(seed()); SandboxCloud longRun = SandboxCloud.start(seed())) {
            shortRuns.sandbox().fcHoldAsync(FakeContext.FUNCTION);
            longRun.sandbox().fcHoldAsync(FakeContext.FUNCTION);
            shortRuns.sandbox().setLimits(new Limits(40, false));
            List<String> before = records(shortRuns);
            // (a dry run first, so the short limit measures a warm instance, not this JVM's class loading)
            invoke(DnsToOriginHandler::new, shortRuns, "{\"dryRun\": true}", 600_000);
            shortRuns.sandbox().takeFcAsyncRequests();

            // when dns-to-origin runs from the OverduePayment timer with a 2.5 s time limit, continuations included,
            // and once with ten minutes
            String timer = "{\"triggerTime\":\"2026-12-02T07:00:00Z\",\"triggerName\":\"lifeline-timer\",\"payload\":\"\"}";
            List<JsonObject> rounds = runToTheEnd(DnsToOriginHandler::new, shortRuns, timer, SHORT_LIMIT_MS);
            List<JsonObject> one = runToTheEnd(DnsToOriginHandler::new, longRun, timer, 600_000);

            // then the short runs took several rounds, each but the last saying what it left
            assertEquals(1, one.size(), "ten minutes are enough for one run");
            assertTrue(rounds.size() >= 3, rounds.size() + " rounds: " + rounds);
            int applied = 0;
            int lastLeft = Integer.MAX_VALUE;
            for (int i = 0; i < rounds.size(); i++) {
                JsonObject r = rounds.get(i);
                assertEquals(0, summary(r, "failed"), r.toString());
                applied += summary(r, "applied");
                // each continuation says which round it is (its digest repeats it); the first run is none
                if (i == 0) assertFalse(r.has("continues"), r.toString());
                else assertEquals("round " + (i + 1), r.get("continues").getAsString(), r.toString());
                if (i < rounds.size() - 1) {
                    JsonObject c = r.getAsJsonObject("continued");
                    assertEquals(i + 2, c.get("round").getAsInt(), r.toString());
                    assertTrue(c.get("left").getAsInt() > 0 && c.get("left").getAsInt() < lastLeft, r.toString());
                    lastLeft = c.get("left").getAsInt();
                    assertTrue(r.get("durationMs").getAsLong() < SHORT_LIMIT_MS, "round " + (i + 1) + " ends before its time limit: " + durations(rounds));
                } else {
                    assertFalse(r.has("continued"), r.toString());
                }
            }
            // every domain switched exactly once over the rounds, and the account is what the long run made it
            assertEquals(DOMAINS, applied);
            assertEquals(DOMAINS, summary(one.get(0), "applied"));
            assertEquals(records(longRun), records(shortRuns));
            assertNotEquals(before, records(shortRuns));
            assertEquals(rounds.size() - 1, shortRuns.requests("InvokeFunction").size(), "one async InvokeFunction per continuation");
            assertTrue(shortRuns.requests("InvokeFunction").stream().allMatch(c -> c.httpStatus == 202 && "V3".equals(c.signature)),
                    "FC 3.0 InvokeFunction, V3-signed, answered 202");

            // and when the bill is paid and the domains are back, the undo with the same short limit ends where one long undo does
            bringBackOnlineAndPay(shortRuns);
            bringBackOnlineAndPay(longRun);
            String undo = "{\"maxChanges\": 1000}";
            List<JsonObject> undoRounds = runToTheEnd(DnsToCdnHandler::new, shortRuns, undo, SHORT_LIMIT_MS);
            runToTheEnd(DnsToCdnHandler::new, longRun, undo, 600_000);
            assertTrue(undoRounds.size() >= 2, undoRounds.size() + " rounds: " + undoRounds);
            for (JsonObject r : undoRounds) assertEquals(0, summary(r, "failed"), r.toString());
            assertEquals(records(longRun), records(shortRuns));
            assertEquals(before, records(shortRuns), "the undo restores exactly");
        }
    }

    @Test
    void theContinuationPayloadIsAnOrdinaryRequestParsedAsStrictly() throws Exception {
        // given a short run that continued
        try (SandboxCloud sc = SandboxCloud.start(seed())) {
            sc.sandbox().fcHoldAsync(FakeContext.FUNCTION);
            sc.sandbox().setLimits(new Limits(40, false));
            invoke(DnsToOriginHandler::new, sc, "{\"reason\": \"arrears\"}", SHORT_LIMIT_MS);
            List<FcAsyncRequest> asked = sc.sandbox().takeFcAsyncRequests();
            assertEquals(1, asked.size());

            // when its payload is read as any Request
            Request next = RequestParser.parse(asked.get(0).payload);

            // then it keeps the original request's fields and says where to go on
            assertEquals("arrears", next.reason());
            assertEquals(2, next.continuation().round());
            assertFalse(next.continuation().after().isEmpty(), next.toString());
            assertEquals(next, RequestParser.parse(next.toString()), "written and read back the same");
        }
    }

    @Test
    void whenFcRefusesTheContinuationTheRunFailsSoFcRetriesIt() throws Exception {
        // given a short run whose FC credentials are wrong (the cloud's own calls go through the test's cloud)
        try (SandboxCloud sc = SandboxCloud.start(seed())) {
            sc.sandbox().fcHoldAsync(FakeContext.FUNCTION);
            sc.sandbox().setLimits(new Limits(40, false));
            Settings settings = sc.settings().toBuilder().concurrency(4).build();
            FakeContext context = new FakeContext("refused", SandboxCloud.SANDBOX_KEYS.accessKeyId(), "not-the-secret", null, SHORT_LIMIT_MS);
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            // when the run stops at its deadline and asks FC for the continuation
            io.cdnlifeline.handler.RemediationFailedException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                    io.cdnlifeline.handler.RemediationFailedException.class,
                    () -> new DnsToOriginHandler().with(settings, sc.cloud()).handleRequest(
                            new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), out, context));

            // then the Report names the refused continuation, does not claim one, and the invocation fails for FC's retry
            JsonObject r = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
            assertFalse(r.has("continued"), r.toString());
            assertTrue(r.toString().contains("\"action\":\"continue\"") && r.toString().contains("SignatureDoesNotMatch"), r.toString());
            assertTrue(summary(r, "applied") > 0, "what the round did stays done: " + r);
            assertTrue(sc.sandbox().fcAsyncRequests().isEmpty());
            assertTrue(thrown.getMessage().contains("failed"), thrown.getMessage());
        }
    }
}
