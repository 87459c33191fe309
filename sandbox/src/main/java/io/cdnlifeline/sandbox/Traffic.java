package io.cdnlifeline.sandbox;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Limits and faults applied to every API call before it reaches the emulated product: the documented per-API
 * QPS (sliding one-second window per action), a fixed latency, and seeded random faults.
 */
final class Traffic {
    /** What a call suffers from the fault injector. */
    enum Fault { NONE, ERROR_500, ERROR_503, THROTTLE, DROP, LOST_REPLY }

    /**
     * QPS per account and action. CDN, DCDN, VOD and Live figures are from the operations' doc pages (api-examples/README.md,
     * vod/ and live/README-notes.md);
     * Alidns figures from the Alidns API quota page (api-alidns-2015-01-09-quota). Where no page gives a figure
     * (marked "default") the sandbox uses a conservative value in line with its product's documented ones.
     */
    static final Map<String, Integer> QPS = Map.ofEntries(
            Map.entry("DescribeUserDomains", 100),
            Map.entry("DescribeCdnDomainDetail", 30),
            Map.entry("DescribeCdnDomainConfigs", 100),
            Map.entry("DescribeDomainCertificateInfo", 100),
            Map.entry("StopCdnDomain", 40),
            Map.entry("StartCdnDomain", 100),
            Map.entry("BatchStopCdnDomain", 30),
            Map.entry("BatchStartCdnDomain", 30),
            Map.entry("ModifyCdnDomainSchdmByProperty", 100),
            Map.entry("TagResources", 100),
            Map.entry("UntagResources", 100),
            Map.entry("DescribeTagResources", 10),
            Map.entry("DescribeCdnService", 30),
            Map.entry("DescribeUserCdnStatus", 30),          // default
            Map.entry("CheckCdnDomainICP", 30),              // default
            Map.entry("DescribeDcdnUserDomains", 80),
            Map.entry("DescribeDcdnDomainDetail", 30),
            Map.entry("DescribeDcdnDomainConfigs", 30),
            Map.entry("DescribeDcdnDomainCertificateInfo", 100),
            Map.entry("StopDcdnDomain", 30),
            Map.entry("StartDcdnDomain", 30),
            Map.entry("ModifyDCdnDomainSchdmByProperty", 100),
            Map.entry("TagDcdnResources", 100),
            Map.entry("UntagDcdnResources", 100),
            Map.entry("DescribeDcdnTagResources", 10),
            Map.entry("DescribeDcdnService", 30),            // default, as DescribeCdnService
            Map.entry("BatchStopDcdnDomain", 30),
            Map.entry("BatchStartDcdnDomain", 30),
            Map.entry("DescribeUserDcdnStatus", 30),
            Map.entry("DescribeVodUserDomains", 20),         // default: VOD states none
            Map.entry("DescribeVodDomainDetail", 30),
            Map.entry("BatchStopVodDomain", 20),             // default
            Map.entry("BatchStartVodDomain", 20),            // default
            Map.entry("DescribeLiveUserDomains", 100),
            Map.entry("DescribeLiveDomainDetail", 50),
            Map.entry("StopLiveDomain", 30),
            Map.entry("StartLiveDomain", 30),
            Map.entry("ModifyLiveDomainSchdmByProperty", 100),
            Map.entry("TagLiveResources", 100),
            Map.entry("UnTagLiveResources", 100),
            Map.entry("DescribeLiveTagResources", 10),
            Map.entry("DescribeDomainRecords", 100),
            Map.entry("DescribeSubDomainRecords", 300),
            Map.entry("DescribeDomainRecordInfo", 200),
            Map.entry("AddDomainRecord", 60),
            Map.entry("UpdateDomainRecord", 60),
            Map.entry("DeleteDomainRecord", 60),
            Map.entry("DescribeDomains", 20),                // default
            Map.entry("SetDomainRecordStatus", 20),          // default
            Map.entry("UpdateDomainRecordRemark", 20),       // default
            Map.entry("GetMainDomainName", 20),              // default
            Map.entry("QueryAccountBalance", 10),           // default, as the other BSS Query* operations
            Map.entry("AssumeRole", 100));                   // STS: 6000 calls per minute per account (sts/README-notes.md)           // default, as the other BSS Query* operations
    /** For an action missing from the table. */
    static final int DEFAULT_QPS = 20;

