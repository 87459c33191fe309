package io.cdnlifeline.cli;

import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.EventParser;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.handler.LifelineHandler;
import io.cdnlifeline.handler.RemediationFailedException;
import io.cdnlifeline.report.Progress;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Runs a function the way FC does, in this process: the same handler class, event bytes in, Report
 * bytes out, with a {@link LocalContext}. A change that failed makes the handler throw after it wrote
 * the Report; the Report is still returned, and its exit status says 1.
 */
final class LocalInvoker {
    private final Settings settings;
    private final CloudCredentials credentials;
    private final FunctionComputeLogger logger;
    private final int timeLimitMillis;
    private final Progress progress;
    private final Integer maxChanges;
    private io.cdnlifeline.accounts.AccountRuns accountRuns;

    LocalInvoker(Settings settings, CloudCredentials credentials, FunctionComputeLogger logger) {
        this(settings, credentials, logger, LocalContext.TIME_LIMIT_MILLIS, Progress.NONE, null);
    }

    /**
     * @param maxChanges the command line's --max-changes, which outranks the event's maxChanges too; null when not given
     */
    LocalInvoker(Settings settings, CloudCredentials credentials, FunctionComputeLogger logger, int timeLimitMillis,
                 Progress progress, Integer maxChanges) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.logger = Objects.requireNonNull(logger, "logger");
        this.timeLimitMillis = timeLimitMillis;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.maxChanges = maxChanges;
    }

    /** The same invoker with another time limit per invocation (round): {@code --timeout}. */
    LocalInvoker withTimeLimit(int millis) {
        LocalInvoker i = new LocalInvoker(settings, credentials, logger, millis, progress, maxChanges);
        i.accountRuns = accountRuns;
        return i;
    }

    /** The same invoker, its handlers sharing one process-wide run over accounts (one STS client, role tokens cached). */
    LocalInvoker withAccountRuns(io.cdnlifeline.accounts.AccountRuns runs) {
        LocalInvoker i = new LocalInvoker(settings, credentials, logger, timeLimitMillis, progress, maxChanges);
        i.accountRuns = runs;
        return i;
    }

    /**
     * @param event the trigger event or Request JSON, as FC would deliver it
     * @throws io.cdnlifeline.event.BadInputException when the event is not understood (nothing ran)
     * @throws UnknownFunctionException when there is no such function
     */
    LocalRun invoke(String function, String event) {
        // A run that reaches its time limit hands the rest to a continuation: here the next round in this process
        // (in FC an asynchronous invocation of the function). The rounds' Reports are merged into one.
        java.util.ArrayDeque<Request> next = new java.util.ArrayDeque<>();
        List<LocalRun> rounds = new java.util.ArrayList<>();
        rounds.add(invokeOnce(function, event, next));
        while (!next.isEmpty()) {
            Request continuation = next.poll();
            logger.info("{\"audit\":\"lifeline\",\"function\":\"" + function + "\",\"continuing\":" + continuation + "}");
            rounds.add(invokeOnce(function, continuation.toString(), next));
        }
        return LocalRun.merge(rounds);
    }

    private LocalRun invokeOnce(String function, String event, java.util.Queue<Request> next) {
        // No cloud handed in: the handler's initializer builds its SDK clients from the context's
        // credentials, with its own deadline-aware retry policy, exactly as in FC.
        LifelineHandler handler = FunctionHandlers.create(function).with(settings, null).continuingWith(next::add)
                .withProgress(progress);
        if (accountRuns != null) handler.withAccountRuns(accountRuns);
        String bytes = settings.dryRun() ? forceDryRun(event, function) : event;
        if (maxChanges != null) bytes = forceMaxChanges(bytes, function, maxChanges);
        LocalContext context = new LocalContext("cli-" + UUID.randomUUID(), credentials, logger, function,
                handler.getClass().getName(), timeLimitMillis);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.initialize(context);
            handler.handleRequest(new ByteArrayInputStream(bytes.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (RemediationFailedException failed) {
            // In FC this makes the invocation fail so that FC runs it again; here the exit status says it.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        JsonElement parsed = JsonParser.parseString(text);
        if (!parsed.isJsonObject()) {
            throw new IllegalStateException(function + " wrote something that is not a Report: " + text);
        }
        return new LocalRun(text, parsed.getAsJsonObject());
    }

    /**
     * A Request that says {@code "dryRun": false} outranks the environment's dry run; {@code --dry-run}
     * must not be overridden by the event, so such a Request is handed over with dryRun true. Events
     * that say nothing about dryRun go through untouched and the setting decides.
     */
    /** A Request that names its own maxChanges gets the command line's instead; other events go through untouched. */
    static String forceMaxChanges(String event, String function, int maxChanges) {
        Request parsed = EventParser.parse(event, function);
        if (parsed.maxChanges() == null) return event;
        return parsed.toBuilder().maxChanges(maxChanges).build().toString();
    }

    static String forceDryRun(String event, String function) {
        Request parsed = EventParser.parse(event, function);
        if (!Boolean.FALSE.equals(parsed.dryRun())) return event;
        return parsed.toBuilder().dryRun(true).build().toString();
    }
}
