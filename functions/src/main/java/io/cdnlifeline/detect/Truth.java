package io.cdnlifeline.detect;

/** A condition's value as read from the live account. UNKNOWN when it could not be read: it never counts as true. */
public enum Truth {
    TRUE, FALSE, UNKNOWN;

    public static Truth of(boolean b) {
        return b ? TRUE : FALSE;
    }
}
