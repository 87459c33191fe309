package io.cdnlifeline.bench;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.aliyun.AliyunCloud;
import io.cdnlifeline.cloud.aliyun.CallPolicy;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.origin.OriginCheck;
import io.cdnlifeline.origin.OriginNetwork;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.remedy.DnsToOriginRemedy;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.run.RemedyFunction;
import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.Limits;
import io.cdnlifeline.sandbox.LocalOrigin;
import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.sandbox.Source;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 5: what the origin readiness check costs a 1,000-domain dns-to-origin dry run. The fleet account's origins are
 * moved to 127.16.0.x, served by local web servers on this machine (the network table maps their port 80 to the servers'
 * ports; host-name origins resolve from the same table), with the fleet's limits (20 ms a call, QPS enforced). The same
 * dry run, in this JVM, with LIFELINE_ORIGIN_CHECK off and require, alternately: the target is a difference within one
 * probe timeout (LIFELINE_ORIGIN_TIMEOUT_MS, default 5 s). Nothing leaves the machine.
 */
final class OriginCheckBench {
    private static final int SERVERS = 20;
    private final Sandbox sandbox;
    private final int domains;
    private final int rounds;

    OriginCheckBench(Sandbox sandbox, int domains, int rounds) {
        this.sandbox = sandbox;
        this.domains = domains;
        this.rounds = rounds;
    }

    void run(PrintStream out, Figures figures) throws Exception {
        List<LocalOrigin> servers = new ArrayList<>();
        Map<String, InetSocketAddress> byIp = new HashMap<>();
        try {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            for (int i = 1; i <= SERVERS + 1; i++) {
                LocalOrigin s = LocalOrigin.http(loopback, 0, LocalOrigin.Behaviour.ok());
                servers.add(s);
                byIp.put("127.16.0." + i, s.address());
            }
            sandbox.replaceState(Seeds.fleet(domains, domains));
            sandbox.update(s -> {
                int n = 0;
                for (List<Domain> ds : List.of(s.cdn, s.dcdn)) {
                    for (Domain d : ds) {
                        for (Source src : d.sources) if ("ipaddr".equals(src.type)) src.content = "127.16.0." + (1 + n++ % SERVERS);
                    }
                }
            });
            Limits limits = new Limits();
            limits.latencyMs = 20;
            limits.enforceQps = true;
            sandbox.setLimits(limits);
            OriginNetwork network = new OriginNetwork() {
                @Override
                public List<InetAddress> resolve(String host) throws UnknownHostException {
                    if (!host.endsWith(".example.net")) throw new UnknownHostException(host + " (the benchmark resolves only its own origins)");
                    return List.of(InetAddress.getByName("127.16.0." + (SERVERS + 1)));
                }

                @Override
                public InetSocketAddress socketAddress(InetAddress address, int port) {
                    InetSocketAddress local = port == 80 ? byIp.get(address.getHostAddress()) : null;
                    return local != null ? local : new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
                }
            };
            Settings base = Settings.builder().endpoint(sandbox.endpoint()).dryRun(true).maxChanges(100_000).originAllow("127.0.0.0/8")
                    .originNetwork(network).build();
            out.printf("  account: %d domains, all offline, origins on %d local web servers; limits: 20 ms per call, QPS enforced%n",
                    domains, SERVERS + 1);
            double offSum = 0;
            double onSum = 0;
            String onSummary = "";
            int requestsBefore = requests(servers);
            for (int r = 1; r <= rounds; r++) {
                double off = pass(base.toBuilder().originCheck(OriginCheck.OFF).build()).seconds;
                Pass on = pass(base.toBuilder().originCheck(OriginCheck.REQUIRE).build());
                out.printf("    round %d: check off %.1f s, check required %.1f s (%s)%n", r, off, on.seconds, on.summary);
                offSum += off;
                onSum += on.seconds;
                onSummary = on.summary;
            }
            double off = offSum / rounds;
            double on = onSum / rounds;
            double timeout = base.originTimeoutMs() / 1000.0;
            int probes = requests(servers) - requestsBefore;
            out.printf("  dry run of %d domains: %.1f s without the check, %.1f s with it: %+.1f s (target: within the probe timeout, %.1f s) %s; "
                    + "%d probes answered%n", domains, off, on, on - off, timeout, on - off <= timeout ? "MET" : "NOT MET", probes);
            figures.put("origin.offS", String.format("%.1f", off));
            figures.put("origin.requireS", String.format("%.1f", on));
            figures.put("origin.extraS", String.format("%.1f", on - off));
            figures.put("origin.probes", Integer.toString(probes));
            figures.put("origin.summary", onSummary);
        } finally {
            for (LocalOrigin s : servers) s.close();
        }
    }

    private static int requests(List<LocalOrigin> servers) {
        int n = 0;
        for (LocalOrigin s : servers) n += s.requests();
        return n;
    }

    private Pass pass(Settings settings) {
        CloudCredentials keys = new CloudCredentials(Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET, null);
        Cloud cloud = AliyunCloud.create(settings, () -> keys, CallPolicy.defaults());
        long start = System.nanoTime();
        Report report = new RemedyFunction(new DnsToOriginRemedy()).run(Request.builder().build(),
                Invocation.local(cloud, settings, line -> { }));
        double seconds = (System.nanoTime() - start) / 1e9;
        String summary = report.count(io.cdnlifeline.report.ChangeStatus.PLANNED) + " planned, " + report.skipped().size() + " skipped, "
                + report.count(io.cdnlifeline.report.ChangeStatus.FAILED) + " failed";
        return new Pass(seconds, summary);
    }

    private static final class Pass {
        final double seconds;
        final String summary;

        Pass(double seconds, String summary) {
            this.seconds = seconds;
            this.summary = summary;
        }
    }
}
