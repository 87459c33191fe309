package io.cdnlifeline.cli;

import java.util.Set;

/** The command line named a function cdn-lifeline does not have; the message lists the ones it has. */
final class UnknownFunctionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownFunctionException(String name, Set<String> known) {
        super("unknown function '" + name + "'; the functions are:\n  " + String.join("\n  ", known));
    }
}
