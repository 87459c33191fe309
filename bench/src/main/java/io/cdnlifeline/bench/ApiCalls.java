package io.cdnlifeline.bench;

import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.sandbox.SandboxState;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Figure 3: per remedy, for one named domain, the API calls made against the fewest the APIs allow. Each
 * scenario runs in a fresh JVM against the cold-start account (www.example.com: CDN, two origin IPs, one
 * CNAME record in example.com); scenarios run in order, so dns-to-cdn restores what dns-to-origin did.
 * The minimums and why are in bench/README.md.
 */
final class ApiCalls {
    /** One remedy run and the least calls it can be done with, per API. */
    static final class Scenario {
        final String function;
        final String handler;
        final String payload;
        final Consumer<SandboxState> before;
        final Map<String, Integer> minimum = new TreeMap<>();

        Scenario(String function, String handler, String payload, Consumer<SandboxState> before, Object... minimum) {
            this.function = function;
            this.handler = handler;
            this.payload = payload;
            this.before = before;
            for (int i = 0; i < minimum.length; i += 2) this.minimum.put((String) minimum[i], (Integer) minimum[i + 1]);
        }

        int minimumTotal() {
            int n = 0;
            for (int v : minimum.values()) n += v;
            return n;
        }
    }

    static List<Scenario> scenarios() {
        String www = "{\"domains\":[\"" + Seeds.COLD_DOMAIN + "\"]}";
        List<Scenario> s = new ArrayList<>();
        s.add(new Scenario("dns-to-origin", "io.cdnlifeline.handler.DnsToOriginHandler", www,
                st -> st.cdnDomain(Seeds.COLD_DOMAIN).status = "offline",
                "DescribeCdnDomainDetail", 1, "DescribeDomains", 1, "DescribeSubDomainRecords", 1, "DescribeDomainRecordInfo", 1,
                "UpdateDomainRecord", 1, "AddDomainRecord", 1, "UpdateDomainRecordRemark", 2));
        s.add(new Scenario("dns-to-cdn", "io.cdnlifeline.handler.DnsToCdnHandler", www,
                st -> st.cdnDomain(Seeds.COLD_DOMAIN).status = "online",
                "DescribeCdnDomainDetail", 1, "DescribeUserCdnStatus", 1, "DescribeCdnService", 1, "DescribeDomains", 1,
                "DescribeSubDomainRecords", 1, "DescribeDomainRecordInfo", 1, "UpdateDomainRecord", 1, "UpdateDomainRecordRemark", 2,
                "DeleteDomainRecord", 1, "DescribeTagResources", 1));
        // The domain remedies: their calls plus the lock flag (raise, read back, lower; bench/README.md)
        s.add(new Scenario("switch-to-overseas", "io.cdnlifeline.handler.SwitchToOverseasHandler", www,
                st -> st.cdnDomain(Seeds.COLD_DOMAIN).icp = false,
                "DescribeCdnDomainDetail", 1, "CheckCdnDomainICP", 1, "TagResources", 2, "DescribeTagResources", 1,
                "ModifyCdnDomainSchdmByProperty", 1, "UntagResources", 1));
        s.add(new Scenario("restore-coverage", "io.cdnlifeline.handler.RestoreCoverageHandler", www,
                st -> st.cdnDomain(Seeds.COLD_DOMAIN).icp = true,
                "DescribeCdnDomainDetail", 2, "DescribeTagResources", 2, "TagResources", 1, "CheckCdnDomainICP", 1,
                "ModifyCdnDomainSchdmByProperty", 1, "UntagResources", 1));
        s.add(new Scenario("disable-domain", "io.cdnlifeline.handler.DisableDomainHandler",
                "{\"domains\":[\"" + Seeds.COLD_DOMAIN + "\"],\"reason\":\"benchmark\"}", st -> { },
                "DescribeCdnDomainDetail", 1, "TagResources", 2, "DescribeTagResources", 1, "StopCdnDomain", 1, "UntagResources", 1));
        s.add(new Scenario("enable-domain", "io.cdnlifeline.handler.EnableDomainHandler", www, st -> { },
                "DescribeCdnDomainDetail", 2, "TagResources", 1, "DescribeTagResources", 1, "StartCdnDomain", 1, "UntagResources", 1));
        return s;
    }

