package io.cdnlifeline.cli;

import picocli.CommandLine.Option;

import java.util.Map;

/** {@code lifeline setup}'s options of the audit log (Log Service): the central account's only. */
final class SetupLogOptions {
    @Option(names = "--log-project", paramLabel = "NAME",
            description = "The audit log's Log Service project. Default: env LIFELINE_LOG_PROJECT, else cdn-lifeline-<account id>.")
    String project;

    @Option(names = "--logstore", paramLabel = "NAME", description = "Its logstore. Default: env LIFELINE_LOGSTORE, else audit.")
    String logstore;

    @Option(names = "--log-ttl", paramLabel = "DAYS", description = "Retention of a new logstore, 1-3650 days. Default: 30.")
    Integer ttlDays;

    @Option(names = "--log-shards", paramLabel = "N", description = "Shards of a new logstore, 1-100. Default: 2.")
    Integer shards;

    /** Whether any of them was given. */
    boolean any() {
        return project != null || logstore != null || ttlDays != null || shards != null;
    }

    /** The project given, else env LIFELINE_LOG_PROJECT, else null (the settings' default). */
    String project(Map<String, String> env) {
        return project != null ? project : env.get("LIFELINE_LOG_PROJECT");
    }

    /** The logstore given, else env LIFELINE_LOGSTORE, else null (the settings' default). */
    String logstore(Map<String, String> env) {
        return logstore != null ? logstore : env.get("LIFELINE_LOGSTORE");
    }
}
