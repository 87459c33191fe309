package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.detect.MarkerProbe;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.remedy.Applier;
import io.cdnlifeline.remedy.Plan;
import io.cdnlifeline.remedy.RunContext;
import io.cdnlifeline.remedy.Step;
import io.cdnlifeline.report.Skip;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What both DNS remedies share: the marker probe, turning a HostPlan into a Plan, and applying line by line. */
public final class DnsRemedySupport {
    private DnsRemedySupport() {
    }

    /**
     * {@code remediated}: the domain's host has a record whose remark starts with {@code lifeline:}. A zone
     * with several candidates is read whole once; a lone candidate's host is read by itself. The plan then
     * reuses these reads.
     */
    public static MarkerProbe markerProbe(RunContext ctx) {
        return candidates -> {
            DnsReads reads = DnsReads.of(ctx);
            Map<AcceleratedDomain, DnsHost> hosts = new LinkedHashMap<>();
            Map<String, Integer> perZone = new HashMap<>();
            for (AcceleratedDomain d : candidates) {
                DnsHost h = reads.locate(d.name());
                if (h == null) continue;
                hosts.put(d, h);
                perZone.merge(h.zone(), 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> z : perZone.entrySet()) {
                if (z.getValue() > 1) reads.readZone(z.getKey());
            }
            Set<String> marked = new HashSet<>();
            for (Map.Entry<AcceleratedDomain, DnsHost> e : hosts.entrySet()) {
                for (io.cdnlifeline.cloud.DnsRecord r : reads.records(e.getValue())) {
                    if (Marker.claims(r.remark())) {
                        marked.add(e.getKey().name());
                        break;
                    }
                }
            }
            return marked;
        };
    }

    /**
     * The Plan for a host plan: its steps, or the reason there are none. Lines left alone are reported as
     * skips of the domain beside the steps of the other lines.
     */
    public static Plan toPlan(Target t, HostPlan hp, RunContext ctx, String nothingToDo) {
        return toPlan(t, hp, ctx, nothingToDo, null);
    }

    /** As {@link #toPlan(Target, HostPlan, RunContext, String)}; switches marked later hand their marker to {@code later}. */
    public static Plan toPlan(Target t, HostPlan hp, RunContext ctx, String nothingToDo, java.util.function.Consumer<DeferredMark> later) {
        List<Step> steps = new ArrayList<>();
        for (RecordOp op : hp.ops()) steps.add(DnsSteps.step(op, t, ctx.cloud().dns(), later));
        if (steps.isEmpty()) {
            return Plan.skip(t, hp.leftAlone().isEmpty() ? nothingToDo : String.join("; ", hp.leftAlone()));
        }
        for (String why : hp.leftAlone()) ctx.report().skip(new Skip(t.name(), t.product().id(), why));
        return Plan.of(t, steps);
    }

    /**
     * Applies each line's steps in order, lines independently: a failure on one line (e.g. the cloud refused
     * one record) must not stop the other lines, while on one line a later step depends on the earlier one
     * (the CNAME must be gone before an A record can be added beside it).
     */
    public static void applyByLine(List<Plan> plans, Applier applier) {
        List<Plan> lines = new ArrayList<>();
        for (Plan p : plans) {
            Map<String, List<Step>> byLine = new LinkedHashMap<>();
            for (Step s : p.steps()) {
                String res = s.change().resource();
                byLine.computeIfAbsent(res.substring(0, res.lastIndexOf('/') + 1), k -> new ArrayList<>()).add(s);
            }
            for (List<Step> steps : byLine.values()) lines.add(Plan.of(p.target(), steps));
        }
        applier.applyEach(lines);
    }
}
