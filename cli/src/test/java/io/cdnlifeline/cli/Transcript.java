package io.cdnlifeline.cli;

/**
 * Prints a command line and what it answered to the test's output (surefire keeps it in
 * {@code target/surefire-reports/<test>-output.txt}): the README's operations section quotes these transcripts.
 */
final class Transcript {
    private Transcript() {
    }

    /** The command as a person types it (the sandbox endpoint is in LIFELINE_ENDPOINT), then stdout, then stderr. */
    static CommandRun print(CommandRun run, String... args) {
        StringBuilder command = new StringBuilder("$ lifeline");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--endpoint")) {
                i++;
                continue;
            }
            command.append(' ').append(args[i].contains(" ") || args[i].contains("{") ? "'" + args[i] + "'" : args[i]);
        }
        System.out.println(command);
        if (!run.out.isEmpty()) System.out.print(run.out.endsWith("\n") ? run.out : run.out + "\n");
        if (!run.err.isEmpty()) System.out.print(run.err.endsWith("\n") ? run.err : run.err + "\n");
        System.out.println("(exit " + run.status + ")");
        System.out.println();
        return run;
    }

    static void note(String line) {
        System.out.println("# " + line);
    }
}
