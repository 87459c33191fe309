package io.cdnlifeline.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;

/**
 * EventBridge 2020-04-01 (RPC, {@code eventbridge.<region>.aliyuncs.com}): the buses and rules {@code lifeline setup}
 * makes and {@code lifeline uninstall} deletes (DeleteRule, DeleteEventBus), in the shapes of {@code src/test/resources/api-examples/eventbridge} ({@code Code}, {@code Success},
 * {@code Data}). Checks: bus names of 2-127 letters, digits, {@code -} and {@code _}; rule names the same; a filter
 * pattern that is a JSON object; targets (the {@code EventTargets} JSON list) with an {@code Id}, a {@code Type} and an
 * {@code acs:} ARN as {@code Endpoint}; a rule's bus must exist. {@code EventBusNotExist},
 * {@code EventRuleNotExisted} and {@code EventRuleFilterPatternSchemaError} are EventBridge's codes (its SDK models'
 * examples); their HTTP statuses, and the codes of a duplicate bus or rule and of a malformed target, are ours
 * (sandbox/README.md).
 */
final class EventBridgeApi implements ProductApi {
    static final String VERSION = "2020-04-01";

    @Override
    public String product() {
        return "eventbridge";
    }

    @Override
    public String hostId() {
        return "eventbridge.aliyuncs.com";
    }

    @Override
    public JsonObject call(String action, Params p, SandboxState s) {
        String account = RamApi.callerAccount(s, p);
        String region = p.get("RegionId", s.fc == null || s.fc.region == null ? "cn-hangzhou" : s.fc.region);
        switch (action) {
            case "CreateEventBus":
                return createBus(account, region, p, s.eventBridge);
            case "GetEventBus": {
                EventBridgeState.Bus b = existingBus(s.eventBridge.find(account), region, p.require("EventBusName"));
                JsonObject data = new JsonObject();
                data.addProperty("EventBusARN", busArn(region, account, b.eventBusName));
                data.addProperty("EventBusName", b.eventBusName);
                data.addProperty("Description", b.description);
                data.addProperty("CreateTimestamp", b.createTimestamp);
                return success(data);
            }
            case "CreateRule":
                return createRule(account, region, p, s.eventBridge.find(account));
            case "GetRule":
                return getRule(account, region, p, s.eventBridge.find(account));
            case "UpdateRule": {
                EventBridgeState.Rule r = existingRule(s.eventBridge.find(account), region, p);
                String pattern = p.get("FilterPattern");
                if (pattern != null) r.filterPattern = pattern(pattern);
                if (p.get("Description") != null) r.description = p.get("Description");
                JsonObject out = success(null);
                out.addProperty("Data", true);
                return out;
            }
            case "PutTargets": {
                EventBridgeState.Rule r = existingRule(s.eventBridge.find(account), region, p);
                // each target replaces the rule's target of its Id; a second target with the same Id in one call is refused
                JsonArray errors = new JsonArray();
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (JsonObject t : targets(p.require("Targets"))) {
                    String id = t.get("Id").getAsString();
                    if (!seen.add(id)) {
                        JsonObject e = new JsonObject();
                        e.addProperty("ErrorMessage", "The id of event target is duplicate!");
                        e.addProperty("ErrorCode", "EventRuleTargetIdDuplicate");
                        e.addProperty("EntryId", id);
                        errors.add(e);
                        continue;
                    }
                    r.targets.removeIf(x -> x.get("Id").getAsString().equals(id));
                    r.targets.add(t);
                }
                JsonObject data = new JsonObject();
                data.addProperty("ErrorEntriesCount", errors.size());
                data.add("ErrorEntries", errors);
                return success(data);
            }
            case "DeleteRule": {
                // a rule that is not there: EventBridge's documented answer is a success whose Message says so
                EventBridgeState.Bus b = existingBus(s.eventBridge.find(account), region, p.require("EventBusName"));
                JsonObject out = success(null);
                if (b.rules.remove(p.require("RuleName")) == null) out.addProperty("Message", "The event rule not existed!\n");
                return out;
            }
            case "DeleteEventBus": {
                // the bus goes with its rules (whether EventBridge refuses a bus that still has rules is not documented;
                // lifeline uninstall deletes the rules first)
                EventBridgeState.Bus b = existingBus(s.eventBridge.find(account), region, p.require("EventBusName"));
                s.eventBridge.find(account).buses.remove(b);
                JsonObject out = success(null);
                out.addProperty("Data", true);
                return out;
            }
            default:
                throw ProductApi.unknownAction();
        }
    }

