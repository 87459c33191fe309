package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.CloudException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry / deadline / rate-limit rules, with a fake attempt standing in for the SDK call. */
class AliyunResilientCallerTest {
    private static final CallPolicy FAST = CallPolicy.builder()
            .backoff(Duration.ofMillis(5), Duration.ofMillis(40)).jitter(0).rateLimited(false).build();

    private static CloudException cloud(String code, int status) {
        return new CloudException(code, code + " happened", "req-" + code, status, CloudErrors.retryable(code, status));
    }

    /** Fails with the given errors in order, then answers "ok". */
    private static final class Scripted implements ResilientCaller.Attempt<String> {
        final List<CloudException> failures;
        final AtomicInteger calls = new AtomicInteger();
        final List<Integer> readTimeouts = new ArrayList<>();

        Scripted(CloudException... failures) {
            this.failures = List.of(failures);
        }

        @Override
        public String run(int readTimeoutMillis) throws CloudException {
            readTimeouts.add(readTimeoutMillis);
            int n = calls.getAndIncrement();
            if (n < failures.size()) throw failures.get(n);
            return "ok";
        }
    }

    @Test
    void throttlingAndServerErrorsAreRetriedUntilSuccess() throws CloudException {
        // given a call throttled twice, then a 503, then answered
        Scripted attempt = new Scripted(cloud("Throttling.User", 400), cloud("Throttling.Api", 400), cloud("ServiceUnavailable", 503));
        // when
        String answer = new ResilientCaller(FAST).call(AliyunApi.DESCRIBE_USER_DOMAINS, attempt);
        // then
        assertEquals("ok", answer);
        assertEquals(4, attempt.calls.get());
    }

