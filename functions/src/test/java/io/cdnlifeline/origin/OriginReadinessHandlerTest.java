package io.cdnlifeline.origin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.handler.DnsToCdnHandler;
import io.cdnlifeline.handler.DnsToOriginHandler;
import io.cdnlifeline.handler.LifelineHandler;
import io.cdnlifeline.reliability.FakeContext;
import io.cdnlifeline.sandbox.DnsRecord;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.cdnlifeline.origin.OriginWorld.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Origin readiness through the FC handler of dns-to-origin, against the sandbox and real origins on 127.15.0.x: each
 * way an origin can fail its visitors is decided as LIFELINE_ORIGIN_CHECK says, the Report and the audit lines carry
 * each probe's result, and dns-to-cdn does not probe at all.
 */
class OriginReadinessHandlerTest {
    @TempDir
    static Path tmp;
    private static OriginWorld world;
    private static String seed;

    @BeforeAll
    static void start() throws Exception {
        world = new OriginWorld(tmp);
        seed = world.sc.sandbox().stateJson();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @BeforeEach
    void fresh() {
        world.sc.sandbox().replaceState(seed);
        world.sc.clearRequests();
    }

    @Test
    void requireSwitchesOnlyTheDomainsWhoseOriginCanServeTheirVisitors() throws Exception {
        // given ten offline domains, two of whose origins serve their visitors as the CDN did
        // when dns-to-origin runs through its FC handler with the default policy, require
        Run run = invoke(new DnsToOriginHandler(), world.settings(OriginCheck.REQUIRE), payload(ALL));
        // then those two are switched, with each probe's result in their changes' notes
        assertEquals("127.15.0.2", valueOf("plain"));
        assertEquals("127.15.0.3", valueOf("tls"), run.report::toString);
        assertTrue(noteOf(run, PLAIN).contains("origin ready: http://127.15.0.2:80 200"), run.report::toString);
        assertTrue(noteOf(run, TLS).contains("https://127.15.0.3:443 200") && noteOf(run, TLS).contains("http://127.15.0.3:80 200"),
                run.report::toString);
        // and every other one stays on its CDN CNAME, skipped with the reason in an operator's words
        Map<String, String> why = skips(run);
        assertEquals(9, why.size(), run.report::toString);
        assertTrue(why.get(WRONG_CERT).contains("origin 127.15.0.4 presents a certificate for origin.example.net, not " + WRONG_CERT
                + ": visitors would get a certificate error"), why.get(WRONG_CERT));
        assertTrue(why.get(WRONG_CERT).contains("(the CDN fetched from this origin over HTTP only)"), why.get(WRONG_CERT));
        assertTrue(why.get(UNTRUSTED).contains("which visitors' browsers do not trust"), why.get(UNTRUSTED));
        assertTrue(why.get(CLOSED).contains("origin 127.15.0.5 refuses connections on port 80"), why.get(CLOSED));
        assertTrue(why.get(DOWN).contains("answers GET / for " + DOWN + " with 503"), why.get(DOWN));
        assertTrue(why.get(SLOW).contains("did not answer within 2500 ms"), why.get(SLOW));
        assertTrue(why.get(OSS).contains("OSS bucket that answers a request for " + OSS + " with 403 SecondLevelDomainForbidden"),
                why.get(OSS));
        assertTrue(why.get(OSS).contains(BUCKET + " (127.15.0.9)"), why.get(OSS));
        assertTrue(why.get(PRIVATE).contains("origin 10.0.0.8 is a private address: visitors on the Internet cannot reach it"),
                why.get(PRIVATE));
        assertTrue(why.get(ODD_PORT).contains("over http on port 8080, which DNS cannot express"), why.get(ODD_PORT));
        assertTrue(why.get(DCDN_HOST).contains("with 503") && why.get(DCDN_HOST).contains("(the CDN sent it Host: internal.origin.test)"),
                why.get(DCDN_HOST));
        for (String d : List.of(WRONG_CERT, UNTRUSTED, CLOSED, DOWN, SLOW, OSS, PRIVATE, ODD_PORT, DCDN_HOST)) {
            assertTrue(why.get(d).startsWith("origin not ready, left on its CDN CNAME: "), why.get(d));
            assertTrue(valueOf(d.substring(0, d.indexOf('.'))).startsWith(d + ".w.kunlun"), d + " must stay on its CDN CNAME");
        }
        // and the audit trail has one line per checked domain with its probes
        for (String d : ALL) {
            assertTrue(run.log.stream().anyMatch(l -> l.contains("origin check " + d + ": ")), d + " has no audit line: " + run.log);
        }
        assertTrue(run.log.stream().anyMatch(l -> l.contains("origin check " + CLOSED + ": not ready")
                && l.contains("probes: http://127.15.0.5:80 connection refused")), run.log::toString);
        // and what the CDN knew was read once per domain about to be switched, the three functions in one call
        assertEquals(ALL.size() - 1, world.sc.count("DescribeCdnDomainConfigs"));
        assertEquals(1, world.sc.count("DescribeDcdnDomainConfigs"));
    }

    @Test
    void warnSwitchesEveryDomainAndSaysWhichOriginsAreNotReady() throws Exception {
        // when the policy is warn
        Run run = invoke(new DnsToOriginHandler(), world.settings(OriginCheck.WARN), payload(List.of(PLAIN, DOWN, CLOSED)));
        // then all three are switched, the not-ready ones with the reason in their changes' notes and a run-wide note
        assertEquals("127.15.0.6", valueOf("down"));
        assertEquals("127.15.0.5", valueOf("closed"));
        assertTrue(noteOf(run, DOWN).startsWith("switched although the origin is not ready (LIFELINE_ORIGIN_CHECK=warn): "),
                noteOf(run, DOWN));
        assertTrue(noteOf(run, DOWN).contains("with 503"), noteOf(run, DOWN));
        assertTrue(noteOf(run, PLAIN).startsWith("origin ready"), noteOf(run, PLAIN));
        assertTrue(run.report.get("notes").toString().contains("2 domain(s) switched although their origin is not ready"),
                run.report::toString);
        assertEquals(0, run.report.getAsJsonArray("skipped").size(), run.report::toString);
    }

    @Test
    void offReadsAndProbesNothing() throws Exception {
        int before = world.originRequests();
        // when the check is off
        Run run = invoke(new DnsToOriginHandler(), world.settings(OriginCheck.OFF), payload(List.of(DOWN, WRONG_CERT)));
        // then both switch, no config was read and no origin was asked anything
        assertEquals(2, run.report.getAsJsonObject("summary").get("applied").getAsInt(), run.report::toString);
        assertEquals(0, world.sc.count("DescribeCdnDomainConfigs"));
        assertEquals(before, world.originRequests());
        assertFalse(run.log.stream().anyMatch(l -> l.contains("origin check")), run.log::toString);
    }

    @Test
    void aDryRunProbesAsARealRunWouldAndChangesNothing() throws Exception {
        Settings dry = world.settings(OriginCheck.REQUIRE).toBuilder().dryRun(true).build();
        Run run = invoke(new DnsToOriginHandler(), dry, payload(List.of(PLAIN, DOWN)));
        assertEquals("planned", run.report.getAsJsonArray("changes").get(0).getAsJsonObject().get("status").getAsString());
        assertTrue(skips(run).get(DOWN).contains("with 503"), run.report::toString);
        assertEquals(PLAIN + ".w.kunlunsl.com", valueOf("plain"));
    }

    @Test
    void restoreIsNotHeldBackByProbes() throws Exception {
        // given two domains switched while the check was off, whose origins are down now
        invoke(new DnsToOriginHandler(), world.settings(OriginCheck.OFF), payload(List.of(DOWN, CLOSED)));
        world.sc.sandbox().update(s -> s.cdn.forEach(d -> d.status = "online"));
        world.sc.clearRequests();
        int before = world.originRequests();
        // when dns-to-cdn runs with the check required
        Run run = invoke(new DnsToCdnHandler(), world.settings(OriginCheck.REQUIRE), "{}");
        // then both go back to the CDN, nothing was probed or read for it
        assertEquals(DOWN + ".w.kunlunsl.com", valueOf("down"), run.report::toString);
        assertEquals(CLOSED + ".w.kunlunsl.com", valueOf("closed"));
        assertEquals(0, world.sc.count("DescribeCdnDomainConfigs"));
        assertEquals(before, world.originRequests());
    }

    @Test
    void aDomainNotAboutToBeSwitchedIsNeitherReadNorProbed() throws Exception {
        // given one domain online (not selected) and one already switched
        world.sc.sandbox().update(s -> s.cdnDomain(DOWN).status = "online");
        invoke(new DnsToOriginHandler(), world.settings(OriginCheck.REQUIRE), payload(List.of(PLAIN)));
        world.sc.clearRequests();
        int before = world.originRequests();
        // when dns-to-origin runs again for both
        Run run = invoke(new DnsToOriginHandler(), world.settings(OriginCheck.REQUIRE), payload(List.of(PLAIN, DOWN)));
        // then neither was read or probed
        assertEquals(0, world.sc.count("DescribeCdnDomainConfigs"), run.report::toString);
        assertEquals(before, world.originRequests());
    }

    private static String valueOf(String rr) {
        return world.sc.sandbox().read(s -> {
            for (DnsRecord r : s.zone(ZONE).records) if (r.rr.equals(rr)) return r.value;
            return null;
        });
    }

    private static Map<String, String> skips(Run run) {
        Map<String, String> out = new HashMap<>();
        for (JsonElement e : run.report.getAsJsonArray("skipped")) {
            out.put(e.getAsJsonObject().get("domain").getAsString(), e.getAsJsonObject().get("why").getAsString());
        }
        return out;
    }

    private static String noteOf(Run run, String domain) {
        for (JsonElement e : run.report.getAsJsonArray("changes")) {
            JsonObject c = e.getAsJsonObject();
            if (c.get("domain").getAsString().equals(domain) && c.has("note")) return c.get("note").getAsString();
        }
        return "";
    }

    private static Run invoke(LifelineHandler handler, Settings settings, String payload) throws Exception {
        FakeContext ctx = new FakeContext("origin-test", SandboxCloud.SANDBOX_KEYS.accessKeyId(), SandboxCloud.SANDBOX_KEYS.accessKeySecret(),
                null, 60_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.with(settings, world.sc.cloud()).handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, ctx);
        return new Run(JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject(), ctx.logged());
    }

    private static final class Run {
        final JsonObject report;
        final List<String> log;

        Run(JsonObject report, List<String> log) {
            this.report = report;
            this.log = log;
        }
    }
}
