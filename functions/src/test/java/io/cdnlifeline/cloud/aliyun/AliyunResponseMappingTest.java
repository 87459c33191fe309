package io.cdnlifeline.cloud.aliyun;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsRecord;
import io.cdnlifeline.cloud.DomainPage;
import io.cdnlifeline.cloud.Origin;
import io.cdnlifeline.cloud.Product;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * From the APIs' JSON answers to our models: the documented examples (api-examples, copied into the test
 * resources) and small variations of them for the quirks the examples do not show.
 */
class AliyunResponseMappingTest {

    @Test
    void cdnListTakesCoverageAndOriginsAndTheTotal() {
        // given the documented DescribeUserDomains example (page 1 of 20, TotalCount 2, one item shown)
        JsonObject r = example("cdn/DescribeUserDomains");
        // when
        DomainPage page = AliyunCdnApi.cdnPage(r, 1, 500);
        // then
        assertEquals(2, page.totalCount());
        assertEquals(1, page.pageNumber());
        assertEquals(20, page.pageSize(), "the size the API says it served");
        AcceleratedDomain d = page.domains().get(0);
        assertEquals(Product.CDN, d.product());
        assertEquals("example.com", d.name());
        assertEquals("configure_failed", d.status());
        assertEquals("example.com.w.alikunlun.net", d.cname());
        assertEquals("domestic", d.coverage());
        assertEquals(List.of(new Origin("oss", "***.oss-cn-hangzhou.aliyuncs.com", 80, "20", "15", true)), d.origins());
    }

    @Test
    void cdnListPagesOnByTheTotal() {
        JsonObject r = json("{\"PageNumber\":2,\"PageSize\":500,\"TotalCount\":1203,\"Domains\":{\"PageData\":[{\"DomainName\":"
                + "\"www.example.com\",\"DomainStatus\":\"offline\",\"Coverage\":\"global\",\"Sources\":{\"Source\":[{\"Type\":\"ipaddr\","
                + "\"Content\":\"203.0.113.10\",\"Port\":80,\"Priority\":\"20\",\"Weight\":\"10\"}]}}]}}");
        DomainPage page = AliyunCdnApi.cdnPage(r, 2, 500);
        assertEquals(1203, page.totalCount());
        assertTrue(page.hasNext());
        assertEquals("offline", page.domains().get(0).status());
    }

    @Test
    void dcdnListHasNoCoverageAndMayLackCnameAndSources() {
        // given the documented (2019) DescribeDcdnUserDomains example: five items, some without Cname, none with Sources
        JsonObject r = example("dcdn/DescribeDcdnUserDomains");
        DomainPage page = AliyunCdnApi.dcdnPage(r, 1, 5);
        assertEquals(5, page.domains().size());
        assertEquals(16, page.totalCount());
        assertTrue(page.hasNext());
        AcceleratedDomain first = page.domains().get(0);
        assertEquals(Product.DCDN, first.product());
        assertNull(first.coverage());
        assertNull(first.cname());
        assertTrue(first.origins().isEmpty());
        assertEquals("onlytest.cdnpe.com.w.alikunlun.net", page.domains().get(2).cname());
    }

    @Test
    void cdnDetailReadsScopeAsCoverageAndTheEnabledFlag() {
        AcceleratedDomain d = AliyunCdnApi.cdnDetail(example("cdn/DescribeCdnDomainDetail"));
        assertEquals("example.com", d.name());
        assertEquals("online", d.status());
        assertEquals("domestic", d.coverage());
        assertEquals(List.of(new Origin("domain", "example.com", 80, "20", "10", true)), d.origins());

        JsonObject twoOrigins = json("{\"GetDomainDetailModel\":{\"DomainName\":\"www.example.com\",\"Scope\":\"global\","
                + "\"SourceModels\":{\"SourceModel\":[{\"Type\":\"ipaddr\",\"Content\":\"203.0.113.10\",\"Port\":443,\"Enabled\":\"online\"},"
                + "{\"Type\":\"domain\",\"Content\":\"backup.example.com\",\"Priority\":\"30\",\"Enabled\":\"offline\"}]}}}");
        AcceleratedDomain two = AliyunCdnApi.cdnDetail(twoOrigins);
        assertEquals("global", two.coverage());
        assertEquals(443, two.origins().get(0).port());
        assertTrue(two.origins().get(0).enabled());
        assertFalse(two.origins().get(1).enabled());
        assertEquals(80, two.origins().get(1).port(), "a missing port reads as 80");
    }

