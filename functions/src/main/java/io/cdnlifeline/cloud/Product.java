package io.cdnlifeline.cloud;

import java.util.Locale;

/** The two acceleration products cdn-lifeline looks after: CDN (2018-05-10) and DCDN (2018-01-15). */
public enum Product {
    CDN, DCDN;

    /** The lower-case name used in Requests, Reports and resource names. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Product fromId(String id) {
        for (Product p : values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown product '" + id + "', expected cdn or dcdn");
    }
}
