package io.cdnlifeline.event;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.Product;

import java.util.ArrayList;
import java.util.List;

/**
 * EventBridge CloudEvents that ActionTrail publishes for CDN and DCDN ({@code type}
 * {@code cdn:ActionTrail:ApiCall}, {@code ...:ConsoleOperation}, {@code ...:AliyunServiceEvent}, and
 * the same with {@code dcdn:}), for the operations that stop or start accelerated domains. The
 * operation is {@code data.eventName}, the domains {@code data.requestParameters.DomainName}, or
 * {@code DomainNames} (comma-separated) for the batch operations.
 * <p>Mapping: a stop sends {@code dns-to-origin} those domains with {@code when: [offline]} (it acts only
 * once the domain really is offline, so a failed stop call changes nothing); a start sends
 * {@code dns-to-cdn} those domains with its default conditions; {@code inspect} takes either.
 * Source: {@code actiontrail:<eventName>}.
 * <p>An {@code AliyunServiceEvent} whose {@code eventType} is {@code ALIYUN_INITIATED_SERVICE} or
 * {@code ALIYUN_INITIATED_PENALTY} is an action Alibaba Cloud took itself: it goes to {@code dns-to-origin} whatever
 * its name (see {@link #platformInitiated}).
 */
final class ActionTrailEventParser {
    private static final String[] KINDS = {"ApiCall", "ConsoleOperation", "AliyunServiceEvent"};

    /** The ActionTrail operations that change whether a domain is accelerated. */
    enum Operation {
        STOP_CDN("StopCdnDomain", Product.CDN, true, false),
        BATCH_STOP_CDN("BatchStopCdnDomain", Product.CDN, true, true),
        STOP_DCDN("StopDcdnDomain", Product.DCDN, true, false),
        BATCH_STOP_DCDN("BatchStopDcdnDomain", Product.DCDN, true, true),
        START_CDN("StartCdnDomain", Product.CDN, false, false),
        BATCH_START_CDN("BatchStartCdnDomain", Product.CDN, false, true),
        START_DCDN("StartDcdnDomain", Product.DCDN, false, false),
        BATCH_START_DCDN("BatchStartDcdnDomain", Product.DCDN, false, true);

        final String eventName;
        final Product product;
        final boolean stops;
        final boolean batch;

        Operation(String eventName, Product product, boolean stops, boolean batch) {
            this.eventName = eventName;
            this.product = product;
            this.stops = stops;
            this.batch = batch;
        }

        static Operation of(String eventName) {
            for (Operation o : values()) {
                if (o.eventName.equals(eventName)) return o;
            }
            return null;
        }

        static String all() {
            StringBuilder b = new StringBuilder();
            for (Operation o : values()) {
                if (b.length() > 0) b.append(", ");
                b.append(o.eventName);
            }
            return b.toString();
        }
    }

    private ActionTrailEventParser() {
    }

    /** True for a CloudEvent type of the form {@code cdn:ActionTrail:*} or {@code dcdn:ActionTrail:*}. */
    static boolean matches(String type) {
        return type.startsWith("cdn:ActionTrail:") || type.startsWith("dcdn:ActionTrail:");
    }

