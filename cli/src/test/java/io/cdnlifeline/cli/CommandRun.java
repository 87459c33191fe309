package io.cdnlifeline.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** One run of the command line as a user would type it: exit status, stdout and stderr kept apart. */
final class CommandRun {
    final int status;
    final String out;
    final String err;

    private CommandRun(int status, String out, String err) {
        this.status = status;
        this.out = out;
        this.err = err;
    }

    static CommandRun of(String... args) {
        return withEnv(new HashMap<>(), args);
    }

    /**
     * With exactly this environment (nothing inherited), so LIFELINE_* of the machine cannot leak in; plus the
     * credential library's own switch that keeps its ECS metadata probe (100.100.100.200) off: no test sends a packet
     * off this machine.
     */
    static CommandRun withEnv(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> e = new HashMap<>(env);
        e.putIfAbsent(CredentialChain.ENV_ECS_DISABLED, "true");
        int status = Lifeline.run(new PrintWriter(out, true), new PrintWriter(err, true), e, args);
        return new CommandRun(status, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
