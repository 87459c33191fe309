package io.cdnlifeline.bench;

import io.cdnlifeline.sandbox.Sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark runner (issue 9): starts a sandbox in this process, runs every measured program in fresh
 * child JVMs against it, and prints each figure with its unit and the machine's load.
 * <pre>
 * Bench ROOT [--rounds N] [--domains N] [--offline N] [--concurrency N] [--heap 128m] [--fleet-flags "-XX:... | none"]
 *            [--cold-flags "-XX:..."] (JVM flags of all three cold-start programs alike)
 *            [--only jar,cold,calls,origin,fleet,outage,accounts,watch] [--timeout SECONDS] (the outage's FC time limit; template.yml's)
 *            [--members 20] [--member-domains 1000] [--member-offline 100] [--singles N] (the accounts figure; default: every account run alone)
 *            [--trials N] (the watch's trials, default 6; each waits up to a minute and a half, in wall-clock time)
 * </pre>
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Paths.get(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int rounds = 7;
        int domains = 10_000;
        int offline = 1_000;
        String concurrency = null;
        String heap = "128m";
        String only = "jar,cold,calls,origin,fleet,outage,accounts,watch";
        int members = 20;
        int memberDomains = 1_000;
        int memberOffline = 100;
        int singles = Integer.MAX_VALUE;   // every account alone: "the slowest single account"
        int trials = 6;
        int timeout = Outage.TEMPLATE_TIMEOUT_S;
        // The JVM ergonomics of a 256 MB FC instance with at most one vCPU: SerialGC, initial heap 1/64 of 256 MB.
        // Without them this 2-cpu machine's JVM picks G1 with the whole -Xmx committed up front.
        java.util.List<String> coldFlags = new java.util.ArrayList<>();
        java.util.List<String> fleetFlags = new java.util.ArrayList<>(java.util.Arrays.asList("-XX:MaxRAM=256m", "-XX:ActiveProcessorCount=1"));
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds": rounds = Integer.parseInt(args[i + 1]); break;
                case "--domains": domains = Integer.parseInt(args[i + 1]); break;
                case "--timeout": timeout = Integer.parseInt(args[i + 1]); break;
                case "--offline": offline = Integer.parseInt(args[i + 1]); break;
                case "--concurrency": concurrency = args[i + 1]; break;
                case "--heap": heap = args[i + 1]; break;
                case "--members": members = Integer.parseInt(args[i + 1]); break;
                case "--member-domains": memberDomains = Integer.parseInt(args[i + 1]); break;
                case "--member-offline": memberOffline = Integer.parseInt(args[i + 1]); break;
                case "--singles": singles = Integer.parseInt(args[i + 1]); break;
                case "--only": only = args[i + 1]; break;
                case "--trials": trials = Integer.parseInt(args[i + 1]); break;
                case "--cold-flags":
                    for (String f : args[i + 1].trim().split("\\s+")) if (!f.isEmpty()) coldFlags.add(f);
                    break;
                case "--fleet-flags":
                    fleetFlags.clear();
                    for (String f : args[i + 1].trim().split("\\s+")) if (!f.isEmpty() && !f.equals("none")) fleetFlags.add(f);
                    break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Layout layout = new Layout(root);
        PrintStream out = System.out;
        Figures figures = new Figures();
        out.println("cdn-lifeline benchmark  " + java.time.Instant.now());
        out.println("machine: " + Machine.describe());
        figures.put("machine", Machine.describe());
        try (Sandbox sandbox = Sandbox.start(0, Seeds.coldStart())) {
            if (only.contains("jar")) {
                out.println();
                out.println("Function jar");
                jar(layout.functionsJar, out, figures);
            }
            if (only.contains("cold")) {
                out.println();
                out.println("1. Cold start: one dns-to-origin invocation for " + Seeds.COLD_DOMAIN + " in a fresh JVM");
                try (WebhookReceiver webhook = WebhookReceiver.start()) {
                    new ColdStart(layout, sandbox, rounds, coldFlags, webhook).run(out, figures);
                }
            }
            if (only.contains("calls")) {
                out.println();
                out.println("3. API calls per remedy for one domain, against the minimum (bench/README.md says why)");
                new ApiCalls(layout, sandbox).run(out, figures);
            }
            if (only.contains("origin")) {
                out.println();
                out.println("5. Origin readiness: a " + offline + "-domain dns-to-origin dry run with the check off and required");
                new OriginCheckBench(sandbox, offline, 2).run(out, figures);
            }
            if (only.contains("fleet")) {
                out.println();
                out.println("2+4. Fleet: dns-to-origin then dns-to-cdn timer passes in one -Xmx" + heap + " JVM");
                new Fleet(layout, sandbox, domains, offline, concurrency, heap, fleetFlags).run(out, figures);
            }
            if (only.contains("outage")) {
                out.println();
                out.println("5. Outage (issue 18): all " + domains + " domains offline at once in an overdue account; dns-to-origin, then the undo");
                new Outage(layout, sandbox, domains, timeout, concurrency, heap, fleetFlags).run(out, figures);
            }
            if (only.contains("accounts")) {
                out.println();
                out.println("6. Accounts (issue 19): " + members + " member accounts x " + memberDomains + " domains (" + memberOffline
                        + " offline each), dns-to-origin over all at once against each account alone");
                // a sandbox of its own: twenty accounts at once need more than the 32 calls the default answers at once
                try (Sandbox many = Sandbox.start(0, null, AccountsBench.SANDBOX_THREADS)) {
                    new AccountsBench(many, members, memberDomains, memberOffline, Math.min(singles, members)).run(out, figures);
                }
            }
            if (only.contains("watch")) {
                out.println();
                out.println("7. Watch (issue 21): a domain taken offline -> its records answer with the origin, in the local FC at the default periods");
                new WatchBench(layout, trials).run(out, figures);
            }
        }
        out.println();
        out.println("load at the end: " + Machine.loadAverage() + " (1/5/15 min) on " + Runtime.getRuntime().availableProcessors() + " cpus");
        figures.put("loadAtEnd", Machine.loadAverage());
        figures.write(root.resolve("bench/target/figures.properties"));
    }

    /** The code package's size and what makes it up, by top-level package (three levels deep). */
    static void jar(Path jar, PrintStream out, Figures figures) throws IOException {
        long size = Files.size(jar);
        Map<String, long[]> byPackage = new TreeMap<>();
        int classes = 0;
        try (ZipFile z = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> es = z.entries();
            while (es.hasMoreElements()) {
                ZipEntry e = es.nextElement();
                if (e.isDirectory()) continue;
                if (e.getName().endsWith(".class")) classes++;
                String[] parts = e.getName().split("/");
                String key = parts.length <= 1 ? "(root)" : String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
                long[] v = byPackage.computeIfAbsent(key, k -> new long[2]);
                v[0] += e.getCompressedSize();
                v[1]++;
            }
        }
        out.printf(Locale.ROOT, "  %s: %.2f MB, %d classes%n", jar.getFileName(), size / 1048576.0, classes);
        byPackage.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(12)
                .forEach(e -> out.printf(Locale.ROOT, "    %-40s %8.0f KB  %5d files%n", e.getKey(), e.getValue()[0] / 1024.0, e.getValue()[1]));
        figures.put("jar.mb", String.format(Locale.ROOT, "%.2f", size / 1048576.0));
        figures.put("jar.classes", Integer.toString(classes));
    }
}
