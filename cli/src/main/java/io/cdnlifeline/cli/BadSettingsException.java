package io.cdnlifeline.cli;

/** A LIFELINE_* variable in the environment has a value the functions would refuse too. */
final class BadSettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
