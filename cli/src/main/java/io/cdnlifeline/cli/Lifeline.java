package io.cdnlifeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lifeline} command: demo, sandbox, invoke, inspect. */
@Command(name = "lifeline", mixinStandardHelpOptions = true, version = "cdn-lifeline 0.1.0",
        description = "Keeps CDN/DCDN-accelerated websites reachable when Alibaba Cloud cuts acceleration.",
        subcommands = {CommandLine.HelpCommand.class, SandboxCommand.class})
public final class Lifeline implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status instead of exiting (tests call this). */
    public static int run(String... args) {
        return new CommandLine(new Lifeline()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
