package io.cdnlifeline.bench;

import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.FcAsyncRequest;
import io.cdnlifeline.sandbox.Limits;
import io.cdnlifeline.sandbox.QpsTable;
import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.sandbox.SandboxCall;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 18: an account-wide arrears outage. Every domain of a fleet account (half CDN, half DCDN, 100 hosts a zone)
 * is offline and the account is overdue; the documented QPS limits are enforced and every call takes 20 ms. One child
 * JVM, a warm FC instance, runs dns-to-origin from its timer event with the template's time limit, then each
 * continuation the function hands to FC (the local FC holds the asynchronous InvokeFunction; the runner passes it to
 * the child, as FC would), until none is left. Then the bill is paid, the domains come back, and dns-to-cdn undoes it
 * the same way.
 * <p>Per pass: <b>time to lifeline</b> per domain = from the pass's start until the last visitor-facing record write of
 * the domain (read from the sandbox's request log: the update or add that puts the origin in place; for the undo, the
 * update back to the CDN CNAME), p50 and max over domains; the time until the pass is done (its last invocation
 * returned); and their ratios to the floors the QPS table fixes. See bench/README.md for the floors.
 */
final class Outage {
    static final String[] FUNCTIONS = {"dns-to-origin", "dns-to-cdn"};
    static final String[] HANDLERS = {"io.cdnlifeline.handler.DnsToOriginHandler", "io.cdnlifeline.handler.DnsToCdnHandler"};
    /** template.yml's timeout of the dns functions (seconds). */
    static final int TEMPLATE_TIMEOUT_S = 600;
    /** The seed's record TTL: what a visitor's resolver may keep serving the old (dark) answer for, on top. */
    static final int RECORD_TTL_S = 600;
    static final int PAGE = 500;

    private final Layout layout;
    private final Sandbox sandbox;
    private final int domains;
    private final int timeoutS;
    private final String concurrency;
    private final String heap;
    private final List<String> flags;

    Outage(Layout layout, Sandbox sandbox, int domains, int timeoutS, String concurrency, String heap, List<String> flags) {
        this.layout = layout;
        this.sandbox = sandbox;
        this.domains = domains;
        this.timeoutS = timeoutS;
        this.concurrency = concurrency;
        this.heap = heap;
        this.flags = flags;
    }

