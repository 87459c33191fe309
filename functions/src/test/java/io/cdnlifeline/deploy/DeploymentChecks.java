package io.cdnlifeline.deploy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cdnlifeline.event.BadInputException;
import io.cdnlifeline.event.RequestParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What must hold for {@code s deploy -t template.yml} to work the first time. Each check returns the
 * problems it found (empty: fine), so a test can show all of them at once and so the checks
 * themselves can be tested on broken inputs.
 */
final class DeploymentChecks {
    static final String CONTEXT = "com.aliyun.fc.runtime.Context";

    private DeploymentChecks() {
    }

    /**
     * Every handler and initializer names a public concrete class with a public no-argument
     * constructor and the FC method signature, loadable from {@code loader} (the test classpath, or
     * the built jar alone).
     */
    static List<String> handlers(Template template, ClassLoader loader, String where) {
        List<String> problems = new ArrayList<>();
        Class<?> context;
        try {
            context = Class.forName(CONTEXT, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(CONTEXT + " (fc-java-core) is not in " + where);
            return problems;
        }
        for (Template.Function f : template.functions()) {
            checkEntry(f.name() + " handler", f.handler(), loader, where, problems,
                    new Class<?>[]{InputStream.class, OutputStream.class, context});
            checkEntry(f.name() + " initializer", f.initializer(), loader, where, problems, new Class<?>[]{context});
        }
        return problems;
    }

    private static void checkEntry(String what, String entry, ClassLoader loader, String where, List<String> problems, Class<?>[] params) {
        if (entry == null || !entry.matches("[\\w.$]+::\\w+")) {
            problems.add(what + " is '" + entry + "'; expected package.Class::method");
            return;
        }
        String className = entry.substring(0, entry.indexOf("::"));
        String methodName = entry.substring(entry.indexOf("::") + 2);
        Class<?> cls;
        try {
            cls = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(what + ": class " + className + " is not in " + where + " (" + e + ")");
            return;
        }
        int mod = cls.getModifiers();
        if (!Modifier.isPublic(mod) || Modifier.isAbstract(mod) || cls.isInterface()) {
            problems.add(what + ": " + className + " is not a public concrete class, so FC cannot instantiate it");
        }
        try {
            if (!Modifier.isPublic(cls.getConstructor().getModifiers())) throw new NoSuchMethodException();
        } catch (NoSuchMethodException | LinkageError e) {
            problems.add(what + ": " + className + " has no public no-argument constructor");
        }
        try {
            Method m = cls.getMethod(methodName, params);
            if (Modifier.isStatic(m.getModifiers())) problems.add(what + ": " + entry + " is static");
        } catch (NoSuchMethodException | LinkageError e) {
            problems.add(what + ": " + className + " has no public " + methodName + "("
                    + Stream.of(params).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ") in " + where);
        }
    }

    /** The deployed function names are exactly the lifeline functions, each served by its own handler class. */
    static List<String> functionNames(Template template, Set<String> lifelineFunctions) {
        List<String> problems = new ArrayList<>();
        Set<String> deployed = new TreeSet<>();
        for (Template.Function f : template.functions()) {
            deployed.add(f.name());
            String handler = f.handler() == null ? "" : f.handler();
            String simple = handler.replaceAll("::.*", "").replaceAll(".*\\.", "");
            String expected = kebab(simple.replaceAll("Handler$", ""));
            if (!Objects.equals(f.name(), expected)) {
                problems.add("function " + f.name() + " is served by " + simple + ", which runs " + expected);
            }
        }
        for (String fn : lifelineFunctions) {
            if (!deployed.contains(fn)) problems.add("function " + fn + " is not deployed by the template");
        }
        for (String fn : deployed) {
            if (!lifelineFunctions.contains(fn)) problems.add("the template deploys " + fn + ", which is not a lifeline function");
        }
        return problems;
    }

    /** Timers: six-field cron (optionally CRON_TZ=), enable set, and a payload that is a valid Request. */
    static List<String> timers(Template template) {
        List<String> problems = new ArrayList<>();
        for (Template.Function f : template.functions()) {
            for (Template.Trigger t : f.triggers()) {
                if (!"timer".equals(t.type())) continue;
                String cron = Template.string(t.config().get("cronExpression"));
                String fields = cron == null ? "" : cron.replaceFirst("^CRON_TZ=\\S+\\s+", "").trim();
                if (fields.split("\\s+").length != 6) problems.add(t + ": cron '" + cron + "' does not have 6 fields");
                if (!t.config().containsKey("enable")) problems.add(t + ": enable is not set");
                Object payload = t.config().get("payload");
                try {
                    RequestParser.parse(payload == null ? "" : payload.toString());
                } catch (BadInputException e) {
                    problems.add(t + ": the payload is not a valid Request: " + e.getMessage());
                }
            }
        }
        return problems;
    }

    /**
     * EventBridge triggers: a filter pattern that is a JSON object, an event source, and no two
     * triggers bound to the same EventBridge rule ({@code sourceArn}), which would make their
     * updates and deletes undo each other.
     */
    static List<String> eventBridge(Template template) {
        List<String> problems = new ArrayList<>();
        Set<String> arns = new TreeSet<>();
        for (Template.Function f : template.functions()) {
            for (Template.Trigger t : f.triggers()) {
                if (!"eventbridge".equals(t.type())) continue;
                try {
                    JsonParser.parseString(Template.string(t.config().get("eventRuleFilterPattern"))).getAsJsonObject();
                } catch (RuntimeException e) {
                    problems.add(t + ": eventRuleFilterPattern is not a JSON object");
                }
                if (Template.map(t.config().get("eventSourceConfig")).get("eventSourceType") == null) {
                    problems.add(t + ": no eventSourceConfig.eventSourceType");
                }
                Object arn = t.props.get("sourceArn");
                if (arn != null && !arns.add(arn.toString())) problems.add(t + ": sourceArn " + arn + " is bound to another trigger too");
            }
        }
        return problems;
    }

    /**
     * Every trigger has a sample in events/ that it would really deliver (a timer's payload as in
     * the template, an EventBridge event that matches the filter pattern, a CDN event of the
     * trigger's eventName); every file in events/ is in the index, and the index names no trigger
     * the template lacks.
     */
    static List<String> samples(Template template, SampleIndex index, Path eventsDir) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> triggers = new TreeSet<>();
        for (Template.Function f : template.functions()) {
            for (Template.Trigger t : f.triggers()) {
                triggers.add(t.toString());
                List<SampleIndex.Sample> found = new ArrayList<>();
                for (SampleIndex.Sample s : index.samples) {
                    if (s.function.equals(f.name()) && t.name().equals(s.trigger)) found.add(s);
                }
                if (found.isEmpty()) problems.add(t + " (" + t.type() + "): no sample in events/");
                for (SampleIndex.Sample s : found) {
                    Path file = eventsDir.resolve(s.file);
                    if (!Files.isRegularFile(file)) continue; // reported below
                    JsonObject event;
                    try {
                        event = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
                    } catch (JsonParseException | IllegalStateException e) {
                        problems.add(s.file + " is not a JSON object");
                        continue;
                    }
                    problems.addAll(deliverable(t, s.file, event));
                }
            }
        }
        Set<String> listed = new TreeSet<>();
        for (SampleIndex.Sample s : index.samples) {
            listed.add(s.file);
            if (!Files.isRegularFile(eventsDir.resolve(s.file))) problems.add("events/index.json lists " + s.file + ", which does not exist");
            if (s.trigger != null && !triggers.contains(s.function + "/" + s.trigger)) {
                problems.add("events/index.json says " + s.file + " is for trigger " + s.function + "/" + s.trigger + ", which template.yml does not have");
            }
        }
        try (Stream<Path> files = Files.list(eventsDir)) {
            for (Path f : files.sorted().collect(Collectors.toList())) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json") && !name.equals(SampleIndex.FILE) && !listed.contains(name)) {
                    problems.add("events/" + name + " is not in events/index.json (which function is it for?)");
                }
            }
        }
        return problems;
    }

    private static List<String> deliverable(Template.Trigger t, String file, JsonObject event) {
        List<String> problems = new ArrayList<>();
        switch (String.valueOf(t.type())) {
            case "timer":
                String payload = Template.string(t.config().get("payload"));
                String samplePayload = event.has("payload") ? event.get("payload").getAsString() : null;
                if (!Objects.equals(t.name(), event.has("triggerName") ? event.get("triggerName").getAsString() : null)
                        || !Objects.equals(payload, samplePayload)) {
                    problems.add(file + " is not what timer " + t + " sends (triggerName and payload must be the template's)");
                }
                break;
            case "eventbridge":
                String pattern = Template.string(t.config().get("eventRuleFilterPattern"));
                try {
                    if (!EventPattern.matches(JsonParser.parseString(pattern).getAsJsonObject(), event)) {
                        problems.add(file + " does not match the filter pattern of " + t + ", so that trigger never delivers it");
                    }
                } catch (RuntimeException e) {
                    problems.add(t + ": filter pattern cannot be read: " + e.getMessage());
                }
                break;
            case "cdn_events":
                String eventName = Template.string(t.config().get("eventName"));
                for (JsonElement r : event.getAsJsonArray("events")) {
                    if (!r.getAsJsonObject().get("eventName").getAsString().equals(eventName)) {
                        problems.add(file + " is not a " + eventName + " event of " + t);
                    }
                }
                break;
            default:
                problems.add(t + ": trigger type " + t.type() + " has no sample check; add one");
        }
        return problems;
    }

    /**
     * ram-policy.json: the trust policy lets FC assume the role; every action the code calls is
     * granted by its exact name; nothing is granted with a wildcard action, and no cdn/dcdn/alidns
     * action is granted that the code does not call; the log and failure-destination writes the template
     * configures are granted.
     */
    static List<String> ramPolicy(JsonObject file, Set<String> usedActions, Template template) {
        List<String> problems = new ArrayList<>();
        boolean trusted = false;
        JsonObject trust = file.has("AssumeRolePolicyDocument") ? file.getAsJsonObject("AssumeRolePolicyDocument") : new JsonObject();
        for (JsonObject st : statements(trust)) {
            JsonObject principal = st.has("Principal") ? st.getAsJsonObject("Principal") : new JsonObject();
            if ("Allow".equals(str(st, "Effect")) && strings(st.get("Action")).contains("sts:AssumeRole")
                    && strings(principal.get("Service")).contains("fc.aliyuncs.com")) {
                trusted = true;
            }
        }
        if (!trusted) problems.add("the trust policy (AssumeRolePolicyDocument) does not let fc.aliyuncs.com assume the role");

        Set<String> granted = new TreeSet<>();
        JsonObject policy = file.has("PolicyDocument") ? file.getAsJsonObject("PolicyDocument") : new JsonObject();
        for (JsonObject st : statements(policy)) {
            if (!"Allow".equals(str(st, "Effect"))) continue;
            for (String a : strings(st.get("Action"))) {
                if (a.contains("*")) problems.add("the policy grants '" + a + "': name the exact actions instead");
                granted.add(a);
            }
        }
        for (String a : usedActions) {
            if (!granted.contains(a)) problems.add("the code calls " + a + " but ram-policy.json does not grant it");
        }
        // the central role may assume only the member roles: named role ARNs, or one role name in every account (rd:)
        for (JsonObject st : statements(policy)) {
            if (!strings(st.get("Action")).contains("sts:AssumeRole")) continue;
            Set<String> resources = strings(st.get("Resource"));
            if (resources.isEmpty()) problems.add("sts:AssumeRole is granted without a Resource");
            for (String r : resources) {
                if (!r.matches("acs:ram::(\\*|[0-9]+):role/[A-Za-z0-9._-]+")) {
                    problems.add("sts:AssumeRole is granted on '" + r + "': only member role ARNs acs:ram::<id>:role/<name> or acs:ram::*:role/<name>");
                }
            }
        }
        for (String a : granted) {
            String product = a.substring(0, Math.max(0, a.indexOf(':'))).toLowerCase(Locale.ROOT);
            if (java.util.Set.of("cdn", "dcdn", "vod", "live", "alidns", "sts", "resourcemanager").contains(product) && !usedActions.contains(a)) {
                problems.add("ram-policy.json grants " + a + ", which the code does not call (least privilege)");
            }
        }
        boolean logs = false;
        boolean queue = false;
        boolean bus = false;
        for (Template.Function f : template.functions()) {
            logs |= f.props.containsKey("logConfig");
            Object dest = Template.map(Template.map(Template.map(f.props.get("asyncInvokeConfig")).get("destinationConfig")).get("onFailure")).get("destination");
            queue |= dest != null && dest.toString().startsWith("acs:mns:");
            bus |= dest != null && dest.toString().startsWith("acs:eventbridge:");
        }
        if (logs && !granted.contains("log:PostLogStoreLogs")) problems.add("the template ships logs to Log Service but the role may not write them (log:PostLogStoreLogs)");
        if (queue && !granted.contains("mns:SendMessage")) problems.add("failed invocations go to an MNS queue but the role may not send to it (mns:SendMessage)");
        if (bus && !granted.contains("eventbridge:PutEvents")) problems.add("failed invocations go to an EventBridge bus but the role may not put events on it (eventbridge:PutEvents)");
        return problems;
    }

    private static List<JsonObject> statements(JsonObject doc) {
        List<JsonObject> out = new ArrayList<>();
        if (doc.has("Statement") && doc.get("Statement").isJsonArray()) {
            for (JsonElement e : doc.getAsJsonArray("Statement")) if (e.isJsonObject()) out.add(e.getAsJsonObject());
        }
        return out;
    }

    private static Set<String> strings(JsonElement e) {
        Set<String> out = new TreeSet<>();
        if (e == null) return out;
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) out.add(x.getAsString());
        } else if (e.isJsonPrimitive()) {
            out.add(e.getAsString());
        }
        return out;
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : null;
    }

    /** DnsToOrigin -> dns-to-origin. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
