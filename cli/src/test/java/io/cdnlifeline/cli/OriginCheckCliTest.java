package io.cdnlifeline.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.sandbox.DnsRecord;
import io.cdnlifeline.sandbox.LocalOrigin;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Origin readiness through {@code lifeline invoke dns-to-origin} and {@code lifeline inspect} against the sandbox, with
 * real origins on 127.15.1.x: plain HTTP that serves, a closed port, a 503, a slow origin, an OSS bucket that refuses a
 * foreign Host (its name from the test hosts file), HTTPS the edge served that the origin does not, a private address
 * and a back-to-origin port DNS cannot express. (The certificate cases, which need a test CA, are in
 * {@link OriginCertificateCliTest}.)
 */
class OriginCheckCliTest {
    private static final String ZONE = "cli-origin.test";
    private static final List<LocalOrigin> ORIGINS = new ArrayList<>();
    private static Sandbox sandbox;
    private static String seed;

    @BeforeAll
    static void start() throws Exception {
        ORIGINS.add(LocalOrigin.http(InetAddress.getByName("127.15.1.2"), 80, LocalOrigin.Behaviour.ok()));
        ORIGINS.add(LocalOrigin.http(InetAddress.getByName("127.15.1.6"), 80, LocalOrigin.Behaviour.status(503)));
        ORIGINS.add(LocalOrigin.http(InetAddress.getByName("127.15.1.7"), 80, LocalOrigin.Behaviour.ok().delayMs(10_000)));
        ORIGINS.add(LocalOrigin.http(InetAddress.getByName("127.15.1.9"), 80, LocalOrigin.Behaviour.ossBucket("bucket.cli-oss.example")));
        ORIGINS.add(LocalOrigin.http(InetAddress.getByName("127.15.1.3"), 80, LocalOrigin.Behaviour.ok()));
        StringBuilder cdn = new StringBuilder();
        StringBuilder records = new StringBuilder();
        domain(cdn, records, "plain", "ipaddr", "127.15.1.2", 80, false);
        domain(cdn, records, "closed", "ipaddr", "127.15.1.5", 80, false);
        domain(cdn, records, "down", "ipaddr", "127.15.1.6", 80, false);
        domain(cdn, records, "slow", "ipaddr", "127.15.1.7", 80, false);
        domain(cdn, records, "oss", "oss", "bucket.cli-oss.example", 80, false);
        domain(cdn, records, "nohttps", "ipaddr", "127.15.1.3", 80, true);
        domain(cdn, records, "private", "ipaddr", "192.168.7.7", 80, false);
        domain(cdn, records, "odd", "ipaddr", "127.15.1.2", 8080, false);
        seed = "{\"cdn\": [" + cdn + "], \"dns\": [{\"zone\": \"" + ZONE + "\", \"records\": [" + records + "]}]}";
        sandbox = Sandbox.start(0, seed);
    }

    @BeforeEach
    void fresh() {
        sandbox.replaceState(seed);
    }

    private static void domain(StringBuilder cdn, StringBuilder records, String rr, String type, String origin, int port, boolean https) {
        String name = rr + "." + ZONE;
        if (cdn.length() > 0) {
            cdn.append(',');
            records.append(',');
        }
        cdn.append("{\"domain\": \"").append(name).append("\", \"status\": \"offline\", \"https\": ").append(https)
                .append(", \"sources\": [{\"type\": \"").append(type).append("\", \"content\": \"").append(origin)
                .append("\", \"port\": ").append(port).append("}]}");
        records.append("{\"rr\": \"").append(rr).append("\", \"type\": \"CNAME\", \"value\": \"").append(name).append(".w.kunlunsl.com\"}");
    }

    @AfterAll
    static void stop() {
        ORIGINS.forEach(LocalOrigin::close);
        sandbox.close();
    }

    private static Map<String, String> env(String check) {
        Map<String, String> env = new HashMap<>();
        env.put("LIFELINE_ENDPOINT", sandbox.endpoint());
        env.put("LIFELINE_ORIGIN_CHECK", check);
        env.put("LIFELINE_ORIGIN_ALLOW", "127.0.0.0/8");
        env.put("LIFELINE_ORIGIN_TIMEOUT_MS", "2500");
        env.put("LIFELINE_ORIGIN_CONNECT_TIMEOUT_MS", "500");
        return env;
    }

