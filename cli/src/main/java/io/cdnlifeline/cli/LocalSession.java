package io.cdnlifeline.cli;

import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.config.Settings;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;

/**
 * Turns the command line into what a function needs: the settings FC would read from the function's
 * environment (the same LIFELINE_* variables), overridden by {@code --endpoint} and {@code --dry-run},
 * and the credentials the handler finds in its context.
 */
final class LocalSession {
    private LocalSession() {
    }

    static LocalInvoker open(CommandLine cmd, Map<String, String> env, CloudOptions options, boolean dryRun) {
        PrintWriter err = cmd.getErr();
        Settings.Builder b = settings(cmd, env, options);
        if (dryRun) b.dryRun(true);
        Settings settings = b.build();
        StderrLogger logger = new StderrLogger(err);
        CloudCredentials credentials = CredentialChain.resolve(options.profile, settings.endpoint(), env, logger::info);
        return new LocalInvoker(settings, credentials, logger);
    }

    /** The LIFELINE_* settings of the environment with {@code --endpoint} applied; a malformed value is bad input. */
    static Settings.Builder settings(CommandLine cmd, Map<String, String> env, CloudOptions options) {
        Settings.Builder b;
        try {
            b = Settings.fromMap(env).toBuilder();
        } catch (IllegalArgumentException e) {
            throw new BadSettingsException("bad environment: " + e.getMessage(), e);
        }
        if (options.endpoint != null) b.endpoint(checkedEndpoint(cmd, options.endpoint));
        // FC never retries a local run: each one is its own last attempt, so a failure is told at once.
        b.notifications(b.build().notifications().toBuilder().asyncRetries(0).build());
        return b;
    }

    static String checkedEndpoint(CommandLine cmd, String endpoint) {
        try {
            URI u = URI.create(endpoint.trim());
            String scheme = u.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && u.getHost() != null) {
                return endpoint.trim();
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new CommandLine.ParameterException(cmd,
                "--endpoint must be an http:// or https:// URL such as http://127.0.0.1:8787; got '" + endpoint + "'");
    }
}
