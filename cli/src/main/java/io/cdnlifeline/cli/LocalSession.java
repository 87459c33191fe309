package io.cdnlifeline.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.config.Settings;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * One run started by a person: the settings FC would read from the function's environment (the same LIFELINE_*
 * variables) overridden by the command line's options, the credentials the handler finds in its context, the
 * progress line on stderr, and at the end the outcome in plain words with its exit status.
 */
final class LocalSession {
    private final CommandLine cmd;
    private final Map<String, String> env;
    private final CloudOptions cloud;
    private final RunOptions options;
    private final Terminal terminal;

    private LocalSession(CommandLine cmd, Map<String, String> env, CloudOptions cloud, RunOptions options, Terminal terminal) {
        this.cmd = cmd;
        this.env = env;
        this.cloud = cloud;
        this.options = options;
        this.terminal = terminal;
    }

    /** What the command line overrides besides the endpoint and the run options. */
    static final class Overrides {
        boolean dryRun;
        Integer maxChanges;
        /** Each round's time limit (--timeout); FC's function timeout by default. */
        int timeLimitMillis = LocalContext.TIME_LIMIT_MILLIS;
    }

    static LocalSession of(CommandLine cmd, Lifeline lifeline, CloudOptions cloud, RunOptions options) {
        return new LocalSession(cmd, lifeline.env(), cloud, options, lifeline.terminal());
    }

    /**
     * Runs {@code function} on {@code event}, prints the Report on stdout in {@code format} and the outcome on
     * stderr, and returns the exit status.
     */
    int run(String function, String event, Overrides overrides, OutputFormat format) {
        Settings settings = settings(overrides);
        PrintWriter err = cmd.getErr();
        boolean text = options.logFormat == LogFormat.text;
        ProgressLine progress = text ? ProgressLine.of(err, function, terminal) : null;
        SessionLog log = new SessionLog(progress != null ? progress : new ProgressLine(err, function, false, Long.MAX_VALUE,
                System::currentTimeMillis), !text || options.verbose);
        CredentialChain.Found found = CredentialChain.find(cloud.profile, settings.endpoint(), env, log::info);
        CloudCredentials credentials = found.credentials;
        if (settings.endpoint() != null) EndpointCheck.reachable(settings.endpoint());
        io.cdnlifeline.event.Request request = io.cdnlifeline.event.EventParser.parse(event, function);
        if (settings.accounts().configured() || !request.accounts().isEmpty()) {
            if (progress != null) progress.stop();
            LocalInvoker quiet = new LocalInvoker(settings, credentials, log, overrides.timeLimitMillis, io.cdnlifeline.report.Progress.NONE,
                    overrides.maxChanges);
            AccountsRun accounts = AccountsRun.run(function, request, settings, credentials, quiet, log);
            accounts.print(format, cmd.getOut());
            return accounts.outcome(err, text);
        }
        LocalInvoker invoker = new LocalInvoker(settings, credentials, log, overrides.timeLimitMillis,
                progress != null ? progress : io.cdnlifeline.report.Progress.NONE, overrides.maxChanges);
        LocalRun run;
        if (progress != null) progress.start();
        try {
            run = invoker.invoke(function, event);
        } finally {
            if (progress != null) progress.stop();
        }
        ReportPrinter.print(run, format, cmd.getOut());
        return outcome(run, settings, "access key " + AccessProblem.shortenedKey(credentials.accessKeyId()) + " from " + found.source, text);
    }

    private Settings settings(Overrides overrides) {
        Settings.Builder b = settings(cmd, env, cloud);
        if (overrides.dryRun) b.dryRun(true);
        if (overrides.maxChanges != null) b.maxChanges(overrides.maxChanges);
        if (options.scope != null) b.scope(options.scope);
        if (options.exclude != null) b.exclude(options.exclude);
        return b.build();
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

    /** The exit status of the run, and on stderr what it means and what to do. */
    private int outcome(LocalRun run, Settings settings, String credential, boolean text) {
        JsonObject report = run.report();
        PrintWriter err = cmd.getErr();
        String function = string(report, "function");
        int status = run.exitStatus();
        if (status == ExitStatus.FAILED) {
            AccessProblem access = AccessProblem.of(report);
            if (access != null) {
                err.println("lifeline: " + function + ": " + access.explain(settings.endpoint(), credential, count(report, "applied")));
                status = ExitStatus.NO_ACCESS;
            } else {
                err.println("lifeline: " + function + ": " + count(report, "failed") + " change(s) failed; the Report lists them"
                        + " with the cloud's error. Running it again is safe: every run plans from the live state."
                        + (AccessProblem.permissionHint(report) == null ? "" : " " + AccessProblem.permissionHint(report)));
            }
        } else if (status == ExitStatus.REFUSED) {
            // The guard's own count (changes it waives, e.g. an account-wide debt's, are not in it), else every planned one.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("would make ([0-9]+) changes").matcher(string(report, "refused"));
            long planned = m.find() ? Long.parseLong(m.group(1)) : count(report, "planned");
            err.println("lifeline: " + function + ": " + string(report, "refused") + ". If that many is right (an account-wide"
                    + " outage), run again with --max-changes " + planned + (report.get("dryRun").getAsBoolean() ? "" : " (check the plan"
                    + " first with --dry-run)") + ".");
        } else if (text) {
            err.println("lifeline: " + function + " done in " + seconds(report) + ": " + summary(report));
        }
        err.flush();
        return status;
    }

    private static String summary(JsonObject report) {
        StringBuilder b = new StringBuilder();
        JsonElement summary = report.get("summary");
        if (summary != null && summary.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : summary.getAsJsonObject().entrySet()) {
                if (e.getValue().getAsLong() == 0) continue;
                if (b.length() > 0) b.append(", ");
                b.append(e.getValue().getAsString()).append(' ').append(e.getKey());
            }
        }
        JsonElement domains = report.get("domains");
        if (domains != null && domains.isJsonArray()) {
            int n = domains.getAsJsonArray().size();
            return n + (n == 1 ? " domain" : " domains") + (b.length() == 0 ? "" : "; " + b);
        }
        if (b.length() > 0) return b.toString();
        // Nothing changed, planned or skipped: the detector's note says what was looked at and why nothing was selected.
        JsonElement notes = report.get("notes");
        if (notes != null && notes.isJsonArray()) {
            for (JsonElement n : notes.getAsJsonArray()) {
                if (n.getAsString().contains("none selected") || n.getAsString().startsWith("no domain in scope")) {
                    return "nothing to do: " + n.getAsString();
                }
            }
        }
        return "nothing to do";
    }

    private static String seconds(JsonObject report) {
        JsonElement ms = report.get("durationMs");
        return ms == null ? "?" : String.format(Locale.ROOT, "%.1f s", ms.getAsLong() / 1000.0);
    }

    private static long count(JsonObject report, String status) {
        JsonElement summary = report.get("summary");
        if (summary == null || !summary.isJsonObject()) return 0;
        JsonElement v = summary.getAsJsonObject().get(status);
        return v == null || v.isJsonNull() ? 0 : v.getAsLong();
    }

    private static String string(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v == null || v.isJsonNull() ? "" : v.getAsString();
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
