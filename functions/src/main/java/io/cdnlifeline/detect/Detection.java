package io.cdnlifeline.detect;

import java.util.Collections;
import java.util.List;

/** The domains a detection pass selected. What it skipped went straight into the Report. */
public final class Detection {
    private final List<Target> targets;
    private final int candidates;

    public Detection(List<Target> targets, int candidates) {
        this.targets = Collections.unmodifiableList(targets);
        this.candidates = candidates;
    }

    public List<Target> targets() { return targets; }

    /** How many domains were looked at (in scope), selected or not. */
    public int candidates() { return candidates; }
}
