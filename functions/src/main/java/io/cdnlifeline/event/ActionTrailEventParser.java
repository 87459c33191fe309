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
