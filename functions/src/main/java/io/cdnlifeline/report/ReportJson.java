package io.cdnlifeline.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The Report's JSON form, field order as in DESIGN.md, nulls left out. Written with gson's JsonWriter, not a
 * Gson instance: building one loads some 70 classes (every type adapter), a cold-start cost for nothing,
 * since the tree is already built. The text is the same as Gson's (same writer, same settings).
 */
public final class ReportJson {

    private ReportJson() {
    }

    public static JsonObject toJson(Report r) {
        JsonObject o = new JsonObject();
        o.addProperty("function", r.function());
        if (r.requestId() != null) o.addProperty("requestId", r.requestId());
        o.addProperty("dryRun", r.dryRun());
        o.addProperty("durationMs", r.durationMs());
        if (r.account() != null) o.addProperty("account", r.account());
        if (r.continues() != null) o.addProperty("continues", r.continues());
        if (r.memberOf() != null) o.addProperty("memberOf", r.memberOf());
        if (r.refused() != null) o.addProperty("refused", r.refused());
        if (r.continued() != null) {
            JsonObject c = new JsonObject();
            c.addProperty("left", r.continued().left());
            c.addProperty("round", r.continued().round());
            o.add("continued", c);
        }
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
        if (!r.accounts().isEmpty()) {
            JsonArray accounts = new JsonArray();
            for (AccountOutcome a : r.accounts()) accounts.add(account(a));
            o.add("accounts", accounts);
        }
        JsonObject summary = new JsonObject();
        summary.addProperty("applied", r.count(ChangeStatus.APPLIED));
        summary.addProperty("planned", r.count(ChangeStatus.PLANNED));
        summary.addProperty("unchanged", r.count(ChangeStatus.UNCHANGED));
        summary.addProperty("skipped", r.skipped().size());
        summary.addProperty("failed", r.count(ChangeStatus.FAILED));
        o.add("summary", summary);
        return o;
    }

    /** {@code {"account", "role", "status", "invocationId"|"step", "error"}}: one account of a run over several. */
    public static JsonObject account(AccountOutcome a) {
        JsonObject o = new JsonObject();
        o.addProperty("account", a.account());
        if (a.role() != null) o.addProperty("role", a.role());
        o.addProperty("status", a.status().id());
        if (a.invocationId() != null) o.addProperty("invocationId", a.invocationId());
        if (a.step() != null) o.addProperty("step", a.step());
        if (a.error() != null) o.add("error", error(a.error()));
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
        if (c.error() != null) co.add("error", error(c.error()));
        return co;
    }

    static JsonObject error(ChangeError err) {
        JsonObject e = new JsonObject();
        e.addProperty("code", err.code());
        e.addProperty("message", err.message());
        if (err.requestId() != null) e.addProperty("requestId", err.requestId());
        if (err.hostId() != null) e.addProperty("hostId", err.hostId());
        if (err.recommend() != null) e.addProperty("recommend", err.recommend());
        return e;
    }

    public static String pretty(Report r) {
        return text(toJson(r), "  ");
    }

    public static String compact(JsonObject o) {
        return text(o, "");
    }

    /** As {@code new GsonBuilder().disableHtmlEscaping()[.setPrettyPrinting()].create().toJson(e)}. */
    static String text(JsonElement e, String indent) {
        StringWriter out = new StringWriter();
        JsonWriter w = new JsonWriter(out);
        w.setIndent(indent);
        w.setHtmlSafe(false);
        w.setSerializeNulls(false);
        w.setStrictness(com.google.gson.Strictness.LENIENT);
        try {
            write(w, e);
            w.flush();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString();
    }

    private static void write(JsonWriter w, JsonElement e) throws IOException {
        if (e == null || e.isJsonNull()) {
            w.nullValue();
        } else if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isNumber()) w.value(p.getAsNumber());
            else if (p.isBoolean()) w.value(p.getAsBoolean());
            else w.value(p.getAsString());
        } else if (e.isJsonArray()) {
            w.beginArray();
            for (JsonElement x : e.getAsJsonArray()) write(w, x);
            w.endArray();
        } else {
            w.beginObject();
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                w.name(m.getKey());
                write(w, m.getValue());
            }
            w.endObject();
        }
    }
}
