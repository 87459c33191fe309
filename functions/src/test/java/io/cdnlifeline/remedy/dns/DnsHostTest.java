package io.cdnlifeline.remedy.dns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DnsHostTest {
    private static final List<String> ZONES = List.of("example.com", "shop.example.com", "other.org", "example.co");

    @Test
    void seedHostPrefixRules() {
        // given the seed's four examples, when located, then the RR is what the seed tells the operator to type
        assertEquals(new DnsHost("example.com", "testcdn"), DnsHost.locate("testcdn.example.com", ZONES));
        assertEquals(new DnsHost("example.com", "www"), DnsHost.locate("www.example.com", ZONES));
        assertEquals(new DnsHost("example.com", "@"), DnsHost.locate("example.com", ZONES));
        assertEquals(new DnsHost("example.com", "*"), DnsHost.locate("*.example.com", ZONES));
    }

    @Test
    void longestAccountZoneWins() {
        assertEquals(new DnsHost("shop.example.com", "img"), DnsHost.locate("img.shop.example.com", ZONES));
        assertEquals(new DnsHost("shop.example.com", "@"), DnsHost.locate("shop.example.com", ZONES));
        assertEquals(new DnsHost("example.com", "a.b"), DnsHost.locate("a.b.example.com", ZONES));
        assertEquals(new DnsHost("example.com", "*.img"), DnsHost.locate("*.img.example.com", ZONES));
    }

    @Test
    void suffixMustEndOnALabelBoundary() {
        // notexample.com ends with "example.com" as text but is not in the zone example.com
        assertNull(DnsHost.locate("www.notexample.com", ZONES));
        assertNull(DnsHost.locate("www.example.net", ZONES));
        assertEquals(new DnsHost("example.co", "www"), DnsHost.locate("www.example.co", ZONES));
    }

    @Test
    void caseTrailingDotsAndUnicodeZones() {
        assertEquals(new DnsHost("example.com", "www"), DnsHost.locate("WWW.Example.COM.", List.of("EXAMPLE.com.")));
        assertEquals(new DnsHost("xn--fiqs8s.com", "www"), DnsHost.locate("www.xn--fiqs8s.com", List.of("中国.com")));
    }

    @Test
    void fqdnIsWhatDescribeSubDomainRecordsTakes() {
        assertEquals("example.com", new DnsHost("example.com", "@").fqdn());
        assertEquals("*.example.com", new DnsHost("example.com", "*").fqdn());
        assertEquals("www.example.com", new DnsHost("example.com", "www").fqdn());
    }
}