    private static JsonObject createBus(String account, String region, Params p, EventBridgeState eventBridge) {
        String name = name(p.require("EventBusName"), "EventBusName");
        EventBridgeState.Account a = eventBridge.account(account);
        if (a.bus(region, name) != null) {
            throw new ApiError(409, "EventBusAlreadyExist", "The event bus [" + name + "] already existed!");
        }
        EventBridgeState.Bus b = new EventBridgeState.Bus();
        b.region = region;
        b.eventBusName = name;
        b.description = p.get("Description", "");
        b.createTimestamp = System.currentTimeMillis();
        a.buses.add(b);
        JsonObject data = new JsonObject();
        data.addProperty("EventBusARN", busArn(region, account, name));
        return success(data);
    }

    private static JsonObject createRule(String account, String region, Params p, EventBridgeState.Account a) {
        EventBridgeState.Bus b = existingBus(a, region, p.require("EventBusName"));
        String name = name(p.require("RuleName"), "RuleName");
        String pattern = pattern(p.require("FilterPattern"));
        String status = p.get("Status", "ENABLE");
        if (!status.equals("ENABLE") && !status.equals("DISABLE")) throw ApiError.invalid("Status");
        java.util.List<JsonObject> targets = p.get("EventTargets") == null ? java.util.List.of() : targets(p.get("EventTargets"));
        if (b.rules.containsKey(name)) {
            throw new ApiError(409, "EventRuleAlreadyExist", "The event rule [" + name + "] already existed!");
        }
        EventBridgeState.Rule r = new EventBridgeState.Rule();
        r.ruleName = name;
        r.description = p.get("Description", "");
        r.status = status;
        r.filterPattern = pattern;
        r.createdTimestamp = System.currentTimeMillis();
        r.targets.addAll(targets);
        b.rules.put(name, r);
        JsonObject data = new JsonObject();
        data.addProperty("RuleARN", busArn(region, account, b.eventBusName) + "/rule/" + name);
        return success(data);
    }

    private static JsonObject getRule(String account, String region, Params p, EventBridgeState.Account a) {
        EventBridgeState.Rule r = existingRule(a, region, p);
        String bus = p.require("EventBusName");
        JsonObject data = new JsonObject();
        data.addProperty("Status", r.status);
        data.addProperty("EventBusName", bus);
        data.addProperty("RuleARN", busArn(region, account, bus) + "/rule/" + r.ruleName);
        data.addProperty("Description", r.description);
        JsonArray targets = new JsonArray();
        for (JsonObject t : r.targets) targets.add(targetAnswer(t));
        data.add("Targets", targets);
        data.addProperty("FilterPattern", r.filterPattern);
        data.addProperty("CreatedTimestamp", r.createdTimestamp);
        data.addProperty("RuleName", r.ruleName);
        return success(data);
    }

