package io.cdnlifeline.reliability;

import com.google.gson.Gson;
import io.cdnlifeline.sandbox.AccessKey;
import io.cdnlifeline.sandbox.DnsRecord;
import io.cdnlifeline.sandbox.DnsZone;
import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.sandbox.SandboxState;
import io.cdnlifeline.sandbox.Source;

import java.util.List;

/**
 * The account every reliability test runs against: CDN and DCDN domains whose origins cover every shape the
 * remedies handle (two IPs on two DNS lines, IPv6, OSS, a domain origin, DCDN), DNS records and tags lifeline
 * did not write and must never touch, and domains out of the scope the tests set. Everything starts online,
 * domestic/global coverage, ICP valid: each test puts the account in the trouble its remedy answers.
 */
final class Fleet {
    /** The scope the reliability tests give the functions: only these domains may ever be written. */
    static final String SCOPE = "*.example.com,api.example.org";
    static final String EXCLUDE = "pay.example.com";
    /** In scope. */
    static final List<String> CDN_DOMAINS = List.of("www.example.com", "img.example.com", "static.example.com", "v6.example.com");
    static final List<String> DCDN_DOMAINS = List.of("api.example.org");
    /** Accelerated and with DNS here, but out of scope (excluded, or not matching LIFELINE_SCOPE). */
    static final List<String> OUT_OF_SCOPE = List.of("pay.example.com", "www.example.net", "shop.example.org");
    /** An STS key of the account besides the default one, for the secrets test. */
    static final String STS_KEY_ID = "STS.ReliabilityCanary";
    static final String STS_SECRET = "Canary-Secret-9f41c2d7e8b3a6";
    static final String STS_TOKEN = "Canary-Token-CAIS0d8e7f6a5b4c3d2e1f0";

    /** The tests' retry policy without the client-side rate limits (the sandbox enforces none in these tests). */
    static final io.cdnlifeline.cloud.aliyun.CallPolicy UNLIMITED =
            io.cdnlifeline.testing.SandboxCloud.TEST_POLICY.toBuilder().rateLimited(false).build();

    private Fleet() {
    }

    static List<String> inScope() {
        List<String> out = new java.util.ArrayList<>(CDN_DOMAINS);
        out.addAll(DCDN_DOMAINS);
        return out;
    }

    /** The product of an accelerated domain of the seed. */
    static String product(String domain) {
        return DCDN_DOMAINS.contains(domain) || "shop.example.org".equals(domain) ? "dcdn" : "cdn";
    }

    /** Whether a snapshot key ({@link AccountSnapshot}) concerns the domain: its product entry or a DNS line of its host. */
    static boolean concerns(String key, String domain) {
        String zone = domain.endsWith(".example.com") ? "example.com" : domain.endsWith(".example.net") ? "example.net" : "example.org";
        String rr = domain.equals(zone) ? "@" : domain.substring(0, domain.length() - zone.length() - 1);
        return AccountSnapshot.concerns(key, product(domain), domain, zone, rr);
    }

    static boolean concernsAny(String key, java.util.Collection<String> domains) {
        for (String d : domains) if (concerns(key, d)) return true;
        return false;
    }

    static String seed() {
        SandboxState s = new SandboxState();
        s.accessKeys.add(new AccessKey(Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET));
        s.accessKeys.add(new AccessKey(STS_KEY_ID, STS_SECRET, STS_TOKEN));

        Domain www = cdn("www.example.com", "domestic", ip("203.0.113.20", "20"), ip("203.0.113.21", "20"), ip("198.51.100.20", "30"));
        www.tags.put("team", "web");
        s.cdn.add(www);
        s.cdn.add(cdn("img.example.com", "global", new Source("oss", "bucket.oss-cn-hangzhou.aliyuncs.com", 443, "20")));
        s.cdn.add(cdn("static.example.com", "domestic", new Source("domain", "origin.example.net", 80, "20")));
        s.cdn.add(cdn("v6.example.com", "domestic", ip("2001:db8::10", "20")));
        s.cdn.add(cdn("pay.example.com", "domestic", ip("203.0.113.50", "20")));
        s.cdn.add(cdn("www.example.net", "domestic", ip("203.0.113.60", "20")));
        Domain api = new Domain("api.example.org", "api.example.org.w.kunluncan.com", "online", "global");
        api.source(ip("203.0.113.90", "20"));
        api.tags.put("owner", "api-team");
        s.dcdn.add(api);
        Domain shop = new Domain("shop.example.org", "shop.example.org.w.kunluncan.com", "online", "global");
        shop.source(ip("203.0.113.95", "20"));
        s.dcdn.add(shop);

        DnsZone com = new DnsZone("example.com");
        com.record(rec("1001", "www", "CNAME", "www.example.com.w.kunlunsl.com", "default", 600, "web"));
        com.record(rec("1002", "www", "CNAME", "www.example.com.w.kunlunsl.com", "unicom", 300, ""));
        com.record(rec("1003", "www", "A", "192.0.2.80", "oversea", 600, "set by hand"));
        com.record(rec("1011", "img", "CNAME", "img.example.com.w.kunlunsl.com", "default", 1200, "images"));
        com.record(rec("1021", "static", "CNAME", "static.example.com.w.kunlunsl.com", "default", 600, ""));
        com.record(rec("1031", "v6", "CNAME", "v6.example.com.w.kunlunsl.com", "default", 600, ""));
        com.record(rec("1041", "pay", "CNAME", "pay.example.com.w.kunlunsl.com", "default", 600, ""));
        com.record(rec("1051", "mail", "MX", "mx.example.com", "default", 600, ""));
        s.dns.add(com);
        DnsZone net = new DnsZone("example.net");
        net.record(rec("2001", "www", "CNAME", "www.example.net.w.kunlunsl.com", "default", 600, ""));
        s.dns.add(net);
        DnsZone org = new DnsZone("example.org");
        org.record(rec("3001", "api", "CNAME", "api.example.org.w.kunluncan.com", "default", 600, ""));
        org.record(rec("3002", "api", "CNAME", "api.example.org.w.kunluncan.com", "oversea", 60, "abroad"));
        org.record(rec("3011", "shop", "CNAME", "shop.example.org.w.kunluncan.com", "default", 600, ""));
        s.dns.add(org);
        return new Gson().toJson(s);
    }

    private static Domain cdn(String name, String coverage, Source... sources) {
        Domain d = new Domain(name, name + ".w.kunlunsl.com", "online", coverage);
        d.cdnType = "web";
        for (Source src : sources) d.source(src);
        return d;
    }

    private static Source ip(String ip, String priority) {
        return new Source("ipaddr", ip, 80, priority);
    }

    private static DnsRecord rec(String id, String rr, String type, String value, String line, long ttl, String remark) {
        DnsRecord r = new DnsRecord(id, rr, type, value);
        r.line = line;
        r.ttl = ttl;
        r.status = "ENABLE";
        r.remark = remark;
        return r;
    }
}
