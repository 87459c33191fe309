package io.cdnlifeline.report;

import java.util.Locale;

/** What became of a planned change. */
public enum ChangeStatus {
    /** Dry run, or refused by a guard: nothing was sent. */
    PLANNED,
    /** The cloud accepted the write. */
    APPLIED,
    /** The live state already was the target (e.g. {@code DomainRecordDuplicate}): nothing needed. */
    UNCHANGED,
    /** The cloud refused or could not be reached; {@code error} says why. */
    FAILED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
