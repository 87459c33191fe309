package io.cdnlifeline.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * EventBridge's data plane, as far as publishing goes: {@code PutEvents} ({@code POST /openapi/putEvents}, REST, a
 * JSON array of CloudEvents, signed {@code acs:<AccessKeyId>:<signature>}; the documented example is in the test
 * resources, {@code api-examples/eventbridge/PutEvents.json}). An event's bus must be {@code default} or one the
 * signer's account made with the control plane ({@link EventBridgeState}, the one record of the buses); each accepted
 * event is handed on through that bus's rules ({@link FcTriggers#publish}).
 */
final class EventBridgeDataPlane {
    static final String PATH = "/openapi/putEvents";
    static final int MAX_EVENTS = 16;
    static final int MAX_EVENT_BYTES = 64 * 1024;
    static final int MAX_REQUEST_BYTES = 256 * 1024;
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final List<String> REQUIRED = List.of("specversion", "aliyuneventbusname", "id", "source", "time", "type");

    private final Sandbox sandbox;

    EventBridgeDataPlane(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** A call of EventBridge's data plane: its path, or its version header. */
    static boolean handles(String path, String versionHeader) {
        return PATH.equals(path) || (versionHeader != null && path != null && path.startsWith("/openapi/"));
    }

    /** Answers one request; the answer's action is {@code PutEvents}. */
    FcApi.Answer handle(WireRequest r, String requestId) {
        try {
            if (!PATH.equals(r.path)) {
                throw new ApiError(404, "ResourceNotFound", "the sandbox's EventBridge answers " + PATH + " only; got " + r.path);
            }
            if (!"POST".equals(r.method)) {
                throw new ApiError(405, "MethodNotAllowed", "PutEvents is POST");
            }
            AccessKey key = verify(r, sandbox.accessKeys());
            String accountId = sandbox.accountIdOf(key);
            java.util.Set<String> buses = customBuses(accountId);
            if (r.body.length > MAX_REQUEST_BYTES) {
                throw new ApiError(400, "InvalidArgument", "the request is " + r.body.length + " bytes; at most " + MAX_REQUEST_BYTES);
            }
            JsonArray events;
            try {
                events = JsonParser.parseString(new String(r.body, StandardCharsets.UTF_8)).getAsJsonArray();
            } catch (RuntimeException e) {
                throw new ApiError(400, "InvalidArgument", "the body must be a JSON array of CloudEvents (application/cloudevents-batch+json)");
            }
            if (events.size() == 0 || events.size() > MAX_EVENTS) {
                throw new ApiError(400, "InvalidArgument", "a request publishes 1 to " + MAX_EVENTS + " events; got " + events.size());
            }
            List<JsonObject> accepted = new ArrayList<>();
            JsonArray entries = new JsonArray();
            int failed = 0;
            for (JsonElement e : events) {
                JsonObject entry = new JsonObject();
                String problem = problem(e);
                JsonObject event = e.isJsonObject() ? e.getAsJsonObject() : null;
                if (event != null && event.has("id")) entry.addProperty("EventId", event.get("id").getAsString());
                entry.addProperty("TraceId", UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT));
                if (problem == null) {
                    String bus = event.get("aliyuneventbusname").getAsString();
                    // EventBridge's code and message for a bus that is not there (rocketmq-eventbridge's EventBridgeErrorCode,
                    // the open-source EventBridge; the same code as GetEventBus's); per event, as PutEvents' EntryList reports
                    if (!"default".equals(bus) && !buses.contains(bus)) problem = "EventBusNotExist:The event bus [" + bus + "] not existed!";
                }
                if (problem != null) {
                    failed++;
                    entry.addProperty("ErrorCode", problem.substring(0, problem.indexOf(':')));
                    entry.addProperty("ErrorMessage", problem.substring(problem.indexOf(':') + 1));
                } else {
                    accepted.add(delivered(event));
                }
                entries.add(entry);
            }
            for (JsonObject event : accepted) {
                sandbox.fcTriggers().publish(event, accountId);
            }
            JsonObject out = new JsonObject();
            out.addProperty("RequestId", requestId);
            out.addProperty("FailedEntryCount", failed);
            out.add("EntryList", entries);
            FcApi.Answer a = new FcApi.Answer(200, "PutEvents", Json.WIRE.toJson(out).getBytes(StandardCharsets.UTF_8), null);
            a.headers.put("x-eventbridge-request-id", requestId);
            return a;
        } catch (ApiError e) {
            JsonObject out = new JsonObject();
            out.addProperty("code", e.code);
            out.addProperty("message", e.getMessage());
            out.addProperty("requestId", requestId);
            FcApi.Answer a = new FcApi.Answer(e.httpStatus, "PutEvents", Json.WIRE.toJson(out).getBytes(StandardCharsets.UTF_8), e.code);
            a.headers.put("x-eventbridge-request-id", requestId);
            return a;
        }
    }

    /** The names of the custom buses the account has in the sandbox's region (the control plane's record). */
    private java.util.Set<String> customBuses(String accountId) {
        return sandbox.read(s -> {
            java.util.Set<String> out = new java.util.HashSet<>();
            SandboxState account = accountId.equals(s.accountIdOrDefault()) ? s : s.member(accountId);
            EventBridgeState.Account a = account == null ? null : account.eventBridge.find(accountId);
            if (a == null) return out;
            for (EventBridgeState.Bus b : a.buses) {
                if (b.region.equals(s.fc.region)) out.add(b.eventBusName);
            }
            return out;
        });
    }

