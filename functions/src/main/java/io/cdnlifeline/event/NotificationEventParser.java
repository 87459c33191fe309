package io.cdnlifeline.event;

import com.google.gson.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cdn-lifeline's own notification CloudEvents, which a billing alert, a filing check or a person
 * publishes to the lifeline event bus: {@code type} {@code lifeline:Notification:<Kind>} and
 * {@code data} {@code {"domains": [...], "reason": "..."}}, nothing else (our own shape, so unknown
 * fields are refused).
 * <table>
 *   <caption>Kind -> function and Request</caption>
 *   <tr><th>Kind</th><th>domains</th><th>function</th><th>when</th></tr>
 *   <tr><td>OverduePayment</td><td>optional (account-wide)</td><td>dns-to-origin</td><td>in-debt</td></tr>
 *   <tr><td>PaymentSettled</td><td>optional (account-wide)</td><td>dns-to-cdn</td><td>its default</td></tr>
 *   <tr><td>IcpInvalid</td><td>required</td><td>switch-to-overseas</td><td>icp-invalid</td></tr>
 *   <tr><td>IcpRestored</td><td>required</td><td>restore-coverage</td><td>its default</td></tr>
 *   <tr><td>DomainOffline</td><td>required</td><td>dns-to-origin</td><td>offline</td></tr>
 *   <tr><td>DomainOnline</td><td>required</td><td>dns-to-cdn</td><td>its default</td></tr>
 *   <tr><td>LowBalance</td><td>none</td><td>(none: it is for people and the operator's own rules)</td><td></td></tr>
 * </table>
 * The watch publishes every kind (CloudEvents {@code source} {@code cdn-lifeline/watch}); the Domain* kinds and
 * LowBalance come from it alone, the others also from billing alerts, filing checks or people.
 * {@code inspect} takes every kind (the domains, no conditions). The conditions are re-read from the
 * live account, so a wrong notification changes nothing, except the filing of a product without an ICP check
 * (DCDN, VOD, Live), which only the notification can state. Source: {@code notification:<Kind>}, and for the
 * filing kinds {@code notification:<Kind> from <the CloudEvent's source>}: who made the statement.
 */
final class NotificationEventParser {
    static final String TYPE_PREFIX = "lifeline:Notification:";
    private static final Set<String> DATA_KEYS = Set.of("domains", "reason");
    /** LowBalance says what the balance was: the amounts as QueryAccountBalance wrote them, and the threshold. */
    private static final Set<String> BALANCE_KEYS = Set.of("reason", "available", "credit", "currency", "threshold");

    /** What each kind does: the function, its condition (null: the function's default), whether domains are required. */
    private static final class Kind {
        final String function;
        final Condition when;
        final boolean needsDomains;

        Kind(String function, Condition when, boolean needsDomains) {
            this.function = function;
            this.when = when;
            this.needsDomains = needsDomains;
        }
    }

    private static final Map<String, Kind> KINDS = Map.of(
            "OverduePayment", new Kind("dns-to-origin", Condition.IN_DEBT, false),
            "PaymentSettled", new Kind("dns-to-cdn", null, false),
            "IcpInvalid", new Kind("switch-to-overseas", Condition.ICP_INVALID, true),
            "IcpRestored", new Kind("restore-coverage", null, true),
            "DomainOffline", new Kind("dns-to-origin", Condition.OFFLINE, true),
            "DomainOnline", new Kind("dns-to-cdn", null, true),
            "LowBalance", new Kind(null, null, false));

    private NotificationEventParser() {
    }

    static boolean matches(String type) {
        return type.startsWith(TYPE_PREFIX);
    }

    static Request parse(JsonObject cloudEvent, String type, String function) {
        String name = type.substring(TYPE_PREFIX.length());
        Kind kind = KINDS.get(name);
        if (kind == null) {
            throw new BadInputException("the CloudEvent type '" + JsonFields.text(type) + "' is not a lifeline notification; expected "
                    + TYPE_PREFIX + "OverduePayment, PaymentSettled, IcpInvalid, IcpRestored, DomainOffline, DomainOnline or LowBalance");
        }
        Set<String> allowed = kind.function == null ? BALANCE_KEYS : DATA_KEYS;
        JsonObject data = JsonFields.object(cloudEvent, "data", "the lifeline notification");
        for (String key : data.keySet()) {
            if (!allowed.contains(key)) {
                throw new BadInputException("data has an unknown field '" + JsonFields.text(key) + "'; expected "
                        + (kind.function == null ? "reason, available, credit, currency and threshold" : "domains and reason"));
            }
        }
        List<String> domains = kind.function == null ? List.of()
                : JsonFields.optionalStrings(data, "domains", "data", "domain names such as [\"www.example.com\"]");
        if (kind.needsDomains && domains.isEmpty()) {
            throw new BadInputException(type + " must name the domains it is about; expected data.domains such as [\"www.example.com\"]");
        }
        String given = JsonFields.optionalString(data, "reason", "data");
        String reason = "lifeline notification " + name + (given == null || given.isBlank() ? "" : ": " + JsonFields.reason(given));
        // A filing notification is a statement the cloud cannot make for DCDN, VOD and Live (no ICP check): the Request
        // says who made it, the CloudEvents source, e.g. "notification:IcpInvalid from filing-check".
        String statedBy = cloudEvent.has("source") && cloudEvent.get("source").isJsonPrimitive()
                ? JsonFields.reason(cloudEvent.get("source").getAsString()) : null;
        String source = "notification:" + name + (name.startsWith("Icp") && statedBy != null && !statedBy.isBlank() ? " from " + statedBy : "");
        EventRoutes routes = new EventRoutes("the lifeline notification " + name);
        if (kind.function != null) {
            routes.route(kind.function, () -> {
                Request.Builder b = Request.builder().domains(domains).reason(reason).source(source);
                if (kind.when != null) b.when(kind.when);
                return b.build();
            });
        }
        return routes.route("inspect", () -> Request.builder().domains(domains).reason(reason).source(source).build())
                .requestFor(function);
    }
}
