package io.cdnlifeline.bench;

import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.Limits;
import io.cdnlifeline.sandbox.Sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figures 2 and 4: a 10,000-domain account with 1,000 domains offline, the documented QPS limits enforced and
 * 20 ms per call. One child JVM under -Xmx128m runs the dns-to-origin timer pass; then the cause is fixed (the
 * domains come back online) and it runs the dns-to-cdn timer pass. Wall time per pass against the QPS lower
 * bound of the calls it made; peak RSS (VmHWM) of the child.
 */
final class Fleet {
    static final String[] HANDLERS = {"io.cdnlifeline.handler.DnsToOriginHandler", "io.cdnlifeline.handler.DnsToCdnHandler"};
    static final String[] NAMES = {"dns-to-origin", "dns-to-cdn"};
    /** FC's execution time limit the fleet must fit in (seconds), or fan out. */
    static final int FC_TIME_LIMIT_S = 600;

    private final Layout layout;
    private final Sandbox sandbox;
    private final int domains;
    private final int offline;
    private final String concurrency;
    private final String heap;
    private final List<String> flags;

    Fleet(Layout layout, Sandbox sandbox, int domains, int offline, String concurrency, String heap, List<String> flags) {
        this.layout = layout;
        this.sandbox = sandbox;
        this.domains = domains;
        this.offline = offline;
        this.concurrency = concurrency;
        this.heap = heap;
        this.flags = flags;
    }

    void run(PrintStream out, Figures figures) throws IOException, InterruptedException {
        long seedStart = System.nanoTime();
        sandbox.replaceState(Seeds.fleet(domains, offline));
        Limits limits = new Limits();
        limits.latencyMs = 20;
        limits.enforceQps = true;
        sandbox.setLimits(limits);
        sandbox.clearRequests();
        out.printf("  account: %d domains (%d CDN, %d DCDN), %d offline, %d zones; limits: 20 ms per call, QPS enforced (seeded in %.1f s)%n",
                domains, (domains + 1) / 2, domains / 2, offline, (domains + 99) / 100, (System.nanoTime() - seedStart) / 1e9);

        Path dir = layout.work.resolve("fleet");
        Files.createDirectories(dir);
        Jvm jvm = child(layout, sandbox, heap, concurrency, flags)
                // the guard is for people's mistakes; this account really has 1,000 domains to switch
                .env("LIFELINE_MAX_CHANGES", "100000");
        String[] args = new String[HANDLERS.length + 1];
        args[0] = dir.toString();
        System.arraycopy(HANDLERS, 0, args, 1, HANDLERS.length);
        ProcessBuilder pb = jvm.builder(jvm.command("io.cdnlifeline.bench.fn.FleetRun", args), layout.work.resolve("fleet.err"));
        long jvmStart = System.nanoTime();
        Process p = pb.start();
        long pid = p.pid();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer toChild = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        expect(in, "ready");
        double totalWall = 0;
        double totalBound = 0;
        int totalThrottled = 0;
        int surfaced = 0;
        double firstPassWall = 0;
        for (int n = 1; n <= HANDLERS.length; n++) {
            if (n == 2) {
                // the cause is fixed: every domain is back online, so dns-to-cdn has the remediated ones to restore
                sandbox.update(s -> {
                    for (Domain d : s.cdn) d.status = "online";
                    for (Domain d : s.dcdn) d.status = "online";
                });
            }
            sandbox.clearRequests();
            toChild.write("run " + n + "\n");
            toChild.flush();
            String done = expect(in, "done " + n);
            String[] f = done.split(" ");
            double wall = Long.parseLong(f[2]) / 1000.0;
            boolean failed = Boolean.parseBoolean(f[3]);
            Calls calls = new Calls(sandbox.requests());
            if (calls.size() >= 20_000) out.println("  WARNING: the sandbox request log is full (20,000): call counts are cut");
            String report = Files.readString(dir.resolve("report-" + n + ".json"));
            int surfacedHere = count(report, "Throttling");
            double bound = calls.qpsLowerBoundSeconds();
            out.printf("  %s pass: %.1f s wall, QPS lower bound %.1f s -> %.2fx (target <= 1.3x); %d calls, %d throttled and retried, %d throttling errors in the report%s%n",
                    NAMES[n - 1], wall, bound, wall / bound, calls.size(), calls.throttled(), surfacedHere, failed ? "; the invocation FAILED" : "");
            out.printf("    busiest API alone (no schedule can beat it): %s -> %.2fx%n", calls.busiestApi(), wall / calls.busiestApiSeconds());
            out.println("    report summary: " + summary(report));
            out.print(calls.table());
            if (!calls.errors().isEmpty()) out.println("    errors: " + calls.errors());
            figures.put("fleet." + NAMES[n - 1] + ".wallS", String.format("%.1f", wall));
            figures.put("fleet." + NAMES[n - 1] + ".boundS", String.format("%.1f", bound));
            figures.put("fleet." + NAMES[n - 1] + ".ratio", String.format("%.2f", wall / bound));
            figures.put("fleet." + NAMES[n - 1] + ".calls", Integer.toString(calls.size()));
            figures.put("fleet." + NAMES[n - 1] + ".summary", summary(report));
            if (n == 1) firstPassWall = wall;
            totalWall += wall;
            totalBound += bound;
            totalThrottled += calls.throttled();
            surfaced += surfacedHere;
        }
        long hwmKb = Machine.statusKb(pid, "VmHWM");
        toChild.write("exit\n");
        toChild.flush();
        int exit = p.waitFor();
        double jvmWall = (System.nanoTime() - jvmStart) / 1e9;
        out.printf("  both passes: %.1f s wall, QPS lower bound %.1f s -> %.2fx; %d throttled calls retried, %d surfaced to reports%n",
                totalWall, totalBound, totalWall / totalBound, totalThrottled, surfaced);
        out.printf("  peak RSS (VmHWM) of the -Xmx%s %s child: %.1f MB (FC instance 256 MB: %s); child exit %d, %.1f s including start%n",
                heap, String.join(" ", flags), hwmKb / 1024.0, hwmKb > 0 && hwmKb / 1024.0 < 256 * 0.75 ? "fits with room" : "TOO CLOSE", exit, jvmWall);
        // The time grows with the domains to change, not the account's size (listing 10,000 domains is 20 calls).
        double originPerOffline = firstPassWall / Math.max(1, offline);
        long fit = (long) (FC_TIME_LIMIT_S * 0.8 / originPerOffline);
        out.printf("  one FC invocation (%d s limit): both passes take %.0f s (%.0f%%); at %.0f ms per offline domain,"
                        + " one dns-to-origin invocation fits ~%,d offline domains in 80%% of its limit%n",
                FC_TIME_LIMIT_S, totalWall, 100 * totalWall / FC_TIME_LIMIT_S, originPerOffline * 1000, fit);
        figures.put("fleet.offlineDomainsPerInvocation", Long.toString(fit));
        figures.put("fleet.wallS", String.format("%.1f", totalWall));
        figures.put("fleet.boundS", String.format("%.1f", totalBound));
        figures.put("fleet.ratio", String.format("%.2f", totalWall / totalBound));
        figures.put("fleet.throttledRetried", Integer.toString(totalThrottled));
        figures.put("fleet.throttlingSurfaced", Integer.toString(surfaced));
        figures.put("fleet.peakRssMb", String.format("%.1f", hwmKb / 1024.0));
        sandbox.setLimits(new Limits());
    }

