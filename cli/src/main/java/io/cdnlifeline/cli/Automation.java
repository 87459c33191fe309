package io.cdnlifeline.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What starts lifeline's functions without a person: the timers and EventBridge triggers of the deployed lifeline
 * functions, each with its own switch ({@code triggerConfig.enable} of a timer, {@code triggerConfig.triggerEnable}
 * of an EventBridge trigger: FC 3.0's TimerTriggerConfig and EventBridgeTriggerConfig).
 *
 * <p>The pause record lives on the same triggers, in their {@code description}: {@code lifeline pause} switches a
 * trigger off and writes who paused and since when in front of its description in the one UpdateTrigger call, so
 * the switch and its record can never disagree, there is no other resource to create, keep or lose, and the
 * functions read nothing (their role needs no FC permission). A trigger that was already off before the pause
 * carries no record, so {@code lifeline resume} leaves it off.
 */
final class Automation {
    /** The functions of template.yml: only their triggers are lifeline's to switch. */
    static final Set<String> FUNCTIONS = FunctionHandlers.names();

    private final String fcEndpoint;
    private final List<String> functions;
    private final List<Trigger> triggers;

    private Automation(String fcEndpoint, List<String> functions, List<Trigger> triggers) {
        this.fcEndpoint = fcEndpoint;
        this.functions = Collections.unmodifiableList(functions);
        this.triggers = Collections.unmodifiableList(triggers);
    }

    /** Reads the deployed lifeline functions and their triggers (ListFunctions, one ListTriggers per function). */
    static Automation read(FcControl fc) {
        List<String> functions = new ArrayList<>();
        List<Trigger> triggers = new ArrayList<>();
        for (JsonObject f : fc.functions()) {
            String name = FcControl.text(f, "functionName");
            if (name == null || !FUNCTIONS.contains(name)) continue;
            functions.add(name);
            for (JsonObject t : fc.triggers(name)) triggers.add(Trigger.of(name, t));
        }
        return new Automation(fc.baseUrl(), functions, triggers);
    }

    String fcEndpoint() {
        return fcEndpoint;
    }

    /** The lifeline functions deployed, in FC's order. */
    List<String> functions() {
        return functions;
    }

    List<Trigger> triggers() {
        return triggers;
    }

    boolean deployed() {
        return !functions.isEmpty();
    }

    /** The pause record of the paused triggers (the earliest, if they differ), or null when none is paused. */
    PauseRecord paused() {
        PauseRecord first = null;
        for (Trigger t : triggers) {
            if (t.paused != null && (first == null || t.paused.since.isBefore(first.since))) first = t.paused;
        }
        return first;
    }

    long count(java.util.function.Predicate<Trigger> p) {
        return triggers.stream().filter(p).count();
    }

    /** One line for inspect, doctor and invoke: running, paused (by whom, since when), or not deployed. */
    String summary() {
        if (!deployed()) return "no lifeline function is deployed at " + fcEndpoint;
        PauseRecord p = paused();
        long on = count(t -> t.on);
        long switchable = count(Trigger::switchable);
        if (p != null) {
            return "PAUSED by " + p.by + " since " + p.since + (p.reason == null ? "" : " (" + p.reason + ")") + ": "
                    + count(t -> t.paused != null) + " of " + switchable + " triggers off" + (on > 0 ? ", " + on + " still on" : "")
                    + "; timers and events start nothing until `lifeline resume`";
        }
        return "running: " + on + " of " + switchable + " triggers on, " + functions.size() + " functions at " + fcEndpoint;
    }

    /** One trigger of a lifeline function, with its switch and its pause record. */
    static final class Trigger {
        final String function;
        final String name;
        final String type;
        final JsonObject config;
        final String description;
        /** The config field that switches it, or null for a kind that has none lifeline knows. */
        final String switchField;
        final boolean on;
        final PauseRecord paused;

        private Trigger(String function, String name, String type, JsonObject config, String description) {
            this.function = function;
            this.name = name;
            this.type = type;
            this.config = config;
            this.description = description == null ? "" : description;
            this.switchField = "timer".equals(type) ? "enable" : "eventbridge".equals(type) ? "triggerEnable" : null;
            JsonElement s = switchField == null ? null : config.get(switchField);
            this.on = s == null || !s.isJsonPrimitive() || s.getAsBoolean();  // FC's default: on
            this.paused = PauseRecord.parse(this.description);
        }

        static Trigger of(String function, JsonObject t) {
            String configText = FcControl.text(t, "triggerConfig");
            JsonObject config;
            try {
                config = configText == null ? new JsonObject() : JsonParser.parseString(configText).getAsJsonObject();
            } catch (RuntimeException e) {
                config = new JsonObject();
            }
            return new Trigger(function, FcControl.text(t, "triggerName"), FcControl.text(t, "triggerType"), config,
                    FcControl.text(t, "description"));
        }

        boolean switchable() {
            return switchField != null;
        }

        String id() {
            return function + "/" + name;
        }

        /** The UpdateTriggerInput that switches it off with {@code record} in front of its description. */
        JsonObject pauseInput(PauseRecord record) {
            JsonObject c = config.deepCopy();
            c.addProperty(switchField, false);
            JsonObject in = new JsonObject();
            in.addProperty("triggerConfig", c.toString());
            in.addProperty("description", record.encode() + description);
            return in;
        }

        /** The UpdateTriggerInput that switches it on again with its description as it was before the pause. */
        JsonObject resumeInput() {
            JsonObject c = config.deepCopy();
            c.addProperty(switchField, true);
            JsonObject in = new JsonObject();
            in.addProperty("triggerConfig", c.toString());
            in.addProperty("description", PauseRecord.original(description));
            return in;
        }
    }

    /**
     * Who paused and since when, as written in front of a trigger's description:
     * {@code lifeline:paused by=<who> since=<ISO instant>[ reason=<text>]|<the description before>}.
     */
    static final class PauseRecord {
        static final String PREFIX = "lifeline:paused ";
        final String by;
        final Instant since;
        final String reason;

        PauseRecord(String by, Instant since, String reason) {
            this.by = clean(Objects.requireNonNull(by, "by")).replace(' ', '_');
            this.since = Objects.requireNonNull(since, "since");
            String r = reason == null ? null : clean(reason).trim();
            this.reason = r == null || r.isEmpty() ? null : r;
        }

        /** No '|' (it ends the record) and no line breaks. */
        private static String clean(String s) {
            return s.replace('|', '/').replaceAll("[\\r\\n\\t]+", " ");
        }

        String encode() {
            return PREFIX + "by=" + by + " since=" + since + (reason == null ? "" : " reason=" + reason) + "|";
        }

        /** The record at the start of a description, or null when there is none (or it does not parse). */
        static PauseRecord parse(String description) {
            if (description == null || !description.startsWith(PREFIX)) return null;
            int end = description.indexOf('|');
            if (end < 0) return null;
            String body = description.substring(PREFIX.length(), end);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("by=(\\S+) since=(\\S+)(?: reason=(.*))?").matcher(body);
            if (!m.matches()) return null;
            try {
                return new PauseRecord(m.group(1), Instant.parse(m.group(2)), m.group(3));
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }

        /** The description without the record in front of it. */
        static String original(String description) {
            if (parse(description) == null) return description;
            return description.substring(description.indexOf('|') + 1);
        }
    }
}
