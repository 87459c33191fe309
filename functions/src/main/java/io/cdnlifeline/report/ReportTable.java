package io.cdnlifeline.report;

import com.google.gson.JsonObject;

/**
 * A Report as aligned plain text, for {@code lifeline invoke --output table}: one line per change, then
 * the skipped domains, the refusal and notes, and the summary. The JSON form stays the complete record.
 */
public final class ReportTable {
    private ReportTable() {
    }

    public static String render(Report r) {
        StringBuilder b = new StringBuilder();
        b.append(r.function()).append(r.dryRun() ? " (dry run)" : "")
                .append(r.requestId() == null ? "" : "  request " + r.requestId()).append("  ").append(r.durationMs()).append(" ms\n");
        if (r.refused() != null) b.append("REFUSED: ").append(r.refused()).append('\n');
        TextTable changes = new TextTable("DOMAIN", "PRODUCT", "ACTION", "RESOURCE", "STATUS", "DETAIL");
        for (Change c : r.changes()) {
            changes.row(c.domain(), c.product(), c.action(), c.resource(), c.status().id(), detail(c));
        }
        b.append('\n').append(changes.isEmpty() ? "no changes\n" : changes.render());
        appendSkippedAndNotes(b, r);
        b.append('\n').append(summary(r)).append('\n');
        return b.toString();
    }

    static void appendSkippedAndNotes(StringBuilder b, Report r) {
        if (!r.skipped().isEmpty()) {
            TextTable skipped = new TextTable("SKIPPED", "PRODUCT", "WHY");
            for (Skip s : r.skipped()) skipped.row(s.domain(), s.product(), s.why());
            b.append('\n').append(skipped.render());
        }
        for (String n : r.notes()) b.append("note: ").append(n).append('\n');
    }

    static String summary(Report r) {
        return "applied " + r.count(ChangeStatus.APPLIED) + ", planned " + r.count(ChangeStatus.PLANNED)
                + ", unchanged " + r.count(ChangeStatus.UNCHANGED) + ", skipped " + r.skipped().size()
                + ", failed " + r.count(ChangeStatus.FAILED);
    }

    /** The error when it failed, else before -> after (compact JSON), plus the note. */
    static String detail(Change c) {
        StringBuilder d = new StringBuilder();
        if (c.error() != null) {
            d.append(c.error().code()).append(": ").append(c.error().message());
        } else if (c.before() != null || c.after() != null) {
            d.append(compact(c.before())).append(" -> ").append(compact(c.after()));
        }
        if (c.note() != null) d.append(d.length() > 0 ? " (" + c.note() + ")" : c.note());
        return d.toString();
    }

    private static String compact(JsonObject o) {
        return o == null ? "none" : ReportJson.compact(o);
    }
}