    void run(PrintStream out, Figures figures) throws IOException, InterruptedException {
        sandbox.replaceState(Seeds.fleet(domains, domains, true));
        // the runner drives the handlers in their own JVMs: the local FC holds their continuations for it
        for (String f : FUNCTIONS) sandbox.fcHoldAsync(f);
        sandbox.takeFcAsyncRequests();
        Limits limits = new Limits();
        limits.latencyMs = 20;
        limits.enforceQps = true;
        sandbox.setLimits(limits);
        int cdn = (domains + 1) / 2;
        int dcdn = domains / 2;
        int extras = 0;
        for (int i = 0; i < domains; i++) if (i % 10 == 9) extras++;
        out.printf("  account: %d domains (%d CDN, %d DCDN) all offline, overdue, %d zones; 20 ms per call, QPS enforced;"
                + " FC time limit %d s, default maxChanges%n", domains, cdn, dcdn, (domains + 99) / 100, timeoutS);

        Path dir = layout.work.resolve("outage");
        Files.createDirectories(dir);
        // the template's settings: default maxChanges (the arrears outage is not counted against it), default concurrency
        Jvm jvm = Fleet.child(layout, sandbox, heap, concurrency, flags);
        ProcessBuilder pb = jvm.builder(jvm.command("io.cdnlifeline.bench.fn.OutageRun", dir.toString()), layout.work.resolve("outage.err"));
        Process p = pb.start();
        long pid = p.pid();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer toChild = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        expect(in, "ready");
        int invocation = 0;
        for (int pass = 0; pass < FUNCTIONS.length; pass++) {
            if (pass == 1) {
                // the bill is paid: the cloud starts the domains again and dns-to-cdn has every switched record to restore
                sandbox.update(s -> {
                    for (Domain d : s.cdn) d.status = "online";
                    for (Domain d : s.dcdn) d.status = "online";
                    s.account.inDebt = false;
                    s.account.inDebtOverdue = false;
                    s.account.availableAmount = "100.00";
                });
            }
            String first = pass == 0
                    ? "{\"triggerTime\":\"2026-12-02T06:00:00Z\",\"triggerName\":\"lifeline-timer\",\"payload\":\"\"}"
                    // dns-to-cdn is guarded after the payment (the site already works on its origin): an operator raises it
                    : "{\"maxChanges\": 1000000, \"reason\": \"bill paid, undo the arrears lifeline\"}";
            sandbox.clearRequests();
            Deque<String> queue = new ArrayDeque<>();
            queue.add(first);
            long start = System.currentTimeMillis();
            int rounds = 0;
            int failedInvocations = 0;
            StringBuilder summaries = new StringBuilder();
            while (!queue.isEmpty()) {
                String event = queue.poll();
                invocation++;
                rounds++;
                toChild.write("run " + invocation + " " + FUNCTIONS[pass] + " " + HANDLERS[pass] + " " + timeoutS * 1000 + " "
                        + Base64.getEncoder().encodeToString(event.getBytes(StandardCharsets.UTF_8)) + "\n");
                toChild.flush();
                String[] done = expect(in, "done " + invocation).split(" ");
                if (Boolean.parseBoolean(done[3])) failedInvocations++;
                String report = Files.readString(dir.resolve("report-" + invocation + ".json"));
                summaries.append(String.format(Locale.ROOT, "    round %d: %.1f s, %s%s%n", rounds, Long.parseLong(done[2]) / 1000.0,
                        summary(report), continued(report)));
                for (FcAsyncRequest asked : sandbox.takeFcAsyncRequests()) queue.add(asked.payload);
            }
            long doneMs = System.currentTimeMillis() - start;
            List<SandboxCall> log = sandbox.requests();
            Calls calls = new Calls(log);
            List<Double> lifeline = lifelineSeconds(log, start, pass == 0);
            double ttlFloor = pass == 0
                    ? max(pages(cdn) / (double) QpsTable.of("DescribeUserDomains"), pages(dcdn) / (double) QpsTable.of("DescribeDcdnUserDomains"),
                    domains / (double) QpsTable.of("DescribeSubDomainRecords"), domains / (double) QpsTable.of("UpdateDomainRecord"),
                    extras / (double) QpsTable.of("AddDomainRecord"))
                    : max(pages(cdn) / (double) QpsTable.of("DescribeUserDomains"), pages(dcdn) / (double) QpsTable.of("DescribeDcdnUserDomains"),
                    domains / (double) QpsTable.of("DescribeSubDomainRecords"), domains / (double) QpsTable.of("UpdateDomainRecord"),
                    extras / (double) QpsTable.of("DeleteDomainRecord"));
            double doneFloor = calls.busiestApiSeconds();
            double p50 = lifeline.isEmpty() ? Double.NaN : Stats.median(lifeline);
            double mx = lifeline.isEmpty() ? Double.NaN : Stats.max(lifeline);
            String name = FUNCTIONS[pass];
            out.printf(Locale.ROOT, "  %s: %d invocation(s) of at most %d s, %d failed; %d of %d domains reached%n",
                    name, rounds, timeoutS, failedInvocations, lifeline.size(), domains);
            out.print(summaries);
            out.printf(Locale.ROOT, "    time to %s: p50 %.1f s, max %.1f s; floor %.1f s (busiest API of the visitor-facing path) -> max/floor %.2fx (target <= 1.2x), p50/floor %.2fx%n",
                    pass == 0 ? "lifeline" : "restore", p50, mx, ttlFloor, mx / ttlFloor, p50 / ttlFloor);
            out.printf(Locale.ROOT, "    visitors wait on top: the old record's TTL, %d s (resolvers may serve the dark answer that long)%n", RECORD_TTL_S);
            out.printf(Locale.ROOT, "    done after %.1f s; floor %.1f s (busiest API of every call made: %s) -> %.2fx; %d calls, %d throttled and retried%n",
                    doneMs / 1000.0, doneFloor, calls.busiestApi(), doneMs / 1000.0 / doneFloor, calls.size(), calls.throttled());
            out.print(calls.table());
            if (!calls.errors().isEmpty()) out.println("    errors: " + calls.errors());
            figures.put("outage." + name + ".rounds", Integer.toString(rounds));
            figures.put("outage." + name + ".lifelineP50S", String.format(Locale.ROOT, "%.1f", p50));
            figures.put("outage." + name + ".lifelineMaxS", String.format(Locale.ROOT, "%.1f", mx));
            figures.put("outage." + name + ".lifelineFloorS", String.format(Locale.ROOT, "%.1f", ttlFloor));
            figures.put("outage." + name + ".lifelineRatio", String.format(Locale.ROOT, "%.2f", mx / ttlFloor));
            figures.put("outage." + name + ".doneS", String.format(Locale.ROOT, "%.1f", doneMs / 1000.0));
            figures.put("outage." + name + ".doneFloorS", String.format(Locale.ROOT, "%.1f", doneFloor));
            figures.put("outage." + name + ".doneRatio", String.format(Locale.ROOT, "%.2f", doneMs / 1000.0 / doneFloor));
            figures.put("outage." + name + ".reached", Integer.toString(lifeline.size()));
        }
        long hwmKb = Machine.statusKb(pid, "VmHWM");
        toChild.write("exit\n");
        toChild.flush();
        int exit = p.waitFor();
        out.printf(Locale.ROOT, "  peak RSS (VmHWM) of the -Xmx%s %s child, both passes: %.1f MB; child exit %d%n",
                heap, String.join(" ", flags), hwmKb / 1024.0, exit);
        figures.put("outage.peakRssMb", String.format(Locale.ROOT, "%.1f", hwmKb / 1024.0));
        sandbox.setLimits(new Limits());
    }

