package io.cdnlifeline.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What makes the local FC's triggers fire. Timers: on their cron, against the local FC's clock, which starts at
 * the real time and moves only when {@link #advance} moves it (a test fast-forwards hours in a call), or one
 * timer on demand ({@link #fire}). Events: a successful Stop/Start(Batch)(Dcdn|Cdn)Domain call produces the
 * ActionTrail CloudEvent EventBridge would put on the default bus, and every EventBridge trigger on that bus whose
 * filter pattern matches it is invoked asynchronously with it. Both invoke as EventBridge and timers do: async. A trigger
 * switched off ({@code enable} / {@code triggerEnable} false, as {@code lifeline pause} leaves it) neither fires nor receives.
 */
final class FcTriggers {
    /** The calls ActionTrail reports that the template's triggers listen to, by product. */
    static final Set<String> ACTIONTRAIL_WRITES = Set.of("StopCdnDomain", "StartCdnDomain", "BatchStopCdnDomain", "BatchStartCdnDomain",
            "StopDcdnDomain", "StartDcdnDomain", "BatchStopDcdnDomain", "BatchStartDcdnDomain");

    private final Sandbox sandbox;
    private final FcInvoker invoker;
    private Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    FcTriggers(Sandbox sandbox, FcInvoker invoker) {
        this.sandbox = sandbox;
        this.invoker = invoker;
    }

    synchronized Instant now() {
        return now;
    }

    private java.util.concurrent.ScheduledExecutorService realTime;

    /**
     * Lets the clock follow the wall clock: every second it moves to the real time and fires the timers due, as FC's
     * timers do in the cloud (the benchmark runs so; tests move the clock themselves). {@code false} stops it.
     */
    synchronized void realTime(boolean on) {
        if (on && realTime == null) {
            realTime = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "local-fc-timers");
                t.setDaemon(true);
                return t;
            });
            realTime.scheduleAtFixedRate(() -> {
                try {
                    long behind = java.time.Duration.between(now(), Instant.now()).getSeconds();
                    if (behind > 0) advance(behind);
                } catch (RuntimeException e) {
                    System.err.println("local FC timers: " + e);
                }
            }, 0, 1, java.util.concurrent.TimeUnit.SECONDS);
        } else if (!on && realTime != null) {
            realTime.shutdownNow();
            realTime = null;
        }
    }

    /**
     * Moves the clock forward by {@code seconds} and fires, in time order, every enabled timer whose cron falls in
     * (old now, new now]; returns the request ids of the invocations started.
     */
    synchronized List<String> advance(long seconds) {
        if (seconds < 0 || seconds > 366L * 24 * 3600) {
            throw new IllegalArgumentException("advanceSeconds must be 0 to one year; got " + seconds);
        }
        Instant from = now;
        Instant to = now.plusSeconds(seconds);
        List<Object[]> due = new ArrayList<>();
        for (Object[] timer : timers()) {
            FcCron cron = (FcCron) timer[2];
            ZonedDateTime t = cron.next(from.atZone(ZoneOffset.UTC));
            while (!t.toInstant().isAfter(to)) {
                due.add(new Object[] {t.toInstant(), timer[0], timer[1], timer[3]});
                t = cron.next(t);
            }
        }
        due.sort((a, b) -> ((Instant) a[0]).compareTo((Instant) b[0]));
        now = to;
        List<String> ids = new ArrayList<>();
        for (Object[] d : due) {
            ids.add(fireAt((Instant) d[0], (String) d[1], (String) d[2], (String) d[3]));
        }
        return ids;
    }

    /** Fires one timer trigger now, enabled or not, as the console's "trigger once" does; returns the request id. */
    String fire(String functionName, String triggerName) {
        String payload = sandbox.read(s -> {
            JsonObject t = FcApi.existing(s, functionName).trigger(triggerName);
            if (t == null || !"timer".equals(FcRules.str(t, "triggerType"))) {
                throw new ApiError(404, "TriggerNotFound", "timer trigger '" + triggerName + "' of function '" + functionName + "' does not exist");
            }
            return FcRules.str(config(t), "payload");
        });
        return fireAt(now(), functionName, triggerName, payload);
    }

    private String fireAt(Instant at, String functionName, String triggerName, String payload) {
        // FC's timer event: {"triggerTime","triggerName","payload"}
        JsonObject event = new JsonObject();
        event.addProperty("triggerTime", at.toString());
        event.addProperty("triggerName", triggerName);
        event.addProperty("payload", payload == null ? "" : payload);
        return invoker.invokeAsync(functionName, Json.WIRE.toJson(event).getBytes(StandardCharsets.UTF_8), "timer:" + triggerName);
    }

    /** [function, trigger, cron, payload] of every enabled timer trigger. */
    private List<Object[]> timers() {
        return sandbox.read(s -> {
            List<Object[]> out = new ArrayList<>();
            for (FcFunction f : s.fc.functions) {
                for (JsonObject t : f.triggers) {
                    if (!"timer".equals(FcRules.str(t, "triggerType"))) continue;
                    JsonObject c = config(t);
                    if (!switchedOn(c, "enable")) continue;
                    out.add(new Object[] {f.name(), FcRules.str(t, "triggerName"), FcCron.parse(FcRules.str(c, "cronExpression")),
                        FcRules.str(c, "payload")});
                }
            }
            return out;
        });
    }

    /**
     * The ActionTrail event of a successful write, delivered to every EventBridge trigger on the default bus whose
     * pattern matches; returns the request ids of the invocations started (none when the call is not reported).
     */
    List<String> actionTrail(String product, String action, Map<String, String> params) {
        if (!ACTIONTRAIL_WRITES.contains(action)) {
            return List.of();
        }
        JsonObject event = actionTrailEvent(product, action, params);
        return deliver("default", event);
    }

    /**
     * An event PutEvents accepted from {@code accountId} ({@link EventBridgeDataPlane}), on the default bus or on a custom
     * bus of that account; returns the request ids of the invocations started.
     */
    List<String> publish(JsonObject event, String accountId) {
        synchronized (published) {
            published.add(event.deepCopy());
            if (published.size() > 10_000) published.remove(0);
        }
        String bus = event.get("aliyuneventbusname").getAsString();
        return "default".equals(bus) ? deliver("default", event) : deliverByRules(accountId, bus, event);
    }

    private final List<JsonObject> published = new ArrayList<>();

    /** Every event PutEvents accepted (the last 10,000), oldest first, as the triggers received them. */
    List<JsonObject> published() {
        synchronized (published) {
            List<JsonObject> out = new ArrayList<>();
            for (JsonObject e : published) out.add(e.deepCopy());
            return out;
        }
    }

    /**
     * Every EventBridge trigger on the default bus whose filter pattern matches gets the event, asynchronously. A trigger
     * is on the default bus when it names none ({@code sourceArn} absent) or {@code eventbus/default}: FC makes such a
     * trigger's rule itself, so the trigger is the rule.
     */
    private List<String> deliver(String bus, JsonObject event) {
        List<String[]> targets = sandbox.read(s -> {
            List<String[]> out = new ArrayList<>();
            for (FcFunction f : s.fc.functions) {
                for (JsonObject t : f.triggers) {
                    if (!"eventbridge".equals(FcRules.str(t, "triggerType"))) continue;
                    if (!bus.equals(busOf(FcRules.str(t, "sourceArn")))) continue;
                    JsonObject c = config(t);
                    if (!switchedOn(c, "triggerEnable")) continue;  // a disabled trigger is a disabled EventBridge rule: nothing is delivered
                    JsonObject pattern = JsonParser.parseString(FcRules.str(c, "eventRuleFilterPattern")).getAsJsonObject();
                    if (matches(pattern, event)) out.add(new String[] {f.name(), "eventbridge:" + FcRules.str(t, "triggerName")});
                }
            }
            return out;
        });
        return invokeAll(targets, event);
    }

    /**
     * A custom bus delivers through its rules, made with EventBridge's control plane ({@link EventBridgeState}, what
     * {@code lifeline setup} makes): every enabled rule of the bus whose filter pattern matches sends the event to each
     * of its Function Compute targets that the local FC has. A function's EventBridge trigger that names the rule
     * ({@code sourceArn ...:eventbus/<bus>/rule/<rule>}, template.yml's notification triggers) is that binding: the event
     * goes to the function as that trigger, and not at all while the trigger is switched off ({@code lifeline pause}). A
     * target no trigger names is invoked as the rule ({@code eventbridge-rule:<rule>}), as EventBridge invokes a function
     * target. Buses and rules of a member account reach nothing: the local FC is the central account's.
     */
    private List<String> deliverByRules(String accountId, String bus, JsonObject event) {
        List<String[]> targets = sandbox.read(s -> {
            List<String[]> out = new ArrayList<>();
            if (!accountId.equals(s.fc.accountId)) return out;
            SandboxState account = accountId.equals(s.accountIdOrDefault()) ? s : s.member(accountId);
            EventBridgeState.Account buses = account == null ? null : account.eventBridge.find(accountId);
            EventBridgeState.Bus b = buses == null ? null : buses.bus(s.fc.region, bus);
            if (b == null) return out;
            String functionPrefix = "acs:fc:" + s.fc.region + ":" + accountId + ":functions/";
            for (EventBridgeState.Rule rule : b.rules.values()) {
                if (!"ENABLE".equals(rule.status)) continue;
                if (!matches(JsonParser.parseString(rule.filterPattern).getAsJsonObject(), event)) continue;
                for (JsonObject target : rule.targets) {
                    String endpoint = FcRules.str(target, "Endpoint");
                    if (!EventBridgeState.FC_TARGET.equals(FcRules.str(target, "Type")) || endpoint == null || !endpoint.startsWith(functionPrefix)) continue;
                    FcFunction f = s.fc.function(endpoint.substring(functionPrefix.length()).split("/")[0]);
                    if (f == null) continue;
                    String ruleArn = "eventbus/" + bus + "/rule/" + rule.ruleName;
                    boolean bound = false;
                    for (JsonObject t : f.triggers) {
                        String sourceArn = FcRules.str(t, "sourceArn");
                        if (!"eventbridge".equals(FcRules.str(t, "triggerType")) || sourceArn == null || !sourceArn.endsWith(ruleArn)) continue;
                        bound = true;
                        if (switchedOn(config(t), "triggerEnable")) out.add(new String[] {f.name(), "eventbridge:" + FcRules.str(t, "triggerName")});
                    }
                    if (!bound) out.add(new String[] {f.name(), "eventbridge-rule:" + rule.ruleName});
                }
            }
            return out;
        });
        return invokeAll(targets, event);
    }

    private List<String> invokeAll(List<String[]> targets, JsonObject event) {
        byte[] body = Json.WIRE.toJson(event).getBytes(StandardCharsets.UTF_8);
        List<String> ids = new ArrayList<>();
        for (String[] target : targets) {
            ids.add(invoker.invokeAsync(target[0], body, target[1]));
        }
        return ids;
    }

    /** The bus a trigger's sourceArn names ({@code ...:eventbus/<bus>[/rule/<rule>]}); none is the default bus. */
    static String busOf(String sourceArn) {
        if (sourceArn == null || sourceArn.isEmpty()) return "default";
        int i = sourceArn.indexOf("eventbus/");
        if (i < 0) return "default";
        String rest = sourceArn.substring(i + "eventbus/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private JsonObject actionTrailEvent(String product, String action, Map<String, String> params) {
        String accountId = sandbox.read(s -> s.fc.accountId);
        String id = UUID.randomUUID().toString().toUpperCase();
        String time = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        boolean cdn = product.equals("cdn");
        String domains = params.getOrDefault("DomainName", params.getOrDefault("DomainNames", ""));
        JsonObject request = new JsonObject();
        params.forEach(request::addProperty);
        request.addProperty("AcsHost", product + ".aliyuncs.com");
        request.addProperty("AcsProduct", cdn ? "Cdn" : "dcdn");
        JsonArray referenced = new JsonArray();
        for (String d : domains.split(",")) if (!d.isBlank()) referenced.add(d.trim());
        JsonObject resources = new JsonObject();
        resources.add(cdn ? "ACS::CDN::Domain" : "ACS::DCDN::Domain", referenced);
        JsonObject identity = new JsonObject();
        identity.addProperty("type", "ram-user");
        identity.addProperty("accountId", accountId);
        JsonObject data = new JsonObject();
        data.addProperty("eventId", id);
        data.addProperty("eventVersion", 1);
        data.addProperty("eventSource", product + ".aliyuncs.com");
        data.add("requestParameters", request);
        data.addProperty("eventRW", "Write");
        data.addProperty("eventType", "ApiCall");
        data.add("referencedResources", resources);
        data.add("userIdentity", identity);
        data.addProperty("serviceName", cdn ? "Cdn" : "dcdn");
        data.addProperty("apiVersion", cdn ? "2018-05-10" : "2018-01-15");
        data.addProperty("requestId", id);
        data.addProperty("eventTime", time);
        data.addProperty("isGlobal", true);
        data.addProperty("acsRegion", "cn-hangzhou");
        data.addProperty("eventName", action);
        JsonObject e = new JsonObject();
        e.addProperty("id", id);
        e.addProperty("source", "acs." + product);
        e.addProperty("specversion", "1.0");
        e.addProperty("subject", "acs:" + product + ":cn-hangzhou:" + accountId + ":domain/" + (referenced.size() == 1 ? referenced.get(0).getAsString() : ""));
        e.addProperty("time", time);
        e.addProperty("type", product + ":ActionTrail:ApiCall");
        e.addProperty("datacontenttype", "application/json;charset=utf-8");
        e.addProperty("aliyunaccountid", accountId);
        e.addProperty("aliyunpublishtime", time);
        e.addProperty("aliyuneventbusname", "default");
        e.addProperty("aliyunregionid", "cn-hangzhou");
        e.add("data", data);
        return e;
    }

    /**
     * EventBridge's pattern match, for the forms the template uses and the common ones: a key maps to a list of
     * accepted values (exact), to a nested pattern, or to {@code {"prefix"}}, {@code {"suffix"}},
     * {@code {"anything-but"}} in that list. Every key of the pattern must match.
     */
    static boolean matches(JsonObject pattern, JsonObject event) {
        for (Map.Entry<String, JsonElement> p : pattern.entrySet()) {
            JsonElement value = event.get(p.getKey());
            JsonElement want = p.getValue();
            if (want.isJsonObject()) {
                if (value == null || !value.isJsonObject() || !matches(want.getAsJsonObject(), value.getAsJsonObject())) return false;
            } else if (want.isJsonArray()) {
                if (!anyMatches(want.getAsJsonArray(), value)) return false;
            } else if (value == null || !want.equals(value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMatches(JsonArray accepted, JsonElement value) {
        for (JsonElement a : accepted) {
            if (a.isJsonObject()) {
                JsonObject rule = a.getAsJsonObject();
                String v = value != null && value.isJsonPrimitive() ? value.getAsString() : null;
                if (rule.has("prefix") && v != null && v.startsWith(rule.get("prefix").getAsString())) return true;
                if (rule.has("suffix") && v != null && v.endsWith(rule.get("suffix").getAsString())) return true;
                if (rule.has("anything-but") && v != null && !rule.get("anything-but").toString().contains("\"" + v + "\"")) return true;
            } else if (value != null && a.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A trigger's own switch: {@code enable} of a timer, {@code triggerEnable} of an EventBridge trigger (the FC 3.0
     * models' TimerTriggerConfig and EventBridgeTriggerConfig); absent means on, FC's default.
     */
    private static boolean switchedOn(JsonObject config, String field) {
        JsonElement on = config.get(field);
        return on == null || !on.isJsonPrimitive() || on.getAsBoolean();
    }

    private static JsonObject config(JsonObject trigger) {
        String text = FcRules.str(trigger, "triggerConfig");
        return text == null ? new JsonObject() : JsonParser.parseString(text).getAsJsonObject();
    }
}
