package io.cdnlifeline.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of an {@code inspect} Report as aligned plain text, for {@code lifeline inspect --output table}:
 * one line per domain, then read failures, skipped domains and notes. Remedies that cannot tell (a
 * condition could not be read) are shown with a leading {@code ?}.
 */
public final class InspectTable {
    private InspectTable() {
    }

    public static String render(Report r) {
        StringBuilder b = new StringBuilder();
        TextTable t = new TextTable("DOMAIN", "PRODUCT", "STATUS", "COVERAGE", "ICP", "DEBT", "DNS", "MARKERS", "NEXT", "ORIGIN");
        JsonArray rows = r.domains() == null ? new JsonArray() : r.domains();
        for (JsonElement e : rows) {
            JsonObject row = e.getAsJsonObject();
            t.row(text(row, "domain"), text(row, "product"), text(row, "status"), text(row, "coverage"), text(row, "icp"),
                    text(row, "debt"), dns(row), markers(row), next(row), origin(row));
        }
        b.append(t.isEmpty() ? "no domains in scope\n" : t.render());
        List<Change> failed = new ArrayList<>();
        for (Change c : r.changes()) if (c.status() == ChangeStatus.FAILED) failed.add(c);
        if (!failed.isEmpty()) {
            TextTable f = new TextTable("COULD NOT READ", "ERROR");
            for (Change c : failed) f.row(c.resource(), ReportTable.detail(c));
            b.append('\n').append(f.render());
        }
        ReportTable.appendSkippedAndNotes(b, r);
        return b.toString();
    }

    private static String text(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v == null || v.isJsonNull() ? "" : v.getAsString();
    }

    private static String dns(JsonObject row) {
        JsonObject dns = row.getAsJsonObject("dns");
        if (dns == null) return "";
        String where = dns.has("rr") ? text(dns, "rr") + "." + text(dns, "zone") + " " : "";
        return where + text(dns, "points");
    }

    private static String markers(JsonObject row) {
        List<String> out = new ArrayList<>();
        JsonArray ms = row.getAsJsonArray("markers");
        if (ms != null) {
            for (JsonElement e : ms) {
                JsonObject m = e.getAsJsonObject();
                String kind = text(m, "kind");
                if (kind.equals("tag")) out.add(text(m, "key") + "=" + text(m, "value"));
                else if (kind.equals("dns-remark")) out.add("record " + text(m, "recordId") + ": " + text(m, "remark"));
                else out.add("? " + kind);
            }
        }
        return String.join(", ", out);
    }

    /** ready, or not-ready: why (what dns-to-origin would find). */
    private static String origin(JsonObject row) {
        JsonObject o = row.getAsJsonObject("origin");
        if (o == null) return "";
        return text(o, "origin") + (o.has("why") ? ": " + text(o, "why") : "");
    }

    private static String next(JsonObject row) {
        List<String> out = new ArrayList<>();
        JsonArray next = row.getAsJsonArray("next");
        if (next != null) for (JsonElement e : next) out.add(e.getAsString());
        JsonArray undecided = row.getAsJsonArray("undecided");
        if (undecided != null) for (JsonElement e : undecided) out.add("?" + text(e.getAsJsonObject(), "function"));
        return out.isEmpty() ? "none" : String.join(", ", out);
    }
}
