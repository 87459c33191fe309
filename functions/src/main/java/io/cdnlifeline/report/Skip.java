package io.cdnlifeline.report;

import java.util.Objects;

/** A domain the function looked at and left alone, with the reason in words an operator understands. */
public final class Skip {
    private final String domain;
    private final String product;
    private final String why;

    public Skip(String domain, String product, String why) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.product = product;
        this.why = Objects.requireNonNull(why, "why");
    }

    public String domain() { return domain; }
    public String product() { return product; }
    public String why() { return why; }

    @Override
    public String toString() { return domain + ": " + why; }
}
