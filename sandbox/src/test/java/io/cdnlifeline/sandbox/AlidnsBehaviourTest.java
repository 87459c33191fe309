package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Alidns rules cdn-lifeline relies on when it switches records between the CDN CNAME and the origin. */
class AlidnsBehaviourTest {
    private static Sandbox sandbox;
    private static RawClient dns;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0, null);
        dns = new RawClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void demoAccount() {
        // given the demo zone: www CNAME (1001), img CNAME (1002), api CNAME (1003), @ A (1004), @ MX (1005)
        sandbox.replaceState(Sandbox.demoSeed());
    }

    private static String code(String action, String... keyValues) {
        return dns.call("alidns", action, keyValues).code();
    }

    @Test
    void aRecordBesideACnameConflicts() {
        assertEquals("DomainRecordConflict", code("AddDomainRecord", "DomainName", "example.com", "RR", "www", "Type", "A", "Value", "203.0.113.10"));
    }

    @Test
    void cnameBesideAnyRecordConflicts() {
        assertEquals("DomainRecordConflict", code("AddDomainRecord", "DomainName", "example.com", "RR", "@", "Type", "CNAME", "Value", "x.example.net"));
        assertEquals("DomainRecordConflict", code("AddDomainRecord", "DomainName", "example.com", "RR", "www", "Type", "CNAME", "Value", "other.example.net"));
    }

    @Test
    void anotherLineDoesNotConflict() {
        RawClient.Answer a = dns.call("alidns", "AddDomainRecord", "DomainName", "example.com", "RR", "www", "Type", "A",
                "Value", "203.0.113.10", "Line", "telecom");
        assertEquals(200, a.status, a.body::toString);
    }

    @Test
    void exactDuplicateIsDuplicate() {
        assertEquals("DomainRecordDuplicate", code("AddDomainRecord", "DomainName", "example.com", "RR", "www", "Type", "CNAME",
                "Value", "www.example.com.w.kunlunsl.com"));
        assertEquals("DomainRecordDuplicate", code("AddDomainRecord", "DomainName", "example.com", "RR", "@", "Type", "A", "Value", "203.0.113.10"));
    }

    @Test
    void secondARecordOnTheSameHostIsFine() {
        assertEquals(200, dns.call("alidns", "AddDomainRecord", "DomainName", "example.com", "RR", "@", "Type", "A", "Value", "203.0.113.11").status);
    }

    @Test
    void updateThatChangesNothingIsDuplicate() {
        assertEquals("DomainRecordDuplicate", code("UpdateDomainRecord", "RecordId", "1001", "RR", "www", "Type", "CNAME",
                "Value", "www.example.com.w.kunlunsl.com", "TTL", "600"));
    }

    @Test
    void switchingCnameToAInPlaceKeepsIdStatusAndRemark() {
        // given a remark on the CNAME
        assertEquals(200, dns.call("alidns", "UpdateDomainRecordRemark", "RecordId", "1001", "Remark", "lifeline:cname").status);
        // when it becomes an A record
        RawClient.Answer a = dns.call("alidns", "UpdateDomainRecord", "RecordId", "1001", "RR", "www", "Type", "A", "Value", "203.0.113.10");
        // then the same record changed, and kept its remark and stored status
        assertEquals("1001", a.body.get("RecordId").getAsString());
        DnsRecord r = sandbox.read(s -> s.record("1001"));
        assertEquals("A", r.type);
        assertEquals("lifeline:cname", r.remark);
        assertEquals("ENABLE", r.status);
        // and a second A record for the extra origin IP is now allowed
        assertEquals(200, dns.call("alidns", "AddDomainRecord", "DomainName", "example.com", "RR", "www", "Type", "A", "Value", "203.0.113.11").status);
        // and going back to a CNAME conflicts with that extra A record until it is deleted
        assertEquals("DomainRecordConflict", code("UpdateDomainRecord", "RecordId", "1001", "RR", "www", "Type", "CNAME",
                "Value", "www.example.com.w.kunlunsl.com"));
    }

    @Test
    void updateIntoAnotherRecordsExactValueIsDuplicate() {
        assertEquals(200, dns.call("alidns", "AddDomainRecord", "DomainName", "example.com", "RR", "@", "Type", "A", "Value", "203.0.113.11").status);
        assertEquals("DomainRecordDuplicate", code("UpdateDomainRecord", "RecordId", "1004", "RR", "@", "Type", "A", "Value", "203.0.113.11"));
    }

    @Test
    void lockedRecordsRefuseEveryChange() {
        sandbox.update(s -> s.record("1002").locked = true);
        assertEquals("DomainRecordLocked", code("UpdateDomainRecord", "RecordId", "1002", "RR", "img", "Type", "A", "Value", "203.0.113.9"));
        assertEquals("DomainRecordLocked", code("SetDomainRecordStatus", "RecordId", "1002", "Status", "Disable"));
        assertEquals("DomainRecordLocked", code("DeleteDomainRecord", "RecordId", "1002"));
        assertEquals("img.example.com.w.kunlunsl.com", sandbox.read(s -> s.record("1002").value));
    }

    @Test
    void unknownRecordsAndForeignZones() {
        assertEquals("DomainRecordNotBelongToUser", code("UpdateDomainRecord", "RecordId", "42", "RR", "a", "Type", "A", "Value", "203.0.113.9"));
        assertEquals("DomainRecordNotBelongToUser", code("DeleteDomainRecord", "RecordId", "42"));
        assertEquals("DomainRecordNotBelongToUser", code("DescribeDomainRecordInfo", "RecordId", "42"));
        assertEquals("IncorrectDomainUser", code("AddDomainRecord", "DomainName", "example.org", "RR", "a", "Type", "A", "Value", "203.0.113.9"));
        assertEquals("InvalidDomainName.NoExist", code("DescribeSubDomainRecords", "SubDomain", "www.example.org"));
        assertEquals("InvalidDomainName.NoExist", code("DescribeDomainRecords", "DomainName", "example.org"));
    }

    @Test
    void setStatusStoresTheDocumentedCase() {
        RawClient.Answer a = dns.call("alidns", "SetDomainRecordStatus", "RecordId", "1001", "Status", "disable");
        assertEquals("Disable", a.body.get("Status").getAsString());
        assertEquals("InvalidStatus", code("SetDomainRecordStatus", "RecordId", "1001", "Status", "Paused"));
    }

    @Test
    void recordsArePagedAndFiltered() {
        RawClient.Answer page = dns.call("alidns", "DescribeDomainRecords", "DomainName", "example.com", "PageSize", "2", "PageNumber", "3");
        assertEquals(5, page.body.get("TotalCount").getAsInt());
        assertEquals(1, page.body.getAsJsonObject("DomainRecords").getAsJsonArray("Record").size());
        assertEquals(3, dns.call("alidns", "DescribeDomainRecords", "DomainName", "example.com", "Type", "CNAME").body.get("TotalCount").getAsInt());
        assertEquals(1, dns.call("alidns", "DescribeDomainRecords", "DomainName", "example.com", "ValueKeyWord", "kunluncan").body.get("TotalCount").getAsInt());
        assertEquals("InvalidPageSize", code("DescribeDomainRecords", "DomainName", "example.com", "PageSize", "501"));
        assertEquals("InvalidPageSize", code("DescribeSubDomainRecords", "SubDomain", "www.example.com", "PageSize", "101"));
        assertEquals("InvalidPageSize", code("DescribeDomains", "PageSize", "101"));
    }

    @Test
    void newRecordIdsAreFreshNumbers() {
        String a = dns.call("alidns", "AddDomainRecord", "DomainName", "example.com", "RR", "n1", "Type", "A", "Value", "203.0.113.1").body.get("RecordId").getAsString();
        String b = dns.call("alidns", "AddDomainRecord", "DomainName", "example.com", "RR", "n2", "Type", "A", "Value", "203.0.113.1").body.get("RecordId").getAsString();
        assertEquals(Long.parseLong(a) + 1, Long.parseLong(b));
    }
}
