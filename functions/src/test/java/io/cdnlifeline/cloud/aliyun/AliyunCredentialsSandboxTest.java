package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.sandbox.AccessKey;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing with long-term and STS credentials, and credentials that rotate between calls, against the sandbox. */
class AliyunCredentialsSandboxTest {
    private static final CloudCredentials STS = new CloudCredentials("STS.role-a", "sts-secret-a", "sts-token-a");
    private SandboxCloud sc;

    @BeforeEach
    void start() {
        sc = SandboxCloud.start("{}");
        sc.sandbox().update(s -> s.accessKeys.add(new AccessKey(STS.accessKeyId(), STS.accessKeySecret(), STS.securityToken())));
    }

    @AfterEach
    void stop() {
        sc.close();
    }

    @Test
    void stsCredentialsWithTheirTokenAreAccepted() throws CloudException {
        Cloud sts = sc.cloud(() -> STS, SandboxCloud.TEST_POLICY);
        assertTrue(sts.dns().zones().isEmpty());
        assertTrue(sts.account().userCdnStatus().onService(), "CommonRequest calls are signed with the token too");
        assertEquals(200, sc.requests("DescribeDomains").get(0).httpStatus);
        assertEquals(200, sc.requests("DescribeUserCdnStatus").get(0).httpStatus);
        assertFalse(sc.requests("DescribeDomains").get(0).params.containsValue(STS.securityToken()),
                "the sandbox log must not hold the token");
    }

    @Test
    void wrongTokenIsRefusedOnceWithoutEchoingIt() {
        Cloud wrong = sc.cloud(() -> new CloudCredentials(STS.accessKeyId(), STS.accessKeySecret(), "not-the-token"),
                SandboxCloud.TEST_POLICY);
        CloudException e = assertThrows(CloudException.class, () -> wrong.dns().zones());
        assertTrue(e.code().startsWith("InvalidSecurityToken"), e.code());
        assertFalse(e.retryable());
        assertFalse(String.valueOf(e.getMessage()).contains("not-the-token"));
        assertEquals(1, sc.count("DescribeDomains"));
    }

    @Test
    void wrongSecretIsAFinalSignatureError() {
        Cloud wrong = sc.cloud(() -> new CloudCredentials("sandbox-ak", "not-the-secret", null), SandboxCloud.TEST_POLICY);
        CloudException e = assertThrows(CloudException.class, () -> wrong.dns().zones());
        assertEquals("SignatureDoesNotMatch", e.code());
        assertFalse(e.retryable());
        assertFalse(String.valueOf(e.getMessage()).contains("not-the-secret"));
        assertEquals(1, sc.count("DescribeDomains"));
    }

    @Test
    void credentialsAreAskedForAtEveryCallSoRotationNeedsNoNewCloud() throws CloudException {
        // given a cloud whose supplier gives the current credentials, like FC's latest invocation
        AtomicReference<CloudCredentials> current = new AtomicReference<>(SandboxCloud.SANDBOX_KEYS);
        Cloud cloud = sc.cloud(current::get, SandboxCloud.TEST_POLICY);
        cloud.dns().zones();
        // when the credentials rotate and the old key is revoked
        current.set(STS);
        sc.sandbox().update(s -> s.accessKeys.removeIf(k -> k.id.equals("sandbox-ak")));
        // then the same cloud keeps working
        cloud.dns().zones();
        assertEquals(2, sc.count("DescribeDomains"));
        assertEquals(200, sc.requests("DescribeDomains").get(1).httpStatus);
    }
}
