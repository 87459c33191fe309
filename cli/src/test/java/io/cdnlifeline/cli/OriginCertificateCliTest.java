package io.cdnlifeline.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.sandbox.DnsRecord;
import io.cdnlifeline.sandbox.LocalOrigin;
import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.testing.TestCa;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The certificate cases of the origin check through {@code lifeline invoke dns-to-origin}, as an operator runs it: three
 * domains whose edge served HTTPS, with real HTTPS origins on 127.15.2.x — one with a certificate for the domain from
 * the test CA, one with the test CA's certificate for another name, one with a certificate for the domain from a CA
 * nobody trusts. The test CA reaches the command the standard way, {@code javax.net.ssl.trustStore}, as an operator
 * whose company runs its own CA would hand it to {@code java -jar lifeline.jar}.
 */
class OriginCertificateCliTest {
    private static final String ZONE = "cli-cert.test";
    private static final String RIGHT = "tls." + ZONE;
    private static final String WRONG_NAME = "wrongname." + ZONE;
    private static final String UNTRUSTED = "untrusted." + ZONE;
    private static final List<LocalOrigin> ORIGINS = new ArrayList<>();
    private static final Map<String, String> SAVED = new LinkedHashMap<>();
    private static Sandbox sandbox;

    @BeforeAll
    static void start(@TempDir Path tmp) throws Exception {
        TestCa ca = TestCa.create("cdn-lifeline CLI test CA");
        TestCa stranger = TestCa.create("a CA nobody trusts");
        https(ca, "127.15.2.2", RIGHT);
        https(ca, "127.15.2.3", "origin.example.net");
        https(stranger, "127.15.2.4", UNTRUSTED);
        Path trust = ca.writeTrustStore(Files.createTempFile(tmp, "trust", ".p12"));
        setProperty("javax.net.ssl.trustStore", trust.toString());
        setProperty("javax.net.ssl.trustStorePassword", new String(TestCa.PASSWORD));
        setProperty("javax.net.ssl.trustStoreType", "PKCS12");

        StringBuilder cdn = new StringBuilder();
        StringBuilder records = new StringBuilder();
        domain(cdn, records, "tls", "127.15.2.2");
        domain(cdn, records, "wrongname", "127.15.2.3");
        domain(cdn, records, "untrusted", "127.15.2.4");
        sandbox = Sandbox.start(0, "{\"cdn\": [" + cdn + "], \"dns\": [{\"zone\": \"" + ZONE + "\", \"records\": [" + records + "]}]}");
    }

    /** An origin that serves HTTPS on 443 with {@code certName}'s certificate and plain HTTP on 80. */
    private static void https(TestCa ca, String ip, String certName) throws Exception {
        InetAddress address = InetAddress.getByName(ip);
        ORIGINS.add(LocalOrigin.https(address, 443, ca.serverKeyStore(certName), TestCa.PASSWORD, LocalOrigin.Behaviour.ok()));
        ORIGINS.add(LocalOrigin.http(address, 80, LocalOrigin.Behaviour.ok()));
    }

    /** An offline CDN domain whose edge served HTTPS and fetched from its origin over HTTPS. */
    private static void domain(StringBuilder cdn, StringBuilder records, String rr, String origin) {
        String name = rr + "." + ZONE;
        if (cdn.length() > 0) {
            cdn.append(',');
            records.append(',');
        }
        cdn.append("{\"domain\": \"").append(name).append("\", \"status\": \"offline\", \"https\": true, \"originScheme\": \"https\", ")
                .append("\"sources\": [{\"type\": \"ipaddr\", \"content\": \"").append(origin).append("\", \"port\": 443}]}");
        records.append("{\"rr\": \"").append(rr).append("\", \"type\": \"CNAME\", \"value\": \"").append(name).append(".w.kunlunsl.com\"}");
    }

    private static void setProperty(String key, String value) {
        SAVED.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @AfterAll
    static void stop() {
        ORIGINS.forEach(LocalOrigin::close);
        if (sandbox != null) sandbox.close();
        SAVED.forEach((k, v) -> {
            if (v == null) System.clearProperty(k);
            else System.setProperty(k, v);
        });
    }

    @Test
    void switchesOnlyTheOriginWhoseCertificateVisitorsWillTrust() {
        // given three offline domains whose edge served HTTPS
        Map<String, String> env = new HashMap<>();
        env.put("LIFELINE_ENDPOINT", sandbox.endpoint());
        env.put("LIFELINE_ORIGIN_CHECK", "require");
        env.put("LIFELINE_ORIGIN_ALLOW", "127.0.0.0/8");
        env.put("LIFELINE_ORIGIN_TIMEOUT_MS", "2500");
        env.put("LIFELINE_ORIGIN_CONNECT_TIMEOUT_MS", "500");
        // when an operator runs dns-to-origin from the command line with the check required
        CommandRun run = CommandRun.withEnv(env, "invoke", "dns-to-origin", "--payload", "{}");
        // then the origin with the right certificate from a trusted CA is switched, after an HTTPS probe with SNI = the domain
        assertEquals(0, run.status, run::toString);
        JsonObject report = JsonParser.parseString(run.out).getAsJsonObject();
        assertEquals(1, report.getAsJsonArray("changes").size(), run::toString);
        JsonObject change = report.getAsJsonArray("changes").get(0).getAsJsonObject();
        assertEquals(RIGHT, change.get("domain").getAsString(), run::toString);
        assertTrue(change.get("note").getAsString().contains("https://127.15.2.2:443 200"), run::toString);
        assertEquals("A 127.15.2.2", record("tls"));
        // and the certificate for another name and the one from an untrusted CA are held back on the CDN CNAME, saying why
        Map<String, String> why = new HashMap<>();
        for (JsonElement e : report.getAsJsonArray("skipped")) {
            why.put(e.getAsJsonObject().get("domain").getAsString(), e.getAsJsonObject().get("why").getAsString());
        }
        assertTrue(why.get(WRONG_NAME).contains("origin 127.15.2.3 presents a certificate for origin.example.net, not " + WRONG_NAME
                + ": visitors would get a certificate error"), why::toString);
        assertTrue(why.get(UNTRUSTED).contains("which visitors' browsers do not trust"), why::toString);
        assertEquals("CNAME " + WRONG_NAME + ".w.kunlunsl.com", record("wrongname"));
        assertEquals("CNAME " + UNTRUSTED + ".w.kunlunsl.com", record("untrusted"));
    }

    private static String record(String rr) {
        return sandbox.read(s -> {
            for (DnsRecord r : s.zone(ZONE).records) if (r.rr.equals(rr)) return r.type + " " + r.value;
            return null;
        });
    }
}
