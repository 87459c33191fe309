package io.cdnlifeline.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.report.InspectTable;
import io.cdnlifeline.report.TextTable;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints a Report on stdout: the JSON untouched, or a table for a person, drawn from the Report JSON the
 * handler wrote (what FC would return). An {@code inspect} Report is drawn by the project's
 * {@link InspectTable}; the others here, in an {@link TextTable#uncut} table, because an update must show its
 * before and after values in full and the Report's own table cuts long cells.
 */
final class ReportPrinter {
    private ReportPrinter() {
    }

    static void print(LocalRun run, OutputFormat format, PrintWriter out) {
        JsonObject report = run.report();
        if (format == OutputFormat.json) {
            out.println(run.reportText().strip());
        } else if (report.has("domains")) {
            out.print(InspectTable.render(ReportReader.read(report)));
        } else {
            table(report, out);
        }
        out.flush();
    }

    static void table(JsonObject r, PrintWriter out) {
        out.println(text(r, "function") + "  request " + text(r, "requestId") + "  "
                + (r.has("dryRun") && r.get("dryRun").getAsBoolean() ? "dry run  " : "") + text(r, "durationMs") + " ms");
        if (r.has("refused")) out.println("REFUSED: " + text(r, "refused"));
        JsonArray changes = array(r, "changes");
        if (changes.size() > 0) {
            out.println();
            TextTable t = TextTable.uncut(List.of("STATUS", "ACTION", "DOMAIN", "RESOURCE", "BEFORE", "AFTER", "DETAIL"));
            for (JsonElement e : changes) {
                JsonObject c = e.getAsJsonObject();
                String detail = c.has("error") ? text(c.getAsJsonObject("error"), "code") + ": " + text(c.getAsJsonObject("error"), "message") : "";
                if (c.has("note")) detail = detail.isEmpty() ? text(c, "note") : detail + " (" + text(c, "note") + ")";
                String[] beforeAfter = beforeAfter(c.get("before"), c.get("after"));
                t.row(List.of(text(c, "status"), text(c, "action"), text(c, "domain"), text(c, "resource"),
                        beforeAfter[0], beforeAfter[1], detail));
            }
            print(t, out);
        }
        JsonArray skipped = array(r, "skipped");
        if (skipped.size() > 0) {
            out.println();
            TextTable t = TextTable.uncut(List.of("SKIPPED", "PRODUCT", "WHY"));
            for (JsonElement e : skipped) {
                JsonObject s = e.getAsJsonObject();
                t.row(List.of(text(s, "domain"), text(s, "product"), text(s, "why")));
            }
            print(t, out);
        }
        for (JsonElement n : array(r, "notes")) out.println("note: " + n.getAsString());
        JsonObject summary = r.has("summary") ? r.getAsJsonObject("summary") : new JsonObject();
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, JsonElement> e : summary.entrySet()) {
            if (b.length() > 0) b.append(", ");
            b.append(e.getValue().getAsString()).append(' ').append(e.getKey());
        }
        out.println();
        out.println("summary: " + (b.length() == 0 ? "nothing" : b));
    }

    private static void print(TextTable t, PrintWriter out) {
        for (String line : t.lines()) out.println(line);
    }

    /**
     * An update shows only the fields it changes (the record id, TTL and line stay, so they would only hide
     * what matters); a create or delete shows the whole resource; an update that changed nothing shows it once.
     */
    static String[] beforeAfter(JsonElement before, JsonElement after) {
        if (before == null || after == null || !before.isJsonObject() || !after.isJsonObject()) {
            return new String[] {cell(before), cell(after)};
        }
        JsonObject b = before.getAsJsonObject();
        JsonObject a = after.getAsJsonObject();
        if (b.equals(a)) return new String[] {cell(b), "(same)"};
        JsonObject bs = new JsonObject();
        JsonObject as = new JsonObject();
        Set<String> keys = new LinkedHashSet<>(b.keySet());
        keys.addAll(a.keySet());
        for (String k : keys) {
            JsonElement bv = b.get(k);
            JsonElement av = a.get(k);
            if (bv != null && bv.equals(av)) continue;
            if (bv != null) bs.add(k, bv);
            if (av != null) as.add(k, av);
        }
        return new String[] {cell(bs), cell(as)};
    }

    /** One value in one cell: objects as {@code key=value} pairs, arrays comma-separated, null as empty. */
    static String cell(JsonElement v) {
        if (v == null || v.isJsonNull()) return "";
        if (v.isJsonPrimitive()) return v.getAsString();
        if (v.isJsonArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonElement e : v.getAsJsonArray()) parts.add(cell(e));
            return String.join(",", parts);
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
            String inner = cell(e.getValue());
            parts.add(e.getKey() + "=" + (e.getValue().isJsonObject() ? "{" + inner + "}" : inner));
        }
        return String.join(" ", parts);
    }

    private static String text(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v == null || v.isJsonNull() ? "" : cell(v);
    }

    private static JsonArray array(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v != null && v.isJsonArray() ? v.getAsJsonArray() : new JsonArray();
    }
}