    static Request parse(JsonObject cloudEvent, String type, String function) {
        String kind = type.substring(type.lastIndexOf(':') + 1);
        if (!known(kind)) {
            throw new BadInputException("the CloudEvent type '" + JsonFields.text(type) + "' is not an ActionTrail event cdn-lifeline reads; "
                    + "expected <cdn|dcdn>:ActionTrail:ApiCall, ConsoleOperation or AliyunServiceEvent");
        }
        JsonObject data = JsonFields.object(cloudEvent, "data", "the ActionTrail CloudEvent");
        String platformEventType = platformEventType(data);
        if (kind.equals("AliyunServiceEvent") && platformEventType != null) {
            return platformInitiated(cloudEvent, data, type, platformEventType, function);
        }
        String eventName = JsonFields.string(data, "eventName", "data");
        Operation op = Operation.of(eventName);
        if (op == null) {
            throw new BadInputException("data.eventName is '" + JsonFields.text(eventName) + "'; expected one of " + Operation.all());
        }
        String typeProduct = type.substring(0, type.indexOf(':'));
        if (!typeProduct.equals(op.product.id())) {
            throw new BadInputException("the CloudEvent type '" + JsonFields.text(type) + "' does not match data.eventName " + eventName
                    + "; expected a " + op.product.id() + ":ActionTrail:* event");
        }
        JsonObject params = JsonFields.object(data, "requestParameters", "data");
        List<String> domains = op.batch ? domainList(params) : List.of(JsonFields.string(params, "DomainName", "data.requestParameters"));
        String reason = eventName + " (" + kind + ") by " + caller(data)
                + at(JsonFields.optionalString(data, "eventTime", "data"));
        String source = "actiontrail:" + eventName;

        return new EventRoutes("the ActionTrail event " + eventName)
                .route(op.stops ? "dns-to-origin" : "dns-to-cdn", () -> {
                    Request.Builder b = Request.builder().domains(domains).product(op.product).reason(reason).source(source);
                    if (op.stops) b.when(Condition.OFFLINE);
                    return b.build();
                })
                .route("inspect", () -> Request.builder().domains(domains).product(op.product).reason(reason).source(source).build())
                .requestFor(function);
    }

    /** The Alibaba Cloud-initiated event types that can take a domain's acceleration away. */
    private static final List<String> PLATFORM_TYPES = List.of("ALIYUN_INITIATED_SERVICE", "ALIYUN_INITIATED_PENALTY");

    /** {@code data.eventType} (or the inner-ActionTrail spelling {@code EventType}) when it is an ALIYUN_INITIATED_* value, else null. */
    private static String platformEventType(JsonObject data) {
        for (String key : new String[]{"eventType", "EventType"}) {
            JsonElement v = data.get(key);
            if (v != null && v.isJsonPrimitive() && v.getAsString().startsWith("ALIYUN_INITIATED_")) return v.getAsString();
        }
        return null;
    }

    /**
     * An action Alibaba Cloud took itself on CDN or DCDN domains ({@code ALIYUN_INITIATED_SERVICE}: operations and
     * maintenance; {@code ALIYUN_INITIATED_PENALTY}: rules and regulations). Whatever its name, it may have taken
     * acceleration away: {@code dns-to-origin} gets the domains with {@code when: [offline]}, so it acts only on the
     * ones that really are offline now. Domains come from {@code referencedResources} ({@code ACS::CDN::Domain} /
     * {@code ACS::DCDN::Domain}), else {@code requestParameters.DomainName(s)}, else {@code ResourceID}, else the
     * CloudEvent's {@code subject} ({@code acs:cdn:...:domain/NAME}). Source: {@code actiontrail:<EVENT_TYPE>}.
     */
    private static Request platformInitiated(JsonObject cloudEvent, JsonObject data, String type, String eventType, String function) {
        if (!PLATFORM_TYPES.contains(eventType)) {
            throw new BadInputException("data.eventType is '" + JsonFields.text(eventType) + "'; an Alibaba Cloud-initiated event "
                    + "cdn-lifeline acts on is one of " + String.join(", ", PLATFORM_TYPES));
        }
        Product product = type.startsWith("dcdn:") ? Product.DCDN : Product.CDN;
        List<String> domains = platformDomains(cloudEvent, data, product);
        String name = firstText(data, "eventName", "EventName");
        String reason = "Alibaba Cloud " + (eventType.endsWith("PENALTY") ? "penalty" : "service operation")
                + (name == null ? "" : " " + JsonFields.text(name)) + " (" + eventType + ")"
                + at(firstText(data, "eventTime", "EventTime"));
        String source = "actiontrail:" + eventType;
        return new EventRoutes("the Alibaba Cloud-initiated event " + eventType)
                .route("dns-to-origin", () -> Request.builder().domains(domains).product(product).when(Condition.OFFLINE)
                        .reason(reason).source(source).build())
                .route("inspect", () -> Request.builder().domains(domains).product(product).reason(reason).source(source).build())
                .requestFor(function);
    }

