package io.cdnlifeline.event;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.Product;

import java.util.ArrayList;
import java.util.List;

/**
 * The FC CDN trigger's event ({@code cdn_events} trigger, event version 1.0.0):
 * {@code {"events": [{"eventName": "CdnDomainStopped", "eventSource": "cdn", "eventParameter": {"domain": ..., "status": ...},
 * "resource": {"domain": ...}, ...}]}}. Only the domain lifecycle events are read; every record of one
 * invocation must carry the same eventName.
 * <p>Mapping: {@code CdnDomainStopped} sends {@code dns-to-origin} the domains with {@code when: [offline]};
 * {@code CdnDomainStarted} sends {@code dns-to-cdn} the domains with its default conditions; {@code inspect}
 * takes either. The CDN trigger is CDN only. Source: {@code cdn-trigger:<eventName>}.
 */
final class CdnTriggerEventParser {
    static final String STOPPED = "CdnDomainStopped";
    static final String STARTED = "CdnDomainStarted";
    /** More records than any one CDN trigger invocation carries; a larger array is not a CDN event. */
    private static final int MAX_RECORDS = 1_000;

    private CdnTriggerEventParser() {
    }

    static boolean matches(JsonObject event) {
        return event.has("events");
    }

    static Request parse(JsonObject event, String function) {
        JsonArray records = RequestParser.array(event.get("events"), "the CDN event's events", "CDN event records");
        if (records.size() == 0 || records.size() > MAX_RECORDS) {
            throw new BadInputException("the CDN event has " + records.size() + " records; expected 1 to " + MAX_RECORDS);
        }
        String eventName = null;
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String where = "events[" + i + "]";
            JsonElement r = records.get(i);
            if (!r.isJsonObject()) {
                throw new BadInputException(where + " must be a JSON object (a CDN event record); got " + RequestParser.kind(r));
            }
            JsonObject record = r.getAsJsonObject();
            String source = JsonFields.string(record, "eventSource", where);
            if (!source.equals("cdn")) {
                throw new BadInputException(where + ".eventSource is '" + JsonFields.text(source) + "'; expected cdn");
            }
            String name = JsonFields.string(record, "eventName", where);
            if (!name.equals(STOPPED) && !name.equals(STARTED)) {
                throw new BadInputException(where + ".eventName is '" + JsonFields.text(name) + "'; expected " + STOPPED + " or " + STARTED);
            }
            if (eventName != null && !eventName.equals(name)) {
                throw new BadInputException(where + ".eventName is " + name + " but events[0] is " + eventName + "; expected one kind of event per invocation");
            }
            eventName = name;
            domains.add(domain(record, where));
        }
        String kind = eventName;
        boolean stopped = kind.equals(STOPPED);
        String reason = "CDN trigger event " + kind;
        String source = "cdn-trigger:" + kind;
        return new EventRoutes("the CDN trigger event " + kind)
                .route(stopped ? "dns-to-origin" : "dns-to-cdn", () -> {
                    Request.Builder b = Request.builder().domains(domains).product(Product.CDN).reason(reason).source(source);
                    if (stopped) b.when(Condition.OFFLINE);
                    return b.build();
                })
                .route("inspect", () -> Request.builder().domains(domains).product(Product.CDN).reason(reason).source(source).build())
                .requestFor(function);
    }

    /** {@code eventParameter.domain}, else {@code resource.domain}. */
    private static String domain(JsonObject record, String where) {
        for (String key : new String[]{"eventParameter", "resource"}) {
            JsonElement o = record.get(key);
            if (o != null && o.isJsonObject() && o.getAsJsonObject().has("domain")) {
                return JsonFields.string(o.getAsJsonObject(), "domain", where + "." + key);
            }
        }
        throw new BadInputException(where + " names no domain; expected eventParameter.domain or resource.domain");
    }
}
