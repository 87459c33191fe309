package io.cdnlifeline.event;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;

import java.io.IOException;

/**
 * Reads one JSON value and refuses what a plain JSON tree would silently collapse: a field given twice in one
 * object ({@code "dryRun": true, "dryRun": false} would otherwise keep the last, and run for real), and nesting
 * deeper than any event has.
 */
final class StrictJson {
    /** Deeper than any event cdn-lifeline reads (a CloudEvent is 4 levels deep). */
    static final int MAX_DEPTH = 64;

    /** A field appears twice in one object. */
    static final class DuplicateFieldException extends IOException {
        private static final long serialVersionUID = 1L;
        final String field;

        DuplicateFieldException(String field) {
            super("duplicate field " + field);
            this.field = field;
        }
    }

    /** Nesting deeper than {@link #MAX_DEPTH}. */
    static final class TooDeepException extends IOException {
        private static final long serialVersionUID = 1L;

        TooDeepException() {
            super("nested deeper than " + MAX_DEPTH);
        }
    }

    private StrictJson() {
    }

    static JsonElement read(JsonReader in) throws IOException {
        return read(in, 0);
    }

    private static JsonElement read(JsonReader in, int depth) throws IOException {
        if (depth > MAX_DEPTH) throw new TooDeepException();
        switch (in.peek()) {
            case BEGIN_OBJECT: {
                JsonObject o = new JsonObject();
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    if (o.has(name)) throw new DuplicateFieldException(name);
                    o.add(name, read(in, depth + 1));
                }
                in.endObject();
                return o;
            }
            case BEGIN_ARRAY: {
                JsonArray a = new JsonArray();
                in.beginArray();
                while (in.hasNext()) a.add(read(in, depth + 1));
                in.endArray();
                return a;
            }
            case STRING:
                return new JsonPrimitive(in.nextString());
            case NUMBER:
                return new JsonPrimitive(new java.math.BigDecimal(in.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(in.nextBoolean());
            case NULL:
                in.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new com.google.gson.stream.MalformedJsonException("unexpected " + in.peek());
        }
    }
}