    /**
     * The same six remedies for one named DCDN, ApsaraVideo VOD and ApsaraVideo Live domain each, on {@link Seeds#products()}
     * (in order, so each undoes the previous one). The Request names the product: without it, a named domain first costs
     * one NotFound detail call per product asked before its own (CDN, DCDN, VOD, Live in that order). Where the product
     * cannot do what the remedy does, the run reads the detail (which product, and that it exists) and skips.
     */
    static List<Scenario> productScenarios() {
        List<Scenario> s = new ArrayList<>();
        // DCDN: no ICP check (the named run is the statement), one origin IP (so no added record and one remark), lock flags as CDN
        String dcdn = named(Seeds.DCDN_DOMAIN, "dcdn");
        s.add(new Scenario("dns-to-origin dcdn", "io.cdnlifeline.handler.DnsToOriginHandler", dcdn,
                st -> st.dcdnDomain(Seeds.DCDN_DOMAIN).status = "offline",
                "DescribeDcdnDomainDetail", 1, "DescribeDomains", 1, "DescribeSubDomainRecords", 1, "DescribeDomainRecordInfo", 1,
                "UpdateDomainRecord", 1, "UpdateDomainRecordRemark", 1));
        s.add(new Scenario("dns-to-cdn dcdn", "io.cdnlifeline.handler.DnsToCdnHandler", dcdn,
                st -> st.dcdnDomain(Seeds.DCDN_DOMAIN).status = "online",
                "DescribeDcdnDomainDetail", 1, "DescribeUserCdnStatus", 1, "DescribeDcdnService", 1, "DescribeDomains", 1,
                "DescribeSubDomainRecords", 1, "DescribeDomainRecordInfo", 1, "UpdateDomainRecord", 1, "UpdateDomainRecordRemark", 2,
                "DescribeDcdnTagResources", 1));
        s.add(new Scenario("switch-to-overseas dcdn", "io.cdnlifeline.handler.SwitchToOverseasHandler", dcdn,
                st -> st.dcdnDomain(Seeds.DCDN_DOMAIN).icp = false,
                "DescribeDcdnDomainDetail", 1, "TagDcdnResources", 2, "DescribeDcdnTagResources", 1, "ModifyDCdnDomainSchdmByProperty", 1,
                "UntagDcdnResources", 1));
        s.add(new Scenario("restore-coverage dcdn", "io.cdnlifeline.handler.RestoreCoverageHandler", dcdn,
                st -> st.dcdnDomain(Seeds.DCDN_DOMAIN).icp = true,
                "DescribeDcdnDomainDetail", 2, "DescribeDcdnTagResources", 2, "TagDcdnResources", 1, "ModifyDCdnDomainSchdmByProperty", 1,
                "UntagDcdnResources", 1));
        s.add(new Scenario("disable-domain dcdn", "io.cdnlifeline.handler.DisableDomainHandler", dcdn, st -> { },
                "DescribeDcdnDomainDetail", 1, "TagDcdnResources", 2, "DescribeDcdnTagResources", 1, "StopDcdnDomain", 1,
                "UntagDcdnResources", 1));
        s.add(new Scenario("enable-domain dcdn", "io.cdnlifeline.handler.EnableDomainHandler", dcdn, st -> { },
                "DescribeDcdnDomainDetail", 2, "TagDcdnResources", 1, "DescribeDcdnTagResources", 1, "StartDcdnDomain", 1,
                "UntagDcdnResources", 1));
        // VOD: no tags (no marker, no lock flag), no coverage change, stop/start in batches only
        String vod = named(Seeds.VOD_DOMAIN, "vod");
        s.add(new Scenario("dns-to-origin vod", "io.cdnlifeline.handler.DnsToOriginHandler", vod,
                st -> st.vodDomain(Seeds.VOD_DOMAIN).status = "offline",
                "DescribeVodDomainDetail", 1, "DescribeDomains", 1, "DescribeSubDomainRecords", 1, "DescribeDomainRecordInfo", 1,
                "UpdateDomainRecord", 1, "UpdateDomainRecordRemark", 1));
        s.add(new Scenario("dns-to-cdn vod", "io.cdnlifeline.handler.DnsToCdnHandler", vod,
                st -> st.vodDomain(Seeds.VOD_DOMAIN).status = "online",
                "DescribeVodDomainDetail", 1, "DescribeUserCdnStatus", 1, "DescribeDomains", 1, "DescribeSubDomainRecords", 1,
                "DescribeDomainRecordInfo", 1, "UpdateDomainRecord", 1, "UpdateDomainRecordRemark", 2));
        s.add(new Scenario("switch-to-overseas vod", "io.cdnlifeline.handler.SwitchToOverseasHandler", vod, st -> { },
                "DescribeVodDomainDetail", 1));
        s.add(new Scenario("restore-coverage vod", "io.cdnlifeline.handler.RestoreCoverageHandler", vod, st -> { },
                "DescribeVodDomainDetail", 1));
        s.add(new Scenario("disable-domain vod", "io.cdnlifeline.handler.DisableDomainHandler", vod, st -> { },
                "DescribeVodDomainDetail", 1, "BatchStopVodDomain", 1));
        s.add(new Scenario("enable-domain vod", "io.cdnlifeline.handler.EnableDomainHandler", vod, st -> { },
                "DescribeVodDomainDetail", 1, "BatchStartVodDomain", 1));
        // Live: no customer origin (DNS remedies skip), coverage and stop/start with tags and lock flags as CDN
        String live = named(Seeds.LIVE_DOMAIN, "live");
        s.add(new Scenario("dns-to-origin live", "io.cdnlifeline.handler.DnsToOriginHandler", live,
                st -> st.liveDomain(Seeds.LIVE_DOMAIN).status = "offline", "DescribeLiveDomainDetail", 1));
        s.add(new Scenario("dns-to-cdn live", "io.cdnlifeline.handler.DnsToCdnHandler", live,
                st -> st.liveDomain(Seeds.LIVE_DOMAIN).status = "online", "DescribeLiveDomainDetail", 1));
        s.add(new Scenario("switch-to-overseas live", "io.cdnlifeline.handler.SwitchToOverseasHandler", live,
                st -> st.liveDomain(Seeds.LIVE_DOMAIN).icp = false,
                "DescribeLiveDomainDetail", 1, "TagLiveResources", 2, "DescribeLiveTagResources", 1, "ModifyLiveDomainSchdmByProperty", 1,
                "UnTagLiveResources", 1));
        s.add(new Scenario("restore-coverage live", "io.cdnlifeline.handler.RestoreCoverageHandler", live,
                st -> st.liveDomain(Seeds.LIVE_DOMAIN).icp = true,
                "DescribeLiveDomainDetail", 2, "DescribeLiveTagResources", 2, "TagLiveResources", 1, "ModifyLiveDomainSchdmByProperty", 1,
                "UnTagLiveResources", 1));
        s.add(new Scenario("disable-domain live", "io.cdnlifeline.handler.DisableDomainHandler", live, st -> { },
                "DescribeLiveDomainDetail", 1, "TagLiveResources", 2, "DescribeLiveTagResources", 1, "StopLiveDomain", 1,
                "UnTagLiveResources", 1));
        s.add(new Scenario("enable-domain live", "io.cdnlifeline.handler.EnableDomainHandler", live, st -> { },
                "DescribeLiveDomainDetail", 2, "TagLiveResources", 1, "DescribeLiveTagResources", 1, "StartLiveDomain", 1,
                "UnTagLiveResources", 1));
        return s;
    }