    @Test
    void dcdnDetailReadsScope() {
        AcceleratedDomain d = AliyunCdnApi.dcdnDetail(example("dcdn/DescribeDcdnDomainDetail"));
        assertEquals(Product.DCDN, d.product());
        assertEquals("overseas", d.coverage());
        assertEquals("example.aliyundoc.com", d.cname());
        assertEquals(List.of(new Origin("oss", "example.org", 80, "50", "20", true)), d.origins());
        AcceleratedDomain noFlag = AliyunCdnApi.dcdnDetail(json("{\"DomainDetail\":{\"DomainName\":\"api.example.com\","
                + "\"Sources\":{\"Source\":[{\"Type\":\"domain\",\"Content\":\"origin.example.com\"}]}}}"));
        assertTrue(noFlag.origins().get(0).enabled(), "no Enabled field means the API did not say it is off");
    }

    @Test
    void detailWithoutADomainIsNull() {
        assertNull(AliyunCdnApi.cdnDetail(json("{\"RequestId\":\"r\"}")));
        assertNull(AliyunCdnApi.dcdnDetail(json("{\"RequestId\":\"r\",\"DomainDetail\":{}}")));
    }

    @Test
    void aFieldOfTheWrongKindIsMalformedNotEmpty() {
        assertThrows(AnswerJson.MalformedAnswerException.class, () -> AliyunCdnApi.cdnDetail(json(
                "{\"GetDomainDetailModel\":{\"DomainName\":\"a.com\",\"SourceModels\":{\"SourceModel\":[{\"Content\":\"x\",\"Port\":\"eighty\"}]}}}")));
        assertThrows(AnswerJson.MalformedAnswerException.class, () -> AliyunCdnApi.cdnPage(json("{\"Domains\":{\"PageData\":{\"x\":1}}}"), 1, 1));
    }

    @Test
    void tagQueriesAnswerWithBareArrays() {
        for (String example : List.of("cdn/DescribeTagResources", "dcdn/DescribeDcdnTagResources")) {
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            out.put("other.example.com", new LinkedHashMap<>());
            AliyunCdnApi.readTags(example(example), out);
            assertEquals(Map.of("env", "product"), out.get("example.com"), example);
            assertEquals(Map.of(), out.get("other.example.com"), "a domain without tags keeps its empty map");
        }
    }

    @Test
    void icpStatusIsReadAndAnythingElseFailsClosed() throws CloudException {
        assertTrue(AliyunCdnApi.icpStatus(example("cdn/CheckCdnDomainICP")));
        assertFalse(AliyunCdnApi.icpStatus(json("{\"RequestId\":\"r\",\"Status\":\"DomainNotRegistration\"}")));
        CloudException e = assertThrows(CloudException.class, () -> AliyunCdnApi.icpStatus(json("{\"RequestId\":\"r9\"}")));
        assertEquals("Lifeline.UnexpectedResponse", e.code());
        assertEquals("r9", e.requestId());
    }

    @Test
    void coveragePropertyIsTheDocumentedLowercaseJson() {
        assertEquals("{\"coverage\":\"overseas\"}", AliyunCdnApi.coverageProperty("overseas"));
        assertThrows(IllegalArgumentException.class, () -> AliyunCdnApi.coverageProperty("Overseas"));
    }

    @Test
    void userCdnStatusNeedsEveryFlag() throws CloudException {
        AccountApi.UserCdnStatus documented = AliyunAccountApi.userCdnStatus(example("cdn/DescribeUserCdnStatus"));
        assertTrue(documented.enabled());
        assertTrue(documented.onService());
        assertFalse(documented.inDebt());
        assertFalse(documented.inDebtOverdue());
        AccountApi.UserCdnStatus s = AliyunAccountApi.userCdnStatus(json(
                "{\"Enabled\":true,\"InDebt\":true,\"InDebtOverdue\":false,\"OnService\":\"true\",\"RequestId\":\"r\"}"));
        assertTrue(s.inDebt());
        assertTrue(s.onService());
        CloudException e = assertThrows(CloudException.class,
                () -> AliyunAccountApi.userCdnStatus(json("{\"Enabled\":true,\"OnService\":true,\"InDebtOverdue\":false}")));
        assertTrue(e.getMessage().contains("InDebt"), e.getMessage());
    }

