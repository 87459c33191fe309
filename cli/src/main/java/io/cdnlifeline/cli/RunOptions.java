package io.cdnlifeline.cli;

import picocli.CommandLine.Option;

/** What a run shows on stderr and which domains it may touch: shared by invoke and inspect. */
final class RunOptions {
    @Option(names = {"-v", "--verbose"}, description = "Also show the audit trail's JSON lines (one per change) on stderr.")
    boolean verbose;

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default): a progress line and the outcome on stderr; json: every log line as FC logs it"
                    + " (the audit trail), no progress line.")
    LogFormat logFormat;

    @Option(names = "--scope", paramLabel = "GLOBS",
            description = "Comma-separated globs of the domains this run may touch, e.g. '*.example.com'. "
                    + "Overrides LIFELINE_SCOPE (default *).")
    String scope;

    @Option(names = "--exclude", paramLabel = "GLOBS",
            description = "Comma-separated globs of domains never touched, even when named. Overrides LIFELINE_EXCLUDE.")
    String exclude;
}
