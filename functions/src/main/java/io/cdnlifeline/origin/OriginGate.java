package io.cdnlifeline.origin;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.remedy.Plan;
import io.cdnlifeline.remedy.RunContext;
import io.cdnlifeline.remedy.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * dns-to-origin's hook into planning: {@link #expect} starts a domain's origin check when its plan would write (only
 * domains about to be switched are read and probed), and {@link #decide}, once every domain is planned and before the
 * guards, keeps, notes or holds back each plan by {@code LIFELINE_ORIGIN_CHECK}: {@code require} turns a plan whose
 * origin is not ready into a skip (the domain stays on its CDN CNAME), {@code warn} keeps it and says so. Either way
 * the changes' notes, the skip's reason and one audit line per domain carry each probe's result.
 */
public final class OriginGate {
    private static final String KEY = "origin-gate";

    private final RunContext ctx;
    private final OriginReadiness readiness;
    private final Map<String, CompletableFuture<Readiness>> pending = new ConcurrentHashMap<>();

    private OriginGate(RunContext ctx) {
        this.ctx = ctx;
        Settings s = ctx.settings();
        this.readiness = s.originCheck() == OriginCheck.OFF ? null : new OriginReadiness(new ReadinessPolicy(s.originCheck(), s.originAllow()),
                probe(s), ctx.cloud().cdn(), s.originProbes());
    }

    /** The probe the settings describe. */
    public static OriginProbe probe(Settings s) {
        return OriginProbe.builder().connectTimeoutMs(s.originConnectTimeoutMs()).timeoutMs(s.originTimeoutMs()).path(s.originPath())
                .statuses(s.originStatuses()).trustStore(s.originTrustStore()).network(s.originNetwork()).build();
    }

    /** The run's gate (one per run). */
    public static OriginGate of(RunContext ctx) {
        try {
            return ctx.once(KEY, () -> new OriginGate(ctx));
        } catch (CloudException e) {
            throw new IllegalStateException("building the origin gate reads nothing", e);
        }
    }

    /** Starts checking the origin {@code target}'s switch would point at ({@code values}: the record values it would write). */
    public void expect(Target target, AcceleratedDomain detail, List<String> values) {
        if (readiness == null || values.isEmpty()) return;
        pending.put(key(target), readiness.check(detail, values));
    }

    /** Waits for the checks started and decides each plan by the policy; ends the run's probing. */
    public List<Plan> decide(List<Plan> plans) {
        if (readiness == null) return plans;
        try {
            List<Plan> out = new ArrayList<>(plans.size());
            int warned = 0;
            for (Plan p : plans) {
                CompletableFuture<Readiness> check = p.isSkip() ? null : pending.get(key(p.target()));
                if (check == null) {
                    out.add(p);
                    continue;
                }
                Readiness r = OriginReadiness.await(check, ctx.deadlineMillis());
                String domain = p.target().name();
                String assumed = r.assumptions().isEmpty() ? "" : " (" + String.join("; ", r.assumptions()) + ")";
                ctx.audit().info("origin check " + domain + ": " + (r.isReady() ? "ready" : "not ready: " + r.why()) + assumed
                        + "; probes: " + r.probesText());
                if (r.isReady()) {
                    out.add(noted(p, "origin ready: " + r.probesText() + assumed));
                } else if (readiness.policy().mode() == OriginCheck.WARN) {
                    warned++;
                    out.add(noted(p, "switched although the origin is not ready (LIFELINE_ORIGIN_CHECK=warn): " + r.why()
                            + "; probes: " + r.probesText()));
                } else {
                    out.add(Plan.skip(p.target(), "origin not ready, left on its CDN CNAME: " + r.why() + "; probes: " + r.probesText()
                            + assumed));
                }
            }
            if (warned > 0) {
                ctx.report().note(warned + " domain(s) switched although their origin is not ready (LIFELINE_ORIGIN_CHECK=warn): "
                        + "their changes' notes say why");
            }
            return out;
        } finally {
            readiness.close();
        }
    }

    private static Plan noted(Plan p, String note) {
        List<Step> steps = new ArrayList<>();
        for (Step s : p.steps()) {
            String before = s.change().note();
            steps.add(new Step(s.change().withNote(before == null ? note : before + "; " + note), s.write(), s.refusals()));
        }
        return Plan.of(p.target(), steps);
    }

    private static String key(Target t) {
        return t.product().id() + ":" + t.name();
    }
}
