package io.cdnlifeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.Callable;

/** {@code lifeline demo}: the README's first command. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Replay an outage on a sandbox account: the functions keep the sites up, then undo it all.",
                "Runs on an embedded sandbox from the sample events in events/: no account, no network, seconds.",
                "Exit status 0 only when the account ends exactly as it began."})
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Also show the functions' log lines (the audit trail) on stderr.")
    boolean verbose;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        PrintWriter log = verbose ? cmd.getErr() : new PrintWriter(Writer.nullWriter());
        return new DemoStory(cmd.getOut(), log).play() ? ExitStatus.DONE : ExitStatus.FAILED;
    }
}
