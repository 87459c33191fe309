package io.cdnlifeline.remedy;

import io.cdnlifeline.detect.Target;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a remedy would do to one domain, computed from live state before anything is written. Its
 * steps run in order; when one fails, the rest of this domain's steps are not attempted (e.g. the
 * coverage switch never runs when the tag that remembers the original could not be written).
 * A plan with no steps carries the reason it has none.
 */
public final class Plan {
    private final Target target;
    private final List<Step> steps;
    private final String skipReason;

    private Plan(Target target, List<Step> steps, String skipReason) {
        this.target = Objects.requireNonNull(target, "target");
        this.steps = Collections.unmodifiableList(new ArrayList<>(steps));
        this.skipReason = skipReason;
    }

    public static Plan of(Target target, List<Step> steps) {
        if (steps.isEmpty()) throw new IllegalArgumentException("a plan with no steps needs a reason: use Plan.skip");
        return new Plan(target, steps, null);
    }

    /** Nothing to do for this domain, and why (e.g. "no DNS record points at its CDN CNAME"). */
    public static Plan skip(Target target, String reason) {
        return new Plan(target, List.of(), Objects.requireNonNull(reason, "reason"));
    }

    public Target target() { return target; }
    public List<Step> steps() { return steps; }
    public boolean isSkip() { return steps.isEmpty(); }
    public String skipReason() { return skipReason; }
}
