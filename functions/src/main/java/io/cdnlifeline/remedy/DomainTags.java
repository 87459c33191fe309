package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tags of the domains one run looks at, read in batches of {@link CdnApi#BATCH} (DescribeTagResources
 * allows 10 calls a second: one call per domain would throttle an account of a few hundred domains) and
 * kept for the run, so the marker probe's read also serves planning. One instance per run ({@link #of}).
 */
final class DomainTags {
    private final CdnApi cdn;
    private final Map<Product, Map<String, Map<String, String>>> known = new EnumMap<>(Product.class);

    private DomainTags(CdnApi cdn) {
        this.cdn = cdn;
    }

    /** This run's tags. */
    static DomainTags of(RunContext ctx) throws CloudException {
        return ctx.once("remedy:domain-tags", () -> new DomainTags(ctx.cloud().cdn()));
    }

    /** Reads the tags of the names not read yet in this run, 50 a call. */
    synchronized void load(Product product, Collection<String> names) throws CloudException {
        Map<String, Map<String, String>> ofProduct = known.computeIfAbsent(product, p -> new HashMap<>());
        Set<String> missing = new LinkedHashSet<>();
        for (String n : names) {
            String key = key(n);
            if (!ofProduct.containsKey(key)) missing.add(key);
        }
        if (!product.can().tags()) {
            // No tag API: such a domain carries no tag, and asking would be an undocumented call.
            for (String n : missing) ofProduct.put(n, Map.of());
            return;
        }
        List<String> batch = new ArrayList<>();
        for (String n : missing) {
            batch.add(n);
            if (batch.size() == CdnApi.BATCH) {
                read(product, batch, ofProduct);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) read(product, batch, ofProduct);
    }

    /** The domains (of one product) that carry a tag with this key. */
    Set<String> carrying(String tagKey, List<AcceleratedDomain> domains) throws CloudException {
        Set<String> out = new LinkedHashSet<>();
        if (domains.isEmpty()) return out;
        Product product = domains.get(0).product();
        List<String> names = new ArrayList<>();
        for (AcceleratedDomain d : domains) names.add(d.name());
        load(product, names);
        for (AcceleratedDomain d : domains) {
            if (tagsOf(product, d.name()).containsKey(tagKey)) out.add(d.name());
        }
        return out;
    }

    /** What this run now knows of the domain's tags (a read made under its lock). */
    synchronized void replace(Product product, String name, Map<String, String> tags) {
        known.computeIfAbsent(product, p -> new HashMap<>()).put(key(name), Map.copyOf(tags));
    }

    /** The domain's tags (reading them now if this run has not). */
    Map<String, String> of(Product product, String name) throws CloudException {
        load(product, List.of(name));
        return tagsOf(product, name);
    }

    private synchronized Map<String, String> tagsOf(Product product, String name) {
        Map<String, String> t = known.getOrDefault(product, Map.of()).get(key(name));
        return t == null ? Map.of() : t;
    }

    private void read(Product product, List<String> batch, Map<String, Map<String, String>> into) throws CloudException {
        Map<String, Map<String, String>> got = cdn.tags(product, batch);
        Map<String, Map<String, String>> byKey = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> e : got.entrySet()) {
            byKey.put(key(e.getKey()), e.getValue() == null ? Map.of() : Map.copyOf(e.getValue()));
        }
        // A domain without tags may be left out of the answer: it has none.
        for (String n : batch) into.put(n, byKey.getOrDefault(n, Map.of()));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