    @Test
    void invokeHoldsBackEveryDomainWhoseOriginIsNotReadyAndSaysWhy() {
        // when dns-to-origin runs from the command line with the check required, as a dry run
        // (--verbose: the audit lines, with each probe's result, go to stderr only when asked for)
        CommandRun run = CommandRun.withEnv(env("require"), "invoke", "dns-to-origin", "--payload", "{}", "--dry-run", "--verbose");
        // then only the origin that serves its visitors is planned, the others are skipped with the reason
        assertEquals(0, run.status, run::toString);
        JsonObject report = JsonParser.parseString(run.out).getAsJsonObject();
        Map<String, String> why = new HashMap<>();
        for (JsonElement e : report.getAsJsonArray("skipped")) {
            why.put(e.getAsJsonObject().get("domain").getAsString().replace("." + ZONE, ""), e.getAsJsonObject().get("why").getAsString());
        }
        assertEquals(1, report.getAsJsonArray("changes").size(), run::toString);
        assertTrue(report.getAsJsonArray("changes").get(0).getAsJsonObject().get("note").getAsString()
                .startsWith("origin ready: http://127.15.1.2:80 200"), run::toString);
        assertTrue(why.get("closed").contains("refuses connections on port 80"), why::toString);
        assertTrue(why.get("down").contains("with 503"), why::toString);
        assertTrue(why.get("slow").contains("did not answer within 2500 ms"), why::toString);
        assertTrue(why.get("oss").contains("403 SecondLevelDomainForbidden") && why.get("oss").contains("bucket.cli-oss.example (127.15.1.9)"),
                why::toString);
        assertTrue(why.get("nohttps").contains("origin 127.15.1.3 refuses connections on port 443: visitors of https://nohttps." + ZONE),
                why::toString);
        assertTrue(why.get("private").contains("origin 192.168.7.7 is a private address"), why::toString);
        assertTrue(why.get("odd").contains("port 8080, which DNS cannot express"), why::toString);
        // and the audit lines on stderr carry each probe's result
        assertTrue(run.err.contains("origin check closed." + ZONE + ": not ready") && run.err.contains("connection refused"), run::toString);
    }

    @Test
    void warnSwitchesAndOffDoesNotProbe() {
        CommandRun warn = CommandRun.withEnv(env("warn"), "invoke", "dns-to-origin", "--payload",
                "{\"domains\": [\"down." + ZONE + "\"]}", "--output", "table");
        assertEquals(0, warn.status, warn::toString);
        assertEquals("A 127.15.1.6", record("down"));
        assertTrue(warn.out.contains("switched although the origin is not ready"), warn::toString);

        CommandRun off = CommandRun.withEnv(env("off"), "invoke", "dns-to-origin", "--payload", "{\"domains\": [\"closed." + ZONE + "\"]}");
        assertEquals(0, off.status, off::toString);
        assertEquals("A 127.15.1.5", record("closed"));
        assertTrue(!off.err.contains("origin check"), off::toString);
    }

    @Test
    void inspectShowsTheOriginColumnAndChangesNothing() {
        String before = sandbox.stateJson();
        CommandRun run = CommandRun.withEnv(env("require"), "inspect", "plain." + ZONE, "down." + ZONE, "--output", "table");
        assertEquals(0, run.status, run::toString);
        assertTrue(run.out.contains("ORIGIN"), run::toString);
        String plainLine = run.out.lines().filter(l -> l.startsWith("plain.")).findFirst().orElse("");
        String downLine = run.out.lines().filter(l -> l.startsWith("down.")).findFirst().orElse("");
        assertTrue(plainLine.trim().endsWith("ready"), run::toString);
        assertTrue(downLine.contains("not-ready: origin 127.15.1.6 answers GET / for down." + ZONE + " with 503"), run::toString);
        assertEquals(before, sandbox.stateJson());
    }

    private static String record(String rr) {
        return sandbox.read(s -> {
            for (DnsRecord r : s.zone(ZONE).records) if (r.rr.equals(rr)) return r.type + " " + r.value;
            return null;
        });
    }
}
