package io.cdnlifeline.event;

/**
 * The trigger bytes or the Request could not be understood. The message names what was expected;
 * nothing was changed. The CLI maps it to exit status 2.
 */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
