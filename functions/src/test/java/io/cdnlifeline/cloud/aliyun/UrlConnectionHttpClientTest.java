package io.cdnlifeline.cloud.aliyun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.alidns.model.v20150109.DescribeSubDomainRecordsRequest;
import com.aliyuncs.alidns.model.v20150109.DescribeSubDomainRecordsResponse;
import com.aliyuncs.alidns.model.v20150109.UpdateDomainRecordRemarkRequest;
import com.aliyuncs.cdn.model.v20180510.DescribeCdnDomainDetailRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The classic SDK over UrlConnectionHttpClient, against the sandbox: answers, API errors and writes. */
class UrlConnectionHttpClientTest {
    private static Sandbox sandbox;
    private static DefaultAcsClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0, null);
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET);
        profile.setHttpClientConfig(UrlConnectionHttpClient.config());
        client = new DefaultAcsClient(profile);
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        sandbox.close();
    }

    private static <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
        request.setSysEndpoint("127.0.0.1:" + sandbox.port());
        request.setSysProtocol(ProtocolType.HTTP);
        return client.getAcsResponse(request);
    }

    @Test
    void jsonAnswersAreParsedEvenThoughTheServerSpellsTheHeaderContentType() throws Exception {
        // given the demo account, whose server sends "Content-type" (the JDK server's spelling)
        DescribeCdnDomainDetailRequest detail = new DescribeCdnDomainDetailRequest();
        detail.setDomainName("www.example.com");
        // when the detail is read
        String cname = call(detail).getGetDomainDetailModel().getCname();
        // then the SDK parsed the JSON answer
        assertEquals("www.example.com.w.kunlunsl.com", cname);
    }

    @Test
    void anApiErrorBecomesTheSdksExceptionWithItsCode() {
        // given a domain the account does not have
        DescribeCdnDomainDetailRequest detail = new DescribeCdnDomainDetailRequest();
        detail.setDomainName("nowhere.example.org");
        // when it is read, then the error answer (HTTP 4xx, read from the error stream) carries the API's code
        ClientException e = assertThrows(ClientException.class, () -> call(detail));
        assertEquals("InvalidDomain.NotFound", e.getErrCode());
    }

    @Test
    void aWriteReachesTheAccountAndManyCallsShareTheClient() throws Exception {
        // given the record www -> CDN (1001)
        for (int i = 0; i < 20; i++) {
            // when its remark is written twenty times over one client (kept-alive connections)
            UpdateDomainRecordRemarkRequest remark = new UpdateDomainRecordRemarkRequest();
            remark.setRecordId("1001");
            remark.setRemark("lifeline:test-" + i);
            call(remark);
        }
        DescribeSubDomainRecordsRequest read = new DescribeSubDomainRecordsRequest();
        read.setSubDomain("www.example.com");
        DescribeSubDomainRecordsResponse records = call(read);
        // then the last write is what the account holds
        assertEquals("lifeline:test-19", sandbox.read(s -> s.record("1001").remark));
        assertEquals("1001", records.getDomainRecords().get(0).getRecordId());
    }
}
