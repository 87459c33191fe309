package io.cdnlifeline.report;

import com.google.gson.JsonObject;

import java.util.function.Consumer;

/**
 * The audit trail: one JSON line per change, written to the function's log (FC ships it to Log
 * Service). The sink is the FC logger inside FC and stderr on the command line.
 */
public final class AuditLog {
    private final Consumer<String> sink;
    private final String function;
    private final String requestId;

    public AuditLog(Consumer<String> sink, String function, String requestId) {
        this.sink = sink;
        this.function = function;
        this.requestId = requestId;
    }

    public void record(Change c, String requestSource) {
        JsonObject line = ReportJson.change(c);
        line.addProperty("audit", "lifeline");
        line.addProperty("function", function);
        if (requestId != null) line.addProperty("requestId", requestId);
        if (requestSource != null) line.addProperty("source", requestSource);
        sink.accept(ReportJson.compact(line));
    }

    public void info(String message) {
        JsonObject line = new JsonObject();
        line.addProperty("audit", "lifeline");
        line.addProperty("function", function);
        if (requestId != null) line.addProperty("requestId", requestId);
        line.addProperty("message", message);
        sink.accept(ReportJson.compact(line));
    }
}