    /** A child JVM running the function jar as FC would, against the sandbox: its heap, flags and concurrency. */
    static Jvm child(Layout layout, Sandbox sandbox, String heap, String concurrency, List<String> flags) {
        Jvm jvm = new Jvm(layout.functionsJar.toString(), layout.fnJar.toString())
                .flag("-Xmx" + heap)
                .env("ALIBABA_CLOUD_ACCESS_KEY_ID", Sandbox.DEFAULT_ACCESS_KEY_ID)
                .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", Sandbox.DEFAULT_ACCESS_KEY_SECRET)
                .env("LIFELINE_ENDPOINT", sandbox.endpoint())
                // these accounts' origins are documentation addresses: never probed (figure 5 measures the check)
                .env("LIFELINE_ORIGIN_CHECK", "off");
        if (concurrency != null) jvm.env("LIFELINE_CONCURRENCY", concurrency);
        for (String f : flags) jvm.flag(f);
        return jvm;
    }

    private static String expect(BufferedReader in, String prefix) throws IOException {
        String line = in.readLine();
        if (line == null || !line.startsWith(prefix)) throw new IllegalStateException("fleet child said '" + line + "', expected '" + prefix + "'; see bench/target/work/fleet.err");
        return line;
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) n++;
        return n;
    }

    private static final Pattern SUMMARY = Pattern.compile("\"summary\"\\s*:\\s*(\\{[^}]*\\})");

    private static String summary(String report) {
        Matcher m = SUMMARY.matcher(report);
        return m.find() ? m.group(1).replaceAll("\\s+", "") : "(no summary)";
    }
}
