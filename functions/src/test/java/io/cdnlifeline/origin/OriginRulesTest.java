package io.cdnlifeline.origin;

import io.cdnlifeline.cloud.Origin;
import io.cdnlifeline.config.Settings;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules around the probe: address ranges, statuses, back-to-origin ports, the settings that carry them. */
class OriginRulesTest {
    private static final Origin AT_80 = new Origin("ipaddr", "203.0.113.10", 80, "20", "10", true);
    private static final Origin AT_443 = new Origin("ipaddr", "203.0.113.10", 443, "20", "10", true);
    private static final Origin AT_8080 = new Origin("ipaddr", "203.0.113.10", 8080, "20", "10", true);

    @Test
    void addressesVisitorsCannotReachAreNeverReadyUnlessAllowed() throws Exception {
        ReadinessPolicy strict = new ReadinessPolicy(OriginCheck.REQUIRE, List.of());
        for (String ip : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.1.1", "100.64.0.1", "0.0.0.0",
                "::1", "fd00::1", "fe80::1")) {
            assertTrue(strict.unreachable(InetAddress.getByName(ip)) != null, ip + " must not be reachable for visitors");
        }
        assertNull(strict.unreachable(InetAddress.getByName("203.0.113.10")));
        assertNull(strict.unreachable(InetAddress.getByName("100.128.0.1")), "just past the carrier-grade NAT range");
        ReadinessPolicy loopbackAllowed = new ReadinessPolicy(OriginCheck.REQUIRE, Cidr.parseList("127.0.0.0/8, fd00::/8"));
        assertNull(loopbackAllowed.unreachable(InetAddress.getByName("127.15.0.2")));
        assertNull(loopbackAllowed.unreachable(InetAddress.getByName("fd12::7")));
        assertEquals("a private address", loopbackAllowed.unreachable(InetAddress.getByName("10.0.0.8")));
    }

    @Test
    void rangesAreLiteralAddressesOnly() {
        assertTrue(Cidr.parse("10.0.0.0/8").contains(addr("10.255.1.2")));
        assertFalse(Cidr.parse("10.0.0.0/9").contains(addr("10.128.0.1")));
        assertTrue(Cidr.parse("192.0.2.7").contains(addr("192.0.2.7")));
        for (String bad : List.of("localhost/8", "10.0.0.0/33", "10.0.0/8", "::1/129", "10.0.0.0/x")) {
            assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
        }
    }

    @Test
    void statusSetsTakeCodesAndRanges() {
        StatusSet s = StatusSet.parse("200, 204, 301-308");
        assertTrue(s.accepts(204) && s.accepts(302));
        assertFalse(s.accepts(201) || s.accepts(503));
        for (String bad : List.of("", "ok", "99", "300-200", "200-600")) assertThrows(IllegalArgumentException.class, () -> StatusSet.parse(bad), bad);
    }

    @Test
    void theBackToOriginPortsComeFromForwardSchemeOrTheSourcesPort() {
        assertEquals("[http port 80]", CdnKnowledge.backToOrigin(null, List.of(AT_80)).toString());
        assertEquals("[https port 443]", CdnKnowledge.backToOrigin(null, List.of(AT_443)).toString());
        assertEquals("[http port 8080]", CdnKnowledge.backToOrigin(null, List.of(AT_8080)).toString());
        assertEquals("[https port 443]", CdnKnowledge.backToOrigin(Map.of("enable", "on", "scheme_origin", "https"), List.of(AT_80)).toString());
        assertEquals("[http port 80, https port 443]",
                CdnKnowledge.backToOrigin(Map.of("enable", "on", "scheme_origin", "follow"), List.of(AT_80)).toString());
        assertEquals("[http port 8080, https port 4433]", CdnKnowledge.backToOrigin(
                Map.of("enable", "on", "scheme_origin", "follow", "scheme_origin_port", "8080:4433"), List.of(AT_80)).toString());
        assertEquals("[http port 80]", CdnKnowledge.backToOrigin(Map.of("enable", "off", "scheme_origin", "https"), List.of(AT_80)).toString());
    }

    @Test
    void theSettingsReadTheEnvironmentAndRefuseNonsense() {
        Settings defaults = Settings.fromMap(Map.of());
        assertEquals(OriginCheck.REQUIRE, defaults.originCheck());
        assertTrue(defaults.originAllow().isEmpty());
        assertEquals("/", defaults.originPath());
        assertEquals(5_000, defaults.originTimeoutMs());
        assertEquals(64, defaults.originProbes());
        Settings s = Settings.fromMap(Map.of("LIFELINE_ORIGIN_CHECK", "warn", "LIFELINE_ORIGIN_ALLOW", "127.0.0.0/8",
                "LIFELINE_ORIGIN_PATH", "/health", "LIFELINE_ORIGIN_STATUSES", "200", "LIFELINE_ORIGIN_TIMEOUT_MS", "800",
                "LIFELINE_ORIGIN_CONNECT_TIMEOUT_MS", "2000", "LIFELINE_ORIGIN_PROBES", "8"));
        assertEquals(OriginCheck.WARN, s.originCheck());
        assertEquals("/health", s.originPath());
        assertEquals(800, s.originConnectTimeoutMs(), "the connect limit never exceeds the whole probe's");
        assertEquals(s.originCheck(), s.toBuilder().build().originCheck());
        for (Map<String, String> bad : List.of(Map.of("LIFELINE_ORIGIN_CHECK", "maybe"), Map.of("LIFELINE_ORIGIN_ALLOW", "everyone"),
                Map.of("LIFELINE_ORIGIN_PATH", "health"), Map.of("LIFELINE_ORIGIN_STATUSES", "fine"), Map.of("LIFELINE_ORIGIN_TIMEOUT_MS", "5"),
                Map.of("LIFELINE_ORIGIN_PROBES", "0"))) {
            assertThrows(IllegalArgumentException.class, () -> Settings.fromMap(bad), bad.toString());
        }
    }

    @Test
    void certificateNamesMatchAsBrowsersMatchThem() {
        assertTrue(OriginProbe.matchesAny("www.example.com", List.of("*.example.com")));
        assertFalse(OriginProbe.matchesAny("a.b.example.com", List.of("*.example.com")));
        assertFalse(OriginProbe.matchesAny("example.com", List.of("*.example.com")));
        assertTrue(OriginProbe.matchesAny("WWW.example.com", List.of("other.example.net", "www.example.com")));
    }

    private static InetAddress addr(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
