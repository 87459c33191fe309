package io.cdnlifeline.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeError;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.report.Skip;

/**
 * Reads back the Report JSON a handler wrote into a {@link Report}, so the command line renders
 * exactly what FC would have returned (the handler's bytes are the contract, not its objects).
 */
final class ReportReader {
    private ReportReader() {
    }

    static Report read(JsonObject o) {
        Report.Builder b = Report.builder(text(o, "function"));
        b.requestId(text(o, "requestId"));
        b.dryRun(o.has("dryRun") && o.get("dryRun").getAsBoolean());
        if (o.has("durationMs")) b.durationMs(o.get("durationMs").getAsLong());
        if (o.has("refused")) b.refused(text(o, "refused"));
        for (JsonElement e : array(o, "changes")) b.change(change(e.getAsJsonObject()));
        for (JsonElement e : array(o, "skipped")) {
            JsonObject s = e.getAsJsonObject();
            b.skip(new Skip(text(s, "domain"), text(s, "product"), text(s, "why")));
        }
        for (JsonElement n : array(o, "notes")) b.note(n.getAsString());
        if (o.has("domains") && o.get("domains").isJsonArray()) b.domains(o.getAsJsonArray("domains").deepCopy());
        return b.build();
    }

    private static Change change(JsonObject c) {
        Change change = Change.planned(text(c, "domain"), text(c, "product"), text(c, "resource"), text(c, "action"),
                object(c, "before"), object(c, "after"));
        ChangeStatus status = status(text(c, "status"));
        if (c.has("error") && c.get("error").isJsonObject()) {
            JsonObject e = c.getAsJsonObject("error");
            change = change.failed(new ChangeError(text(e, "code"), text(e, "message"), text(e, "requestId")));
        } else if (status != ChangeStatus.PLANNED) {
            change = change.with(status);
        }
        return c.has("note") ? change.withNote(text(c, "note")) : change;
    }

    private static ChangeStatus status(String id) {
        for (ChangeStatus s : ChangeStatus.values()) {
            if (s.id().equals(id)) return s;
        }
        throw new IllegalArgumentException("a Report change has the status '" + id + "'; expected planned, applied, unchanged or failed");
    }

    private static String text(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v == null || v.isJsonNull() ? null : v.getAsString();
    }

    private static JsonObject object(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v != null && v.isJsonObject() ? v.getAsJsonObject().deepCopy() : null;
    }

    private static Iterable<JsonElement> array(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v != null && v.isJsonArray() ? v.getAsJsonArray() : new com.google.gson.JsonArray();
    }
}
