package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsApi;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.AuditLog;
import io.cdnlifeline.report.Report;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;

/** RunContext.once as the DNS remedies rely on it: one read per key, and a slow key does not hold up the others. */
class DnsRunContextOnceTest {
    private final RunContext ctx = new RunContext(new Cloud(mock(CdnApi.class), mock(DnsApi.class), mock(AccountApi.class)),
            Settings.builder().build(), Request.builder().build(), new AuditLog(line -> { }, "test", "r"),
            Report.builder("test"), Long.MAX_VALUE);

    @Test
    void aSlowReadOfOneKeyDoesNotBlockAnotherKey() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> slow = pool.submit(() -> ctx.once("zone-records:a", () -> {
                slowStarted.countDown();
                awaitQuietly(release);
                return "a";
            }));
            slowStarted.await(5, TimeUnit.SECONDS);
            Future<String> fast = pool.submit(() -> ctx.once("zones", () -> "z"));
            // with one lock for all keys this waits for the slow read and times out
            assertEquals("z", fast.get(2, TimeUnit.SECONDS));
            release.countDown();
            assertEquals("a", slow.get(5, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCallersOfOneKeyShareOneRead() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            java.util.List<Future<Integer>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fs.add(pool.submit(() -> {
                    go.await();
                    return ctx.once("zones", () -> {
                        awaitQuietly(new CountDownLatch(1), 50);
                        return reads.incrementAndGet();
                    });
                }));
            }
            go.countDown();
            for (Future<Integer> f : fs) assertEquals(1, f.get(5, TimeUnit.SECONDS));
            assertEquals(1, reads.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedReadIsNotRemembered() throws Exception {
        CloudException boom = new CloudException("Throttling.User", "slow down", "R-1", 400, true);
        assertThrows(CloudException.class, () -> ctx.once("zones", () -> {
            throw boom;
        }));
        assertEquals("ok", ctx.once("zones", () -> "ok"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        awaitQuietly(latch, 10_000);
    }

    private static void awaitQuietly(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
