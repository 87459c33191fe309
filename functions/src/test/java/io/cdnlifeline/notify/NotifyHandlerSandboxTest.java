package io.cdnlifeline.notify;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.origin.OriginCheck;
import io.cdnlifeline.event.BadInputException;
import io.cdnlifeline.handler.DisableDomainHandler;
import io.cdnlifeline.handler.DnsToOriginHandler;
import io.cdnlifeline.handler.LifelineHandler;
import io.cdnlifeline.handler.RemediationFailedException;
import io.cdnlifeline.reliability.FakeContext;
import io.cdnlifeline.testing.SandboxCloud;
import io.cdnlifeline.testing.SeedBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notify step through the FC handler, against the sandbox and a local receiver: what the people hear of a
 * real run, and that a receiver failing or hanging changes neither the run's outcome nor its duration beyond the
 * notify timeout.
 */
class NotifyHandlerSandboxTest {
    private static final String SECRET = "whsec-do-not-print";
    private static final String TOKEN = "tok-do-not-print";
    private static final String TIMER = "{\"triggerTime\":\"2026-12-02T03:05:00Z\",\"triggerName\":\"every-5-minutes\","
            + "\"payload\":\"{\\\"when\\\":[\\\"offline\\\",\\\"in-debt\\\"],\\\"reason\\\":\\\"every 5 minutes\\\"}\"}";

    @BeforeEach
    void forget() {
        NotifyMemory.forgetInstance();
    }

    /** One offline CDN domain whose record still points at its CDN CNAME: dns-to-origin has one change to make. */
    private static String seed() {
        SeedBuilder seed = new SeedBuilder().zone("example.com");
        seed.cdn("www.example.com", "offline", "domestic", true);
        seed.record("example.com", "www", "CNAME", "www.example.com.w.kunlunsl.com", null);
        seed.cdn("img.example.com", "online", "domestic", true);
        seed.record("example.com", "img", "CNAME", "img.example.com.w.kunlunsl.com", null);
        return seed.json();
    }

    private static Settings settings(SandboxCloud sc, Receiver r, String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("LIFELINE_NOTIFY_WEBHOOK", r.url("/hook?token=" + TOKEN));
        env.put("LIFELINE_NOTIFY_WEBHOOK_SECRET", SECRET);
        for (int i = 0; i < more.length; i += 2) env.put(more[i], more[i + 1]);
        // the sandbox account's origins are documentation addresses: this test is not about the origin check
        return Settings.fromMap(env).toBuilder().endpoint(sc.sandbox().endpoint()).originCheck(OriginCheck.OFF).build();
    }

