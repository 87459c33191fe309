package io.cdnlifeline.remedy;

import io.cdnlifeline.detect.Target;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a remedy would do to one domain, computed from live state before anything is written. Its
 * steps run in order; when one fails, the rest of this domain's steps are not attempted (e.g. the
 * coverage switch never runs when the tag that remembers the original could not be written).
 * A plan with no steps carries the reason it has none: either a skip, or the changes that are
 * already in place ({@link #unchanged}: reported as {@code unchanged}, never counted against maxChanges).
 */
public final class Plan {
    private final Target target;
    private final List<Step> steps;
    private final String skipReason;
    private final List<Change> unchanged;

    private Plan(Target target, List<Step> steps, String skipReason, List<Change> unchanged) {
        this.target = Objects.requireNonNull(target, "target");
        this.steps = Collections.unmodifiableList(new ArrayList<>(steps));
        this.skipReason = skipReason;
        this.unchanged = Collections.unmodifiableList(new ArrayList<>(unchanged));
    }

    public static Plan of(Target target, List<Step> steps) {
        if (steps.isEmpty()) throw new IllegalArgumentException("a plan with no steps needs a reason: use Plan.skip");
        return new Plan(target, steps, null, List.of());
    }

    /** Nothing to do for this domain, and why (e.g. "no DNS record points at its CDN CNAME"). */
    public static Plan skip(Target target, String reason) {
        return new Plan(target, List.of(), Objects.requireNonNull(reason, "reason"), List.of());
    }

    /**
     * The domain already is what this remedy makes it (e.g. already overseas): nothing to write. The
     * change is reported as {@code unchanged}, its note saying why.
     */
    public static Plan unchanged(Target target, Change alreadyInPlace, String why) {
        Change c = alreadyInPlace.with(ChangeStatus.UNCHANGED).withNote(Objects.requireNonNull(why, "why"));
        return new Plan(target, List.of(), why, List.of(c));
    }

    public Target target() { return target; }
    public List<Step> steps() { return steps; }
    /** No steps: nothing to write (a skip, or {@link #isUnchanged() unchanged}). */
    public boolean isSkip() { return steps.isEmpty(); }
    /** Nothing to write because the target state is already in place; {@link #unchangedChanges()} says what. */
    public boolean isUnchanged() { return steps.isEmpty() && !unchanged.isEmpty(); }
    public String skipReason() { return skipReason; }
    public List<Change> unchangedChanges() { return unchanged; }
}
