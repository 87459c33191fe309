package io.cdnlifeline.run;

import io.cdnlifeline.config.Settings;
import io.cdnlifeline.handler.DnsToOriginHandler;
import io.cdnlifeline.handler.LifelineHandler;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.testing.SandboxCloud;
import io.cdnlifeline.testing.SeedBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The maxChanges guard and an account-wide arrears outage, through the FC handler with the default settings
 * (maxChanges 50): the guard must not block the outage it exists for, and must still refuse an oversized run that
 * no account-wide cause explains.
 */
class AccountWideGuardTest {
    private static final int DOMAINS = 60;

    /** {@code DOMAINS} offline CDN domains, each with one CNAME record at its CDN CNAME, in one zone. */
    private static String seed(boolean inDebt) {
        SeedBuilder seed = new SeedBuilder().debt(inDebt, inDebt).zone("outage.test");
        for (int i = 0; i < DOMAINS; i++) {
            String name = "s" + i + ".outage.test";
            seed.cdn(name, "offline", "domestic", true);
            seed.record("outage.test", "s" + i, "CNAME", name + ".w.kunlunsl.com", null);
        }
        return seed.json();
    }

    private static JsonObject invoke(SandboxCloud sc, String eventFile) throws Exception {
        Settings defaults = sc.settings();
        assertEquals(50, defaults.maxChanges(), "the test is about the default guard");
        LifelineHandler handler = new DnsToOriginHandler().with(defaults, sc.cloud());
        byte[] event = Files.readAllBytes(events().resolve(eventFile));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static Path events() {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("events")) && Files.isRegularFile(d.resolve("functions/pom.xml"))) return d.resolve("events");
        }
        throw new IllegalStateException("no events/ folder above the working directory");
    }

    private static long recordsAtOrigin(SandboxCloud sc) {
        JsonObject state = JsonParser.parseString(sc.sandbox().stateJson()).getAsJsonObject();
        long n = 0;
        for (JsonElement r : state.getAsJsonArray("dns").get(0).getAsJsonObject().getAsJsonArray("records")) {
            if ("A".equals(r.getAsJsonObject().get("type").getAsString())) n++;
        }
        return n;
    }

    private static int applied(JsonObject report) {
        return report.getAsJsonObject("summary").get("applied").getAsInt();
    }

    private static String refused(JsonObject report) {
        return report.has("refused") ? report.get("refused").getAsString() : null;
    }

    @Test
    void anOverdueAccountOfMoreDomainsThanTheGuardIsRemediatedFromTheNotification() throws Exception {
        // given an overdue account whose 60 domains the cloud took offline
        try (SandboxCloud sc = SandboxCloud.start(seed(true))) {
            // when the OverduePayment notification reaches dns-to-origin with the default settings
            JsonObject r = invoke(sc, "notification-overdue-payment.json");

            // then every domain is switched, and the Report says why the guard let it through
            assertNull(refused(r), r.toString());
            assertEquals(DOMAINS, applied(r), r.toString());
            assertEquals(DOMAINS, recordsAtOrigin(sc));
            String notes = String.valueOf(r.get("notes"));
            assertTrue(notes.contains("does not count " + DOMAINS + " change(s)") && notes.contains("in-debt"), notes);
        }
    }

    @Test
    void theFiveMinuteTimerRemediatesTheSameOutage() throws Exception {
        // given the same outage, found by the timer, which selects offline domains first (the debt may not be read)
        try (SandboxCloud sc = SandboxCloud.start(seed(true))) {
            // when the timer event runs dns-to-origin
            JsonObject r = invoke(sc, "timer-dns-to-origin.json");

            // then the guard reads the debt flags once and lets the confirmed outage through
            assertNull(refused(r), r.toString());
            assertEquals(DOMAINS, applied(r), r.toString());
            assertEquals(DOMAINS, recordsAtOrigin(sc));
            assertTrue(sc.count("DescribeUserCdnStatus") >= 1);
        }
    }

    @Test
    void sixtyOfflineDomainsWithoutDebtAreStillRefused() throws Exception {
        // given 60 offline domains in an account the cloud says is NOT in debt (a detection mistake looks like this)
        try (SandboxCloud sc = SandboxCloud.start(seed(false))) {
            // when the timer runs dns-to-origin with the default guard
            JsonObject r = invoke(sc, "timer-dns-to-origin.json");

            // then the guard refuses the run and nothing is changed
            assertNotNull(refused(r), r.toString());
            assertTrue(refused(r).contains(DOMAINS + " changes"), refused(r));
            assertEquals(0, applied(r));
            assertEquals(0, recordsAtOrigin(sc));
            assertEquals(0, sc.count("UpdateDomainRecord"));
        }
    }
}
