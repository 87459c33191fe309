package io.cdnlifeline.cli;

/** No credentials could be found for a run against the real cloud; the message says where they are looked for. */
final class MissingCredentialsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
