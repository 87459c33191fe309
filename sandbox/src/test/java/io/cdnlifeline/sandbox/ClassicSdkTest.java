package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.alidns.model.v20150109.*;
import com.aliyuncs.auth.BasicSessionCredentials;
import com.aliyuncs.bssopenapi.model.v20171214.QueryAccountBalanceRequest;
import com.aliyuncs.bssopenapi.model.v20171214.QueryAccountBalanceResponse;
import com.aliyuncs.cdn.model.v20180510.BatchStartCdnDomainRequest;
import com.aliyuncs.cdn.model.v20180510.BatchStopCdnDomainRequest;
import com.aliyuncs.cdn.model.v20180510.DescribeCdnDomainDetailRequest;
import com.aliyuncs.cdn.model.v20180510.DescribeCdnDomainDetailResponse;
import com.aliyuncs.cdn.model.v20180510.DescribeCdnServiceRequest;
import com.aliyuncs.cdn.model.v20180510.DescribeCdnServiceResponse;
import com.aliyuncs.cdn.model.v20180510.DescribeTagResourcesRequest;
import com.aliyuncs.cdn.model.v20180510.DescribeTagResourcesResponse;
import com.aliyuncs.cdn.model.v20180510.DescribeUserDomainsRequest;
import com.aliyuncs.cdn.model.v20180510.DescribeUserDomainsResponse;
import com.aliyuncs.cdn.model.v20180510.ModifyCdnDomainSchdmByPropertyRequest;
import com.aliyuncs.cdn.model.v20180510.StartCdnDomainRequest;
import com.aliyuncs.cdn.model.v20180510.StopCdnDomainRequest;
import com.aliyuncs.cdn.model.v20180510.TagResourcesRequest;
import com.aliyuncs.cdn.model.v20180510.UntagResourcesRequest;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnDomainDetailRequest;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnDomainDetailResponse;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnServiceRequest;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnServiceResponse;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnTagResourcesRequest;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnTagResourcesResponse;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnUserDomainsRequest;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnUserDomainsResponse;
import com.aliyuncs.dcdn.model.v20180115.ModifyDCdnDomainSchdmByPropertyRequest;
import com.aliyuncs.dcdn.model.v20180115.StartDcdnDomainRequest;
import com.aliyuncs.dcdn.model.v20180115.StopDcdnDomainRequest;
import com.aliyuncs.dcdn.model.v20180115.TagDcdnResourcesRequest;
import com.aliyuncs.dcdn.model.v20180115.UntagDcdnResourcesRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every operation through the real classic SDK clients (aliyun-java-sdk-cdn, -dcdn, -alidns, -bssopenapi). */
class ClassicSdkTest {
    private static Sandbox sandbox;
    private static ClassicClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0, null);
        client = ClassicClient.of(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void demoAccount() {
        sandbox.replaceState(Sandbox.demoSeed());
    }

    private static <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
        return client.call(request);
    }

    // ---- CDN

    @Test
    void describeUserDomainsPagesAndFilters() throws Exception {
        DescribeUserDomainsRequest request = new DescribeUserDomainsRequest();
        request.setPageSize(2);
        request.setPageNumber(2);
        DescribeUserDomainsResponse page2 = call(request);
        assertEquals(3L, page2.getTotalCount());
        assertEquals(1, page2.getDomains().size());
        assertEquals("shop.example.net", page2.getDomains().get(0).getDomainName());

        DescribeUserDomainsRequest fuzzy = new DescribeUserDomainsRequest();
        fuzzy.setDomainName("example.com");
        fuzzy.setDomainSearchType("suf_match");
        fuzzy.setDomainStatus("online");
        DescribeUserDomainsResponse response = call(fuzzy);
        assertEquals(2L, response.getTotalCount());
        DescribeUserDomainsResponse.PageData d = response.getDomains().get(0);
        assertEquals("domestic", d.getCoverage());
        assertEquals("web", d.getCdnType());
        assertNotNull(d.getDomainId());
        assertEquals(80, d.getSources().get(0).getPort());
        assertEquals("20", d.getSources().get(0).getPriority());
    }

    @Test
    void describeUserDomainsFiltersByChangeTimeAndTag() throws Exception {
        sandbox.update(s -> {
            s.cdnDomain("img.example.com").gmtModified = "2025-06-01T00:00:00Z";
            s.cdnDomain("img.example.com").tags.put("team", "media");
        });
        DescribeUserDomainsRequest changed = new DescribeUserDomainsRequest();
        changed.setChangeStartTime("2025-05-01T00:00:00Z");
        changed.setChangeEndTime("2025-07-01T00:00:00Z");
        DescribeUserDomainsResponse response = call(changed);
        assertEquals(1L, response.getTotalCount());
        assertEquals("img.example.com", response.getDomains().get(0).getDomainName());
        DescribeUserDomainsRequest tagged = new DescribeUserDomainsRequest();
        DescribeUserDomainsRequest.Tag tag = new DescribeUserDomainsRequest.Tag();
        tag.setKey("team");
        tag.setValue("media");
        tagged.setTags(List.of(tag));
        assertEquals(1L, call(tagged).getTotalCount());
    }

    @Test
    void detailShowsScopeAndSourceModels() throws Exception {
        DescribeCdnDomainDetailRequest request = new DescribeCdnDomainDetailRequest();
        request.setDomainName("www.example.com");
        DescribeCdnDomainDetailResponse.GetDomainDetailModel m = call(request).getGetDomainDetailModel();
        assertEquals("domestic", m.getScope());
        assertEquals("www.example.com.w.kunlunsl.com", m.getCname());
        assertEquals(2, m.getSourceModels().size());
        assertEquals("online", m.getSourceModels().get(0).getEnabled());
    }

    @Test
    void unknownDomainIsNotFound() {
        DescribeCdnDomainDetailRequest request = new DescribeCdnDomainDetailRequest();
        request.setDomainName("nope.example.com");
        ClientException e = assertThrows(ClientException.class, () -> call(request));
        assertEquals("InvalidDomain.NotFound", e.getErrCode());
    }

    @Test
    void stopAndStartChangeTheStatus() throws Exception {
        StopCdnDomainRequest stop = new StopCdnDomainRequest();
        stop.setDomainName("www.example.com");
        call(stop);
        assertEquals("offline", status("www.example.com"));
        StartCdnDomainRequest start = new StartCdnDomainRequest();
        start.setDomainName("www.example.com");
        call(start);
        assertEquals("online", status("www.example.com"));
    }

    @Test
    void batchStopAndStart() throws Exception {
        BatchStopCdnDomainRequest stop = new BatchStopCdnDomainRequest();
        stop.setDomainNames("www.example.com,img.example.com");
        call(stop);
        assertEquals("offline", status("img.example.com"));
        BatchStartCdnDomainRequest start = new BatchStartCdnDomainRequest();
        start.setDomainNames("www.example.com,img.example.com");
        call(start);
        assertEquals("online", status("www.example.com"));
    }

    @Test
    void startWhileInDebtIsRefused() {
        sandbox.update(s -> {
            s.account.inDebt = true;
            s.cdnDomain("www.example.com").status = "offline";
        });
        StartCdnDomainRequest start = new StartCdnDomainRequest();
        start.setDomainName("www.example.com");
        ClientException e = assertThrows(ClientException.class, () -> call(start));
        assertEquals("Forbidden.InDebt", e.getErrCode());
        assertEquals("offline", status("www.example.com"));
    }

    @Test
    void coverageChangeIsVisibleInListAndDetail() throws Exception {
        ModifyCdnDomainSchdmByPropertyRequest modify = new ModifyCdnDomainSchdmByPropertyRequest();
        modify.setDomainName("www.example.com");
        modify.setProperty("{\"coverage\":\"overseas\"}");
        call(modify);
        DescribeUserDomainsRequest list = new DescribeUserDomainsRequest();
        list.setDomainName("www.example.com");
        assertEquals("overseas", call(list).getDomains().get(0).getCoverage());
        DescribeCdnDomainDetailRequest detail = new DescribeCdnDomainDetailRequest();
        detail.setDomainName("www.example.com");
        assertEquals("overseas", call(detail).getGetDomainDetailModel().getScope());
    }

    @Test
    void mainlandCoverageWithoutIcpIsRefused() {
        sandbox.update(s -> {
            Domain d = s.cdnDomain("www.example.com");
            d.icp = false;
            d.coverage = "overseas";
        });
        ModifyCdnDomainSchdmByPropertyRequest modify = new ModifyCdnDomainSchdmByPropertyRequest();
        modify.setDomainName("www.example.com");
        modify.setProperty("{\"coverage\":\"domestic\"}");
        ClientException e = assertThrows(ClientException.class, () -> call(modify));
        assertEquals("Domain.BeianInvalid", e.getErrCode());
    }

    @Test
    void tagsAreStoredPerDomainAndRemoved() throws Exception {
        TagResourcesRequest tag = new TagResourcesRequest();
        tag.setResourceType("DOMAIN");
        tag.setResourceIds(List.of("www.example.com"));
        TagResourcesRequest.Tag t = new TagResourcesRequest.Tag();
        t.setKey("lifeline:coverage");
        t.setValue("domestic");
        tag.setTags(List.of(t));
        call(tag);

        DescribeTagResourcesRequest describe = new DescribeTagResourcesRequest();
        describe.setResourceType("DOMAIN");
        describe.setResourceIds(List.of("www.example.com", "img.example.com"));
        DescribeTagResourcesResponse tags = call(describe);
        DescribeTagResourcesResponse.TagResource www = tags.getTagResources().get(0);
        assertEquals("www.example.com", www.getResourceId());
        assertEquals("lifeline:coverage", www.getTag().get(0).getKey());
        assertEquals("domestic", www.getTag().get(0).getValue());
        assertTrue(tags.getTagResources().get(1).getTag().isEmpty());

        UntagResourcesRequest untag = new UntagResourcesRequest();
        untag.setResourceType("DOMAIN");
        untag.setResourceIds(List.of("www.example.com"));
        untag.setTagKeys(List.of("lifeline:coverage"));
        call(untag);
        assertTrue(sandbox.<Boolean>read(s -> s.cdnDomain("www.example.com").tags.isEmpty()));
    }

    @Test
    void cdnServiceShowsTheFinancialLockWhenOverdue() throws Exception {
        assertTrue(call(new DescribeCdnServiceRequest()).getOperationLocks().isEmpty());
        sandbox.update(s -> s.account.inDebtOverdue = true);
        DescribeCdnServiceResponse response = call(new DescribeCdnServiceRequest());
        assertEquals("financial", response.getOperationLocks().get(0).getLockReason());
        assertEquals("PayByTraffic", response.getInternetChargeType());
    }

    @Test
    void userCdnStatusAndIcpCheckGoThroughCommonRequest() throws Exception {
        sandbox.update(s -> {
            s.account.inDebt = true;
            s.cdnDomain("img.example.com").icp = false;
        });
        CommonResponse status = client.common("2018-05-10", "DescribeUserCdnStatus");
        assertTrue(status.getData().contains("\"InDebt\":true"), status.getData());
        CommonResponse icp = client.common("2018-05-10", "CheckCdnDomainICP", "DomainName", "img.example.com");
        assertTrue(icp.getData().contains("\"Status\":\"DomainNotRegistration\""), icp.getData());
    }

    // ---- DCDN

    @Test
    void dcdnListDetailStopStartCoverageAndTags() throws Exception {
        DescribeDcdnUserDomainsResponse list = call(new DescribeDcdnUserDomainsRequest());
        assertEquals(1L, list.getTotalCount());
        DescribeDcdnUserDomainsResponse.PageData d = list.getDomains().get(0);
        assertEquals("api.example.com", d.getDomainName());
        assertEquals("off", d.getSSLProtocol());
        assertEquals("203.0.113.20", d.getSources().get(0).getContent());

        StopDcdnDomainRequest stop = new StopDcdnDomainRequest();
        stop.setDomainName("api.example.com");
        call(stop);
        DescribeDcdnDomainDetailRequest detail = new DescribeDcdnDomainDetailRequest();
        detail.setDomainName("api.example.com");
        DescribeDcdnDomainDetailResponse.DomainDetail dd = call(detail).getDomainDetail();
        assertEquals("offline", dd.getDomainStatus());
        assertEquals("global", dd.getScope());

        StartDcdnDomainRequest start = new StartDcdnDomainRequest();
        start.setDomainName("api.example.com");
        call(start);
        ModifyDCdnDomainSchdmByPropertyRequest modify = new ModifyDCdnDomainSchdmByPropertyRequest();
        modify.setDomainName("api.example.com");
        modify.setProperty("{\"coverage\":\"overseas\"}");
        call(modify);
        dd = call(detail).getDomainDetail();
        assertEquals("online", dd.getDomainStatus());
        assertEquals("overseas", dd.getScope());

        TagDcdnResourcesRequest tag = new TagDcdnResourcesRequest();
        tag.setResourceType("DOMAIN");
        tag.setResourceIds(List.of("api.example.com"));
        TagDcdnResourcesRequest.Tag t = new TagDcdnResourcesRequest.Tag();
        t.setKey("lifeline:disabled");
        t.setValue("in-debt");
        tag.setTags(List.of(t));
        call(tag);
        DescribeDcdnTagResourcesRequest describe = new DescribeDcdnTagResourcesRequest();
        describe.setResourceType("DOMAIN");
        describe.setResourceIds(List.of("api.example.com"));
        DescribeDcdnTagResourcesResponse tags = call(describe);
        assertEquals("in-debt", tags.getTagResources().get(0).getTag().get(0).getValue());
        UntagDcdnResourcesRequest untag = new UntagDcdnResourcesRequest();
        untag.setResourceType("DOMAIN");
        untag.setResourceIds(List.of("api.example.com"));
        untag.setAll(true);
        call(untag);
        assertTrue(call(describe).getTagResources().get(0).getTag().isEmpty());
    }

    @Test
    void dcdnServiceIsParsed() throws Exception {
        sandbox.update(s -> s.account.inDebtOverdue = true);
        DescribeDcdnServiceResponse response = call(new DescribeDcdnServiceRequest());
        assertEquals("financial", response.getOperationLocks().get(0).getLockReason());
        assertEquals("websockettraffic", response.getWebsocketType());
    }

    // ---- Alidns

    @Test
    void describeDomainsListsTheZones() throws Exception {
        DescribeDomainsResponse response = call(new DescribeDomainsRequest());
        assertEquals(2L, response.getTotalCount());
        DescribeDomainsResponse.Domain zone = response.getDomains().get(0);
        assertEquals("example.com", zone.getDomainName());
        assertEquals(List.of("ns1.alidns.com", "ns2.alidns.com"), zone.getDnsServers());
        assertEquals(5L, zone.getRecordCount());
        assertTrue(zone.getAliDomain());
    }

    @Test
    void describeDomainRecordsFiltersAndKeepsStoredStatus() throws Exception {
        DescribeDomainRecordsRequest request = new DescribeDomainRecordsRequest();
        request.setDomainName("example.com");
        request.setRRKeyWord("ww");
        request.setType("CNAME");
        DescribeDomainRecordsResponse response = call(request);
        assertEquals(1L, response.getTotalCount());
        DescribeDomainRecordsResponse.Record r = response.getDomainRecords().get(0);
        assertEquals("1001", r.getRecordId());
        assertEquals("ENABLE", r.getStatus());
        assertEquals(600L, r.getTTL());
        assertFalse(r.getLocked());
    }

    @Test
    void describeDomainRecordsOfAForeignZoneIsRefused() {
        DescribeDomainRecordsRequest request = new DescribeDomainRecordsRequest();
        request.setDomainName("not-mine.com");
        ClientException e = assertThrows(ClientException.class, () -> call(request));
        assertEquals("InvalidDomainName.NoExist", e.getErrCode());
    }

    @Test
    void subDomainRecordsOfTheApex() throws Exception {
        DescribeSubDomainRecordsRequest request = new DescribeSubDomainRecordsRequest();
        request.setSubDomain("example.com");
        request.setType("MX");
        DescribeSubDomainRecordsResponse response = call(request);
        assertEquals(1L, response.getTotalCount());
        assertEquals(10L, response.getDomainRecords().get(0).getPriority());
    }

    @Test
    void addUpdateRemarkStatusInfoAndDelete() throws Exception {
        AddDomainRecordRequest add = new AddDomainRecordRequest();
        add.setDomainName("example.com");
        add.setRR("new");
        add.setType("A");
        add.setValue("203.0.113.50");
        add.setTTL(300L);
        String id = call(add).getRecordId();
        assertTrue(id.matches("\\d+"));

        UpdateDomainRecordRemarkRequest remark = new UpdateDomainRecordRemarkRequest();
        remark.setRecordId(id);
        remark.setRemark("lifeline:cname=new.example.com.w.kunlunsl.com");
        call(remark);

        UpdateDomainRecordRequest update = new UpdateDomainRecordRequest();
        update.setRecordId(id);
        update.setRR("new");
        update.setType("A");
        update.setValue("203.0.113.51");
        update.setTTL(300L);
        assertEquals(id, call(update).getRecordId());

        SetDomainRecordStatusRequest disable = new SetDomainRecordStatusRequest();
        disable.setRecordId(id);
        disable.setStatus("Disable");
        assertEquals("Disable", call(disable).getStatus());

        DescribeDomainRecordInfoRequest info = new DescribeDomainRecordInfoRequest();
        info.setRecordId(id);
        DescribeDomainRecordInfoResponse r = call(info);
        assertEquals("203.0.113.51", r.getValue());
        assertEquals("lifeline:cname=new.example.com.w.kunlunsl.com", r.getRemark());
        assertEquals("Disable", r.getStatus());
        assertEquals(300L, r.getTTL());
        assertEquals("example.com", r.getDomainName());

        DeleteDomainRecordRequest delete = new DeleteDomainRecordRequest();
        delete.setRecordId(id);
        assertEquals(id, call(delete).getRecordId());
        ClientException gone = assertThrows(ClientException.class, () -> call(info));
        assertEquals("DomainRecordNotBelongToUser", gone.getErrCode());
    }

    @Test
    void mainDomainName() throws Exception {
        GetMainDomainNameRequest request = new GetMainDomainNameRequest();
        request.setInputString("a.www.example.com");
        GetMainDomainNameResponse response = call(request);
        assertEquals("example.com", response.getDomainName());
        assertEquals("a.www", response.getRR());
        assertEquals(3L, response.getDomainLevel());
    }

    // ---- BSS

    @Test
    void accountBalance() throws Exception {
        sandbox.update(s -> s.account.availableAmount = "-12.34");
        QueryAccountBalanceResponse response = call(new QueryAccountBalanceRequest());
        assertTrue(response.getSuccess());
        assertEquals("200", response.getCode());
        assertEquals("-12.34", response.getData().getAvailableAmount());
        assertEquals("CNY", response.getData().getCurrency());
    }

    // ---- credentials

    @Test
    void stsCredentialsWork() throws Exception {
        sandbox.update(s -> s.accessKeys.add(new AccessKey("STS.sandbox", "sts-secret", "sts-token")));
        ClassicClient sts = new ClassicClient(sandbox, new BasicSessionCredentials("STS.sandbox", "sts-secret", "sts-token"));
        assertEquals(3L, sts.call(new DescribeUserDomainsRequest()).getTotalCount());
        assertEquals(2L, sts.call(new DescribeDomainsRequest()).getTotalCount());
        ClassicClient wrongToken = new ClassicClient(sandbox, new BasicSessionCredentials("STS.sandbox", "sts-secret", "other"));
        ClientException e = assertThrows(ClientException.class, () -> wrongToken.call(new DescribeUserDomainsRequest()));
        assertEquals("InvalidSecurityToken.MismatchWithAccessKey", e.getErrCode());
        ClassicClient noToken = new ClassicClient(sandbox, "STS.sandbox", "sts-secret");
        ClientException missing = assertThrows(ClientException.class, () -> noToken.call(new DescribeUserDomainsRequest()));
        assertEquals("MissingSecurityToken", missing.getErrCode());
    }

    @Test
    void profileEndpointsRouteEveryRequestOfAProduct() throws Exception {
        // given a client whose profile maps the product to the sandbox and speaks plain HTTP
        com.aliyuncs.profile.DefaultProfile profile = com.aliyuncs.profile.DefaultProfile.getProfile("cn-shanghai", "sandbox-ak", "sandbox-secret");
        com.aliyuncs.profile.DefaultProfile.addEndpoint("cn-shanghai", "Alidns", "127.0.0.1:" + sandbox.port());
        profile.getHttpClientConfig().setProtocolType(com.aliyuncs.http.ProtocolType.HTTP);
        com.aliyuncs.DefaultAcsClient plain = new com.aliyuncs.DefaultAcsClient(profile);
        // when a request is sent without a per-request endpoint, then it reaches the sandbox
        assertEquals(2L, plain.getAcsResponse(new DescribeDomainsRequest()).getTotalCount());
    }

    @Test
    void unknownAccessKeyIsRefused() {
        ClassicClient stranger = new ClassicClient(sandbox, "who-am-i", "x");
        ClientException e = assertThrows(ClientException.class, () -> stranger.call(new DescribeDomainsRequest()));
        assertEquals("InvalidAccessKeyId.NotFound", e.getErrCode());
    }

    @Test
    void injectedServerErrorsArriveAsServerExceptions() {
        sandbox.setFaults(new Faults(1.0, 0, 0, 7));
        try {
            ServerException e = assertThrows(ServerException.class, () -> call(new DescribeDomainsRequest()));
            assertTrue(isServerError(e.getErrCode()), e.getErrCode());
        } finally {
            sandbox.setFaults(new Faults());
        }
    }

    private static boolean isServerError(String code) {
        return "InternalError".equals(code) || "ServiceUnavailable".equals(code);
    }

    private static String status(String domain) {
        return sandbox.read(s -> s.cdnDomain(domain).status);
    }
}