    /** Why one event cannot be published ("Code:message"), or null. */
    private static String problem(JsonElement e) {
        if (!e.isJsonObject()) return "InvalidArgument:an event must be a JSON object";
        JsonObject event = e.getAsJsonObject();
        for (String key : REQUIRED) {
            JsonElement v = event.get(key);
            if (v == null || !v.isJsonPrimitive() || v.getAsString().isBlank()) return "InvalidArgument:the event has no " + key;
        }
        if (event.toString().getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
            return "InvalidArgument:an event is at most " + MAX_EVENT_BYTES + " bytes";
        }
        return null;
    }

    /**
     * The event as a trigger receives it: what was published, {@code data} as JSON when it was sent as a JSON string
     * with a JSON content type (the SDK sends it so), and the attributes EventBridge adds.
     */
    private JsonObject delivered(JsonObject published) {
        JsonObject e = published.deepCopy();
        JsonElement data = e.get("data");
        String contentType = e.has("datacontenttype") ? e.get("datacontenttype").getAsString() : "";
        if (data != null && data.isJsonPrimitive() && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            try {
                e.add("data", JsonParser.parseString(data.getAsString()));
            } catch (RuntimeException notJson) {
                // a string it stays
            }
        }
        String accountId = sandbox.read(s -> s.fc.accountId);
        e.addProperty("aliyunaccountid", accountId);
        e.addProperty("aliyunpublishtime", Instant.now().toString());
        String region = sandbox.read(s -> s.fc.region);
        e.addProperty("aliyunregionid", region);
        e.addProperty("aliyunpublishaddr", "127.0.0.1");
        return e;
    }

    /**
     * The signature: {@code acs:<AccessKeyId>:<Base64 HMAC-SHA1>}, the form EventBridge's own SDK sends
     * (aliyun/alibabacloud-eventbridge-sdk, the Java {@code Client}: {@code "acs:" + accessKeyId + ":" + signature}; the
     * API reference's examples print {@code acs <id>:<sig>}, which the SDK never sends and the sandbox refuses), over the method, Content-MD5, Content-Type, Date, the sorted {@code x-acs-*} headers and the path with its
     * sorted query; Date within 15 minutes; STS credentials need their {@code x-acs-security-token}.
     */
    static AccessKey verify(WireRequest r, List<AccessKey> keys) {
        String auth = r.header("authorization");
        String idSig;
        if (auth != null && auth.startsWith("acs:")) idSig = auth.substring(4).trim();
        else throw new ApiError(403, "SignatureDoesNotMatch", "the request is not signed (Authorization: acs:AccessKeyId:Signature)");
        int colon = idSig.lastIndexOf(':');
        if (colon <= 0) throw new ApiError(403, "SignatureDoesNotMatch", "Authorization must be acs:AccessKeyId:Signature");
        AccessKey key;
        try {
            key = Signatures.find(keys, idSig.substring(0, colon));
        } catch (ApiError e) {
            throw new ApiError(403, "InvalidAccessKeyId", "The access Id you provided is not exist.");
        }
        String date = r.header("date");
        try {
            Instant at = ZonedDateTime.parse(date == null ? "" : date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            if (Duration.between(at, Instant.now()).abs().compareTo(MAX_SKEW) > 0) {
                throw new ApiError(403, "SignatureDoesNotMatch", "Date is more than 15 minutes away from the server's time");
            }
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiError(403, "SignatureDoesNotMatch", "Date must be an RFC 1123 date, e.g. Sat, 18 Apr 2020 05:30:41 GMT");
        }
        String expected = Base64.getEncoder().encodeToString(Signatures.hmac("HmacSHA1", key.secret, stringToSign(r)));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), idSig.substring(colon + 1).getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
        }
        if (key.securityToken != null && !key.securityToken.equals(r.header("x-acs-security-token"))) {
            throw new ApiError(403, "SecurityTokenInvalid", "The Security token that your provide is invalid.");
        }
        return key;
    }

    static String stringToSign(WireRequest r) {
        StringBuilder b = new StringBuilder();
        b.append(r.method).append('\n').append(nz(r.header("content-md5"))).append('\n').append(nz(r.header("content-type"))).append('\n')
                .append(nz(r.header("date"))).append('\n');
        TreeMap<String, String> acs = new TreeMap<>();
        for (Map.Entry<String, String> h : r.headers.entrySet()) {
            if (h.getKey().startsWith("x-acs")) acs.put(h.getKey(), h.getValue().trim());
        }
        acs.forEach((k, v) -> b.append(k).append(':').append(v).append('\n'));
        b.append(r.path);
        if (r.rawQuery != null && !r.rawQuery.isEmpty()) {
            TreeMap<String, String> q = new TreeMap<>();
            for (String[] pair : r.queryPairs) q.put(pair[0], pair.length > 1 ? pair[1] : "");
            StringBuilder qs = new StringBuilder();
            q.forEach((k, v) -> qs.append(qs.length() == 0 ? "" : "&").append(k).append(v.isEmpty() ? "" : "=" + v));
            b.append('?').append(qs);
        }
        return b.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