    /** A target as GetRule lists it: what was given, with EventBridge's defaults for what was not. */
    private static JsonObject targetAnswer(JsonObject given) {
        JsonObject t = new JsonObject();
        t.add("DetailMap", given.has("DetailMap") ? given.get("DetailMap") : new JsonObject());
        t.add("Type", given.get("Type"));
        t.add("Endpoint", given.get("Endpoint"));
        t.add("ParamList", given.has("ParamList") ? given.get("ParamList") : new JsonArray());
        t.addProperty("PushSelector", given.has("PushSelector") ? given.get("PushSelector").getAsString() : "PARAM_TRANSFORMER");
        t.add("Id", given.get("Id"));
        JsonObject dlq = new JsonObject();
        dlq.addProperty("Arn", given.has("DeadLetterQueue") && given.getAsJsonObject("DeadLetterQueue").has("Arn")
                ? given.getAsJsonObject("DeadLetterQueue").get("Arn").getAsString() : "");
        t.add("DeadLetterQueue", dlq);
        t.addProperty("PushRetryStrategy", given.has("PushRetryStrategy") ? given.get("PushRetryStrategy").getAsString() : "BACKOFF_RETRY");
        JsonObject concurrency = new JsonObject();
        concurrency.addProperty("Concurrency", 0);
        t.add("ConcurrentConfig", concurrency);
        t.addProperty("ErrorsTolerance", given.has("ErrorsTolerance") ? given.get("ErrorsTolerance").getAsString() : "ALL");
        return t;
    }

    private static EventBridgeState.Bus existingBus(EventBridgeState.Account a, String region, String name) {
        EventBridgeState.Bus b = a == null ? null : a.bus(region, name);
        if (b == null) throw new ApiError(404, "EventBusNotExist", "The event bus [" + name + "] not existed!");
        return b;
    }

    private static EventBridgeState.Rule existingRule(EventBridgeState.Account a, String region, Params p) {
        EventBridgeState.Bus b = existingBus(a, region, p.require("EventBusName"));
        EventBridgeState.Rule r = b.rules.get(p.require("RuleName"));
        if (r == null) throw new ApiError(404, "EventRuleNotExisted", "The event rule not existed!");
        return r;
    }

    private static String name(String name, String parameter) {
        if (!name.matches("[A-Za-z0-9_\\-]{2,127}")) {
            throw new ApiError(400, "InvalidArgument", parameter + " must be 2-127 letters, digits, '-' or '_'; got '" + name + "'");
        }
        return name;
    }

    private static String pattern(String text) {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (e.isJsonObject()) return text;
        } catch (JsonSyntaxException ignored) {
            // answered below
        }
        throw new ApiError(400, "EventRuleFilterPatternSchemaError", "The filter pattern of the event rule is not a JSON object: " + text);
    }

    private static java.util.List<JsonObject> targets(String json) {
        java.util.List<JsonObject> out = new java.util.ArrayList<>();
        JsonElement e;
        try {
            e = JsonParser.parseString(json);
        } catch (JsonSyntaxException ex) {
            throw new ApiError(400, "EventRuleTargetInvalid", "EventTargets is not a JSON list");
        }
        if (!e.isJsonArray()) throw new ApiError(400, "EventRuleTargetInvalid", "EventTargets is not a JSON list");
        for (JsonElement x : e.getAsJsonArray()) {
            if (!x.isJsonObject()) throw new ApiError(400, "EventRuleTargetInvalid", "an event target is not an object");
            JsonObject t = x.getAsJsonObject();
            for (String key : new String[] {"Id", "Type", "Endpoint"}) {
                if (!t.has(key) || !t.get(key).isJsonPrimitive() || t.get(key).getAsString().isEmpty()) {
                    throw new ApiError(400, "EventRuleTargetInvalid", "an event target needs " + key);
                }
            }
            if (!t.get("Endpoint").getAsString().startsWith("acs:")) {
                throw new ApiError(400, "EventRuleTargetInvalid", "The target in event rule is invalid! Endpoint is " + t.get("Endpoint").getAsString());
            }
            out.add(t);
        }
        return out;
    }

    static String busArn(String region, String account, String bus) {
        return "acs:eventbridge:" + region + ":" + account + ":eventbus/" + bus;
    }

    private static JsonObject success(JsonObject data) {
        JsonObject out = new JsonObject();
        out.addProperty("Message", "");
        if (data != null) out.add("Data", data);
        out.addProperty("Code", "Success");
        out.addProperty("Success", true);
        return out;
    }
}
