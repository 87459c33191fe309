package io.cdnlifeline.cli;

import com.google.gson.JsonObject;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code lifeline pause} and {@code lifeline resume} share: the FC session, the deployed automation as it was before
 * the command, switching one trigger with FC's UpdateTrigger, and the line each trigger gets in the listing.
 */
final class TriggerSwitching {
    final FcSession session;
    final Automation before;
    private final PrintWriter out;

    private TriggerSwitching(FcSession session, Automation before, PrintWriter out) {
        this.session = session;
        this.before = before;
        this.out = out;
    }

    /**
     * Opens the FC session and reads the automation; null, after saying on stderr that there is nothing to {@code verb},
     * when no lifeline function is deployed.
     */
    static TriggerSwitching open(CommandLine cmd, Map<String, String> env, CloudOptions cloud, String verb) {
        FcSession session = FcSession.open(cmd, env, cloud);
        Automation before = Automation.read(session.fc);
        if (!before.deployed()) {
            cmd.getErr().println("lifeline: " + verb + ": " + before.summary() + ": nothing to " + verb);
            return null;
        }
        return new TriggerSwitching(session, before, cmd.getOut());
    }

    /** Writes the trigger's line: its id, its type and what became of it. */
    void row(Automation.Trigger t, String what) {
        out.println(String.format(Locale.ROOT, "  %-45s %-12s %s", t.id(), t.type, what));
    }

    /**
     * Updates the trigger with {@code input} and writes its line: {@code done} when FC took it, else
     * {@code FAILED, still <unchanged>: <why>}. Returns whether FC took it.
     */
    boolean switchTrigger(Automation.Trigger t, JsonObject input, String done, String unchanged) {
        try {
            session.fc.updateTrigger(t.function, t.name, input);
            row(t, done);
            return true;
        } catch (FcCallException e) {
            row(t, "FAILED, still " + unchanged + ": " + e.getMessage());
            return false;
        }
    }
}
