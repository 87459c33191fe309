package io.cdnlifeline.watch;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.aliyun.EventBridgePublisher;
import io.cdnlifeline.cloud.aliyun.OssStore;
import io.cdnlifeline.event.EventParser;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.state.ObjectStore;
import io.cdnlifeline.state.StateLocation;
import io.cdnlifeline.state.StoreException;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watch against the sandbox: its memory in the sandbox's OSS bucket (the same client FC uses), its events through
 * EventBridge PutEvents; what it published is read back from the sandbox's bus. Overlapping and crashed runs are
 * played by wrapping the store and the publisher at the exact points a run can be cut.
 */
class WatchSandboxTest {
    private static final String BUCKET = "cdn-lifeline-1234567890123456";
    private SandboxCloud sc;
    private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);

    @BeforeEach
    void start() {
        sc = SandboxCloud.start(null);
    }

    @AfterEach
    void stop() {
        sc.close();
    }

    private ObjectStore oss() {
        return OssStore.of(sc.sandbox().endpoint(), "cn-hangzhou", false, BUCKET, "lifeline/", () -> SandboxCloud.SANDBOX_KEYS);
    }

    private EventPublisher bus() {
        return new EventBridgePublisher(sc.sandbox().endpoint(), () -> SandboxCloud.SANDBOX_KEYS);
    }

    private WatchSettings settings(String balanceWarn) {
        return WatchSettings.of(StateLocation.parse("oss://" + BUCKET + "/lifeline"), "cdn-lifeline",
                balanceWarn == null ? null : new BigDecimal(balanceWarn), Duration.ofHours(6)).withLeaseMillis(90_000);
    }

    private Report watch(WatchSettings ws, ObjectStore store, EventPublisher publisher) {
        WatchFunction f = new WatchFunction(ws, inv -> new WatchPorts(store, publisher, clock::get));
        return f.run(EventParser.parse("", "watch"), Invocation.local(sc.cloud(), sc.settings(), line -> { }));
    }

    private Report watch() {
        return watch(settings(null), oss(), bus());
    }

    /** What the bus received of one kind: the domains each event named. */
    private List<String> published(String kind) {
        return sc.sandbox().publishedEvents().stream()
                .filter(e -> e.get("type").getAsString().equals("lifeline:Notification:" + kind))
                .map(e -> e.getAsJsonObject("data").has("domains") ? e.getAsJsonObject("data").get("domains").toString() : "account")
                .collect(Collectors.toList());
    }

    private int total() {
        return sc.sandbox().publishedEvents().size();
    }

    @Test
    void aDomainGoingOfflineIsPublishedOnceAndItsReturnOnce() {
        // given a first run, which records the account as it is and announces nothing
        watch();
        assertEquals(0, total());
        // when the cloud takes www.example.com offline and the watch runs twice
        sc.sandbox().play("/_sandbox/domains/www.example.com/offline", null);
        watch();
        watch();
        // then one DomainOffline names it, from the watch, for dns-to-origin's trigger
        assertEquals(List.of("[\"www.example.com\"]"), published("DomainOffline"));
        JsonObject e = sc.sandbox().publishedEvents().get(0);
        assertEquals("cdn-lifeline/watch", e.get("source").getAsString());
        assertEquals("cdn-lifeline", e.get("aliyuneventbusname").getAsString());
        Request r = EventParser.parse(e.toString(), "dns-to-origin");
        assertEquals(List.of("www.example.com"), r.domains());
        // when it comes back, then one DomainOnline
        sc.sandbox().play("/_sandbox/domains/www.example.com/online", null);
        watch();
        watch();
        assertEquals(List.of("[\"www.example.com\"]"), published("DomainOnline"));
        assertEquals(2, total());
    }

    @Test
    void debtAndPaymentArePublishedOnceEach() {
        watch();
        sc.sandbox().play("/_sandbox/account/debt", null);
        watch();
        watch();
        sc.sandbox().play("/_sandbox/account/pay", null);
        watch();
        assertEquals(List.of("account"), published("OverduePayment"));
        assertEquals(List.of("account"), published("PaymentSettled"));
    }

    @Test
    void anInvalidFilingFoundWithTheOutageIsPublishedAndItsApprovalSeenWhileTheDomainStaysOffline() {
        watch();
        // given the filing withdrawn and the domain stopped for it
        sc.sandbox().play("/_sandbox/domains/www.example.com/icp-invalid", null);
        sc.sandbox().play("/_sandbox/domains/www.example.com/offline", null);
        watch();
        assertEquals(List.of("[\"www.example.com\"]"), published("IcpInvalid"));
        assertEquals(List.of("[\"www.example.com\"]"), published("DomainOffline"));
        // when the filing is approved again (the domain is still offline), then IcpRestored, once
        sc.clearRequests();
        watch();
        assertEquals(1, sc.count("CheckCdnDomainICP"), "the domain last known invalid is checked each minute");
        sc.sandbox().play("/_sandbox/domains/www.example.com/icp-valid", null);
        watch();
        watch();
        assertEquals(List.of("[\"www.example.com\"]"), published("IcpRestored"));
        // and once valid, nothing is checked while nothing changes
        sc.clearRequests();
        watch();
        assertEquals(0, sc.count("CheckCdnDomainICP"));
    }

    /** A store whose create of the next generation waits until the test lets it go. */
    private static class Gate implements ObjectStore {
        final ObjectStore inner;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        Gate(ObjectStore inner) {
            this.inner = inner;
        }

        @Override public String get(String key) throws StoreException { return inner.get(key); }
        @Override public void put(String key, String content) throws StoreException { inner.put(key, content); }
        @Override public void delete(String key) throws StoreException { inner.delete(key); }
        @Override public String where() { return inner.where(); }

        @Override
        public boolean create(String key, String content) throws StoreException {
            if (key.startsWith("watch/gen/")) {
                reached.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return inner.create(key, content);
        }
    }

    @Test
    void twoRunsThatOverlapPublishTheTransitionOnce() throws Exception {
        // given a recorded account, then a domain offline
        watch();
        sc.sandbox().play("/_sandbox/domains/www.example.com/offline", null);
        // when run A has polled and is about to record, and run B runs from start to end meanwhile
        Gate gate = new Gate(oss());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Report> a = pool.submit(() -> watch(settings(null), gate, bus()));
            assertTrue(gate.reached.await(30, TimeUnit.SECONDS));
            Report b = watch();
            gate.release.countDown();
            Report ra = a.get(30, TimeUnit.SECONDS);
            // then DomainOffline went out once: B recorded and published it, A found the generation taken
            assertEquals(List.of("[\"www.example.com\"]"), published("DomainOffline"));
            assertTrue(ra.notes().stream().anyMatch(n -> n.contains("recorded generation") && n.contains("first")), String.valueOf(ra.notes()));
            assertTrue(b.notes().stream().anyMatch(n -> n.startsWith("published lifeline:Notification:DomainOffline")), String.valueOf(b.notes()));
        } finally {
            pool.shutdownNow();
        }
        // and later runs publish nothing more
        watch();
        assertEquals(1, total());
    }

    /** A run that dies: the publisher's call never returns normally (FC killed the instance). */
    private static final class Died extends RuntimeException {
    }

    @Test
    void aRunThatDiesAfterRecordingIsFinishedByARunAfterTheLeaseWithTheSameEventId() {
        watch();
        sc.sandbox().play("/_sandbox/domains/www.example.com/offline", null);
        // given a run that recorded the change and died before publishing it
        assertThrows(Died.class, () -> watch(settings(null), oss(), events -> { throw new Died(); }));
        assertEquals(0, total());
        // when the next run comes within the lease, then it publishes nothing (the dead run might still be publishing)
        clock.addAndGet(60_000);
        Report within = watch();
        assertEquals(0, total());
        assertTrue(within.notes().stream().anyMatch(n -> n.contains("may still be publishing")), String.valueOf(within.notes()));
        // when a run comes after the lease, then the event is published, once, and the following run adds nothing
        clock.addAndGet(60_000);
        watch();
        watch();
        assertEquals(List.of("[\"www.example.com\"]"), published("DomainOffline"));
        assertEquals(1, total());
    }

    @Test
    void aRunThatDiesBeforeRecordingLosesNothing() {
        watch();
        sc.sandbox().play("/_sandbox/domains/www.example.com/offline", null);
        // given a run that dies as it records (the create never happens)
        ObjectStore dying = new Gate(oss()) {
            @Override
            public boolean create(String key, String content) {
                throw new Died();
            }
        };
        assertThrows(Died.class, () -> watch(settings(null), dying, bus()));
        // when the next run comes, then it sees the same change and publishes it once
        watch();
        watch();
        assertEquals(List.of("[\"www.example.com\"]"), published("DomainOffline"));
    }

    @Test
    void theOneWindowLeftADeathBetweenPublishingAndTheSentMarkerRepeatsTheEventWithItsId() {
        // This is the documented limit (docs/watch.md): no store can be written in the same act as EventBridge's accept.
        watch();
        sc.sandbox().play("/_sandbox/domains/www.example.com/offline", null);
        ObjectStore noMarker = new Gate(oss()) {
            @Override
            public boolean create(String key, String content) throws StoreException {
                if (key.startsWith("watch/sent/")) throw new Died();
                return inner.create(key, content);
            }
        };
        assertThrows(Died.class, () -> watch(settings(null), noMarker, bus()));
        clock.addAndGet(120_000);
        watch();
        List<JsonObject> events = sc.sandbox().publishedEvents();
        assertEquals(2, events.size());
        assertEquals(events.get(0).get("id"), events.get(1).get("id"), "the copy carries the same CloudEvents id");
    }

    @Test
    void aBalanceBelowTheThresholdWarnsOncePerWindowAndTellsThePeople() throws Exception {
        // given 30.00 available + 20.00 credit, below a threshold of 100
        sc.sandbox().update(s -> {
            s.account.availableAmount = "30.00";
            s.account.creditAmount = "20.00";
        });
        WatchSettings ws = settings("100");
        // when the watch runs every minute for an hour
        List<Report> reports = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            reports.add(watch(ws, oss(), bus()));
            clock.addAndGet(60_000);
        }
        // then one LowBalance, with the amounts, and that run's Report has the warning for the digest
        assertEquals(1, published("LowBalance").size());
        JsonObject data = sc.sandbox().publishedEvents().get(0).getAsJsonObject("data");
        assertEquals("30.00", data.get("available").getAsString());
        assertEquals("20.00", data.get("credit").getAsString());
        assertEquals("100", data.get("threshold").getAsString());
        List<Report> warned = reports.stream().filter(r -> r.skipped().stream().anyMatch(s -> s.why().contains("below LIFELINE_BALANCE_WARN 100")))
                .collect(Collectors.toList());
        assertEquals(1, warned.size());
        // and the notify step tells the people, with the store as its memory: once, as a finding that needs a human
        List<String> chat = new ArrayList<>();
        io.cdnlifeline.notify.Notifier notifier = new io.cdnlifeline.notify.Notifier(
                io.cdnlifeline.notify.NotifySettings.builder().preview(chat::add).build(), oss());
        io.cdnlifeline.notify.RunFacts facts = io.cdnlifeline.notify.RunFacts.builder().trigger("timer:every-minute").build();
        notifier.afterRun(warned.get(0), facts, System.currentTimeMillis() + 5_000, line -> { });
        assertEquals(1, chat.size());
        assertTrue(chat.get(0).contains("needs a human") && chat.get(0).contains("below LIFELINE_BALANCE_WARN 100"), chat.get(0));
        assertTrue(oss().get("notify/notify-watch.json") != null, "the notify memory is in the same bucket");
        // when the 6 h window has passed and it is still low, then once more
        clock.addAndGet(Duration.ofHours(6).toMillis());
        watch(ws, oss(), bus());
        watch(ws, oss(), bus());
        assertEquals(2, published("LowBalance").size());
        // when it is paid up, then nothing more
        sc.sandbox().update(s -> s.account.availableAmount = "500.00");
        clock.addAndGet(Duration.ofHours(7).toMillis());
        watch(ws, oss(), bus());
        assertEquals(2, published("LowBalance").size());
    }

    @Test
    void aQuietMinuteCostsFourReadsAndNoWrite() {
        watch();
        watch();
        sc.clearRequests();
        // when nothing changed
        Report quiet = watch();
        // then the memory was read, nothing written, nothing published
        assertEquals(0, sc.count("PutObject"), quiet.notes() + " " + sc.requests());
        assertEquals(0, sc.count("PutEvents"));
        assertTrue(sc.count("GetObject") <= 3, "reads: " + sc.count("GetObject"));
    }
}