    private static JsonObject invoke(LifelineHandler h, String event, FakeContext ctx) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            h.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, ctx);
        } catch (RemediationFailedException expectedWhenAChangeFailed) {
            // the Report was written first, as FC sees it
            throw expectedWhenAChangeFailed;
        }
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    void aRunThatSwitchedDnsIsToldOnceAndTheNextNoOpRunTellsNothing() throws Exception {
        try (SandboxCloud sc = SandboxCloud.start(seed()); Receiver hook = Receiver.start().answering(200, "{}")) {
            LifelineHandler h = new DnsToOriginHandler().with(settings(sc, hook), sc.cloud());
            // when the timer finds the offline domain
            JsonObject report = invoke(h, TIMER, FakeContext.onRetry("req-1", 0));
            // then the record was switched and the webhook heard of it, signed
            assertEquals(1, report.getAsJsonObject("summary").get("applied").getAsInt());
            assertEquals(1, hook.got().size());
            JsonObject digest = JsonParser.parseString(hook.got().get(0).text()).getAsJsonObject();
            assertEquals("timer:every-5-minutes", digest.get("trigger").getAsString());
            assertEquals("req-1", digest.get("requestId").getAsString());
            assertEquals("www.example.com", digest.getAsJsonArray("domains").get(0).getAsJsonObject().get("domain").getAsString());
            assertTrue(hook.got().get(0).headers.get("X-Lifeline-Signature").startsWith("sha256="));
            assertTrue(report.get("notes").toString().contains("notify: digest sent to webhook"), report.toString());
            // when the timer runs again: the record is already at the origin, nothing is new
            JsonObject again = invoke(h, TIMER, FakeContext.onRetry("req-2", 0));
            assertEquals(0, again.getAsJsonObject("summary").get("applied").getAsInt());
            assertEquals(1, again.getAsJsonObject("summary").get("unchanged").getAsInt());
            // then nothing more is sent
            assertEquals(1, hook.got().size());
        }
    }

    @Test
    void aLockedRecordIsToldAsNeedingAHumanBesideWhatWasSwitched() throws Exception {
        // given www.example.com offline with three lines, one of them locked, and img.example.com offline too
        SeedBuilder b = new SeedBuilder().zone("example.com");
        b.cdn("www.example.com", "offline", "domestic", true);
        b.cdn("img.example.com", "offline", "global", true);
        b.record("example.com", "www", "CNAME", "www.example.com.w.kunlunsl.com", null);
        b.record("example.com", "img", "CNAME", "img.example.com.w.kunlunsl.com", null);
        JsonObject seed = JsonParser.parseString(b.json()).getAsJsonObject();
        com.google.gson.JsonArray records = seed.getAsJsonArray("dns").get(0).getAsJsonObject().getAsJsonArray("records");
        for (String line : new String[] {"telecom", "unicom"}) {
            JsonObject r = records.get(0).getAsJsonObject().deepCopy();
            r.addProperty("recordId", line.equals("telecom") ? "1011" : "1012");
            r.addProperty("line", line);
            if (line.equals("unicom")) r.addProperty("locked", true);
            records.add(r);
        }
        java.util.List<String> chat = new java.util.ArrayList<>();
        try (SandboxCloud sc = SandboxCloud.start(seed.toString())) {
            Settings s = Settings.builder().endpoint(sc.sandbox().endpoint()).originCheck(OriginCheck.OFF)
                    .notifications(NotifySettings.builder().preview(chat::add).build()).build();
            // when the 5-minute timer runs
            invoke(new DnsToOriginHandler().with(s, sc.cloud()), TIMER, FakeContext.onRetry("7f3a9c1e-example", 0));
        }
        // then one digest says what was switched and that the locked line needs a human
        assertEquals(1, chat.size());
        String digest = chat.get(0);
        System.out.println("digest:\n" + digest);
        assertTrue(digest.startsWith("cdn-lifeline dns-to-origin: applied 3, needs a human 1"), digest);
        assertTrue(digest.contains("needs a human: alidns:example.com/www/unicom/CNAME (record 1012, www.example.com.w.kunlunsl.com) is locked"), digest);
        assertTrue(digest.contains("trigger timer:every-5-minutes · request 7f3a9c1e-example"), digest);
    }

    @Test
    void aReceiverAnswering500ChangesNotTheOutcomeAndIsNotedWithoutSecrets() throws Exception {
        try (SandboxCloud sc = SandboxCloud.start(seed()); Receiver hook = Receiver.start().answering(500, "boom")) {
            FakeContext ctx = FakeContext.onRetry("req-500", 0);
            LifelineHandler h = new DnsToOriginHandler().with(settings(sc, hook), sc.cloud());
            // when the run succeeds but the receiver fails every time
            JsonObject report = invoke(h, TIMER, ctx);
            // then the run is the same success (no exception: FC does not retry), retried briefly, noted and audited
            assertEquals(1, report.getAsJsonObject("summary").get("applied").getAsInt());
            assertEquals(Sender.MAX_ATTEMPTS, hook.got().size());
            String note = "notify: webhook did not take the digest: the receiver answered HTTP 500 (3 attempt(s)); the remediation is not affected";
            assertTrue(report.get("notes").toString().contains(note), report.get("notes").toString());
            assertTrue(ctx.logged().stream().anyMatch(l -> l.contains(note)), "the audit log says so too");
            String everything = report + String.join("\n", ctx.logged());
            assertFalse(everything.contains(SECRET), "the signing secret is never printed");
            assertFalse(everything.contains(TOKEN), "the URL's token is never printed");
        }
    }

    @Test
    void aHangingReceiverCostsTheRunAtMostTheNotifyTimeout() throws Exception {
        try (SandboxCloud sc = SandboxCloud.start(seed()); Receiver hook = Receiver.start().hanging()) {
            LifelineHandler h = new DnsToOriginHandler().with(settings(sc, hook, "LIFELINE_NOTIFY_TIMEOUT", "800ms"), sc.cloud());
            long t = System.nanoTime();
            JsonObject report = invoke(h, TIMER, FakeContext.onRetry("req-hang", 0));
            long total = (System.nanoTime() - t) / 1_000_000;
            long run = report.get("durationMs").getAsLong();
            // then the run succeeded, and what the notify step added stayed within its timeout (plus scheduling slack)
            assertEquals(1, report.getAsJsonObject("summary").get("applied").getAsInt());
            assertTrue(total - run < 800 + 1_500, "notify took " + (total - run) + " ms with a timeout of 800 ms");
            assertTrue(report.get("notes").toString().contains("notify: webhook did not take the digest: no answer within the notify timeout"),
                    report.get("notes").toString());
        }
    }

    @Test
    void aFailingRunStillFailsForFcAndIsToldOnlyOnItsLastAttempt() throws Exception {
        try (SandboxCloud sc = SandboxCloud.start(seed()); Receiver hook = Receiver.start().answering(200, "{}")) {
            LifelineHandler h = new DnsToOriginHandler().with(settings(sc, hook, "LIFELINE_ASYNC_RETRIES", "2"), sc.cloud());
            sc.sandbox().setFaults("{\"errorRate\":1.0,\"seed\":1}");
            // when the first attempt fails: the handler throws so FC retries, and nobody is told yet
            assertThrows(RemediationFailedException.class, () -> invoke(h, TIMER, FakeContext.onRetry("req-f", 0)));
            assertEquals(0, hook.got().size());
            // when the last attempt fails too
            assertThrows(RemediationFailedException.class, () -> invoke(h, TIMER, FakeContext.onRetry("req-f", 2)));
            // then one message says it failed after FC's retries, and the handler still throws
            assertEquals(1, hook.got().size());
            JsonObject digest = JsonParser.parseString(hook.got().get(0).text()).getAsJsonObject();
            assertEquals("failed-after-retries", digest.get("kind").getAsString());
            assertTrue(digest.getAsJsonObject("counts").get("failed").getAsInt() >= 1, digest.toString());
        }
    }

    @Test
    void anInvocationThatCrashesOnItsLastAttemptReachesTheChannelsInOneMessage() throws Exception {
        try (SandboxCloud sc = SandboxCloud.start(seed()); Receiver hook = Receiver.start().answering(200, "{}")) {
            LifelineHandler h = new DisableDomainHandler().with(settings(sc, hook, "LIFELINE_ASYNC_RETRIES", "3"), sc.cloud());
            // a timer that asks disable-domain to act on the whole account by default: refused as bad input, every time
            String event = "{\"triggerTime\":\"2026-12-02T03:05:00Z\",\"triggerName\":\"misconfigured\",\"payload\":\"{}\"}";
            for (int retry = 0; retry <= 3; retry++) {
                final int r = retry;
                assertThrows(BadInputException.class, () -> invoke(h, event, FakeContext.onRetry("req-c", r)));
            }
            assertEquals(1, hook.got().size(), "one message, on the last attempt");
            JsonObject digest = JsonParser.parseString(hook.got().get(0).text()).getAsJsonObject();
            assertEquals("failed-after-retries", digest.get("kind").getAsString());
            assertEquals("timer:misconfigured", digest.get("trigger").getAsString());
            assertTrue(digest.get("error").getAsString().startsWith("BadInputException: disable-domain acts on every domain"), digest.toString());
        }
    }
}
