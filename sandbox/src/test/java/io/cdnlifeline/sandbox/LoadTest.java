package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A benchmark-sized account (10,000 domains, 10,000 records) served to 16 concurrent clients. Kept short. */
class LoadTest {
    @Test
    void bigAccountUnderConcurrentClients() throws Exception {
        try (Sandbox sandbox = Sandbox.start(0, "{}")) {
            // given 5,000 CDN and 5,000 DCDN domains, each with a CNAME record, plus A records
            sandbox.update(s -> {
                DnsZone zone = new DnsZone("bench.example");
                for (int i = 0; i < 5_000; i++) {
                    s.cdn.add(new Domain("c" + i + ".bench.example", null, "online", "domestic")
                            .source(new Source("ipaddr", "198.51.100." + (i % 250), 80, "20")));
                    s.dcdn.add(new Domain("d" + i + ".bench.example", null, "online", "global"));
                    zone.record(new DnsRecord(null, "c" + i, "CNAME", "c" + i + ".bench.example.w.kunlunsl.com"));
                    zone.record(new DnsRecord(null, "a" + i, "A", "198.51.100.1"));
                }
                s.dns.add(zone);
            });
            long recordCount = sandbox.read(s -> (long) s.zone("bench.example").records.size());
            assertEquals(10_000L, recordCount);
            // when 16 clients call a mix of list, detail, DNS query and DNS switch operations
            int clients = 16;
            int callsEach = 40;
            AtomicInteger failures = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    RawClient raw = new RawClient(sandbox);
                    for (int i = 0; i < callsEach; i++) {
                        int n = client * callsEach + i;
                        RawClient.Answer a;
                        switch (i % 4) {
                            case 0:
                                a = raw.call("cdn", "DescribeUserDomains", "PageSize", "500", "PageNumber", String.valueOf(1 + n % 10));
                                break;
                            case 1:
                                a = raw.call("dcdn", "DescribeDcdnDomainDetail", "DomainName", "d" + n + ".bench.example");
                                break;
                            case 2:
                                a = raw.call("alidns", "DescribeSubDomainRecords", "SubDomain", "c" + n + ".bench.example");
                                break;
                            default:
                                String id = raw.call("alidns", "DescribeSubDomainRecords", "SubDomain", "c" + n + ".bench.example")
                                        .body.getAsJsonObject("DomainRecords").getAsJsonArray("Record").get(0).getAsJsonObject()
                                        .get("RecordId").getAsString();
                                a = raw.call("alidns", "UpdateDomainRecord", "RecordId", id, "RR", "c" + n, "Type", "A", "Value", "198.51.100.9");
                        }
                        if (a.status != 200) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // then every call succeeds, quickly
            assertEquals(0, failures.get());
            assertTrue(ms < 60_000, "took " + ms + " ms");
            System.out.println("LoadTest: " + clients * callsEach * 5 / 4 + " calls in " + ms + " ms");
            java.util.Map<String, java.util.LongSummaryStatistics> byAction = new java.util.TreeMap<>();
            for (SandboxCall call : sandbox.requests()) {
                byAction.computeIfAbsent(call.action, k -> new java.util.LongSummaryStatistics()).accept(call.millis);
            }
            byAction.forEach((k, v) -> System.out.println(k + " " + v));
        }
    }
}
