package io.cdnlifeline.remedy;

import com.google.gson.Gson;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.EventParser;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.run.Functions;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.sandbox.DnsRecord;
import io.cdnlifeline.sandbox.DnsZone;
import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.sandbox.SandboxCall;
import io.cdnlifeline.sandbox.SandboxState;
import io.cdnlifeline.sandbox.Source;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The account the DNS remedy tests run against: a sandbox seeded with every case of issue 3 (apex, www on
 * several lines with several origin IPs, wildcard, OSS and domain origins, IPv6, DCDN, a locked record,
 * a record a person pointed elsewhere, a zone not in the account), and the real SDK adapters pointed at it.
 * A test class registers it ({@code @RegisterExtension static final DnsWorld world = new DnsWorld();}): one
 * sandbox for the class, back to the seed with no requests logged before each test.
 */
final class DnsWorld implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    static final String ZONE = "example.com";
    static final Set<String> WRITES = Set.of("AddDomainRecord", "UpdateDomainRecord", "DeleteDomainRecord",
            "UpdateDomainRecordRemark", "SetDomainRecordStatus");
    /** Every accelerated domain of the seed. */
    static final List<String> DOMAINS = List.of("example.com", "www.example.com", "*.example.com", "img.example.com",
            "v6.example.com", "locked.example.com", "person.example.com", "www.elsewhere.net", "api.example.org");

    SandboxCloud sc;
    Sandbox sandbox;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** Runs before the test class's own {@code @BeforeAll} methods, so they can read the seeded account. */
    @Override
    public void beforeAll(ExtensionContext context) {
        sc = SandboxCloud.start(seed());
        sandbox = sc.sandbox();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sc.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    void reset() {
        sandbox.replaceState(seed());
        sandbox.clearRequests();
    }

    Settings settings() {
        return sc.settings();
    }

    /** One set of SDK clients (the real adapters) for all runs, as one FC instance keeps them across invocations. */
    Cloud cloud() {
        return sc.cloud();
    }

    Report run(String function, String payload) {
        return run(function, payload, cloud(), settings());
    }

    Report run(String function, String payload, Cloud cloud, Settings settings) {
        return Functions.byName(function).run(EventParser.parse(payload, function), Invocation.local(cloud, settings, log::add));
    }

    static String named(String... domains) {
        StringBuilder b = new StringBuilder("{\"domains\": [");
        for (int i = 0; i < domains.length; i++) b.append(i == 0 ? "" : ", ").append('"').append(domains[i]).append('"');
        return b.append("]}").toString();
    }

    void setStatus(String status) {
        sandbox.update(s -> {
            for (Domain d : s.cdn) d.status = status;
            for (Domain d : s.dcdn) d.status = status;
        });
    }

    /** Every record of every zone, as comparable text, by record id. */
    Map<String, String> records() {
        return sandbox.read(s -> {
            Map<String, String> out = new TreeMap<>();
            for (DnsZone z : s.dns) for (DnsRecord r : z.records) out.put(r.recordId, text(z.zone, r));
            return out;
        });
    }

    /** The records of one host, as comparable text, by record id. */
    Map<String, String> records(String zone, String rr) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : records().entrySet()) {
            if (e.getValue().startsWith(zone + " " + rr + " ")) out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** One record's fields, by id: null when it is gone. */
    DnsRecord record(String id) {
        return sandbox.read(s -> {
            DnsRecord r = s.record(id);
            if (r == null) return null;
            DnsRecord c = new DnsRecord(r.recordId, r.rr, r.type, r.value);
            c.ttl = r.ttl;
            c.line = r.line;
            c.status = r.status;
            c.locked = r.locked;
            c.remark = r.remark;
            return c;
        });
    }

    static String text(String zone, DnsRecord r) {
        return zone + " " + r.rr + " " + r.line + " " + r.type + " " + r.value + " ttl=" + r.ttl + " " + r.status
                + (r.locked ? " locked" : "") + " remark=" + r.remark;
    }

    List<SandboxCall> calls() {
        return sandbox.requests();
    }

    List<SandboxCall> writes() {
        List<SandboxCall> out = new ArrayList<>();
        for (SandboxCall c : calls()) if (WRITES.contains(c.action)) out.add(c);
        return out;
    }

    static long count(List<SandboxCall> calls, String action) {
        return calls.stream().filter(c -> action.equals(c.action)).count();
    }

    /** The calls that concern one host: its record reads, and writes to its records (by id or by RR). */
    List<SandboxCall> callsFor(String zone, String rr, Set<String> ids) {
        Set<String> recordIds = new java.util.HashSet<>(ids);
        String fqdn = "@".equals(rr) ? zone : rr + "." + zone;
        List<SandboxCall> out = new ArrayList<>();
        for (SandboxCall c : calls()) {
            Map<String, String> p = c.params;
            if (fqdn.equals(p.get("SubDomain")) || recordIds.contains(p.get("RecordId"))
                    || rr.equals(p.get("RR")) && zone.equals(p.get("DomainName"))) {
                out.add(c);
            }
        }
        return out;
    }

    // ---- the seed -------------------------------------------------------------------------------------

    static String seed() {
        SandboxState s = new SandboxState();
        s.cdn.add(cdn("example.com", ip("203.0.113.10", "20"), ip("198.51.100.10", "30")));
        s.cdn.add(cdn("www.example.com", ip("203.0.113.20", "20"), ip("203.0.113.21", "20"), disabled(ip("203.0.113.22", "20")),
                ip("198.51.100.20", "30")));
        s.cdn.add(withCname(cdn("*.example.com", source("domain", "origin.example.net", 80)), "wildcard.example.com.w.kunlunsl.com"));
        s.cdn.add(cdn("img.example.com", source("oss", "bucket.oss-cn-hangzhou.aliyuncs.com", 443)));
        s.cdn.add(cdn("v6.example.com", ip("2001:db8::10", "20"), ip("203.0.113.60", "20")));
        s.cdn.add(cdn("locked.example.com", ip("203.0.113.70", "20")));
        s.cdn.add(cdn("person.example.com", ip("203.0.113.80", "20")));
        s.cdn.add(cdn("www.elsewhere.net", ip("203.0.113.85", "20")));
        Domain api = new Domain("api.example.org", "api.example.org.w.kunluncan.com", "offline", "global");
        api.source(ip("203.0.113.90", "20"));
        s.dcdn.add(api);

        DnsZone com = new DnsZone(ZONE);
        com.record(rec("101", "@", "CNAME", "example.com.w.kunlunsl.com", "default", 600, "ENABLE", "apex"));
        com.record(rec("102", "@", "TXT", "v=spf1 -all", "unicom", 600, "Enable", ""));
        com.record(rec("111", "www", "CNAME", "www.example.com.w.kunlunsl.com", "default", 600, "Enable", ""));
        com.record(rec("112", "www", "CNAME", "www.example.com.w.kunlunsl.com", "unicom", 300, "ENABLE", "unicom users"));
        com.record(rec("113", "www", "CNAME", "www.example.com.w.kunlunsl.com", "telecom", 600, "Enable", ""));
        com.record(rec("114", "www", "A", "192.0.2.80", "oversea", 600, "Enable", "set by hand"));
        com.record(rec("121", "*", "CNAME", "wildcard.example.com.w.kunlunsl.com", "default", 600, "Enable", ""));
        com.record(rec("131", "img", "CNAME", "img.example.com.w.kunlunsl.com", "default", 1200, "Enable", "images"));
        com.record(rec("141", "v6", "CNAME", "v6.example.com.w.kunlunsl.com", "default", 600, "Enable", ""));
        DnsRecord locked = rec("151", "locked", "CNAME", "locked.example.com.w.kunlunsl.com", "default", 600, "Enable", "");
        locked.locked = true;
        com.record(locked);
        com.record(rec("152", "locked", "CNAME", "locked.example.com.w.kunlunsl.com", "unicom", 600, "Enable", ""));
        com.record(rec("161", "person", "CNAME", "elsewhere.example.net", "default", 600, "Enable", "moved by ops"));
        com.record(rec("171", "mail", "MX", "mx.example.com", "default", 600, "Enable", ""));
        s.dns.add(com);

        DnsZone org = new DnsZone("example.org");
        org.record(rec("201", "api", "CNAME", "api.example.org.w.kunluncan.com", "default", 600, "Enable", ""));
        org.record(rec("202", "api", "CNAME", "api.example.org.w.kunluncan.com", "oversea", 60, "Enable", "abroad"));
        s.dns.add(org);
        return new Gson().toJson(s);
    }

    private static Domain cdn(String name, Source... sources) {
        Domain d = new Domain(name, name + ".w.kunlunsl.com", "offline", "domestic");
        d.cdnType = "web";
        for (Source src : sources) d.source(src);
        return d;
    }

    private static Domain withCname(Domain d, String cname) {
        d.cname = cname;
        return d;
    }

    private static Source ip(String ip, String priority) {
        return new Source("ipaddr", ip, 80, priority);
    }

    private static Source source(String type, String content, int port) {
        return new Source(type, content, port, "20");
    }

    private static Source disabled(Source s) {
        s.enabled = "offline";
        return s;
    }

    private static DnsRecord rec(String id, String rr, String type, String value, String line, long ttl, String status, String remark) {
        DnsRecord r = new DnsRecord(id, rr, type, value);
        r.line = line;
        r.ttl = ttl;
        r.status = status;
        r.remark = remark;
        return r;
    }
}
