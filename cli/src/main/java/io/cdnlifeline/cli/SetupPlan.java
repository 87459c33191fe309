package io.cdnlifeline.cli;

import io.cdnlifeline.cloud.CloudException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@code lifeline setup} would change, in the order it changes it (a role before the policy attached to it, a
 * bus before its rules), and what it found already as wanted. Made from what the account has now, so a second run
 * after a failure plans only what is still missing.
 */
final class SetupPlan {
    /** One change: a line for the plan, and the call(s) that make it; it returns what to say when done. */
    interface Change {
        String apply() throws CloudException;
    }

    /** A planned change. */
    static final class Step {
        final String what;
        final Change change;

        Step(String what, Change change) {
            this.what = what;
            this.change = change;
        }
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<String> unchanged = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void change(String what, Change change) {
        steps.add(new Step(what, change));
    }

    /** A resource that is already as wanted. */
    void unchanged(String what) {
        unchanged.add(what);
    }

    /** Something the user should know that is no change (the failure destination, what this command does not make). */
    void note(String line) {
        notes.add(line);
    }

    List<Step> steps() {
        return Collections.unmodifiableList(steps);
    }

    List<String> unchanged() {
        return Collections.unmodifiableList(unchanged);
    }

    List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }

    /**
     * Applies the steps in order, one line each; a refusal stops there with the cloud's code, how many of the steps
     * were done and that the rest were not tried. Nothing is undone: a re-run plans from what the account has then,
     * so it carries on where this one stopped.
     * @param done how a count of steps done is said, e.g. "changes made"
     * @return the number of steps done, or -1 after a refusal
     */
    int applyInOrder(String command, String done, java.io.PrintWriter out, java.io.PrintWriter err) {
        int n = 0;
        for (Step step : steps) {
            try {
                out.println("  ok   " + step.what + ": " + step.change.apply());
                out.flush();
                n++;
            } catch (io.cdnlifeline.cloud.CloudException e) {
                out.println("  FAIL " + step.what);
                out.flush();
                err.println(command + ": the cloud refused \"" + step.what + "\": " + e);
                err.println(command + ": " + n + " of " + steps.size() + " " + done + " (above), the rest not tried;"
                        + " fix the cause and run the same command again: it plans from the account as it is now and carries on");
                return -1;
            }
        }
        return n;
    }
}
