package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.alidns.model.v20150109.DescribeSubDomainRecordsRequest;
import com.aliyuncs.alidns.model.v20150109.DescribeSubDomainRecordsResponse;
import com.aliyuncs.alidns.model.v20150109.UpdateDomainRecordRequest;
import com.aliyuncs.cdn.model.v20180510.DescribeUserDomainsRequest;
import com.aliyuncs.cdn.model.v20180510.DescribeUserDomainsResponse;
import com.aliyuncs.cdn.model.v20180510.StopCdnDomainRequest;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnDomainDetailRequest;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnDomainDetailResponse;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.CommonResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The first proof: the real classic SDK talks to the sandbox over HTTP, for each product. */
class ClassicSdkSmokeTest {
    private static Sandbox sandbox;
    private static ClassicClient client;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(0, null);
        client = ClassicClient.of(sandbox);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void cdnDomainsAreListedAndStopChangesTheStatus() throws Exception {
        // given the demo account
        // when www.example.com is stopped and the domains are listed
        StopCdnDomainRequest stop = new StopCdnDomainRequest();
        stop.setDomainName("www.example.com");
        client.call(stop);
        DescribeUserDomainsRequest list = new DescribeUserDomainsRequest();
        list.setDomainName("www.example.com");
        DescribeUserDomainsResponse response = client.call(list);
        // then the SDK model is populated and shows the new status
        assertEquals(1, response.getTotalCount());
        DescribeUserDomainsResponse.PageData d = response.getDomains().get(0);
        assertEquals("offline", d.getDomainStatus());
        assertEquals("www.example.com.w.kunlunsl.com", d.getCname());
        assertEquals("203.0.113.10", d.getSources().get(0).getContent());
        sandbox.update(s -> s.cdnDomain("www.example.com").status = "online");
    }

    @Test
    void dcdnDetailIsParsed() throws Exception {
        DescribeDcdnDomainDetailRequest request = new DescribeDcdnDomainDetailRequest();
        request.setDomainName("api.example.com");
        DescribeDcdnDomainDetailResponse response = client.call(request);
        assertEquals("global", response.getDomainDetail().getScope());
        assertEquals(443, response.getDomainDetail().getSources().get(0).getPort());
    }

    @Test
    void alidnsRecordIsSwitchedInPlace() throws Exception {
        // given the CNAME www -> CDN
        // when it is updated to an A record with the same RecordId
        UpdateDomainRecordRequest update = new UpdateDomainRecordRequest();
        update.setRecordId("1002");
        update.setRR("img");
        update.setType("A");
        update.setValue("203.0.113.99");
        client.call(update);
        DescribeSubDomainRecordsRequest sub = new DescribeSubDomainRecordsRequest();
        sub.setSubDomain("img.example.com");
        DescribeSubDomainRecordsResponse response = client.call(sub);
        // then the record is an A record now
        assertEquals(1, response.getDomainRecords().size());
        assertEquals("A", response.getDomainRecords().get(0).getType());
        assertEquals("1002", response.getDomainRecords().get(0).getRecordId());
    }

    @Test
    void commonRequestReachesOperationsTheSdkLacks() throws Exception {
        CommonResponse response = client.common("2018-05-10", "DescribeUserCdnStatus");
        assertTrue(response.getData().contains("\"InDebt\":false"));
    }

    @Test
    void wrongSecretIsRefused() {
        ClassicClient wrong = new ClassicClient(sandbox, Sandbox.DEFAULT_ACCESS_KEY_ID, "not-the-secret");
        ClientException e = assertThrows(ClientException.class, () -> wrong.call(new DescribeUserDomainsRequest()));
        // the classic SDK compares the server's string-to-sign (sent in the message) with its own; when they are
        // equal it reports the secret as wrong, exactly as against the real cloud
        assertEquals("SDK.InvalidAccessKeySecret", e.getErrCode());
        SandboxCall last = sandbox.requests().get(sandbox.requests().size() - 1);
        assertEquals("SignatureDoesNotMatch", last.errorCode);
        assertEquals(400, last.httpStatus);
    }
}
