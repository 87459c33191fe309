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

    /**
     * An environment of HOME (a folder the test owns, so no profile or credentials file of this machine is read) and the
     * given name/value pairs; mutable, for a test to add to.
     */
    static Map<String, String> homeEnv(java.nio.file.Path home, String... keyValues) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    static CommandRun of(String... args) {
        return withEnv(new HashMap<>(), args);
    }

    /**
     * With exactly this environment (nothing inherited), so LIFELINE_* of the machine cannot leak in; plus the
     * credential library's own switch that keeps its ECS metadata probe (100.100.100.200) off: no test sends a packet
     * off this machine. A test that does not set LIFELINE_ORIGIN_CHECK runs with it off: its origins (203.0.113.x, ...)
     * must never be probed; the origin readiness tests set it.
     */
    static CommandRun withEnv(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> e = new HashMap<>(env);
        e.putIfAbsent(CredentialChain.ENV_ECS_DISABLED, "true");
        e.putIfAbsent("LIFELINE_ORIGIN_CHECK", "off");
        int status = Lifeline.run(new PrintWriter(out, true), new PrintWriter(err, true), e, args);
        return new CommandRun(status, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
