package io.cdnlifeline.cloud.aliyun;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the APIs' JSON answers: a tree built straight on gson's {@link JsonReader} (gson's
 * {@code JsonParser} would initialise its whole {@code TypeAdapters} table, ~40 classes, on a cold start),
 * and the field reads the adapters need, as forgiving as the classic SDK's unmarshallers were: scalars may
 * come as strings ({@code "Port":"80"}, {@code "Locked":"true"}), lists are wrapped once
 * ({@code Domains.PageData[]}) or bare. A value of the wrong kind is {@link MalformedAnswerException}.
 */
final class AnswerJson {
    private AnswerJson() {
    }

    /** A field that is there but cannot be what the API documents. */
    static final class MalformedAnswerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedAnswerException(String message) {
            super(message);
        }
    }

    /** The answer as a JSON object, or null when it is not one (empty, HTML, truncated). */
    static JsonObject parseObject(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            JsonReader in = new JsonReader(new StringReader(text));
            if (in.peek() != JsonToken.BEGIN_OBJECT) return null;
            JsonElement e = read(in);
            return in.peek() == JsonToken.END_DOCUMENT ? e.getAsJsonObject() : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    private static JsonElement read(JsonReader in) throws IOException {
        switch (in.peek()) {
            case BEGIN_OBJECT: {
                JsonObject o = new JsonObject();
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    o.add(name, read(in));
                }
                in.endObject();
                return o;
            }
            case BEGIN_ARRAY: {
                JsonArray a = new JsonArray();
                in.beginArray();
                while (in.hasNext()) a.add(read(in));
                in.endArray();
                return a;
            }
            case STRING:
                return new JsonPrimitive(in.nextString());
            case NUMBER:
                return new JsonPrimitive(new LazilyParsedNumber(in.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(in.nextBoolean());
            case NULL:
                in.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new IOException("unexpected " + in.peek());
        }
    }

    /** A scalar as text (numbers and booleans as written); null when absent or null. */
    static String text(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        if (e == null || e.isJsonNull()) return null;
        if (!e.isJsonPrimitive()) throw new MalformedAnswerException(name + " is not a scalar");
        return e.getAsString();
    }

    /** A whole number (or one written as a string); null when absent. */
    static Long number(JsonObject o, String name) {
        String t = text(o, name);
        if (t == null || t.isEmpty()) return null;
        try {
            return Long.valueOf(t.trim());
        } catch (NumberFormatException e) {
            throw new MalformedAnswerException(name + " is not a whole number");
        }
    }

    /** A boolean (or {@code "true"}/{@code "false"}); null when absent. */
    static Boolean flag(JsonObject o, String name) {
        String t = text(o, name);
        if (t == null) return null;
        String v = t.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true")) return Boolean.TRUE;
        if (v.equals("false")) return Boolean.FALSE;
        throw new MalformedAnswerException(name + " is not a boolean");
    }

    /** A nested object; null when absent. */
    static JsonObject object(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        if (e == null || e.isJsonNull()) return null;
        if (!e.isJsonObject()) throw new MalformedAnswerException(name + " is not an object");
        return e.getAsJsonObject();
    }

    /**
     * The objects of a wrapped list ({@code "Domains":{"PageData":[...]}}), or of a bare one
     * ({@code "TagResources":[...]}) when {@code item} is null; empty when absent.
     */
    static List<JsonObject> list(JsonObject o, String name, String item) {
        JsonElement e = o == null ? null : o.get(name);
        if (e == null || e.isJsonNull()) return List.of();
        if (item != null && e.isJsonObject()) {
            e = e.getAsJsonObject().get(item);
            if (e == null || e.isJsonNull()) return List.of();
        }
        if (!e.isJsonArray()) throw new MalformedAnswerException(name + (item == null ? "" : "." + item) + " is not a list");
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement x : e.getAsJsonArray()) {
            if (!x.isJsonObject()) throw new MalformedAnswerException(name + " holds something that is not an object");
            out.add(x.getAsJsonObject());
        }
        return out;
    }
}
