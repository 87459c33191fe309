package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.CloudException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AliyunCloudErrorsTest {
    @Test
    void throttlingServerErrorsAndLostConnectionsAreRetryable() {
        assertTrue(CloudErrors.retryable("Throttling", 400));
        assertTrue(CloudErrors.retryable("Throttling.User", 400));
        assertTrue(CloudErrors.retryable("Throttling.Api", 503));
        assertTrue(CloudErrors.retryable("ServiceUnavailable", 503));
        assertTrue(CloudErrors.retryable("InternalError", 500));
        assertTrue(CloudErrors.retryable("InternalError", 400)); // BSS documents InternalError as a 400
        assertTrue(CloudErrors.retryable("UndefinedError", 500));
        assertTrue(CloudErrors.retryable("SDK.ServerUnreachable", 0));
        assertTrue(CloudErrors.retryable("SDK.ReadTimeout", 0));
    }

    @Test
    void clientErrorsAreFinal() {
        assertFalse(CloudErrors.retryable("InvalidDomain.NotFound", 404));
        assertFalse(CloudErrors.retryable("DomainRecordDuplicate", 400));
        assertFalse(CloudErrors.retryable("SignatureDoesNotMatch", 400));
        assertFalse(CloudErrors.retryable("Forbidden", 403));
        assertFalse(CloudErrors.retryable("IcpBlack", 400));
        assertFalse(CloudErrors.retryable("SDK.InvalidServerResponse", 0));
    }

    @Test
    void clientErrorsTheApiReferenceCallsTransientAreRetried() {
        assertTrue(CloudErrors.retryable("ServiceBusy", 403));
        assertTrue(CloudErrors.retryable("SystemUpgrading", 403));
        assertTrue(CloudErrors.retryable("RecordCheckNotAvailable", 400));
        assertTrue(CloudErrors.retryable("CheckDomainICPFail", 400));
        assertTrue(CloudErrors.retryable("UnKnownError", 400));
    }

    @Test
    void errorBodyKeepsHostIdAndTheRecommendLink() {
        String body = "{\"RequestId\":\"16A96B9A\",\"HostId\":\"cdn.ap-southeast-1.aliyuncs.com\",\"Code\":\"IcpBlack\","
                + "\"Message\":\"The domain is on the ICP blacklist.\","
                + "\"Recommend\":\"https://api.aliyun.com/troubleshoot?q=IcpBlack&product=Cdn&requestId=16A96B9A\"}";
        CloudException e = CloudErrors.fromResponse(AliyunApi.START_CDN_DOMAIN, 400, body);
        assertEquals("cdn.ap-southeast-1.aliyuncs.com", e.hostId());
        assertEquals("https://api.aliyun.com/troubleshoot?q=IcpBlack&product=Cdn&requestId=16A96B9A", e.recommend());
    }

    @Test
    void errorBodyGivesCodeMessageRequestIdAndStatus() {
        String body = "{\"RequestId\":\"16A96B9A-F203\",\"HostId\":\"cdn.aliyuncs.com\",\"Code\":\"InternalError\","
                + "\"Message\":\"The request processing has failed due to some unknown error.\"}";
        CloudException e = CloudErrors.fromResponse(AliyunApi.STOP_CDN_DOMAIN, 500, body);
        assertEquals("InternalError", e.code());
        assertEquals("The request processing has failed due to some unknown error.", e.getMessage());
        assertEquals("16A96B9A-F203", e.requestId());
        assertEquals(500, e.httpStatus());
        assertTrue(e.retryable());
    }

    @Test
    void bodyThatIsNotAnApiErrorStillGivesStatusAndRetryability() {
        CloudException e = CloudErrors.fromResponse(AliyunApi.STOP_CDN_DOMAIN, 502, "<html>bad gateway</html>");
        assertEquals("Http502", e.code());
        assertNull(e.requestId());
        assertTrue(e.retryable());
        CloudException four = CloudErrors.fromResponse(AliyunApi.STOP_CDN_DOMAIN, 404, "");
        assertFalse(four.retryable());
    }

    @Test
    void signatureMismatchDoesNotEchoTheStringToSign() {
        String body = "{\"Code\":\"SignatureDoesNotMatch\",\"RequestId\":\"r1\",\"Message\":\"Specified signature is not matched "
                + "with our calculation. server string to sign is:POST&%2F&AccessKeyId%3Dak%26SecurityToken%3Dsecret-token-123\"}";
        CloudException e = CloudErrors.fromResponse(AliyunApi.DESCRIBE_USER_DOMAINS, 400, body);
        assertEquals("SignatureDoesNotMatch", e.code());
        assertFalse(e.getMessage().contains("secret-token-123"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Specified signature is not matched"));
    }

    @Test
    void noAnswerKeepsTheSdksCodeAndTheHostButNotAUrlsQuery() {
        // given a connection failure whose message names a signed URL
        String url = "https://cdn.aliyuncs.com/?AccessKeyId=ak&SecurityToken=secret-token-123&Signature=sig%3D";
        CloudException e = CloudErrors.noAnswer(AliyunApi.DESCRIBE_USER_DOMAINS, "cdn.aliyuncs.com",
                new ConnectException("Connection refused to " + url));
        // then it is the classic SDK's code, retryable, with the host and the kind of failure, without the secrets
        assertEquals("SDK.ServerUnreachable", e.code());
        assertEquals(0, e.httpStatus());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("cdn.aliyuncs.com"), e.getMessage());
        assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
        assertTrue(e.getMessage().contains("DescribeUserDomains"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-token-123"), e.getMessage());
        assertFalse(e.getMessage().contains("sig%3D"), e.getMessage());
    }

    @Test
    void timeoutsAreReadTimeoutsAndOtherIoFailuresAreUnreachable() {
        CloudException timeout = CloudErrors.noAnswer(AliyunApi.UPDATE_DOMAIN_RECORD, "alidns.aliyuncs.com",
                new SocketTimeoutException("Read timed out"));
        assertEquals("SDK.ReadTimeout", timeout.code());
        assertTrue(timeout.retryable());
        CloudException dns = CloudErrors.noAnswer(AliyunApi.UPDATE_DOMAIN_RECORD, "alidns.aliyuncs.com",
                new UnknownHostException("alidns.aliyuncs.com"));
        assertEquals("SDK.ServerUnreachable", dns.code());
        assertTrue(dns.retryable());
    }

    @Test
    void redactionCoversBareParametersAndJson() {
        assertEquals("SecurityToken=***&x=1", CloudErrors.redact("SecurityToken=abc&x=1"));
        assertEquals("{\"AccessKeySecret\": \"***\"}", CloudErrors.redact("{\"AccessKeySecret\": \"abc\"}"));
        assertNull(CloudErrors.redact(null));
    }
}
