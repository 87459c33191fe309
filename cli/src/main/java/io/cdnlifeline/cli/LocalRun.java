package io.cdnlifeline.cli;

import com.google.gson.JsonObject;

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
}
