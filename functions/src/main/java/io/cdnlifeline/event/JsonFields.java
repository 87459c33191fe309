package io.cdnlifeline.event;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Strict reads of event fields. Every miss is a {@link BadInputException} that says where (a JSON
 * path such as {@code data.requestParameters.DomainName}) and what was expected, so an event that
 * changed shape fails loudly instead of turning into an account-wide run.
 */
final class JsonFields {
    private JsonFields() {
    }

    static JsonObject object(JsonObject parent, String key, String where) {
        JsonElement v = parent.get(key);
        if (v == null || !v.isJsonObject()) {
            throw new BadInputException(where + "." + key + " must be a JSON object; got " + RequestParser.kind(v));
        }
        return v.getAsJsonObject();
    }

    static String string(JsonObject parent, String key, String where) {
        JsonElement v = parent.get(key);
        if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString() || v.getAsString().isBlank()) {
            throw new BadInputException(where + "." + key + " must be a non-empty string; got " + RequestParser.kind(v));
        }
        return v.getAsString();
    }

    /** The string value, or null when the field is absent or null. */
    static String optionalString(JsonObject parent, String key, String where) {
        JsonElement v = parent.get(key);
        if (v == null || v.isJsonNull()) return null;
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw new BadInputException(where + "." + key + " must be a string; got " + RequestParser.kind(v));
        }
        return v.getAsString();
    }

    /** A JSON array of strings, or an empty list when the field is absent or null. */
    static List<String> optionalStrings(JsonObject parent, String key, String where, String expected) {
        JsonElement v = parent.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isJsonNull()) return out;
        JsonArray a = RequestParser.array(v, where + "." + key, expected);
        for (JsonElement e : a) out.add(RequestParser.string(e, where + "." + key + "[]", expected));
        return out;
    }

    /** Text from an event for a message: at most 80 characters, no control characters (it ends up in logs). */
    static String text(String raw) {
        return raw == null ? "" : DomainNames.printable(raw);
    }

    /** A reason given in an event, for the audit log: control characters replaced, at most 300 characters. */
    static String reason(String raw) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < raw.length() && b.length() < 300; i++) {
            char c = raw.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (raw.length() > 300) b.append("...");
        return b.toString().trim();
    }
}