    private static List<String> platformDomains(JsonObject cloudEvent, JsonObject data, Product product) {
        JsonElement refs = data.get("referencedResources");
        if (refs != null && refs.isJsonObject()) {
            String key = product == Product.CDN ? "ACS::CDN::Domain" : "ACS::DCDN::Domain";
            if (refs.getAsJsonObject().has(key)) {
                List<String> out = JsonFields.optionalStrings(refs.getAsJsonObject(), key, "data.referencedResources", "domain names");
                if (!out.isEmpty()) return out;
            }
        }
        JsonElement params = data.get("requestParameters");
        if (params != null && params.isJsonObject()) {
            JsonObject p = params.getAsJsonObject();
            if (p.has("DomainNames")) return domainList(p);
            if (p.has("DomainName")) return List.of(JsonFields.string(p, "DomainName", "data.requestParameters"));
        }
        String resource = firstText(data, "resourceId", "ResourceID");
        if (resource != null && !resource.isBlank()) {
            List<String> out = new ArrayList<>();
            for (String d : resource.split(",")) if (!d.isBlank()) out.add(d.trim());
            return out;
        }
        JsonElement subject = cloudEvent.get("subject");
        if (subject != null && subject.isJsonPrimitive() && subject.getAsString().contains(":domain/")) {
            String s = subject.getAsString();
            return List.of(s.substring(s.lastIndexOf(":domain/") + ":domain/".length()));
        }
        throw new BadInputException("the Alibaba Cloud-initiated event names no domain; expected data.referencedResources."
                + (product == Product.CDN ? "ACS::CDN::Domain" : "ACS::DCDN::Domain")
                + ", data.requestParameters.DomainName(s), data.ResourceID or a subject acs:" + product.id() + ":...:domain/NAME");
    }

    private static String firstText(JsonObject data, String... keys) {
        for (String key : keys) {
            JsonElement v = data.get(key);
            if (v != null && v.isJsonPrimitive() && !v.getAsString().isBlank()) return v.getAsString();
        }
        return null;
    }

    /** {@code DomainNames} of the batch operations: "a.example.com,b.example.com" (the API form), or a JSON array. */
    private static List<String> domainList(JsonObject params) {
        JsonElement v = params.get("DomainNames");
        List<String> out = new ArrayList<>();
        if (v != null && v.isJsonArray()) {
            out.addAll(JsonFields.optionalStrings(params, "DomainNames", "data.requestParameters", "domain names"));
        } else {
            for (String d : JsonFields.string(params, "DomainNames", "data.requestParameters").split(",")) {
                if (!d.isBlank()) out.add(d.trim());
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException("data.requestParameters.DomainNames names no domain; expected comma-separated domain names");
        }
        return out;
    }

    /** Who made the call, for the audit log: the user name, else the principal, else the identity type. */
    private static String caller(JsonObject data) {
        JsonElement u = data.get("userIdentity");
        if (u != null && u.isJsonObject()) {
            JsonObject id = u.getAsJsonObject();
            for (String key : new String[]{"userName", "principalId", "type"}) {
                JsonElement v = id.get(key);
                if (v != null && v.isJsonPrimitive() && !v.getAsString().isBlank()) return JsonFields.text(v.getAsString());
            }
        }
        return "an unknown caller";
    }

    private static String at(String time) {
        return time == null || time.isBlank() ? "" : " at " + JsonFields.text(time);
    }

    private static boolean known(String kind) {
        for (String k : KINDS) {
            if (k.equals(kind)) return true;
        }
        return false;
    }
}
