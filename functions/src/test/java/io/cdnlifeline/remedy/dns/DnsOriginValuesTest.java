package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.Origin;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsOriginValuesTest {
    private static Origin ip(String ip, String priority, boolean enabled) {
        return new Origin("ipaddr", ip, 80, priority, "10", enabled);
    }

    @Test
    void severalPrimaryIpsInOrderBackupsAndDisabledLeftOut() {
        OriginValues v = OriginValues.of(List.of(ip("203.0.113.10", "20", true), ip("198.51.100.9", "30", true),
                ip("203.0.113.11", "20", false), ip("203.0.113.12", "20", true)));
        assertEquals(List.of(new OriginValues.Value("A", "203.0.113.10"), new OriginValues.Value("A", "203.0.113.12")), v.values());
        assertFalse(v.notes().isEmpty());
    }

    @Test
    void backupIsUsedWhenNoPrimaryIsEnabled() {
        OriginValues v = OriginValues.of(List.of(ip("203.0.113.10", "20", false), ip("198.51.100.9", "30", true)));
        assertEquals(List.of(new OriginValues.Value("A", "198.51.100.9")), v.values());
    }

    @Test
    void ipv6GivesAaaa() {
        OriginValues v = OriginValues.of(List.of(ip("2001:db8::10", "20", true), ip("203.0.113.10", "20", true)));
        assertEquals(List.of(new OriginValues.Value("AAAA", "2001:db8::10"), new OriginValues.Value("A", "203.0.113.10")), v.values());
    }

    @Test
    void domainAndOssOriginsGiveOneCname() {
        OriginValues d = OriginValues.of(List.of(new Origin("domain", "Origin.Example.net", 80, "20", "10", true)));
        assertEquals(List.of(new OriginValues.Value("CNAME", "origin.example.net")), d.values());
        OriginValues oss = OriginValues.of(List.of(new Origin("oss", "bucket.oss-cn-hangzhou.aliyuncs.com", 443, "20", "10", true),
                new Origin("domain", "second.example.net", 80, "20", "10", true)));
        assertEquals(List.of(new OriginValues.Value("CNAME", "bucket.oss-cn-hangzhou.aliyuncs.com")), oss.values());
        assertTrue(oss.notes().get(0).contains("second.example.net"));
    }

    @Test
    void ipsWinOverHostNamesOfTheSamePriority() {
        OriginValues v = OriginValues.of(List.of(new Origin("domain", "origin.example.net", 80, "20", "10", true), ip("203.0.113.10", "20", true)));
        assertEquals(List.of(new OriginValues.Value("A", "203.0.113.10")), v.values());
    }

    @Test
    void nothingEnabledMeansNothingToResolveTo() {
        OriginValues v = OriginValues.of(List.of(ip("203.0.113.10", "20", false)));
        assertTrue(v.isEmpty());
        assertEquals("none of the domain's origins is enabled", v.whyNone());
        assertTrue(OriginValues.of(List.of()).isEmpty());
    }
}
