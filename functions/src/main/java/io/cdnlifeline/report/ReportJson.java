package io.cdnlifeline.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The Report's JSON form, field order as in DESIGN.md, nulls left out. */
public final class ReportJson {
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();

    private ReportJson() {
    }

    public static JsonObject toJson(Report r) {
        JsonObject o = new JsonObject();
        o.addProperty("function", r.function());
        if (r.requestId() != null) o.addProperty("requestId", r.requestId());
        o.addProperty("dryRun", r.dryRun());
        o.addProperty("durationMs", r.durationMs());
        if (r.refused() != null) o.addProperty("refused", r.refused());
        JsonArray changes = new JsonArray();
        for (Change c : r.changes()) changes.add(change(c));
        o.add("changes", changes);
        JsonArray skipped = new JsonArray();
        for (Skip s : r.skipped()) {
            JsonObject so = new JsonObject();
            so.addProperty("domain", s.domain());
            if (s.product() != null) so.addProperty("product", s.product());
            so.addProperty("why", s.why());
            skipped.add(so);
        }
        o.add("skipped", skipped);
        if (!r.notes().isEmpty()) {
            JsonArray notes = new JsonArray();
            r.notes().forEach(notes::add);
            o.add("notes", notes);
        }
        if (r.domains() != null) o.add("domains", r.domains());
        JsonObject summary = new JsonObject();
        summary.addProperty("applied", r.count(ChangeStatus.APPLIED));
        summary.addProperty("planned", r.count(ChangeStatus.PLANNED));
        summary.addProperty("unchanged", r.count(ChangeStatus.UNCHANGED));
        summary.addProperty("skipped", r.skipped().size());
        summary.addProperty("failed", r.count(ChangeStatus.FAILED));
        o.add("summary", summary);
        return o;
    }

    public static JsonObject change(Change c) {
        JsonObject co = new JsonObject();
        co.addProperty("domain", c.domain());
        if (c.product() != null) co.addProperty("product", c.product());
        co.addProperty("resource", c.resource());
        co.addProperty("action", c.action());
        if (c.before() != null) co.add("before", c.before());
        if (c.after() != null) co.add("after", c.after());
        co.addProperty("status", c.status().id());
        if (c.note() != null) co.addProperty("note", c.note());
        if (c.error() != null) {
            JsonObject e = new JsonObject();
            e.addProperty("code", c.error().code());
            e.addProperty("message", c.error().message());
            if (c.error().requestId() != null) e.addProperty("requestId", c.error().requestId());
            co.add("error", e);
        }
        return co;
    }

    public static String pretty(Report r) {
        return PRETTY.toJson(toJson(r));
    }

    public static String compact(JsonObject o) {
        return COMPACT.toJson(o);
    }
}
