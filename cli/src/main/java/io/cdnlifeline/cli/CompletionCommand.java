package io.cdnlifeline.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lifeline completion}: prints the bash/zsh completion script of the whole command tree. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash (and zsh) completion script for lifeline.",
                "Use: source <(java -jar cli/target/lifeline.jar completion)",
                "(the script completes the command 'lifeline': alias lifeline='java -jar /path/to/lifeline.jar')."})
final class CompletionCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        CommandLine root = spec.root().commandLine();
        spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
        spec.commandLine().getOut().flush();
    }
}
