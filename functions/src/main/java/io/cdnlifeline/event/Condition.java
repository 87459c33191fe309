package io.cdnlifeline.event;

import java.util.Locale;

/**
 * The conditions a Request's {@code when} names. A domain is acted on when at least one of the
 * listed conditions holds; each function has a default when none is given.
 */
public enum Condition {
    /** DomainStatus is {@code offline}. */
    OFFLINE("offline"),
    /** The account is in debt (DescribeUserCdnStatus) or a service carries a {@code financial} lock. */
    IN_DEBT("in-debt"),
    /** CheckCdnDomainICP says the filing is not valid, for a domain whose coverage includes mainland China. */
    ICP_INVALID("icp-invalid"),
    /** DomainStatus is {@code online}. */
    ONLINE("online"),
    /** The domain carries the {@code lifeline:} marker that this function's counterpart left. */
    REMEDIATED("remediated"),
    /** Every domain in scope. */
    ALWAYS("always");

    private final String id;

    Condition(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Parses a condition id; null when unknown, so the caller can name every valid one. */
    public static Condition fromId(String id) {
        if (id == null) return null;
        String s = id.trim().toLowerCase(Locale.ROOT);
        for (Condition c : values()) {
            if (c.id.equals(s)) return c;
        }
        return null;
    }

    public static String allIds() {
        StringBuilder b = new StringBuilder();
        for (Condition c : values()) {
            if (b.length() > 0) b.append(", ");
            b.append(c.id);
        }
        return b.toString();
    }
}
