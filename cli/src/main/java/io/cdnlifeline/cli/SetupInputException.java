package io.cdnlifeline.cli;

/** {@code lifeline setup} was given something it cannot use (a policy file that is not JSON, a malformed account id). */
final class SetupInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SetupInputException(String message) {
        super(message);
    }
}
