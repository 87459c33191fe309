package io.cdnlifeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.detect.ConditionState;
import io.cdnlifeline.detect.Target;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Targets are planned with the products in turn, so both products' detail limits are used at once. */
class PlanOrderTest {
    private static Target target(Product p, String name) {
        return new Target(new AcceleratedDomain(p, name, "offline", name + ".cname", null, List.of()), new ConditionState());
    }

    @Test
    void productsAlternateAndEachKeepsItsDetectionOrder() {
        // given three CDN targets listed before two DCDN targets, as the detector lists them
        List<Target> targets = new ArrayList<>();
        targets.add(target(Product.CDN, "a"));
        targets.add(target(Product.CDN, "b"));
        targets.add(target(Product.CDN, "c"));
        targets.add(target(Product.DCDN, "x"));
        targets.add(target(Product.DCDN, "y"));
        // when the planning order is made
        List<Integer> order = RemedyFunction.interleavedByProduct(targets);
        // then CDN and DCDN alternate while both have targets, and every target comes once
        assertEquals(List.of(0, 3, 1, 4, 2), order);
    }

    @Test
    void oneProductKeepsItsOrder() {
        // given DCDN targets only, when ordered, then the order is the detector's
        List<Target> targets = List.of(target(Product.DCDN, "x"), target(Product.DCDN, "y"));
        assertEquals(List.of(0, 1), RemedyFunction.interleavedByProduct(targets));
    }
}
