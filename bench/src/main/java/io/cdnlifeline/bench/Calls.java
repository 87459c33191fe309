package io.cdnlifeline.bench;

import io.cdnlifeline.sandbox.QpsTable;
import io.cdnlifeline.sandbox.SandboxCall;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A slice of the sandbox's request log: what was called, how often, and what it costs under the QPS limits. */
final class Calls {
    final List<SandboxCall> calls;

    Calls(List<SandboxCall> calls) {
        this.calls = calls;
    }

    /** Every call with its parameters, one a line: to compare two programs' calls in detail. */
    void write(java.nio.file.Path file) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (SandboxCall c : calls) b.append(c).append('\n');
        java.nio.file.Files.writeString(file, b.toString());
    }

    int size() {
        return calls.size();
    }

    /** Action -> number of calls (every answer counts, throttled ones too: they use up the quota). */
    Map<String, Integer> perAction() {
        Map<String, Integer> m = new TreeMap<>();
        for (SandboxCall c : calls) m.merge(c.action, 1, Integer::sum);
        return m;
    }

    /** The actions in call order, e.g. for comparing the floor client's sequence with the function's. */
    List<String> sequence() {
        List<String> s = new ArrayList<>();
        for (SandboxCall c : calls) s.add(c.action);
        return s;
    }

    /** Each call as its action and sorted parameters: two programs making the same calls give equal lists. */
    List<String> withParameters() {
        List<String> s = new ArrayList<>();
        for (SandboxCall c : calls) s.add(c.action + " " + new TreeMap<>(c.params));
        return s;
    }

    int throttled() {
        int n = 0;
        for (SandboxCall c : calls) if (c.errorCode != null && c.errorCode.startsWith("Throttling")) n++;
        return n;
    }

    /** Errors other than throttling: action code -> count. */
    Map<String, Integer> errors() {
        Map<String, Integer> m = new TreeMap<>();
        for (SandboxCall c : calls) {
            if (c.errorCode != null && !c.errorCode.startsWith("Throttling")) m.merge(c.action + " " + c.errorCode, 1, Integer::sum);
        }
        return m;
    }

    /** The least time the successful calls can take under the per-API QPS limits: the sum over APIs of calls / QPS. */
    double qpsLowerBoundSeconds() {
        double s = 0;
        Map<String, Integer> ok = new TreeMap<>();
        for (SandboxCall c : calls) if (c.errorCode == null || !c.errorCode.startsWith("Throttling")) ok.merge(c.action, 1, Integer::sum);
        for (Map.Entry<String, Integer> e : ok.entrySet()) s += e.getValue() / (double) QpsTable.of(e.getKey());
        return s;
    }

    /**
     * The busiest API's share alone: max over APIs of calls / QPS. No schedule beats it, however the calls of
     * different APIs overlap; the sum bound assumes they do not overlap at all.
     */
    String busiestApi() {
        String best = null;
        double seconds = 0;
        for (Map.Entry<String, Integer> e : perAction().entrySet()) {
            double s = e.getValue() / (double) QpsTable.of(e.getKey());
            if (s > seconds) {
                seconds = s;
                best = e.getKey();
            }
        }
        return best == null ? "none" : String.format("%s %.1f s", best, seconds);
    }

    double busiestApiSeconds() {
        double seconds = 0;
        for (Map.Entry<String, Integer> e : perAction().entrySet()) seconds = Math.max(seconds, e.getValue() / (double) QpsTable.of(e.getKey()));
        return seconds;
    }

    /** One line per API: calls, QPS, seconds at that QPS. */
    String table() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Integer> e : perAction().entrySet()) {
            int qps = QpsTable.of(e.getKey());
            b.append(String.format("      %-34s %6d calls  %4d QPS  %7.2f s%n", e.getKey(), e.getValue(), qps, e.getValue() / (double) qps));
        }
        return b.toString();
    }
}
