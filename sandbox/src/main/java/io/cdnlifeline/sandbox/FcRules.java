package io.cdnlifeline.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What FC 3.0 checks in CreateFunction / UpdateFunction / CreateTrigger / PutAsyncInvokeConfig before it stores
 * anything, as the FC 3.0 API reference and its limits page state them. A broken input answers 400
 * {@code InvalidArgument} with a message naming the field.
 */
final class FcRules {
    /** The FC 3.0 built-in runtimes ({@code Runtime} of the API reference). */
    static final Set<String> RUNTIMES = Set.of("python3.12", "python3.10", "python3.9", "python3", "nodejs20", "nodejs18", "nodejs16",
            "nodejs14", "java11", "java8", "php7.2", "dotnetcore3.1", "go1", "custom", "custom.debian10", "custom.debian11",
            "custom.debian12", "custom-container");
    static final Set<String> TRIGGER_TYPES = Set.of("oss", "log", "timer", "http", "tablestore", "cdn_events", "mns_topic", "eventbridge");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_-]{0,127}");
    private static final Pattern TRIGGER_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_-]{0,127}");
    private static final Pattern JAVA_HANDLER = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*::[A-Za-z_$][\\w$]*");
    private static final Pattern ARN = Pattern.compile("acs:(mns|fc|eventbridge):[a-z0-9-]+:\\d+:.+");
    private static final BigDecimal CPU_STEP = new BigDecimal("0.05");

    private FcRules() {
    }

    /** CreateFunction: every field of {@link #checkFunctionFields} plus what creation requires. */
    static void checkCreate(JsonObject in) {
        String name = str(in, "functionName");
        if (name == null) {
            throw invalid("functionName is required");
        }
        if (!FUNCTION_NAME.matcher(name).matches()) {
            throw invalid("functionName \"" + name + "\" must be 1-128 letters, digits, _ or -, not starting with a digit or -");
        }
        if (str(in, "runtime") == null) {
            throw invalid("runtime is required");
        }
        if (!"custom-container".equals(str(in, "runtime")) && !in.has("code")) {
            throw invalid("code is required for runtime " + str(in, "runtime"));
        }
        checkFunctionFields(in, in);
    }

    /** The fields of a Create/UpdateFunctionInput; {@code merged} is the function as it would be after the call. */
    static void checkFunctionFields(JsonObject in, JsonObject merged) {
        String runtime = str(merged, "runtime");
        if (runtime != null && !RUNTIMES.contains(runtime)) {
            throw invalid("runtime \"" + runtime + "\" is not one of " + new java.util.TreeSet<>(RUNTIMES));
        }
        String handler = str(merged, "handler");
        boolean custom = runtime != null && runtime.startsWith("custom");
        if (!custom && (handler == null || handler.isEmpty())) {
            throw invalid("handler is required for runtime " + runtime);
        }
        if (runtime != null && runtime.startsWith("java") && !JAVA_HANDLER.matcher(handler).matches()) {
            throw invalid("handler \"" + handler + "\" of a Java function must be [package.]Class::method");
        }
        JsonObject lifecycle = obj(merged, "instanceLifecycleConfig");
        JsonObject init = obj(lifecycle, "initializer");
        if (init != null && str(init, "handler") != null && !str(init, "handler").isEmpty()) {
            if (runtime != null && runtime.startsWith("java") && !JAVA_HANDLER.matcher(str(init, "handler")).matches()) {
                throw invalid("instanceLifecycleConfig.initializer.handler \"" + str(init, "handler") + "\" must be [package.]Class::method");
            }
            range(init, "timeout", 1, 600, "instanceLifecycleConfig.initializer.timeout");
        }
        range(merged, "timeout", 1, 86400, "timeout");
        range(merged, "memorySize", 64, 32768, "memorySize");
        Integer memory = integer(merged, "memorySize");
        if (memory != null && memory % 64 != 0) {
            throw invalid("memorySize " + memory + " MB must be a multiple of 64");
        }
        BigDecimal cpu = decimal(merged, "cpu");
        if (cpu != null) {
            if (cpu.compareTo(CPU_STEP) < 0 || cpu.compareTo(BigDecimal.valueOf(16)) > 0 || cpu.remainder(CPU_STEP).signum() != 0) {
                throw invalid("cpu " + cpu + " must be 0.05 to 16 vCPU in steps of 0.05");
            }
            if (memory != null) {
                // the GB of memory per vCPU must lie between 1 and 4
                BigDecimal gb = BigDecimal.valueOf(memory).divide(BigDecimal.valueOf(1024), 6, java.math.RoundingMode.HALF_UP);
                if (gb.compareTo(cpu) < 0 || gb.compareTo(cpu.multiply(BigDecimal.valueOf(4))) > 0) {
                    throw invalid("memorySize " + memory + " MB and cpu " + cpu + ": memory (GB) must be 1 to 4 times the vCPUs");
                }
            }
        }
        Integer disk = integer(merged, "diskSize");
        if (disk != null && disk != 512 && disk != 10240) {
            throw invalid("diskSize " + disk + " must be 512 or 10240 MB");
        }
        range(merged, "instanceConcurrency", 1, 200, "instanceConcurrency");
        JsonObject env = obj(merged, "environmentVariables");
        if (env != null) {
            int size = 0;
            for (String k : env.keySet()) {
                JsonElement v = env.get(k);
                if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                    throw invalid("environmentVariables." + k + " must be a string");
                }
                size += k.length() + v.getAsString().length();
            }
            if (size > 4096) {
                throw invalid("environmentVariables are " + size + " bytes; at most 4 KB");
            }
        }
    }

    static void checkTrigger(JsonObject in, boolean create) {
        String name = str(in, "triggerName");
        if (create && name == null) {
            throw invalid("triggerName is required");
        }
        if (name != null && !TRIGGER_NAME.matcher(name).matches()) {
            throw invalid("triggerName \"" + name + "\" must be 1-128 letters, digits, _ or -, not starting with a digit or -");
        }
        String type = str(in, "triggerType");
        if (create && type == null) {
            throw invalid("triggerType is required");
        }
        if (type != null && !TRIGGER_TYPES.contains(type)) {
            throw invalid("triggerType \"" + type + "\" is not one of " + new java.util.TreeSet<>(TRIGGER_TYPES));
        }
        String configText = str(in, "triggerConfig");
        if (create && configText == null) {
            throw invalid("triggerConfig is required");
        }
        if (configText == null) {
            return;
        }
        JsonObject config;
        try {
            config = JsonParser.parseString(configText).getAsJsonObject();
        } catch (RuntimeException e) {
            throw invalid("triggerConfig is not a JSON object: " + configText);
        }
        if ("timer".equals(type)) {
            try {
                FcCron.parse(str(config, "cronExpression"));
            } catch (IllegalArgumentException e) {
                throw invalid("triggerConfig of timer trigger " + name + ": " + e.getMessage());
            }
            JsonElement enable = config.get("enable");
            if (enable != null && !(enable.isJsonPrimitive() && enable.getAsJsonPrimitive().isBoolean())) {
                throw invalid("triggerConfig.enable of timer trigger " + name + " must be true or false");
            }
        } else if ("eventbridge".equals(type)) {
            JsonElement enable = config.get("triggerEnable");
            if (enable != null && !(enable.isJsonPrimitive() && enable.getAsJsonPrimitive().isBoolean())) {
                throw invalid("triggerConfig.triggerEnable of eventbridge trigger " + name + " must be true or false");
            }
            String pattern = str(config, "eventRuleFilterPattern");
            if (pattern == null) {
                throw invalid("triggerConfig.eventRuleFilterPattern of eventbridge trigger " + name + " is required");
            }
            try {
                JsonParser.parseString(pattern).getAsJsonObject();
            } catch (RuntimeException e) {
                throw invalid("triggerConfig.eventRuleFilterPattern of eventbridge trigger " + name + " is not a JSON object");
            }
            JsonObject source = obj(config, "eventSourceConfig");
            if (source == null || str(source, "eventSourceType") == null) {
                throw invalid("triggerConfig.eventSourceConfig.eventSourceType of eventbridge trigger " + name + " is required");
            }
        }
    }

    static void checkAsyncConfig(JsonObject in) {
        range(in, "maxAsyncRetryAttempts", 0, 8, "maxAsyncRetryAttempts");
        range(in, "maxAsyncEventAgeInSeconds", 1, 86400, "maxAsyncEventAgeInSeconds");
        JsonObject dest = obj(in, "destinationConfig");
        for (String side : new String[] {"onSuccess", "onFailure"}) {
            JsonObject d = obj(dest, side);
            if (d != null) {
                String arn = str(d, "destination");
                if (arn == null || !ARN.matcher(arn).matches()) {
                    throw invalid("destinationConfig." + side + ".destination \"" + arn
                            + "\" is not an ARN of an MNS queue or topic, a function or an EventBridge bus");
                }
            }
        }
    }

    private static void range(JsonObject o, String key, long min, long max, String what) {
        JsonElement e = o == null ? null : o.get(key);
        if (e == null || e.isJsonNull()) {
            return;
        }
        BigDecimal v;
        try {
            v = e.getAsBigDecimal();
        } catch (RuntimeException notNumber) {
            throw invalid(what + " must be a number: " + e);
        }
        if (v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0 || v.stripTrailingZeros().scale() > 0) {
            throw invalid(what + " " + e + " must be an integer from " + min + " to " + max);
        }
    }

    static ApiError invalid(String message) {
        return new ApiError(400, "InvalidArgument", message);
    }

    static String str(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e == null || e.isJsonNull() ? null : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    static JsonObject obj(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    static Integer integer(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsInt();
    }

    private static BigDecimal decimal(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsBigDecimal();
    }
}
