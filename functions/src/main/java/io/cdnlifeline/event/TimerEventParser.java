package io.cdnlifeline.event;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The FC timer trigger's event: {@code {"triggerTime": "...", "triggerName": "...", "payload": "..."}}.
 * The payload is the Request JSON as a string (template.yml writes it), or empty for the function's
 * default. Every function accepts a timer. Fields FC may add later are ignored; the payload is not.
 * Source: {@code timer:<triggerName>}.
 */
final class TimerEventParser {
    private TimerEventParser() {
    }

    static boolean matches(JsonObject event) {
        return event.has("triggerTime") && event.has("triggerName");
    }

    static Request parse(JsonObject event) {
        String name = JsonFields.string(event, "triggerName", "the timer event");
        JsonFields.string(event, "triggerTime", "the timer event");
        JsonElement payload = event.get("payload");
        String text;
        if (payload == null || payload.isJsonNull()) {
            text = "";
        } else if (payload.isJsonPrimitive() && payload.getAsJsonPrimitive().isString()) {
            text = payload.getAsString();
        } else {
            throw new BadInputException("the timer event's payload must be a string holding the Request JSON; got " + RequestParser.kind(payload));
        }
        Request request;
        try {
            request = RequestParser.parse(text);
        } catch (BadInputException e) {
            throw new BadInputException("the payload of timer trigger '" + JsonFields.text(name) + "' is not a valid Request: " + e.getMessage(), e);
        }
        return request.toBuilder().source("timer:" + JsonFields.text(name)).build();
    }
}
