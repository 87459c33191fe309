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

    private ExitStatus() {
    }

    /** A failure outranks a refusal: the handler throws on failures, so FC would retry that run. */
    static int of(JsonObject report) {
        if (failedCount(report) > 0) return FAILED;
        JsonElement refused = report.get("refused");
        if (refused != null && !refused.isJsonNull()) return REFUSED;
        return DONE;
    }

    private static long failedCount(JsonObject report) {
        JsonElement summary = report.get("summary");
        if (summary == null || !summary.isJsonObject()) return 0;
        JsonElement failed = summary.getAsJsonObject().get("failed");
        return failed == null || failed.isJsonNull() ? 0 : failed.getAsLong();
    }
}
