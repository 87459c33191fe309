package io.cdnlifeline.cli;

/** The sandbox refused a story verb (an unknown domain, a malformed body); its words are the message. */
final class SandboxVerbException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SandboxVerbException(String message) {
        super(message);
    }
}
