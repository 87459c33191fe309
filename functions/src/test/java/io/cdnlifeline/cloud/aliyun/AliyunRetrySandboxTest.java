package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.Faults;
import io.cdnlifeline.sandbox.Limits;
import io.cdnlifeline.sandbox.SandboxCall;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retries, rate limits and deadlines through the real SDK against a sandbox that throttles, fails and drops. */
class AliyunRetrySandboxTest {
    private static final int CALLS = 12;
    /** Enough attempts that a seeded run of faults never exhausts them: these tests are about recovering. */
    private static final CallPolicy PATIENT = SandboxCloud.TEST_POLICY.toBuilder().maxAttempts(20).build();
    private SandboxCloud sc;

    @BeforeEach
    void start() {
        sc = SandboxCloud.start("{}");
        sc.sandbox().update(s -> s.cdn.add(new Domain("www.example.com", null, "online", "domestic")));
    }

    @AfterEach
    void stop() {
        sc.close();
    }

    private int countWith(String action, String errorCode) {
        int n = 0;
        for (SandboxCall c : sc.requests(action)) {
            if (errorCode == null ? c.errorCode == null : errorCode.equals(c.errorCode)) n++;
        }
        return n;
    }

    @Test
    void throttledCallsAreRetriedAndSucceed() throws CloudException {
        // given a sandbox that throttles about half the calls (seeded, so repeatable)
        sc.sandbox().setFaults(new Faults(0, 0.5, 0, 7));
        Cloud cloud = sc.cloud(() -> SandboxCloud.SANDBOX_KEYS, PATIENT);
        // when
        for (int i = 0; i < CALLS; i++) {
            assertEquals("online", cloud.cdn().describeDomain(Product.CDN, "www.example.com").status());
        }
        // then every call succeeded once, after the throttled attempts
        int throttled = countWith("DescribeCdnDomainDetail", "Throttling.User");
        assertTrue(throttled > 0, "the sandbox throttled nothing: the test proves nothing");
        assertEquals(CALLS, countWith("DescribeCdnDomainDetail", null));
        assertEquals(CALLS + throttled, sc.count("DescribeCdnDomainDetail"));
    }

    @Test
    void serverErrorsAndDroppedConnectionsAreRetriedAndSucceed() throws CloudException {
        sc.sandbox().setFaults(new Faults(0.3, 0, 0.2, 11));
        Cloud cloud = sc.cloud(() -> SandboxCloud.SANDBOX_KEYS, PATIENT);
        for (int i = 0; i < CALLS; i++) {
            cloud.cdn().stopDomain(Product.CDN, "www.example.com");
        }
        int failed = countWith("StopCdnDomain", "InternalError") + countWith("StopCdnDomain", "ServiceUnavailable");
        int dropped = countWith("StopCdnDomain", "DroppedConnection");
        assertTrue(failed + dropped > 0, "no faults injected: the test proves nothing");
        assertEquals(CALLS, countWith("StopCdnDomain", null));
        assertEquals(CALLS + failed + dropped, sc.count("StopCdnDomain"));
    }

    @Test
    void persistentThrottlingGivesUpAfterTheAttemptsWithTheCloudsError() {
        sc.sandbox().setFaults(new Faults(0, 1.0, 0, 1));
        CloudException e = org.junit.jupiter.api.Assertions.assertThrows(CloudException.class,
                () -> sc.cloud().cdn().describeDomain(Product.CDN, "www.example.com"));
        assertEquals("Throttling.User", e.code());
        assertTrue(e.retryable());
        assertEquals(SandboxCloud.TEST_POLICY.maxAttempts(), sc.count("DescribeCdnDomainDetail"));
    }

    @Test
    void clientSideRateLimitKeepsABurstUnderTheSandboxsQps() throws CloudException {
        // given the sandbox enforcing the documented QPS (DescribeTagResources: 10/s)
        sc.sandbox().setLimits(new Limits(0, true));
        // when a burst of 15 calls goes out
        for (int i = 0; i < 15; i++) sc.cloud().cdn().tags(Product.CDN, List.of("www.example.com"));
        // then none was throttled
        assertEquals(15, sc.count("DescribeTagResources"));
        assertEquals(0, countWith("DescribeTagResources", "Throttling.User"));
    }

    @Test
    void withoutTheClientSideLimitTheSandboxThrottlesAndRetriesRecover() throws CloudException {
        sc.sandbox().setLimits(new Limits(0, true));
        Cloud unlimited = sc.cloud(() -> SandboxCloud.SANDBOX_KEYS, PATIENT.toBuilder().rateLimited(false).build());
        for (int i = 0; i < 30; i++) unlimited.cdn().tags(Product.CDN, List.of("www.example.com"));
        assertTrue(countWith("DescribeTagResources", "Throttling.User") > 0, "the burst was not throttled");
        assertEquals(30, countWith("DescribeTagResources", null));
    }

    @Test
    void concurrentCallsShareOneClientAndLimiter() throws Exception {
        // given 40 domains and the sandbox enforcing QPS (DescribeCdnDomainDetail: 30/s)
        sc.sandbox().update(s -> {
            for (int i = 0; i < 40; i++) s.cdn.add(new Domain("d" + i + ".example.com", null, "online", "domestic"));
        });
        sc.sandbox().setLimits(new Limits(0, true));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = "d" + i + ".example.com";
                answers.add(pool.submit(() -> sc.cloud().cdn().describeDomain(Product.CDN, name).name()));
            }
            // when / then every call answers with its own domain, none throttled
            for (int i = 0; i < 40; i++) assertEquals("d" + i + ".example.com", answers.get(i).get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40, sc.count("DescribeCdnDomainDetail"));
        assertEquals(0, countWith("DescribeCdnDomainDetail", "Throttling.User"));
    }

    @Test
    void noCallAfterTheRunsDeadline() {
        Cloud late = sc.cloud(() -> SandboxCloud.SANDBOX_KEYS, SandboxCloud.TEST_POLICY.withDeadline(() -> System.currentTimeMillis() - 1));
        CloudException e = org.junit.jupiter.api.Assertions.assertThrows(CloudException.class,
                () -> late.cdn().stopDomain(Product.CDN, "www.example.com"));
        assertEquals(ResilientCaller.DEADLINE_EXCEEDED, e.code());
        assertTrue(sc.requests().isEmpty());
        assertEquals("online", sc.sandbox().read(s -> s.cdnDomain("www.example.com").status));
    }
}