    private final Map<String, PriorityQueue<Long>> windows = new HashMap<>();
    private volatile Limits limits = new Limits();
    private volatile Faults faults = new Faults();
    private Random random = new Random(1);
    /** Draws of the injected errors: their own sequence, so injecting leaves the other faults' sequence as it was. */
    private Random injectRandom = new Random(1);
    private java.util.List<ErrorInjection> injections = java.util.List.of();
    private int[] injected = new int[0];

    synchronized void setLimits(Limits limits) {
        this.limits = limits == null ? new Limits() : limits;
        windows.clear();
    }

    /** @throws IllegalArgumentException when an injection entry is incomplete (nothing is changed then) */
    synchronized void setFaults(Faults faults) {
        Faults f = faults == null ? new Faults() : faults;
        java.util.List<ErrorInjection> inject = f.inject == null ? java.util.List.of() : java.util.List.copyOf(f.inject);
        for (ErrorInjection i : inject) {
            i.error();
        }
        this.faults = f;
        this.random = new Random(f.seed);
        this.injectRandom = new Random(f.seed);
        this.injections = inject;
        this.injected = new int[inject.size()];
    }

    /** The error an injection entry makes this call of {@code action} answer, or null. */
    synchronized ApiError injectedError(String action) {
        for (int n = 0; n < injections.size(); n++) {
            ErrorInjection i = injections.get(n);
            if (!i.action.equals(action) || (i.count > 0 && injected[n] >= i.count)) {
                continue;
            }
            if (i.rate >= 1 || injectRandom.nextDouble() < i.rate) {
                injected[n]++;
                return i.error();
            }
        }
        return null;
    }

    Limits limits() {
        return limits;
    }

    Faults faults() {
        return faults;
    }

    /**
     * True when this call of {@code action} stays within its QPS (always, unless enforcement is on). The window is
     * measured in arrival times, taken before the configured latency and any thread scheduling, so that a client
     * pacing itself at the documented rate is not throttled by the sandbox's own delays.
     */
    boolean admit(String action, long arrivalNanos) {
        return admit(null, action, arrivalNanos);
    }

    /** The same, in one account's window: the cloud's QPS limits are per account. */
    boolean admit(String accountId, String action, long arrivalNanos) {
        if (!limits.enforceQps) {
            return true;
        }
        int qps = QPS.getOrDefault(action, DEFAULT_QPS);
        long windowStart = arrivalNanos - 1_000_000_000L;
        synchronized (windows) {
            // arrivals reach this point a little out of order across threads: keep them sorted
            PriorityQueue<Long> window = windows.computeIfAbsent(accountId == null ? action : accountId + "/" + action,
                    a -> new PriorityQueue<>());
            while (!window.isEmpty() && window.peek() <= windowStart) {
                window.poll();
            }
            if (window.size() >= qps) {
                return false;
            }
            window.add(arrivalNanos);
            return true;
        }
    }

    /** One draw per call, in call order, so a given seed and call sequence give the same faults. */
    synchronized Fault drawFault() {
        Faults f = faults;
        if (f.errorRate <= 0 && f.throttleRate <= 0 && f.dropRate <= 0 && f.lostReplyRate <= 0) {
            return Fault.NONE;
        }
        double x = random.nextDouble();
        if (x < f.dropRate) {
            return Fault.DROP;
        }
        x -= f.dropRate;
        if (x < f.throttleRate) {
            return Fault.THROTTLE;
        }
        x -= f.throttleRate;
        if (x < f.errorRate) {
            // half of the server errors are 500 InternalError, half 503 ServiceUnavailable
            return x < f.errorRate / 2 ? Fault.ERROR_500 : Fault.ERROR_503;
        }
        x -= f.errorRate;
        // drawn last, so a seed gives the same sequence of the other faults as before this kind existed
        if (x < f.lostReplyRate) {
            return Fault.LOST_REPLY;
        }
        return Fault.NONE;
    }

    void delay() {
        long ms = limits.latencyMs;
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
