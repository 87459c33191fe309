package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;

import java.util.Objects;

/**
 * One planned change and the write that makes it. The write returns {@link ChangeStatus#APPLIED},
 * or {@link ChangeStatus#UNCHANGED} when the cloud says the state already is the target (a
 * concurrent run got there first): every write must be safe to repeat.
 */
public final class Step {
    /** The write; throws CloudException when the cloud refuses. */
    @FunctionalInterface
    public interface Write {
        ChangeStatus run() throws CloudException;
    }

    private final Change change;
    private final Write write;

    public Step(Change change, Write write) {
        this.change = Objects.requireNonNull(change, "change");
        this.write = Objects.requireNonNull(write, "write");
    }

    public Change change() { return change; }

    public Write write() { return write; }

    @Override
    public String toString() { return change.toString(); }
}
