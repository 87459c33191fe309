package io.cdnlifeline.state;

import java.io.IOException;

/** The store could not be read or written (an OSS error, a file that cannot be written): what was asked and why. */
public final class StoreException extends IOException {
    private final boolean transient_;

    public StoreException(String message, boolean isTransient, Throwable cause) {
        super(message, cause);
        this.transient_ = isTransient;
    }

    /** True when trying again may work (a dropped connection, a 5xx, throttling). */
    public boolean isTransient() {
        return transient_;
    }
}
