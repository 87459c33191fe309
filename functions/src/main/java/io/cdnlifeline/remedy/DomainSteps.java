package io.cdnlifeline.remedy;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What the domain remedies share: the live coverage, tag writes as Steps, and batched tag reads. */
final class DomainSteps {
    private DomainSteps() {
    }

    /**
     * The domain's acceleration region, lower case. The CDN list carries it ({@code Coverage}); the DCDN list
     * does not, so then the detail ({@code Scope}) is read, once for this domain.
     */
    static String currentCoverage(Target target, CdnApi cdn) throws CloudException {
        String c = Markers.normalCoverage(target.domain().coverage());
        if (c != null) return c;
        return Markers.normalCoverage(cdn.describeDomain(target.product(), target.name()).coverage());
    }

    static Change coverageChange(Product p, String name, String action, String before, String after) {
        return Change.planned(name, p.id(), Markers.coverageResource(p, name), action, field("coverage", before), field("coverage", after));
    }

    static JsonObject field(String key, String value) {
        if (value == null) return null;
        JsonObject o = new JsonObject();
        o.addProperty(key, value);
        return o;
    }

    static Change tagChange(Product p, String name, String key, String value) {
        return Change.planned(name, p.id(), Markers.tagResource(p, name, key), "tag", null, field(key, value));
    }

    /**
     * Tags one domain with its marker {@code key=value} and the time tag beside it, in one TagResources call; the
     * Change names the marker (the time tag is bookkeeping of the same write).
     */
    static Step markStep(CdnApi cdn, Product p, String name, String key, String value, String timeKey, String time) {
        java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();
        tags.put(key, value);
        tags.put(timeKey, time);
        return new Step(tagChange(p, name, key, value), () -> {
            cdn.tag(p, List.of(name), tags);
            return ChangeStatus.APPLIED;
        });
    }

    /** {@code items} in runs of {@link CdnApi#BATCH} (50): what the tag and batch-stop APIs take in one call. */
    static <T> List<List<T>> batches(List<T> items) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += CdnApi.BATCH) out.add(items.subList(i, Math.min(items.size(), i + CdnApi.BATCH)));
        return out;
    }

    /** Reads the tags of every target in batches of 50 per product before planning; a failure leaves it to plan(). */
    static void prefetchTags(Collection<Target> targets, RunContext ctx) {
        Map<Product, List<String>> names = new EnumMap<>(Product.class);
        for (Target t : targets) names.computeIfAbsent(t.product(), p -> new ArrayList<>()).add(t.name());
        try {
            DomainTags tags = DomainTags.of(ctx);
            for (Map.Entry<Product, List<String>> e : names.entrySet()) tags.load(e.getKey(), e.getValue());
        } catch (CloudException e) {
            // plan() reads what is missing and reports the failure per domain
            ctx.audit().info("could not read the tags of the targets in one batch (" + e + "); reading them per domain");
        }
    }
}
