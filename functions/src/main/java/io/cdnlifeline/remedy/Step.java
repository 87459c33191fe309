package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;

import java.util.Objects;

/**
 * One planned change and the write that makes it. The write returns {@link ChangeStatus#APPLIED},
 * or {@link ChangeStatus#UNCHANGED} when the cloud says the state already is the target (a
 * concurrent run got there first): every write must be safe to repeat. {@link Refusals} name the
 * cloud's known refusals of this write, so the Applier can explain them (and report the final ones as skips).
 */
public final class Step {
    /** The write; throws CloudException when the cloud refuses. */
    @FunctionalInterface
    public interface Write {
        ChangeStatus run() throws CloudException;
    }

    private final Change change;
    private final Write write;
    private final Refusals refusals;

    public Step(Change change, Write write) {
        this(change, write, Refusals.none());
    }

    public Step(Change change, Write write, Refusals refusals) {
        this.change = Objects.requireNonNull(change, "change");
        this.write = Objects.requireNonNull(write, "write");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    public Change change() { return change; }

    public Write write() { return write; }

    public Refusals refusals() { return refusals; }

    @Override
    public String toString() { return change.toString(); }
}
