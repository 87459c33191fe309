package io.cdnlifeline.event;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Turns trigger bytes into the Request for one function, by shape:
 * <ul>
 *   <li>FC timer event ({@code triggerTime}, {@code triggerName}, {@code payload}): {@link TimerEventParser};</li>
 *   <li>EventBridge CloudEvent ({@code specversion}, {@code type}): ActionTrail events of CDN/DCDN
 *       ({@link ActionTrailEventParser}) or lifeline notifications ({@link NotificationEventParser});</li>
 *   <li>FC CDN trigger event ({@code events[]}): {@link CdnTriggerEventParser};</li>
 *   <li>a plain Request JSON (manual invocation, the CLI): {@link RequestParser}; empty input is the default Request.</li>
 * </ul>
 * Each event kind is meant for some functions only (see each parser); anything else is a
 * {@link BadInputException} that names what was expected, and changes nothing.
 */
public final class EventParser {
    static final String SHAPES = "a Request JSON (domains, when, products, dryRun, maxChanges, reason), an FC timer event, "
            + "an EventBridge CloudEvent (cdn:/dcdn:ActionTrail:* or lifeline:Notification:*) or an FC CDN event (events[])";

    private EventParser() {
    }

    /**
     * @param text     the invocation's input, UTF-8 decoded
     * @param function the function being invoked (e.g. {@code dns-to-origin}): decides what an event means
     */
    public static Request parse(String text, String function) {
        if (text == null || text.isBlank()) return Request.builder().source("manual").build();
        JsonElement e = RequestParser.parseJson(text);
        if (e.isJsonArray()) e = single(e.getAsJsonArray());
        if (!e.isJsonObject()) {
            throw new BadInputException("the input is " + RequestParser.kind(e) + "; expected " + SHAPES);
        }
        JsonObject o = e.getAsJsonObject();
        if (TimerEventParser.matches(o)) return TimerEventParser.parse(o);
        if (o.has("specversion")) return cloudEvent(o, function);
        if (CdnTriggerEventParser.matches(o)) return CdnTriggerEventParser.parse(o, function);
        for (String key : o.keySet()) {
            if (!RequestParser.KEYS.contains(key)) {
                throw new BadInputException("the input has the field '" + JsonFields.text(key) + "', which no event cdn-lifeline reads has; expected " + SHAPES);
            }
        }
        Request r = RequestParser.fromJson(o, "request");
        return r.toBuilder().source(r.continuation() == null ? "manual" : "continuation").build();
    }

    private static Request cloudEvent(JsonObject o, String function) {
        String type = JsonFields.string(o, "type", "the CloudEvent");
        if (ActionTrailEventParser.matches(type)) return ActionTrailEventParser.parse(o, type, function);
        if (NotificationEventParser.matches(type)) return NotificationEventParser.parse(o, type, function);
        throw new BadInputException("the CloudEvent type '" + JsonFields.text(type) + "' is not one cdn-lifeline reads; expected "
                + "cdn:ActionTrail:*, dcdn:ActionTrail:* or lifeline:Notification:*");
    }

    /** EventBridge may deliver a batch as a JSON array; a lifeline trigger delivers one event at a time. */
    private static JsonElement single(JsonArray batch) {
        if (batch.size() != 1) {
            throw new BadInputException("the input is an array of " + batch.size() + " elements; expected one event "
                    + "(configure the EventBridge trigger to deliver one event per invocation)");
        }
        return batch.get(0);
    }
}
