package io.cdnlifeline.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of an {@code inspect} Report as aligned plain text, for {@code lifeline inspect --output table}:
 * one line per domain, a legend of the NEXT column, then read failures, skipped domains and notes. Cells are
 * never cut (markers must be read whole; the JSON output is the complete record), and the times the markers
 * carry as epoch milliseconds are shown as dates in the reader's time zone.
 */
public final class InspectTable {
    /** A run of 12 or 13 digits: epoch milliseconds from 2001 on, as the lifeline tags write times. */
    private static final Pattern EPOCH_MILLIS = Pattern.compile("(?<![0-9])([0-9]{12,13})(?![0-9])");
    private static final long YEAR_2001 = 978_307_200_000L;
    private static final long YEAR_2100 = 4_102_444_800_000L;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private InspectTable() {
    }

    /** With times in this machine's time zone. */
    public static String render(Report r) {
        return render(r, ZoneId.systemDefault());
    }

    public static String render(Report r, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        TextTable t = TextTable.whole("DOMAIN", "PRODUCT", "STATUS", "COVERAGE", "ICP", "DEBT", "DNS", "MARKERS", "NEXT", "ORIGIN");
        JsonArray rows = r.domains() == null ? new JsonArray() : r.domains();
        List<String> legend = new ArrayList<>();
        for (JsonElement e : rows) {
            JsonObject row = e.getAsJsonObject();
            t.row(text(row, "domain"), text(row, "product"), text(row, "status"), text(row, "coverage"), text(row, "icp"),
                    text(row, "debt"), dns(row), markers(row, zone), next(row), origin(row));
            legend.addAll(explained(row));
        }
        List<Change> failed = new ArrayList<>();
        for (Change c : r.changes()) if (c.status() == ChangeStatus.FAILED) failed.add(c);
        // With reads failed, an empty table says nothing of the scope: the domains could not be listed.
        b.append(!t.isEmpty() ? t.render() : failed.isEmpty() ? "no domains in scope\n" : "no domains could be read\n");
        if (!t.isEmpty()) {
            b.append('\n').append("NEXT: what the functions' timers would do on their next run; none: nothing.\n");
            if (!legend.isEmpty()) {
                b.append("?FUNCTION: that function cannot tell yet, and does nothing until it can:\n");
                for (String l : legend) b.append("  ").append(l).append('\n');
            }
        }
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

    private static String markers(JsonObject row, ZoneId zone) {
        List<String> out = new ArrayList<>();
        JsonArray ms = row.getAsJsonArray("markers");
        if (ms != null) {
            for (JsonElement e : ms) {
                JsonObject m = e.getAsJsonObject();
                String kind = text(m, "kind");
                if (kind.equals("tag")) out.add(text(m, "key") + "=" + dates(text(m, "value"), zone));
                else if (kind.equals("dns-remark")) out.add("record " + text(m, "recordId") + ": " + text(m, "remark"));
                else out.add("? " + kind);
            }
        }
        return String.join(", ", out);
    }

    /** Epoch milliseconds within a tag value, as a date and time in {@code zone}; other text as it is. */
    static String dates(String value, ZoneId zone) {
        Matcher m = EPOCH_MILLIS.matcher(value);
        StringBuffer b = new StringBuffer();
        while (m.find()) {
            long millis = Long.parseLong(m.group(1));
            String shown = millis >= YEAR_2001 && millis < YEAR_2100
                    ? DATE.format(Instant.ofEpochMilli(millis).atZone(zone)) : m.group(1);
            m.appendReplacement(b, Matcher.quoteReplacement(shown));
        }
        m.appendTail(b);
        return b.toString();
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
        String settled = "";
        JsonArray done = row.getAsJsonArray("settled");
        if (done != null) {
            List<String> names = new ArrayList<>();
            for (JsonElement e : done) names.add(text(e.getAsJsonObject(), "function"));
            settled = " (" + String.join(", ", names) + " done)";
        }
        return (out.isEmpty() ? "none" : String.join(", ", out)) + settled;
    }

    /** The legend lines of a row: why each {@code ?} function cannot tell. */
    private static List<String> explained(JsonObject row) {
        List<String> out = new ArrayList<>();
        JsonArray undecided = row.getAsJsonArray("undecided");
        if (undecided == null) return out;
        for (JsonElement e : undecided) {
            JsonObject u = e.getAsJsonObject();
            out.add(text(row, "domain") + " ?" + text(u, "function") + ": " + text(u, "why"));
        }
        return out;
    }
}
