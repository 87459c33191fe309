package io.cdnlifeline.origin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Whether one domain's origin can take its visitors, why not, and each probe's result. */
public final class Readiness {
    private final boolean ready;
    private final String why;
    private final List<ProbeResult> probes;
    private final List<String> assumptions;

    Readiness(boolean ready, String why, List<ProbeResult> probes, List<String> assumptions) {
        this.ready = ready;
        this.why = why;
        this.probes = Collections.unmodifiableList(new ArrayList<>(probes));
        this.assumptions = Collections.unmodifiableList(new ArrayList<>(assumptions));
    }

    static Readiness notReady(String why, List<ProbeResult> probes, List<String> assumptions) {
        return new Readiness(false, why, probes, assumptions);
    }

    public boolean isReady() { return ready; }
    /** The first reason visitors could not be served, a sentence; null when ready. */
    public String why() { return why; }
    public List<ProbeResult> probes() { return probes; }
    /** What the CDN could not tell and was assumed (e.g. that its edge served HTTPS). */
    public List<String> assumptions() { return assumptions; }

    /** The probes' results on one line: {@code https://127.0.0.5:443 200 (12 ms); http://127.0.0.5:80 200 (3 ms)}. */
    public String probesText() {
        List<String> out = new ArrayList<>();
        for (ProbeResult p : probes) out.add(p.toString());
        return out.isEmpty() ? "nothing probed" : String.join("; ", out);
    }

    @Override
    public String toString() {
        return (ready ? "ready" : "not ready: " + why) + " [" + probesText() + "]";
    }
}
