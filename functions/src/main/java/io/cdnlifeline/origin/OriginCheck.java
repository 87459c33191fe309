package io.cdnlifeline.origin;

import java.util.Locale;

/**
 * {@code LIFELINE_ORIGIN_CHECK}: what dns-to-origin does with a domain whose origin is not ready for its visitors.
 * {@code require} (the default) leaves it on the CDN CNAME and reports it skipped; {@code warn} switches it and says
 * so; {@code off} neither reads nor probes anything.
 */
public enum OriginCheck {
    REQUIRE, WARN, OFF;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OriginCheck parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (OriginCheck c : values()) if (c.id().equals(t)) return c;
        throw new IllegalArgumentException("LIFELINE_ORIGIN_CHECK must be require, warn or off; got '" + text + "'");
    }
}
