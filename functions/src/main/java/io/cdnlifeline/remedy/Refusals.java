package io.cdnlifeline.remedy;

import java.util.List;

/** The refusals a write may meet, first match wins. */
public final class Refusals {
    private static final Refusals NONE = new Refusals(List.of());

    private final List<Refusal> known;

    private Refusals(List<Refusal> known) {
        this.known = List.copyOf(known);
    }

    public static Refusals none() {
        return NONE;
    }

    public static Refusals of(Refusal... known) {
        return new Refusals(List.of(known));
    }

    /** The refusal this error code is, or null when it is not one we know. */
    public Refusal find(String errorCode) {
        for (Refusal r : known) {
            if (r.matches(errorCode)) return r;
        }
        return null;
    }
}
