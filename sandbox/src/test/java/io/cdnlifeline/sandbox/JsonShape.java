package io.cdnlifeline.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structural comparison of two JSON documents: same keys, same nesting, same JSON types; values ignored.
 * Arrays are compared element-wise against the union of the documented elements (a key that only some documented
 * elements have is optional). Keys listed as allowed extras (by path, e.g. {@code Domains.PageData[].Scene}) may
 * appear in the actual document only.
 */
final class JsonShape {
    private JsonShape() {
    }

    /** Every difference, one line each; empty when the shapes agree. The top-level {@code _source} and {@code _note} keys are ignored. */
    static List<String> differences(JsonObject documented, JsonObject actual, Set<String> allowedExtras) {
        return differences(documented, actual, allowedExtras, Set.of());
    }

    /**
     * As above; at the paths of {@code numbersWrittenAsStrings} the documented example writes a number as a string (a
     * documentation artifact its own response table contradicts, e.g. VOD's list): a number answers it.
     */
    static List<String> differences(JsonObject documented, JsonObject actual, Set<String> allowedExtras, Set<String> numbersWrittenAsStrings) {
        JsonObject doc = documented.deepCopy();
        doc.remove("_source");
        doc.remove("_note");
        List<String> out = new ArrayList<>();
        compare("", doc, actual, allowedExtras, Set.of(), out, numbersWrittenAsStrings);
        return out;
    }

    private static void compare(String path, JsonElement doc, JsonElement act, Set<String> extras, Set<String> optional,
                                List<String> out) {
        compare(path, doc, act, extras, optional, out, Set.of());
    }

    private static void compare(String path, JsonElement doc, JsonElement act, Set<String> extras, Set<String> optional,
                                List<String> out, Set<String> numbersAsStrings) {
        String docType = type(doc);
        String actType = type(act);
        if (numbersAsStrings.contains(path) && docType.equals("string") && actType.equals("number")) {
            return;
        }
        if (!docType.equals(actType)) {
            out.add(display(path) + ": documented " + docType + ", got " + actType);
            return;
        }
        if (doc.isJsonObject()) {
            JsonObject d = doc.getAsJsonObject();
            JsonObject a = act.getAsJsonObject();
            for (Map.Entry<String, JsonElement> e : d.entrySet()) {
                String child = join(path, e.getKey());
                if (!a.has(e.getKey())) {
                    if (!optional.contains(e.getKey())) {
                        out.add(display(child) + ": missing");
                    }
                } else {
                    compare(child, e.getValue(), a.get(e.getKey()), extras, Set.of(), out, numbersAsStrings);
                }
            }
            for (String key : a.keySet()) {
                if (!d.has(key) && !extras.contains(join(path, key))) {
                    out.add(display(join(path, key)) + ": not documented");
                }
            }
        } else if (doc.isJsonArray()) {
            JsonArray d = doc.getAsJsonArray();
            JsonArray a = act.getAsJsonArray();
            if (d.size() == 0) {
                return;
            }
            if (a.size() == 0) {
                out.add(display(path) + ": empty, cannot compare its elements (give the state some)");
                return;
            }
            JsonElement merged = d.get(0);
            Set<String> optionalKeys = new java.util.HashSet<>();
            if (merged.isJsonObject()) {
                Map<String, JsonElement> union = new LinkedHashMap<>();
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (JsonElement item : d) {
                    for (Map.Entry<String, JsonElement> e : item.getAsJsonObject().entrySet()) {
                        union.putIfAbsent(e.getKey(), e.getValue());
                        counts.merge(e.getKey(), 1, Integer::sum);
                    }
                }
                JsonObject m = new JsonObject();
                union.forEach(m::add);
                counts.forEach((k, n) -> {
                    if (n < d.size()) {
                        optionalKeys.add(k);
                    }
                });
                merged = m;
            }
            for (JsonElement item : a) {
                compare(path + "[]", merged, item, extras, optionalKeys, out, numbersAsStrings);
            }
        }
    }

    private static String type(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "object";
        }
        if (e.isJsonArray()) {
            return "array";
        }
        if (e.getAsJsonPrimitive().isBoolean()) {
            return "boolean";
        }
        if (e.getAsJsonPrimitive().isNumber()) {
            return "number";
        }
        return "string";
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String display(String path) {
        return path.isEmpty() ? "(root)" : path;
    }
}