    @Test
    void clientErrorIsNeverRetried() {
        Scripted attempt = new Scripted(cloud("InvalidDomain.NotFound", 404));
        CloudException e = assertThrows(CloudException.class,
                () -> new ResilientCaller(FAST).call(AliyunApi.DESCRIBE_CDN_DOMAIN_DETAIL, attempt));
        assertEquals("InvalidDomain.NotFound", e.code());
        assertEquals(404, e.httpStatus());
        assertEquals(1, attempt.calls.get());
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheCloudsLastError() {
        CloudException[] always = new CloudException[10];
        for (int i = 0; i < always.length; i++) always[i] = cloud("Throttling.User", 400);
        Scripted attempt = new Scripted(always);
        CallPolicy three = FAST.toBuilder().maxAttempts(3).build();
        CloudException e = assertThrows(CloudException.class,
                () -> new ResilientCaller(three).call(AliyunApi.STOP_CDN_DOMAIN, attempt));
        assertEquals("Throttling.User", e.code());
        assertTrue(e.retryable());
        assertEquals(3, attempt.calls.get());
    }

    @Test
    void noAttemptStartsAfterTheDeadline() {
        // given a deadline already passed
        long now = System.currentTimeMillis();
        CallPolicy late = FAST.withDeadline(() -> now - 1);
        Scripted attempt = new Scripted();
        // when / then
        CloudException e = assertThrows(CloudException.class,
                () -> new ResilientCaller(late).call(AliyunApi.DESCRIBE_USER_DOMAINS, attempt));
        assertEquals(ResilientCaller.DEADLINE_EXCEEDED, e.code());
        assertFalse(e.retryable());
        assertEquals(0, attempt.calls.get());
    }

    @Test
    void retriesStopWhenTheDeadlineLeavesNoRoomAndTheCloudErrorIsKept() {
        // given a deadline 200 ms away (less than one attempt's minimum) and a throttled call
        long deadline = System.currentTimeMillis() + 200;
        CallPolicy policy = FAST.toBuilder().maxAttempts(10).deadline(() -> deadline).build();
        Scripted attempt = new Scripted(cloud("Throttling.User", 400), cloud("Throttling.User", 400));
        // when
        CloudException e = assertThrows(CloudException.class,
                () -> new ResilientCaller(policy).call(AliyunApi.DESCRIBE_USER_DOMAINS, attempt));
        // then the first answer is final, not a retry into the deadline
        assertEquals("Throttling.User", e.code());
        assertEquals(1, attempt.calls.get());
    }

    @Test
    void readTimeoutIsCutToTheTimeLeft() throws CloudException {
        long deadline = System.currentTimeMillis() + 2_000;
        CallPolicy policy = FAST.withDeadline(() -> deadline);
        Scripted attempt = new Scripted();
        new ResilientCaller(policy).call(AliyunApi.DESCRIBE_USER_DOMAINS, attempt);
        int timeout = attempt.readTimeouts.get(0);
        assertTrue(timeout <= 2_000 && timeout > 1_000, "read timeout " + timeout);
    }

    @Test
    void readTimeoutIsThePolicysWhenTheDeadlineIsFar() throws CloudException {
        Scripted attempt = new Scripted();
        new ResilientCaller(FAST).call(AliyunApi.DESCRIBE_USER_DOMAINS, attempt);
        assertEquals(10_000, attempt.readTimeouts.get(0));
    }

    @Test
    void backoffDoublesUpToTheMaximumAndJitterOnlyShortensIt() {
        CallPolicy policy = CallPolicy.builder().backoff(Duration.ofMillis(200), Duration.ofSeconds(5)).jitter(0.5).build();
        AtomicLong clock = new AtomicLong(1_000_000);
        ResilientCaller noJitter = new ResilientCaller(policy, clock::get, () -> 0.0);
        ResilientCaller fullJitter = new ResilientCaller(policy, clock::get, () -> 1.0);
        long far = Long.MAX_VALUE;
        assertEquals(200, noJitter.backoffMillis(1, far));
        assertEquals(400, noJitter.backoffMillis(2, far));
        assertEquals(800, noJitter.backoffMillis(3, far));
        assertEquals(5_000, noJitter.backoffMillis(10, far));
        assertEquals(100, fullJitter.backoffMillis(1, far));
        assertEquals(2_500, fullJitter.backoffMillis(10, far));
        // and never past the retry budget, leaving room for one attempt
        assertEquals(1_000 - ResilientCaller.MIN_ATTEMPT_MILLIS, noJitter.backoffMillis(10, clock.get() + 1_000));
    }

    @Test
    void rateLimiterSpacesCallsAtTheDocumentedQps() throws CloudException {
        // given DescribeTagResources, documented at 10 QPS, limited at 9/s
        assertEquals(10, AliyunApi.DESCRIBE_TAG_RESOURCES.qps());
        assertEquals(9, ResilientCaller.permitsPerSecond(AliyunApi.DESCRIBE_TAG_RESOURCES));
        ResilientCaller limited = new ResilientCaller(FAST.toBuilder().rateLimited(true).build());
        // when 6 calls go out back to back
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) limited.call(AliyunApi.DESCRIBE_TAG_RESOURCES, new Scripted());
        long ms = (System.nanoTime() - start) / 1_000_000;
        // then they are spread about 111 ms apart (the first is free)
        assertTrue(ms >= 500, "6 calls at 9/s took only " + ms + " ms");
    }

    @Test
    void rateLimitWaitThatWouldPassTheDeadlineFailsWithoutCalling() throws CloudException {
        long deadline = System.currentTimeMillis() + 30;
        ResilientCaller limited = new ResilientCaller(FAST.toBuilder().rateLimited(true).deadline(() -> deadline).build());
        limited.call(AliyunApi.DESCRIBE_TAG_RESOURCES, new Scripted());
        Scripted second = new Scripted();
        CloudException e = assertThrows(CloudException.class, () -> limited.call(AliyunApi.DESCRIBE_TAG_RESOURCES, second));
        assertEquals(ResilientCaller.DEADLINE_EXCEEDED, e.code());
        assertEquals(0, second.calls.get());
    }
}
