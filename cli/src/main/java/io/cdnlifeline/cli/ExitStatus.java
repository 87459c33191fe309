package io.cdnlifeline.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The exit statuses of DESIGN.md, derived from the Report JSON the handler wrote, so the command
 * line judges a run by the same document an operator reads.
 */
final class ExitStatus {
    /** Everything asked for is done (or there was nothing to do). */
    static final int DONE = 0;
    /** Some change (or a read it needed) failed; the report lists which. Running again is safe. */
    static final int FAILED = 1;
    /** Bad input or usage: nothing was run. */
    static final int BAD_INPUT = 2;
    /** A guard (max changes) refused the whole run: nothing was changed. */
    static final int REFUSED = 3;
    /** The cloud (or the sandbox) could not be reached, or refused the credentials: fix that, then run again. */
    static final int NO_ACCESS = 4;
    /** The footer of every command's help: the statuses side by side. */
    static final String HELP = "Exit status: 0 all done, 1 some change failed, 2 bad input or usage, 3 refused by a guard,"
            + " 4 could not reach or authenticate.";

    private ExitStatus() {
    }

    /** A failure outranks a refusal: the handler throws on failures, so FC would retry that run. */
    static int of(JsonObject report) {
        if (failedCount(report) > 0 || failedAccount(report)) return FAILED;
        JsonElement refused = report.get("refused");
        if (refused != null && !refused.isJsonNull()) return REFUSED;
        return DONE;
    }

    /** An account of a run over several that could not be worked on (its role could not be assumed, ...). */
    private static boolean failedAccount(JsonObject report) {
        JsonElement accounts = report.get("accounts");
        if (accounts == null || !accounts.isJsonArray()) return false;
        for (JsonElement a : accounts.getAsJsonArray()) {
            if (a.isJsonObject() && a.getAsJsonObject().has("status") && "failed".equals(a.getAsJsonObject().get("status").getAsString())) {
                return true;
            }
        }
        return false;
    }

    private static long failedCount(JsonObject report) {
        JsonElement summary = report.get("summary");
        if (summary == null || !summary.isJsonObject()) return 0;
        JsonElement failed = summary.getAsJsonObject().get("failed");
        return failed == null || failed.isJsonNull() ? 0 : failed.getAsLong();
    }
}
