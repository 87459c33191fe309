package io.cdnlifeline.bench;

import io.cdnlifeline.sandbox.Sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 1: a fresh JVM running one dns-to-origin invocation for one domain, against the floor (the same API
 * calls with the JDK alone) and a trivial JVM, alternating in every round so that a busy machine slows all
 * of them alike. The sandbox state is reset before every run, so every run does the full switch. A fourth program
 * is the same function with a notification channel set (issue 16): it posts its digest to a local webhook receiver,
 * which is what a deployment with notifications pays on a cold start that changes something.
 */
final class ColdStart {
    static final String HANDLER = "io.cdnlifeline.handler.DnsToOriginHandler";
    static final String RECORD_ID = "1001";

    private final Layout layout;
    private final Sandbox sandbox;
    private final int rounds;
    private final List<String> flags;
    private final WebhookReceiver webhook;
    private final String seed = Seeds.coldStart();
    private final String payload = "{\"domains\":[\"" + Seeds.COLD_DOMAIN + "\"],\"reason\":\"cold-start benchmark\"}";

    ColdStart(Layout layout, Sandbox sandbox, int rounds, List<String> flags, WebhookReceiver webhook) {
        this.layout = layout;
        this.sandbox = sandbox;
        this.rounds = rounds;
        this.flags = flags;
        this.webhook = webhook;
    }

    /** The three programs measured, in the order of the first round. */
    private interface Program {
        Jvm.Run run(String tag) throws IOException, InterruptedException;
    }

    void run(PrintStream out, Figures figures) throws IOException, InterruptedException {
        Jvm trivialJvm = new Jvm(layout.floorJar.toString());
        Jvm floorJvm = new Jvm(layout.floorJar.toString()).env("ALIBABA_CLOUD_ACCESS_KEY_ID", Sandbox.DEFAULT_ACCESS_KEY_ID)
                .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", Sandbox.DEFAULT_ACCESS_KEY_SECRET);
        Jvm fnJvm = new Jvm(layout.functionsJar.toString(), layout.fnJar.toString())
                .env("ALIBABA_CLOUD_ACCESS_KEY_ID", Sandbox.DEFAULT_ACCESS_KEY_ID)
                .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", Sandbox.DEFAULT_ACCESS_KEY_SECRET)
                .env("LIFELINE_ENDPOINT", sandbox.endpoint())
                // these accounts' origins are documentation addresses: never probed (figure 5 measures the check)
                .env("LIFELINE_ORIGIN_CHECK", "off");
        Jvm notifyJvm = new Jvm(layout.functionsJar.toString(), layout.fnJar.toString())
                .env("ALIBABA_CLOUD_ACCESS_KEY_ID", Sandbox.DEFAULT_ACCESS_KEY_ID)
                .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", Sandbox.DEFAULT_ACCESS_KEY_SECRET)
                .env("LIFELINE_ENDPOINT", sandbox.endpoint())
                .env("LIFELINE_ORIGIN_CHECK", "off")
                .env("LIFELINE_NOTIFY_WEBHOOK", webhook.url())
                .env("LIFELINE_NOTIFY_MEMORY", layout.work.resolve("cold-notify-memory.json").toString());
        for (String f : flags) {
            trivialJvm.flag(f);
            floorJvm.flag(f);
            fnJvm.flag(f);
            notifyJvm.flag(f);
        }
        if (!flags.isEmpty()) out.println("  JVM flags of all three: " + String.join(" ", flags));

        // Warm-up (untimed): the OS page cache holds the jars for every timed run alike; and the function's
        // own run tells the floor which remark to write and which calls it must match.
        reset();
        Jvm.Run fnFirst = fnJvm.run(layout.work.resolve("cold-fn-warmup.err"), "io.cdnlifeline.bench.fn.Invoke", HANDLER, payload);
        Calls fnCalls = new Calls(sandbox.requests());
        String switchedRemark = sandbox.read(s -> s.record(RECORD_ID).remark);
        String addedRemark = sandbox.read(s -> {
            for (io.cdnlifeline.sandbox.DnsRecord r : s.zoneOfRecord(RECORD_ID).records) {
                if (!r.recordId.equals(RECORD_ID) && r.remark != null && r.remark.startsWith("lifeline:")) return r.remark;
            }
            return "";
        });
        check("dns-to-origin", fnFirst, "cold-fn-warmup.err");
        out.println("  function calls: " + fnCalls.sequence());
        fnCalls.write(layout.work.resolve("cold-function-calls.txt"));
        reset();
        String[] floorArgs = {sandbox.endpoint(), Seeds.COLD_DOMAIN, switchedRemark, addedRemark};
        Jvm.Run floorFirst = floorJvm.run(layout.work.resolve("cold-floor-warmup.err"), "io.cdnlifeline.bench.floor.FloorClient", floorArgs);
        Calls floorCalls = new Calls(sandbox.requests());
        check("floor", floorFirst, "cold-floor-warmup.err");
        out.println("  floor calls:    " + floorCalls.sequence());
        floorCalls.write(layout.work.resolve("cold-floor-calls.txt"));
        boolean same = fnCalls.withParameters().equals(floorCalls.withParameters());
        out.println("  same API calls: " + (same ? "yes (same actions, same parameters, same order)"
                : "NO: the ratio compares different work; see " + layout.work.resolve("cold-*-calls.txt")));
        figures.put("cold.sameCalls", same ? "yes" : "no");
        figures.put("cold.calls", Integer.toString(fnCalls.size()));

        Program trivial = tag -> trivialJvm.run(layout.work.resolve("cold-trivial.err"), "io.cdnlifeline.bench.floor.Trivial");
        Program floor = tag -> floorJvm.run(layout.work.resolve("cold-floor.err"), "io.cdnlifeline.bench.floor.FloorClient", floorArgs);
        Program fn = tag -> fnJvm.run(layout.work.resolve("cold-fn.err"), "io.cdnlifeline.bench.fn.Invoke", HANDLER, payload);
        Program withNotify = tag -> {
            int before = webhook.received();
            Jvm.Run r = notifyJvm.run(layout.work.resolve("cold-notify.err"), "io.cdnlifeline.bench.fn.Invoke", HANDLER, payload);
            if (webhook.received() != before + 1) {
                throw new IllegalStateException("the function with a webhook set posted " + (webhook.received() - before)
                        + " digests, not 1; see " + layout.work.resolve("cold-notify.err"));
            }
            return r;
        };
        Program[] programs = {trivial, floor, fn, withNotify};
        String[] names = {"trivial", "floor", "function", "+notify"};
        List<List<Double>> ms = new ArrayList<>();
        for (int i = 0; i < programs.length; i++) ms.add(new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < programs.length; k++) {
                int i = (round + k) % programs.length; // rotate, so no program always runs first after a pause
                reset();
                Jvm.Run r = programs[i].run(names[i]);
                if (r.exit != 0) throw new IllegalStateException(names[i] + " exited " + r.exit + " in round " + round + "; see " + layout.work);
                if (i > 0 && !switched()) throw new IllegalStateException(names[i] + " did not switch the record in round " + round);
                ms.get(i).add(r.wallMs());
            }
        }
        double t = Stats.median(ms.get(0));
        double f = Stats.median(ms.get(1));
        double x = Stats.median(ms.get(2));
        double n = Stats.median(ms.get(3));
        out.printf("  %d rounds, median [min..max] wall ms from process start to exit:%n", rounds);
        for (int i = 0; i < names.length; i++) {
            out.printf("    %-9s %7.0f ms  [%.0f..%.0f]%n", names[i], Stats.median(ms.get(i)), Stats.min(ms.get(i)), Stats.max(ms.get(i)));
        }
        out.printf("  function / floor:            %.2fx   (target <= 1.5x)%n", x / f);
        out.printf("  function + webhook digest:   %.2fx the function alone (+%.0f ms: the notify classes and one POST)%n", n / x, n - x);
        out.printf("  against a trivial JVM:       floor %.1fx, function %.1fx%n", f / t, x / t);
        out.printf("  above a trivial JVM:         floor +%.0f ms, function +%.0f ms (%.1fx)%n", f - t, x - t, (x - t) / (f - t));
        figures.put("cold.trivialMs", fmt(t));
        figures.put("cold.floorMs", fmt(f));
        figures.put("cold.functionMs", fmt(x));
        figures.put("cold.ratio", String.format("%.2f", x / f));
        figures.put("cold.notifyMs", fmt(n));
        figures.put("cold.notifyRatio", String.format("%.2f", n / x));

