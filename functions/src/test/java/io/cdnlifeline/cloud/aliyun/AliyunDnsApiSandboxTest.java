package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsApi;
import io.cdnlifeline.cloud.DnsRecord;
import io.cdnlifeline.sandbox.DnsZone;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every DnsApi method through the real SDK against the sandbox. */
class AliyunDnsApiSandboxTest {
    private SandboxCloud sc;
    private DnsApi dns;

    @BeforeEach
    void start() {
        sc = SandboxCloud.start("{}");
        sc.sandbox().update(s -> {
            DnsZone z = new DnsZone("example.com");
            z.record(record("1001", "www", "CNAME", "www.example.com.w.kunlunsl.com", "default", "ENABLE", ""));
            z.record(record("1002", "www", "CNAME", "www.example.com.w.kunlunsl.com", "telecom", "Enable", "lifeline:x"));
            z.record(record("1003", "@", "A", "203.0.113.10", "default", "Disable", ""));
            s.dns.add(z);
            s.dns.add(new DnsZone("Example.ORG"));
        });
        dns = sc.cloud().dns();
    }

    @AfterEach
    void stop() {
        sc.close();
    }

    private static io.cdnlifeline.sandbox.DnsRecord record(String id, String rr, String type, String value, String line,
                                                          String status, String remark) {
        io.cdnlifeline.sandbox.DnsRecord r = new io.cdnlifeline.sandbox.DnsRecord(id, rr, type, value);
        r.line = line;
        r.status = status;
        r.remark = remark;
        return r;
    }

    @Test
    void zonesArePagedAndLowerCased() throws CloudException {
        // given 150 zones besides the two of the setup: more than one page of 100
        sc.sandbox().update(s -> {
            for (int i = 0; i < 150; i++) s.dns.add(new DnsZone("zone" + i + ".example.net"));
        });
        List<String> zones = dns.zones();
        assertEquals(152, zones.size());
        assertTrue(zones.contains("example.org"));
        assertEquals(2, sc.count("DescribeDomains"));
    }

    @Test
    void subDomainRecordsKeepStatusExactlyAsTheCloudWroteIt() throws CloudException {
        List<DnsRecord> www = dns.subDomainRecords("example.com", "www.example.com");
        assertEquals(2, www.size());
        DnsRecord first = www.stream().filter(r -> r.recordId().equals("1001")).findFirst().orElseThrow();
        DnsRecord second = www.stream().filter(r -> r.recordId().equals("1002")).findFirst().orElseThrow();
        assertEquals("ENABLE", first.status());
        assertEquals("Enable", second.status());
        assertTrue(first.isEnabled() && second.isEnabled());
        assertEquals("telecom", second.line());
        assertEquals("lifeline:x", second.remark());
        assertEquals("example.com", first.zone());
        assertEquals(600, first.ttl());
        assertEquals("www.example.com", sc.requests("DescribeSubDomainRecords").get(0).params.get("SubDomain"));
    }

    @Test
    void zoneRecordsArePagedFiveHundredAtATime() throws CloudException {
        sc.sandbox().update(s -> {
            DnsZone big = new DnsZone("big.example.net");
            for (int i = 0; i < 1100; i++) big.record(new io.cdnlifeline.sandbox.DnsRecord(null, "h" + i, "A", "198.51.100." + (i % 250)));
            s.dns.add(big);
        });
        List<DnsRecord> records = dns.zoneRecords("big.example.net");
        Set<String> ids = new HashSet<>();
        for (DnsRecord r : records) ids.add(r.recordId());
        assertEquals(1100, ids.size());
        assertEquals(3, sc.count("DescribeDomainRecords"));
        assertEquals("500", sc.requests("DescribeDomainRecords").get(0).params.get("PageSize"));
    }

    @Test
    void addUpdateRemarkAndDeleteARecord() throws CloudException {
        // add
        String id = dns.addRecord("example.com", "img", "A", "203.0.113.20", 300, "default");
        io.cdnlifeline.sandbox.DnsRecord stored = sc.sandbox().read(s -> s.record(id));
        assertEquals("img", stored.rr);
        assertEquals(300, stored.ttl);
        // update in place
        dns.updateRecord(id, "img", "CNAME", "img.example.com.w.kunlunsl.com", 300, "default");
        assertEquals("CNAME", sc.sandbox().read(s -> s.record(id).type));
        // remark set then cleared
        dns.setRemark(id, "lifeline:dns-to-origin");
        assertEquals("lifeline:dns-to-origin", sc.sandbox().read(s -> s.record(id).remark));
        dns.setRemark(id, "");
        assertEquals("", sc.sandbox().read(s -> s.record(id).remark));
        // delete
        dns.deleteRecord(id);
        assertNull(sc.sandbox().read(s -> s.record(id)));
        assertEquals(1, sc.count("AddDomainRecord"));
        assertEquals(1, sc.count("UpdateDomainRecord"));
        assertEquals(2, sc.count("UpdateDomainRecordRemark"));
        assertEquals(1, sc.count("DeleteDomainRecord"));
    }

    @Test
    void duplicateRecordIsAFinalClientErrorWithTheCloudsCode() {
        CloudException e = assertThrows(CloudException.class,
                () -> dns.addRecord("example.com", "@", "A", "203.0.113.10", 600, "default"));
        assertEquals("DomainRecordDuplicate", e.code());
        assertEquals(400, e.httpStatus());
        assertFalse(e.retryable());
        assertEquals(1, sc.count("AddDomainRecord"));
    }

    @Test
    void recordOfSomeoneElseIsRefusedOnce() {
        CloudException e = assertThrows(CloudException.class, () -> dns.deleteRecord("999999"));
        assertEquals("DomainRecordNotBelongToUser", e.code());
        assertEquals(1, sc.count("DeleteDomainRecord"));
    }
}
