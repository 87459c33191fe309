package io.cdnlifeline.reliability;

import com.google.gson.Gson;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.aliyun.CallPolicy;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.EventParser;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.run.Functions;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.sandbox.DnsRecord;
import io.cdnlifeline.sandbox.DnsZone;
import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.Limits;
import io.cdnlifeline.sandbox.SandboxCall;
import io.cdnlifeline.sandbox.SandboxState;
import io.cdnlifeline.sandbox.Source;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, rate limits: a fleet run of every function, account-wide, with the production call policy (client-side
 * limiter at the documented QPS, production backoff) and the sandbox enforcing the documented QPS, is never
 * throttled: one instance does not throttle itself, even at {@code LIFELINE_CONCURRENCY=8}. The round trip ends where
 * it started. Fleet size: {@code -Dlifeline.fleet.domains} (default 10; each domain is two DNS lines, two origins).
 * (Several instances at once share the account's QPS but not their limiters: that is FC's concurrency to size.)
 */
class FleetQpsTest {
    static final int DOMAINS = Integer.getInteger("lifeline.fleet.domains", 10);

    static String seed() {
        SandboxState s = new SandboxState();
        DnsZone zone = new DnsZone("example.com");
        for (int i = 0; i < DOMAINS; i++) {
            String name = "d" + i + ".example.com";
            Domain d = new Domain(name, name + ".w.kunlunsl.com", "online", i % 2 == 0 ? "domestic" : "global");
            d.cdnType = "web";
            d.source(new Source("ipaddr", "203.0.113." + (i % 200 + 1), 80, "20"));
            d.source(new Source("ipaddr", "198.51.100." + (i % 200 + 1), 80, "20"));
            s.cdn.add(d);
            for (String line : new String[] {"default", "unicom"}) {
                DnsRecord r = new DnsRecord(String.valueOf(10_000 + 2 * i + ("default".equals(line) ? 0 : 1)), "d" + i, "CNAME", name + ".w.kunlunsl.com");
                r.line = line;
                r.remark = "site " + i;
                zone.record(r);
            }
        }
        s.dns.add(zone);
        return new Gson().toJson(s);
    }

    @Test
    void everyFunctionAccountWideIsNeverThrottledAndTheRoundTripEndsWhereItStarted() {
        try (SandboxCloud sc = SandboxCloud.start(seed())) {
            // given the production policy, the documented QPS enforced, and room for the whole fleet in one run
            Cloud cloud = sc.cloud(() -> SandboxCloud.SANDBOX_KEYS, CallPolicy.defaults());
            Settings settings = sc.settings().toBuilder().maxChanges(100_000).concurrency(8).build();
            sc.sandbox().setLimits(new Limits(0, true));
            AccountSnapshot start = AccountSnapshot.of(sc.sandbox(), AccountSnapshot.recordIds(sc.sandbox()));

            // when the whole fleet goes through every remedy and back
            List<Report> reports = new ArrayList<>();
            reports.add(step(sc, cloud, settings, s -> RemedyPair.status(s, "offline"), "dns-to-origin", "{\"when\":[\"offline\"]}"));
            reports.add(step(sc, cloud, settings, s -> RemedyPair.icp(s, false), "switch-to-overseas", "{\"when\":[\"icp-invalid\"]}"));
            reports.add(step(sc, cloud, settings, s -> RemedyPair.status(s, "online"), "disable-domain", "{\"when\":[\"always\"],\"reason\":\"qps\"}"));
            reports.add(step(sc, cloud, settings, s -> { }, "enable-domain", ""));
            reports.add(step(sc, cloud, settings, s -> RemedyPair.icp(s, true), "restore-coverage", ""));
            reports.add(step(sc, cloud, settings, s -> { }, "dns-to-cdn", ""));

            // then no call was throttled, every run did its whole fleet, and the account is as it was
            List<SandboxCall> throttled = new ArrayList<>();
            for (SandboxCall c : sc.requests()) if ("Throttling.User".equals(c.errorCode)) throttled.add(c);
            assertEquals(List.of(), throttled);
            for (Report r : reports) {
                assertFalse(r.hasFailures(), r.toString());
                assertNull(r.refused(), r.toString());
                assertTrue(r.changes().size() >= DOMAINS, r.function() + " changed " + r.changes().size());
            }
            AccountSnapshot end = AccountSnapshot.of(sc.sandbox(), AccountSnapshot.recordIds(sc.sandbox()));
            assertEquals(List.of(), start.differences(end));
            int changes = 0;
            for (Report r : reports) changes += r.changes().size();
            System.out.println("fleet qps: domains=" + DOMAINS + " functions=" + reports.size() + " changes=" + changes
                    + " calls=" + sc.requests().size() + " throttled=" + throttled.size() + " passed");
        }
    }

    private static Report step(SandboxCloud sc, Cloud cloud, Settings settings, Consumer<SandboxState> cause, String function, String payload) {
        sc.sandbox().update(cause);
        return Functions.byName(function).run(EventParser.parse(payload, function),
                new Invocation(cloud, settings, line -> { }, "qps " + function, System.currentTimeMillis() + 120_000));
    }
}
