package io.cdnlifeline.cloud;

/** A write attempted through a read-only view of the account (inspect): a bug in the caller, never sent to the cloud. */
public final class WriteRefusedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public WriteRefusedException(String operation) {
        super("refused " + operation + ": this view of the account is read-only");
    }
}
