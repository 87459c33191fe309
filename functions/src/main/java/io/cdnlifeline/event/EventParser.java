package io.cdnlifeline.event;

/**
 * Turns trigger bytes into a Request: FC timer events, EventBridge CloudEvents (ActionTrail, lifeline
 * notifications), the FC CDN trigger, or a plain Request JSON. First version: timer and plain Request;
 * the other shapes land with issue 6.
 */
public final class EventParser {
    private EventParser() {
    }

    public static Request parse(String text, String function) {
        if (text == null || text.isBlank()) return Request.builder().source("manual").build();
        com.google.gson.JsonElement e = RequestParser.parseJson(text);
        if (e.isJsonObject() && e.getAsJsonObject().has("triggerTime") && e.getAsJsonObject().has("triggerName")) {
            com.google.gson.JsonElement payload = e.getAsJsonObject().get("payload");
            String p = payload == null || payload.isJsonNull() ? "" : payload.getAsString();
            return RequestParser.parse(p).toBuilder().source("timer").build();
        }
        return RequestParser.fromJson(e, "request");
    }
}