    private static int pages(int n) {
        return (n + PAGE - 1) / PAGE;
    }

    private static double max(double... xs) {
        double m = 0;
        for (double x : xs) m = Math.max(m, x);
        return m;
    }

    /**
     * Seconds from {@code start} until each domain's last visitor-facing record write (the fleet's host names are
     * unique across zones, so a record's RR names its domain): to origin, an update or add whose value is not an
     * acceleration CNAME; back, the update to the CDN CNAME.
     */
    static List<Double> lifelineSeconds(List<SandboxCall> log, long start, boolean toOrigin) {
        Map<String, Long> last = new HashMap<>();
        for (SandboxCall c : log) {
            if (c.errorCode != null || c.httpStatus != 200) continue;
            String value = c.params.get("Value");
            String rr = c.params.get("RR");
            if (value == null || rr == null) continue;
            boolean accel = value.endsWith(".w.kunlunsl.com") || value.endsWith(".w.kunluncan.com");
            boolean visitorFacing = toOrigin ? (c.action.equals("UpdateDomainRecord") || c.action.equals("AddDomainRecord")) && !accel
                    : c.action.equals("UpdateDomainRecord") && accel;
            if (visitorFacing) last.merge(rr, c.at, Math::max);
        }
        List<Double> out = new ArrayList<>();
        for (long at : last.values()) out.add((at - start) / 1000.0);
        Collections.sort(out);
        return out;
    }

    private static String expect(BufferedReader in, String prefix) throws IOException {
        String line = in.readLine();
        if (line == null || !line.startsWith(prefix)) throw new IllegalStateException("outage child said '" + line + "', expected '" + prefix + "'; see bench/target/work/outage.err");
        return line;
    }

    private static final Pattern SUMMARY = Pattern.compile("\"summary\"\\s*:\\s*(\\{[^}]*\\})");
    private static final Pattern CONTINUED = Pattern.compile("\"continued\"\\s*:\\s*(\\{[^}]*\\})");

    private static String summary(String report) {
        Matcher m = SUMMARY.matcher(report);
        return m.find() ? m.group(1).replaceAll("\\s+", "") : "(no summary)";
    }

    private static String continued(String report) {
        Matcher m = CONTINUED.matcher(report);
        return m.find() ? ", continued " + m.group(1).replaceAll("\\s+", "") : "";
    }
}
