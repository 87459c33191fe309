package io.cdnlifeline.cloud.aliyun;

import com.aliyuncs.cdn.model.v20180510.DescribeCdnDomainDetailResponse;
import com.aliyuncs.cdn.model.v20180510.DescribeUserDomainsResponse;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnDomainDetailResponse;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnUserDomainsResponse;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DomainPage;
import io.cdnlifeline.cloud.Origin;
import io.cdnlifeline.cloud.Product;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From the SDK's typed responses (as its unmarshallers fill them) and raw JSON to our models. */
class AliyunResponseMappingTest {

    @Test
    void cdnListTakesCoverageAndOriginsAndTheTotal() {
        DescribeUserDomainsResponse r = new DescribeUserDomainsResponse();
        r.setPageNumber(2L);
        r.setPageSize(500L);
        r.setTotalCount(1203L);
        DescribeUserDomainsResponse.PageData p = new DescribeUserDomainsResponse.PageData();
        p.setDomainName("www.example.com");
        p.setDomainStatus("offline");
        p.setCname("www.example.com.w.kunlunsl.com");
        p.setCoverage("domestic");
        DescribeUserDomainsResponse.PageData.Source s = new DescribeUserDomainsResponse.PageData.Source();
        s.setType("ipaddr");
        s.setContent("203.0.113.10");
        s.setPort(80);
        s.setPriority("20");
        s.setWeight("10");
        p.setSources(List.of(s));
        r.setDomains(List.of(p));

        DomainPage page = AliyunCdnApi.cdnPage(r, 2, 500);

        assertEquals(1203, page.totalCount());
        assertEquals(2, page.pageNumber());
        assertTrue(page.hasNext());
        AcceleratedDomain d = page.domains().get(0);
        assertEquals(Product.CDN, d.product());
        assertEquals("offline", d.status());
        assertEquals("domestic", d.coverage());
        assertEquals(List.of(new Origin("ipaddr", "203.0.113.10", 80, "20", "10", true)), d.origins());
    }

    @Test
    void dcdnListHasNoCoverage() {
        DescribeDcdnUserDomainsResponse r = new DescribeDcdnUserDomainsResponse();
        r.setPageNumber(1L);
        r.setPageSize(20L);
        r.setTotalCount(1L);
        DescribeDcdnUserDomainsResponse.PageData p = new DescribeDcdnUserDomainsResponse.PageData();
        p.setDomainName("api.example.com");
        p.setDomainStatus("online");
        p.setCname("api.example.com.w.kunluncan.com");
        r.setDomains(List.of(p));

        DomainPage page = AliyunCdnApi.dcdnPage(r, 1, 20);

        AcceleratedDomain d = page.domains().get(0);
        assertEquals(Product.DCDN, d.product());
        assertNull(d.coverage());
        assertTrue(d.origins().isEmpty());
        assertFalse(page.hasNext());
    }

    @Test
    void cdnDetailReadsScopeAsCoverageAndTheEnabledFlag() {
        DescribeCdnDomainDetailResponse r = new DescribeCdnDomainDetailResponse();
        DescribeCdnDomainDetailResponse.GetDomainDetailModel m = new DescribeCdnDomainDetailResponse.GetDomainDetailModel();
        m.setDomainName("www.example.com");
        m.setDomainStatus("online");
        m.setCname("www.example.com.w.kunlunsl.com");
        m.setScope("global");
        DescribeCdnDomainDetailResponse.GetDomainDetailModel.SourceModel on = new DescribeCdnDomainDetailResponse.GetDomainDetailModel.SourceModel();
        on.setType("ipaddr");
        on.setContent("203.0.113.10");
        on.setPort(443);
        on.setPriority("20");
        on.setEnabled("online");
        DescribeCdnDomainDetailResponse.GetDomainDetailModel.SourceModel off = new DescribeCdnDomainDetailResponse.GetDomainDetailModel.SourceModel();
        off.setType("domain");
        off.setContent("backup.example.com");
        off.setPriority("30");
        off.setEnabled("offline");
        m.setSourceModels(List.of(on, off));
        r.setGetDomainDetailModel(m);

        AcceleratedDomain d = AliyunCdnApi.cdnDetail(r);

        assertEquals("global", d.coverage());
        assertEquals(2, d.origins().size());
        assertTrue(d.origins().get(0).enabled());
        assertEquals(443, d.origins().get(0).port());
        assertFalse(d.origins().get(1).enabled());
        assertEquals(80, d.origins().get(1).port(), "a missing port reads as 80");
    }

    @Test
    void detailWithoutADomainIsNull() {
        assertNull(AliyunCdnApi.cdnDetail(new DescribeCdnDomainDetailResponse()));
        assertNull(AliyunCdnApi.dcdnDetail(new DescribeDcdnDomainDetailResponse()));
    }

    @Test
    void dcdnDetailReadsScope() {
        DescribeDcdnDomainDetailResponse r = new DescribeDcdnDomainDetailResponse();
        DescribeDcdnDomainDetailResponse.DomainDetail m = new DescribeDcdnDomainDetailResponse.DomainDetail();
        m.setDomainName("api.example.com");
        m.setDomainStatus("online");
        m.setScope("overseas");
        DescribeDcdnDomainDetailResponse.DomainDetail.Source s = new DescribeDcdnDomainDetailResponse.DomainDetail.Source();
        s.setType("domain");
        s.setContent("origin.example.com");
        s.setPort(80);
        m.setSources(List.of(s));
        r.setDomainDetail(m);

        AcceleratedDomain d = AliyunCdnApi.dcdnDetail(r);

        assertEquals("overseas", d.coverage());
        assertEquals("origin.example.com", d.origins().get(0).content());
        assertTrue(d.origins().get(0).enabled(), "no Enabled field means the API did not say it is off");
    }

    @Test
    void icpStatusIsReadAndAnythingElseFailsClosed() throws CloudException {
        assertTrue(AliyunCdnApi.icpStatus(json("{\"RequestId\":\"r\",\"Status\":\"DomainIsRegistration\"}")));
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
        AccountApi.UserCdnStatus s = AliyunAccountApi.userCdnStatus(json(
                "{\"Enabled\":true,\"InDebt\":true,\"InDebtOverdue\":false,\"OnService\":\"true\",\"RequestId\":\"r\"}"));
        assertTrue(s.enabled());
        assertTrue(s.inDebt());
        assertFalse(s.inDebtOverdue());
        assertTrue(s.onService());
        CloudException e = assertThrows(CloudException.class,
                () -> AliyunAccountApi.userCdnStatus(json("{\"Enabled\":true,\"OnService\":true,\"InDebtOverdue\":false}")));
        assertTrue(e.getMessage().contains("InDebt"), e.getMessage());
    }

    @Test
    void zoneNamesAreCleanedOfTheDocsArtifacts() {
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

    private static JsonObject json(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }
}
