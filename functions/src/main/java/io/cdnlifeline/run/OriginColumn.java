package io.cdnlifeline.run;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.origin.OriginCheck;
import io.cdnlifeline.origin.OriginGate;
import io.cdnlifeline.origin.OriginReadiness;
import io.cdnlifeline.origin.Readiness;
import io.cdnlifeline.origin.ReadinessPolicy;
import io.cdnlifeline.remedy.dns.OriginValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * inspect's origin column: would dns-to-origin find this domain's origin ready, and if not, why. The same check the
 * remedy makes (what the CDN knew, then probes of the values the switch would write), all domains at once, read-only.
 */
final class OriginColumn {
    /**
     * Inspect checks at most this many origins a run: each costs a configs read (30-100 QPS) and probes, and the daily
     * inspect of a 10,000-domain account must still end in its time limit. Named domains are checked whatever their number.
     */
    static final int MAX_CHECKED = 200;

    private OriginColumn() {
    }

    static Map<AcceleratedDomain, JsonObject> read(List<AcceleratedDomain> domains, boolean named, Cloud cloud, Settings settings,
                                                    long deadlineMillis) {
        Map<AcceleratedDomain, JsonObject> out = new LinkedHashMap<>();
        if (settings.originCheck() == OriginCheck.OFF) {
            for (AcceleratedDomain d : domains) out.put(d, cell(null, "not checked (LIFELINE_ORIGIN_CHECK=off)", null));
            return out;
        }
        Map<AcceleratedDomain, CompletableFuture<Readiness>> running = new LinkedHashMap<>();
        try (OriginReadiness readiness = new OriginReadiness(new ReadinessPolicy(settings.originCheck(), settings.originAllow()),
                OriginGate.probe(settings), cloud.cdn(), settings.originProbes())) {
            int checked = 0;
            for (AcceleratedDomain d : domains) {
                if (!named && ++checked > MAX_CHECKED) {
                    out.put(d, cell(null, "not checked: inspect checks the origins of at most " + MAX_CHECKED
                            + " domains a run; name the domains to check these", null));
                    continue;
                }
                List<io.cdnlifeline.cloud.Origin> usable = new ArrayList<>();
                for (io.cdnlifeline.cloud.Origin o : d.origins()) if (d.product().can().dnsMayPointAt(o.type())) usable.add(o);
                OriginValues values = OriginValues.of(usable);
                if (values.isEmpty()) {
                    out.put(d, cell(false, values.whyNone(), null));
                    continue;
                }
                List<String> v = new ArrayList<>();
                for (OriginValues.Value x : values.values()) v.add(x.value());
                running.put(d, readiness.check(d, v));
            }
            for (Map.Entry<AcceleratedDomain, CompletableFuture<Readiness>> e : running.entrySet()) {
                Readiness r = OriginReadiness.await(e.getValue(), deadlineMillis);
                out.put(e.getKey(), cell(r.isReady(), r.isReady() ? null : r.why(), r.probesText()));
            }
        }
        return out;
    }

    private static JsonObject cell(Boolean ready, String why, String probes) {
        JsonObject o = new JsonObject();
        o.addProperty("origin", ready == null ? "not-checked" : ready ? "ready" : "not-ready");
        if (why != null) o.addProperty("why", why);
        if (probes != null) o.addProperty("probes", probes);
        return o;
    }
}
