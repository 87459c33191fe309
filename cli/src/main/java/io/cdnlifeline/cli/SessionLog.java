package io.cdnlifeline.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The FC logger of a run started by a person: the audit trail's JSON lines feed the progress line's count of
 * changes and reach stderr only with --verbose or --log-format json (as they reach FC's log); every other line
 * (what the command line itself says) is printed, through the progress line so the two never mix.
 */
final class SessionLog extends LevelledLogger {
    private final ProgressLine progress;
    private final boolean showAudit;

    SessionLog(ProgressLine progress, boolean showAudit) {
        this.progress = progress;
        this.showAudit = showAudit;
    }

    @Override
    void line(String line) {
        JsonObject audit = auditLine(line);
        if (audit == null) {
            progress.println(line);
            return;
        }
        JsonElement status = audit.get("status");
        if (status != null && status.isJsonPrimitive()) progress.change(status.getAsString());
        if (showAudit) progress.println(line);
    }

    /** The line as JSON when it is one of the audit trail's ({@code "audit":"lifeline"}), else null. */
    static JsonObject auditLine(String line) {
        if (line == null || !line.startsWith("{") || !line.contains("\"audit\"")) return null;
        try {
            JsonElement e = JsonParser.parseString(line);
            if (!e.isJsonObject()) return null;
            JsonElement audit = e.getAsJsonObject().get("audit");
            return audit != null && audit.isJsonPrimitive() && "lifeline".equals(audit.getAsString()) ? e.getAsJsonObject() : null;
        } catch (JsonParseException notJson) {
            return null;
        }
    }
}
