package io.cdnlifeline.cli;

import java.util.ArrayList;

/** The function names, for usage help and shell completion. */
final class FunctionNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    FunctionNames() {
        super(FunctionHandlers.names());
    }
}