    @Test
    void serviceLocksAreTheLockReasons() {
        assertEquals(List.of("financial"), AliyunAccountApi.locks(example("cdn/DescribeCdnService")));
        assertEquals(List.of("financial"), AliyunAccountApi.locks(example("dcdn/DescribeDcdnService")));
        assertEquals(List.of(), AliyunAccountApi.locks(json("{\"OperationLocks\":{\"LockReason\":[]}}")));
        assertEquals(List.of(), AliyunAccountApi.locks(json("{\"RequestId\":\"r\"}")));
    }

    @Test
    void recordsKeepStatusAsWrittenAndReadLockedTtlAndTheZone() {
        JsonObject info = example("alidns/DescribeDomainRecordInfo");
        DnsRecord r = AliyunDnsApi.record(info, "9999985", null);
        assertEquals("dns-example.top", r.zone());
        assertEquals("@", r.rr());
        assertEquals("MX", r.type());
        assertEquals(600, r.ttl());
        assertEquals("Enable", r.status());
        assertTrue(r.locked());
        assertEquals("test", r.remark());

        JsonObject sub = AnswerJson.list(example("alidns/DescribeSubDomainRecords"), "DomainRecords", "Record").get(1);
        DnsRecord second = AliyunDnsApi.record(sub, "9999986", "example.com");
        assertEquals("mail2.hichina.com", second.value());
        assertFalse(second.locked());
        assertEquals("", second.remark(), "no Remark is an empty one");

        DnsRecord upper = AliyunDnsApi.record(json("{\"RecordId\":\"1\",\"RR\":\"www\",\"Status\":\"ENABLE\",\"Locked\":\"false\",\"TTL\":\"600\"}"),
                "1", "example.com");
        assertEquals("ENABLE", upper.status(), "seen in the wild; kept as written");
        assertEquals("example.com", upper.zone(), "the zone stands in when the answer names no domain");
        assertEquals(600, upper.ttl());
    }

    @Test
    void zoneListAndRecordListAreWrappedOnce() {
        assertEquals(1, AnswerJson.list(example("alidns/DescribeDomains"), "Domains", "Domain").size());
        assertEquals(2, AnswerJson.list(example("alidns/DescribeDomainRecords"), "DomainRecords", "Record").size());
        assertEquals("9999985", AnswerJson.text(example("alidns/AddDomainRecord"), "RecordId"));
    }

    @Test
    void zoneNamesAreCleanedOfTheDocsArtifacts() {
        String documented = AnswerJson.text(AnswerJson.list(example("alidns/DescribeDomains"), "Domains", "Domain").get(0), "DomainName");
        assertEquals("example.com", AliyunDnsApi.zoneName(documented));
        assertEquals("example.com", AliyunDnsApi.zoneName("Example.COM.\n"));
    }

    @Test
    void pagingFollowsTotalCountAndWhatWasServed() {
        assertFalse(AliyunDnsApi.isLastPage(1, 500L, 500, 500, 1203L));
        assertFalse(AliyunDnsApi.isLastPage(2, 500L, 500, 500, 1203L));
        assertTrue(AliyunDnsApi.isLastPage(3, 500L, 500, 203, 1203L));
        // the API served 100 a page though we asked 500: keep going by its size
        assertFalse(AliyunDnsApi.isLastPage(1, 100L, 500, 100, 250L));
        assertTrue(AliyunDnsApi.isLastPage(1, null, 100, 40, null));
        assertTrue(AliyunDnsApi.isLastPage(4, 100L, 100, 0, 9999L), "an empty page always ends it");
    }

    @Test
    void answersThatAreNotOneJsonObjectAreNull() {
        assertNull(AnswerJson.parseObject(""));
        assertNull(AnswerJson.parseObject("<html>bad gateway</html>"));
        assertNull(AnswerJson.parseObject("[{\"a\":1}]"));
        assertNull(AnswerJson.parseObject("{\"a\":1"));
        assertNull(AnswerJson.parseObject("{\"a\":1} trailing"));
        assertEquals("1.50", AnswerJson.text(AnswerJson.parseObject("{\"a\":1.50}"), "a"), "numbers keep their text");
    }

    private static JsonObject json(String s) {
        JsonObject o = AnswerJson.parseObject(s);
        assertNotNull(o, s);
        return o;
    }

    private static JsonObject example(String name) {
        try (InputStream in = AliyunResponseMappingTest.class.getResourceAsStream("/api-examples/" + name + ".json")) {
            assertNotNull(in, name);
            return json(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
