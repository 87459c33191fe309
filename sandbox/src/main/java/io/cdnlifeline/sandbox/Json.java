package io.cdnlifeline.sandbox;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Gson instances and the tiny builders the API emulations use to write responses in the documented key order. */
final class Json {
    /** State and admin documents: nulls left out, pretty enough for a person to read. */
    static final Gson STATE = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    static final Gson WIRE = new GsonBuilder().disableHtmlEscaping().create();

    private Json() {
    }

    /** {@code {"<itemKey>": [items]}}: the one wrapper level every RPC list has (Domains.PageData[], ...). */
    static JsonObject wrap(String itemKey, JsonArray items) {
        JsonObject o = new JsonObject();
        o.add(itemKey, items);
        return o;
    }
}