    private static String named(String domain, String product) {
        return "{\"domains\":[\"" + domain + "\"],\"products\":[\"" + product + "\"],\"reason\":\"benchmark\"}";
    }

    private final Layout layout;
    private final Sandbox sandbox;

    ApiCalls(Layout layout, Sandbox sandbox) {
        this.layout = layout;
        this.sandbox = sandbox;
    }

    void run(PrintStream out, Figures figures) throws IOException, InterruptedException {
        Jvm fn = new Jvm(layout.functionsJar.toString(), layout.fnJar.toString())
                .env("ALIBABA_CLOUD_ACCESS_KEY_ID", Sandbox.DEFAULT_ACCESS_KEY_ID)
                .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", Sandbox.DEFAULT_ACCESS_KEY_SECRET)
                .env("LIFELINE_ENDPOINT", sandbox.endpoint())
                // these accounts' origins are documentation addresses: never probed (figure 5 measures the check)
                .env("LIFELINE_ORIGIN_CHECK", "off");
        sandbox.replaceState(Seeds.coldStart());
        runAll(fn, scenarios(), out, figures);
        out.println("  per product (the Request names the product; bench/README.md):");
        sandbox.replaceState(Seeds.products());
        runAll(fn, productScenarios(), out, figures);
    }

    private void runAll(Jvm fn, List<Scenario> scenarios, PrintStream out, Figures figures) throws IOException, InterruptedException {
        for (Scenario sc : scenarios) {
            sandbox.update(sc.before);
            sandbox.clearRequests();
            Jvm.Run r = fn.run(layout.work.resolve("calls-" + sc.function.replace(' ', '-') + ".err"), "io.cdnlifeline.bench.fn.Invoke", sc.handler, sc.payload);
            Calls calls = new Calls(sandbox.requests());
            int made = calls.size();
            int min = sc.minimumTotal();
            String verdict = r.exit != 0 ? "FAILED (exit " + r.exit + ")" : made == min && calls.perAction().equals(sc.minimum) ? "equal" : "differs";
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"summary\"\\s*:\\s*(\\{[^}]*\\})").matcher(r.stdout);
            String summary = m.find() ? m.group(1).replaceAll("\\s+", "") : "(no report)";
            out.printf("  %-24s %2d calls, minimum %2d: %-7s %s%n", sc.function, made, min, verdict, summary);
            if (!calls.perAction().equals(sc.minimum)) {
                out.println("    made:    " + calls.perAction());
                out.println("    minimum: " + sc.minimum);
            }
            figures.put("calls." + sc.function.replace(' ', '.'), made + "/" + min);
        }
    }
}
