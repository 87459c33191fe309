package io.cdnlifeline.deploy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The part of EventBridge's event pattern language that template.yml uses: a field matches when its
 * value equals one of the listed values, or matches a listed {@code {"prefix": ...}} / {@code {"suffix": ...}};
 * nested objects match field by field. Used to prove each sample would really be delivered by its trigger.
 * Anything else in a pattern is refused, so the tests never pass on a pattern they do not understand.
 */
final class EventPattern {
    private EventPattern() {
    }

    static boolean matches(JsonObject pattern, JsonObject event) {
        for (String key : pattern.keySet()) {
            JsonElement p = pattern.get(key);
            JsonElement v = event.get(key);
            if (p.isJsonObject()) {
                if (v == null || !v.isJsonObject() || !matches(p.getAsJsonObject(), v.getAsJsonObject())) return false;
            } else if (p.isJsonArray()) {
                if (v == null || !v.isJsonPrimitive() || !anyOf(p.getAsJsonArray(), v.getAsString())) return false;
            } else {
                throw new IllegalArgumentException("pattern field '" + key + "' is neither an object nor an array of values");
            }
        }
        return true;
    }

    private static boolean anyOf(JsonArray options, String value) {
        for (JsonElement o : options) {
            if (o.isJsonPrimitive() && o.getAsString().equals(value)) return true;
            if (o.isJsonObject()) {
                JsonObject rule = o.getAsJsonObject();
                if (rule.has("prefix") && value.startsWith(rule.get("prefix").getAsString())) return true;
                if (rule.has("suffix") && value.endsWith(rule.get("suffix").getAsString())) return true;
                if (!rule.has("prefix") && !rule.has("suffix")) {
                    throw new IllegalArgumentException("pattern rule " + rule + " is not prefix or suffix");
                }
            }
        }
        return false;
    }
}
