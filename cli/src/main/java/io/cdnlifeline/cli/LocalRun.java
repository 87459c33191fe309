package io.cdnlifeline.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.List;

/** One local invocation of a handler: the Report it wrote (text and parsed) and the exit status it means. */
final class LocalRun {
    private final String reportText;
    private final JsonObject report;

    LocalRun(String reportText, JsonObject report) {
        this.reportText = reportText;
        this.report = report;
    }

    /** The Report exactly as the handler wrote it. */
    String reportText() {
        return reportText;
    }

    JsonObject report() {
        return report.deepCopy();
    }

    int exitStatus() {
        return ExitStatus.of(report);
    }

    /**
     * The Reports of a run's rounds (a run that reached its time limit and went on) as one: the changes, skips and
     * notes of every round, the summaries and durations added up, {@code rounds} set; the last round's
     * {@code continued} (none) and {@code requestId} stand. One round is returned as it is.
     */
    static LocalRun merge(List<LocalRun> rounds) {
        if (rounds.size() == 1) return rounds.get(0);
        JsonObject merged = rounds.get(0).report();
        merged.remove("continued");
        JsonArray notes = merged.has("notes") ? merged.getAsJsonArray("notes") : new JsonArray();
        for (LocalRun r : rounds.subList(1, rounds.size())) {
            JsonObject o = r.report;
            merged.getAsJsonArray("changes").addAll(o.getAsJsonArray("changes"));
            merged.getAsJsonArray("skipped").addAll(o.getAsJsonArray("skipped"));
            if (o.has("notes")) for (JsonElement n : o.getAsJsonArray("notes")) if (!notes.contains(n)) notes.add(n);
            if (o.has("refused") && !merged.has("refused")) merged.add("refused", o.get("refused"));
            if (o.has("requestId")) merged.add("requestId", o.get("requestId"));
            merged.addProperty("durationMs", merged.get("durationMs").getAsLong() + o.get("durationMs").getAsLong());
            JsonObject sum = merged.getAsJsonObject("summary");
            for (String k : o.getAsJsonObject("summary").keySet()) {
                long before = sum.has(k) ? sum.get(k).getAsLong() : 0;
                sum.addProperty(k, before + o.getAsJsonObject("summary").get(k).getAsLong());
            }
        }
        if (notes.size() > 0) merged.add("notes", notes);
        merged.addProperty("rounds", rounds.size());
        String text = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(merged);
        return new LocalRun(text, merged);
    }
}