        reset();
        Jvm.ClassCount ct = trivialJvm.countClasses(layout.work, "trivial", "io.cdnlifeline.bench.floor.Trivial");
        reset();
        Jvm.ClassCount cf = floorJvm.countClasses(layout.work, "floor", "io.cdnlifeline.bench.floor.FloorClient", floorArgs);
        reset();
        Jvm.ClassCount cx = fnJvm.countClasses(layout.work, "function", "io.cdnlifeline.bench.fn.Invoke", HANDLER, payload);
        reset();
        Jvm.ClassCount cn = notifyJvm.countClasses(layout.work, "notify", "io.cdnlifeline.bench.fn.Invoke", HANDLER, payload);
        out.println("  classes loaded:");
        out.println("    trivial   " + ct);
        out.println("    floor     " + cf);
        out.println("    function  " + cx);
        out.println("    +notify   " + cn);
        figures.put("cold.classes.trivial", Integer.toString(ct.total));
        figures.put("cold.classes.floor", Integer.toString(cf.total));
        figures.put("cold.classes.function", Integer.toString(cx.total));
        figures.put("cold.classes.functionJars", Integer.toString(cx.fromJars));
        figures.put("cold.classes.notify", Integer.toString(cn.total));
    }

    private void reset() {
        sandbox.replaceState(seed);
        sandbox.clearRequests();
    }

    private boolean switched() {
        return sandbox.read(s -> s.record(RECORD_ID) != null && "A".equals(s.record(RECORD_ID).type));
    }

    private void check(String name, Jvm.Run r, String err) {
        if (r.exit != 0 || !switched()) {
            throw new IllegalStateException(name + " did not switch " + Seeds.COLD_DOMAIN + " (exit " + r.exit + "); stdout: "
                    + r.stdout.trim() + "; stderr in " + layout.work.resolve(err));
        }
    }

    private static String fmt(double ms) {
        return String.format("%.0f", ms);
    }
}
