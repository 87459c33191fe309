package io.cdnlifeline.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One deployed function of the local FC, kept in the shapes of the FC 3.0 API ({@code Function}, {@code Trigger},
 * {@code AsyncConfig} of {@code @alicloud/fc20230330}), so GetFunction and friends answer what was stored.
 */
public final class FcFunction {
    /** The Function object GetFunction returns. */
    public JsonObject config = new JsonObject();
    /** Trigger objects as GetTrigger returns them. */
    public List<JsonObject> triggers = new ArrayList<>();
    /** The AsyncConfig object, or null when none was put. */
    public JsonObject asyncInvokeConfig;
    /** The uploaded code package on this machine (a jar or zip). */
    public String codeFile;

    /**
     * A Java function as deploying it would leave it (for tests and the benchmark, which deploy without the fc3
     * component): 512 MB, the handler and its {@code initialize}, the environment, the code package on this machine.
     */
    public static FcFunction java(String accountId, String name, String handlerClass, int timeoutSeconds, String codeFile,
                                  java.util.Map<String, String> environment) {
        FcFunction f = new FcFunction();
        f.config.addProperty("functionName", name);
        f.config.addProperty("runtime", "java11");
        f.config.addProperty("handler", handlerClass + "::handleRequest");
        f.config.addProperty("timeout", timeoutSeconds);
        f.config.addProperty("memorySize", 512);
        f.config.addProperty("cpu", 0.35);
        f.config.addProperty("functionArn", "acs:fc:cn-hangzhou:" + accountId + ":functions/" + name);
        JsonObject init = new JsonObject();
        init.addProperty("handler", handlerClass + "::initialize");
        init.addProperty("timeout", 60);
        JsonObject lifecycle = new JsonObject();
        lifecycle.add("initializer", init);
        f.config.add("instanceLifecycleConfig", lifecycle);
        JsonObject env = new JsonObject();
        environment.forEach(env::addProperty);
        f.config.add("environmentVariables", env);
        f.codeFile = codeFile;
        return f;
    }

    /** Adds a timer trigger ({@code cron} of 6 fields) with its payload. */
    public FcFunction timer(String triggerName, String cron, String payload) {
        JsonObject config = new JsonObject();
        config.addProperty("cronExpression", cron);
        config.addProperty("enable", true);
        config.addProperty("payload", payload);
        return trigger(triggerName, "timer", null, config);
    }

    /** Adds an EventBridge trigger on {@code bus} ({@code default} or a custom bus) with its filter pattern. */
    public FcFunction eventBridge(String triggerName, String accountId, String bus, String pattern) {
        JsonObject config = new JsonObject();
        config.addProperty("eventRuleFilterPattern", pattern);
        JsonObject source = new JsonObject();
        source.addProperty("eventSourceType", "Default");
        config.add("eventSourceConfig", source);
        String arn = "default".equals(bus) ? null : "acs:eventbridge:cn-hangzhou:" + accountId + ":eventbus/" + bus + "/rule/" + name() + "-" + triggerName;
        return trigger(triggerName, "eventbridge", arn, config);
    }

    private FcFunction trigger(String name, String type, String sourceArn, JsonObject config) {
        JsonObject t = new JsonObject();
        t.addProperty("triggerName", name);
        t.addProperty("triggerType", type);
        if (sourceArn != null) t.addProperty("sourceArn", sourceArn);
        t.addProperty("triggerConfig", config.toString());
        triggers.add(t);
        return this;
    }

    public String name() {
        return string(config, "functionName");
    }

    public JsonObject trigger(String triggerName) {
        for (JsonObject t : triggers) {
            if (triggerName.equals(string(t, "triggerName"))) {
                return t;
            }
        }
        return null;
    }

    static String string(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
