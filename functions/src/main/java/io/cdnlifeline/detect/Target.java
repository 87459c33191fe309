package io.cdnlifeline.detect;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.Product;

import java.util.Objects;

/** A domain the detector selected, with what it read about it (so remedies need not read it again). */
public final class Target {
    private final AcceleratedDomain domain;
    private final ConditionState conditions;

    public Target(AcceleratedDomain domain, ConditionState conditions) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.conditions = Objects.requireNonNull(conditions, "conditions");
    }

    public AcceleratedDomain domain() { return domain; }
    public Product product() { return domain.product(); }
    public String name() { return domain.name(); }
    public ConditionState conditions() { return conditions; }

    @Override
    public String toString() { return domain.toString(); }
}
