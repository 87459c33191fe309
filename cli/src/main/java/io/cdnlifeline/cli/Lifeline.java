package io.cdnlifeline.cli;

import io.cdnlifeline.event.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/** The {@code lifeline} command: demo, sandbox, invoke, inspect, doctor, setup. */
@Command(name = "lifeline", mixinStandardHelpOptions = true, version = "cdn-lifeline 0.1.0",
        description = "Keeps CDN/DCDN-accelerated websites reachable when Alibaba Cloud cuts acceleration.",
        footer = {"", ExitStatus.HELP, "Start with: lifeline demo"},
        subcommands = {DemoCommand.class, SandboxCommand.class, InvokeCommand.class, InspectCommand.class, DoctorCommand.class, SetupCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Lifeline implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;
    private final Terminal terminal;

    /** picocli builds the root through this when the class is used as a plain command object. */
    public Lifeline() {
        this(System.getenv(), Terminal.ofThisProcess());
    }

    Lifeline(Map<String, String> env, Terminal terminal) {
        this.env = Objects.requireNonNull(env, "env");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status instead of exiting (tests call this). */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return run(out, err, System.getenv(), Terminal.ofThisProcess(), args);
    }

    /** Runs with the given streams and environment, stderr not a terminal: what a test drives. */
    static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        return run(out, err, env, Terminal.plain(ProgressLine.PLAIN_EVERY_MILLIS), args);
    }

    static int run(PrintWriter out, PrintWriter err, Map<String, String> env, Terminal terminal, String... args) {
        int status = commandLine(out, err, env, terminal).execute(args);
        out.flush();
        err.flush();
        return status;
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env) {
        return commandLine(out, err, env, Terminal.plain(ProgressLine.PLAIN_EVERY_MILLIS));
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env, Terminal terminal) {
        CommandLine cl = new CommandLine(new Lifeline(env, terminal));
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(Lifeline::usageError);
        cl.setExecutionExceptionHandler(Lifeline::failure);
        return cl;
    }

    /** The environment the functions' settings are read from (LIFELINE_*), as FC would give it. */
    Map<String, String> env() {
        return env;
    }

    /** Whether a person watches stderr (a live progress line) or not. */
    Terminal terminal() {
        return terminal;
    }

    /** No command given: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.BAD_INPUT;
    }

    /** Short, like other command-line tools: the problem, a suggestion, and where the help is. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("lifeline: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitStatus.BAD_INPUT;
    }

    private static int failure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof BadInputException || e instanceof UnknownFunctionException || e instanceof SandboxVerbException
                || e instanceof MissingCredentialsException || e instanceof BadSettingsException
                || e instanceof SetupInputException) {
            err.println("lifeline: " + e.getMessage());
            err.flush();
            return ExitStatus.BAD_INPUT;
        }
        if (e instanceof EndpointUnreachableException) {
            err.println("lifeline: " + cmd.getCommandName() + ": " + e.getMessage());
            err.flush();
            return ExitStatus.NO_ACCESS;
        }
        // Anything else stopped the run before a Report: a cloud that cannot be reached, a bug.
        err.println("lifeline: " + cmd.getCommandName() + " failed: " + describe(e));
        err.flush();
        return ExitStatus.FAILED;
    }

    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (b.length() > 0) b.append("; caused by ");
            b.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return b.toString();
    }
}
