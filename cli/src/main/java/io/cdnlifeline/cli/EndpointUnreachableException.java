package io.cdnlifeline.cli;

/** The endpoint named by --endpoint or LIFELINE_ENDPOINT does not accept connections: nothing was run. */
final class EndpointUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EndpointUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
