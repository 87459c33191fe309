package io.cdnlifeline.detect;

import io.cdnlifeline.cloud.AcceleratedDomain;

import java.util.Objects;

/** One candidate domain, the conditions read for it, and whether the selector selects it (UNKNOWN: fail closed). */
public final class Assessment {
    private final AcceleratedDomain domain;
    private final ConditionState state;
    private final Truth verdict;
    private final String whyUnknown;

    Assessment(AcceleratedDomain domain, ConditionState state, Truth verdict, String whyUnknown) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.state = Objects.requireNonNull(state, "state");
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.whyUnknown = whyUnknown;
    }

    public AcceleratedDomain domain() { return domain; }
    public ConditionState state() { return state; }
    public Truth verdict() { return verdict; }
    /** Why the verdict is UNKNOWN (a condition that could not be read); null otherwise. */
    public String whyUnknown() { return whyUnknown; }
}
