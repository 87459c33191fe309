package io.cdnlifeline.cli;

import io.cdnlifeline.event.EventParser;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code lifeline invoke}: runs one function's FC handler in this process, against the cloud or a sandbox. */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Run a function the way Function Compute runs it: same handler, same event, same Report.",
                "The Report goes to stdout, the function's log lines to stderr."},
        footer = {"", "Examples:",
                "  lifeline invoke dns-to-origin --event events/timer-dns-to-origin.json \\",
                "      --dry-run --endpoint http://127.0.0.1:8787",
                "  lifeline invoke switch-to-overseas --output table \\",
                "      --payload '{\"domains\":[\"www.example.com\"],\"when\":[\"always\"]}'",
                "  LIFELINE_ACCOUNTS=rd:cdn-lifeline-member lifeline invoke dns-to-origin --payload '{}' --output table",
                "      (every Resource Directory member at once, through the role cdn-lifeline-member in each)",
                "", ExitStatus.HELP})
final class InvokeCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.ParentCommand Lifeline lifeline;

    @Parameters(index = "0", paramLabel = "FUNCTION", completionCandidates = FunctionNames.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    String function;

    @ArgGroup(exclusive = true, multiplicity = "1")
    EventInput input;

    static final class EventInput {
        @Option(names = "--event", paramLabel = "FILE", required = true,
                description = "The event FC would deliver (a file from events/, a trigger event, or a Request); '-' reads stdin.")
        String eventFile;

        @Option(names = "--payload", paramLabel = "JSON", required = true,
                description = "A Request, e.g. '{\"domains\":[\"www.example.com\"],\"when\":[\"offline\"]}'.")
        String payload;
    }

    @Option(names = "--dry-run", description = "Plan and report, change nothing (whatever the event says).")
    boolean dryRun;

    @Option(names = "--max-changes", paramLabel = "N",
            description = "A run that would make more than N changes refuses to make any (exit 3). Overrides LIFELINE_MAX_CHANGES"
                    + " and the event's maxChanges (default 50).")
    Integer maxChanges;

    @Mixin CloudOptions cloud;

    @Mixin RunOptions run;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = {"Each round's time limit, as FC's function timeout (default: ${DEFAULT-VALUE}, template.yml's).",
                    "A run that reaches it finishes the domains in flight and goes on in a next round, in this process."})
    int timeoutSeconds;

    @Option(names = "--output", paramLabel = "json|table", defaultValue = "json",
            description = "json (default): the Report JSON; table: aligned columns.")
    OutputFormat output;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        FunctionHandlers.create(function); // an unknown name lists the functions before anything else happens
        String event = input.payload != null ? input.payload : read(cmd, input.eventFile);
        // Refuse an event the function would refuse, before credentials are looked for or a call is made.
        EventParser.parse(event, function);
        if (timeoutSeconds < 2 || timeoutSeconds > 86_400) {
            throw new CommandLine.ParameterException(cmd, "--timeout must be from 2 to 86400 seconds; got " + timeoutSeconds);
        }
        if (maxChanges != null && maxChanges < 0) {
            throw new CommandLine.ParameterException(cmd, "--max-changes must be 0 or more; got " + maxChanges);
        }
        LocalSession.Overrides overrides = new LocalSession.Overrides();
        overrides.dryRun = dryRun;
        overrides.maxChanges = maxChanges;
        overrides.timeLimitMillis = timeoutSeconds * 1000;
        return LocalSession.of(cmd, lifeline, cloud, run).run(function, event, overrides, output);
    }

    static String read(CommandLine cmd, String file) {
        try {
            if ("-".equals(file)) return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CommandLine.ParameterException(cmd, "cannot read --event " + file + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }
}
