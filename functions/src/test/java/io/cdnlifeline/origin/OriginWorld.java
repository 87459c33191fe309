package io.cdnlifeline.origin;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.sandbox.LocalOrigin;
import io.cdnlifeline.testing.SandboxCloud;
import io.cdnlifeline.testing.SeedBuilder;
import io.cdnlifeline.testing.TestCa;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real origins on 127.15.0.x, one per way an origin can fail its visitors, and a sandbox account whose offline CDN
 * domains point at them. The names the OSS origin needs resolve from the test hosts file
 * ({@code -Djdk.net.hosts.file}, see the pom); nothing outside 127.0.0.0/8 is ever probed (the private origin is
 * refused before any packet). The test CA's trust store is handed to the JVM the standard way,
 * {@code javax.net.ssl.trustStore}, for as long as the world is open.
 */
final class OriginWorld implements AutoCloseable {
    static final String ZONE = "origin.test";
    static final String PLAIN = "plain." + ZONE;
    static final String TLS = "tls." + ZONE;
    static final String WRONG_CERT = "wrongcert." + ZONE;
    static final String UNTRUSTED = "untrusted." + ZONE;
    static final String CLOSED = "closed." + ZONE;
    static final String DOWN = "down." + ZONE;
    static final String SLOW = "slow." + ZONE;
    static final String OSS = "oss." + ZONE;
    static final String PRIVATE = "private." + ZONE;
    static final String ODD_PORT = "port8080." + ZONE;
    /** A DCDN domain whose edge sent another Host to its (503-answering) origin. */
    static final String DCDN_HOST = "dcdn." + ZONE;
    /** In the test hosts file: 127.15.0.9. */
    static final String BUCKET = "bucket.oss-test.example";
    static final List<String> ALL = List.of(PLAIN, TLS, WRONG_CERT, UNTRUSTED, CLOSED, DOWN, SLOW, OSS, PRIVATE, ODD_PORT, DCDN_HOST);

    final SandboxCloud sc;
    final TestCa ca = TestCa.create("cdn-lifeline test CA");
    private final List<LocalOrigin> origins = new ArrayList<>();
    private final Map<String, String> savedProperties = new LinkedHashMap<>();

    OriginWorld(Path tmp) throws Exception {
        TestCa stranger = TestCa.create("a CA nobody trusts");
        origins.add(LocalOrigin.http(ip("127.15.0.2"), 80, LocalOrigin.Behaviour.ok()));
        origins.add(LocalOrigin.http(ip("127.15.0.3"), 80, LocalOrigin.Behaviour.ok()));
        origins.add(LocalOrigin.https(ip("127.15.0.3"), 443, ca.serverKeyStore(TLS), TestCa.PASSWORD, LocalOrigin.Behaviour.ok()));
        origins.add(LocalOrigin.http(ip("127.15.0.4"), 80, LocalOrigin.Behaviour.ok()));
        origins.add(LocalOrigin.https(ip("127.15.0.4"), 443, ca.serverKeyStore("origin.example.net"), TestCa.PASSWORD,
                LocalOrigin.Behaviour.ok()));
        origins.add(LocalOrigin.https(ip("127.15.0.10"), 443, stranger.serverKeyStore(UNTRUSTED), TestCa.PASSWORD,
                LocalOrigin.Behaviour.ok()));
        // 127.15.0.5: nothing listens (a closed port)
        origins.add(LocalOrigin.http(ip("127.15.0.6"), 80, LocalOrigin.Behaviour.status(503)));
        origins.add(LocalOrigin.http(ip("127.15.0.7"), 80, LocalOrigin.Behaviour.ok().delayMs(10_000)));
        origins.add(LocalOrigin.http(ip("127.15.0.9"), 80, LocalOrigin.Behaviour.ossBucket(BUCKET)));

        Path trust = ca.writeTrustStore(Files.createTempFile(tmp, "trust", ".p12"));
        setProperty("javax.net.ssl.trustStore", trust.toString());
        setProperty("javax.net.ssl.trustStorePassword", new String(TestCa.PASSWORD));
        setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        sc = SandboxCloud.start(seed());
    }

    /** Every domain offline, each with one CNAME record at its CDN CNAME. */
    private static String seed() {
        SeedBuilder seed = new SeedBuilder().zone(ZONE);
        domain(seed, PLAIN, "ipaddr", "127.15.0.2", 80, false, false, null, null);
        domain(seed, TLS, "ipaddr", "127.15.0.3", 80, true, false, "follow", null);
        domain(seed, WRONG_CERT, "ipaddr", "127.15.0.4", 80, true, false, "http", null);
        domain(seed, UNTRUSTED, "ipaddr", "127.15.0.10", 443, true, true, "https", null);
        domain(seed, CLOSED, "ipaddr", "127.15.0.5", 80, false, false, null, null);
        domain(seed, DOWN, "ipaddr", "127.15.0.6", 80, false, false, null, null);
        domain(seed, SLOW, "ipaddr", "127.15.0.7", 80, false, false, null, null);
        domain(seed, OSS, "oss", BUCKET, 80, false, false, null, BUCKET);
        domain(seed, PRIVATE, "ipaddr", "10.0.0.8", 80, false, false, null, null);
        domain(seed, ODD_PORT, "ipaddr", "127.15.0.2", 8080, false, false, null, null);
        JsonObject dcdn = seed.dcdn(DCDN_HOST, "offline", "global", true);
        dcdn.getAsJsonArray("sources").get(0).getAsJsonObject().addProperty("content", "127.15.0.6");
        dcdn.addProperty("originHost", "internal.origin.test");
        seed.record(ZONE, "dcdn", "CNAME", DCDN_HOST + ".w.kunluncan.com", null);
        return seed.json();
    }

    private static void domain(SeedBuilder seed, String name, String type, String origin, int port, boolean https, boolean forceHttps,
                               String scheme, String host) {
        JsonObject d = seed.cdn(name, "offline", "domestic", true);
        JsonObject s = d.getAsJsonArray("sources").get(0).getAsJsonObject();
        s.addProperty("type", type);
        s.addProperty("content", origin);
        s.addProperty("port", port);
        d.addProperty("https", https);
        d.addProperty("forceHttps", forceHttps);
        if (scheme != null) d.addProperty("originScheme", scheme);
        if (host != null) d.addProperty("originHost", host);
        seed.record(ZONE, name.substring(0, name.indexOf('.')), "CNAME", name + ".w.kunlunsl.com", null);
    }

    /** The settings of a run with the check in {@code mode}: only loopback allowed, a short probe timeout. */
    Settings settings(OriginCheck mode) {
        return sc.settings().toBuilder().originCheck(mode).originAllow("127.0.0.0/8").originTimeoutMs(2_500)
                .originConnectTimeoutMs(500).maxChanges(1_000).build();
    }

    /** Requests the local origins answered so far. */
    int originRequests() {
        int n = 0;
        for (LocalOrigin o : origins) n += o.requests();
        return n;
    }

    static String payload(List<String> domains) {
        JsonObject p = new JsonObject();
        JsonArray names = new JsonArray();
        domains.forEach(names::add);
        p.add("domains", names);
        return p.toString();
    }

    private void setProperty(String key, String value) {
        savedProperties.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Override
    public void close() {
        for (LocalOrigin o : origins) o.close();
        sc.close();
        for (Map.Entry<String, String> e : savedProperties.entrySet()) {
            if (e.getValue() == null) System.clearProperty(e.getKey());
            else System.setProperty(e.getKey(), e.getValue());
        }
    }
}
