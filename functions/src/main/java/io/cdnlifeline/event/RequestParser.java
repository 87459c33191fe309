package io.cdnlifeline.event;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.cdnlifeline.cloud.Product;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * Strict reader of the Request JSON (DESIGN.md "Request"). Anything it does not understand is a
 * {@link BadInputException} naming what was expected, so a typo never turns into an account-wide run.
 */
public final class RequestParser {
    /** Far more than any real Request; a larger payload is refused before parsing. */
    public static final int MAX_BYTES = 256 * 1024;
    public static final int MAX_DOMAINS = 10_000;
    public static final int MAX_REASON = 1_000;
    static final Set<String> KEYS = Set.of("domains", "when", "products", "dryRun", "maxChanges", "reason", "continuation", "accounts",
            "memberOf");
    /** More accounts than a Resource Directory holds by default; a longer list is refused. */
    public static final int MAX_ACCOUNTS = 1_000;

    private static final java.util.regex.Pattern ACCOUNT = java.util.regex.Pattern.compile("self|[0-9]{1,32}");
    private static final java.util.regex.Pattern REQUEST_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private RequestParser() {
    }

    /** Parses a Request from JSON text; empty or blank text is the default Request. */
    public static Request parse(String json) {
        if (json == null || json.isBlank()) {
            return Request.builder().build();
        }
        if (json.length() > MAX_BYTES) {
            throw new BadInputException("the request is " + json.length() + " characters, more than the " + MAX_BYTES + " a Request may have");
        }
        return fromJson(parseJson(json), "request");
    }

    /**
     * Parses JSON text strictly: one value, standard JSON only (no comments, single quotes or NaN), each field once
     * per object, nothing after it.
     */
    public static JsonElement parseJson(String json) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(com.google.gson.Strictness.STRICT);
        JsonElement e;
        try {
            e = StrictJson.read(reader);
        } catch (StrictJson.DuplicateFieldException ex) {
            throw new BadInputException("the input has the field '" + DomainNames.printable(ex.field) + "' twice in one object; "
                    + "expected each field once");
        } catch (StrictJson.TooDeepException ex) {
            throw new BadInputException("the input is nested too deeply to be a Request; expected a flat JSON object");
        } catch (JsonParseException | java.io.IOException | IllegalStateException | NumberFormatException ex) {
            throw new BadInputException("the input is not valid JSON; expected a JSON object such as "
                    + "{\"domains\":[\"www.example.com\"],\"when\":[\"offline\"]}");
        }
        try {
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new BadInputException("the input has text after its JSON value; expected one JSON object");
            }
        } catch (java.io.IOException | JsonParseException ex) {
            throw new BadInputException("the input has text after its JSON value; expected one JSON object");
        }
        return e;
    }

    /** Reads a Request from an already parsed JSON object; {@code where} names it in error messages. */
    public static Request fromJson(JsonElement element, String where) {
        if (element == null || element.isJsonNull()) {
            return Request.builder().build();
        }
        if (!element.isJsonObject()) {
            throw new BadInputException(where + " must be a JSON object with any of " + KEYS + "; got " + kind(element));
        }
        JsonObject o = element.getAsJsonObject();
        Request.Builder b = Request.builder();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            String key = e.getKey();
            JsonElement v = e.getValue();
            if (!KEYS.contains(key)) {
                throw new BadInputException(where + " has an unknown field '" + DomainNames.printable(key) + "'; expected any of "
                        + "domains, when, products, dryRun, maxChanges, reason, continuation, accounts, memberOf");
            }
            if (v.isJsonNull()) continue;
            switch (key) {
                case "domains":
                    JsonArray ds = array(v, where + ".domains", "domain names such as [\"www.example.com\"]");
                    if (ds.size() > MAX_DOMAINS) {
                        throw new BadInputException(where + ".domains has " + ds.size() + " entries; at most " + MAX_DOMAINS);
                    }
                    for (JsonElement d : ds) b.domain(string(d, where + ".domains[]", "a domain name"));
                    break;
                case "when":
                    for (JsonElement c : array(v, where + ".when", "conditions such as [\"offline\"]")) {
                        String id = string(c, where + ".when[]", "a condition");
                        Condition cond = Condition.fromId(id);
                        if (cond == null) {
                            throw new BadInputException(where + ".when has '" + DomainNames.printable(id) + "'; expected any of " + Condition.allIds());
                        }
                        b.when(cond);
                    }
                    break;
                case "products":
                    for (JsonElement p : array(v, where + ".products", "products such as [\"cdn\", \"vod\"]")) {
                        String id = string(p, where + ".products[]", "one of " + Product.ids());
                        try {
                            b.product(Product.fromId(id));
                        } catch (IllegalArgumentException ex) {
                            throw new BadInputException(where + ".products has '" + DomainNames.printable(id) + "'; expected any of " + Product.ids());
                        }
                    }
                    break;
                case "dryRun":
                    if (!(v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean())) {
                        throw new BadInputException(where + ".dryRun must be true or false; got " + kind(v));
                    }
                    b.dryRun(v.getAsBoolean());
                    break;
                case "maxChanges":
                    b.maxChanges(nonNegativeInt(v, where + ".maxChanges"));
                    break;
                case "reason":
                    String r = string(v, where + ".reason", "free text");
                    if (r.length() > MAX_REASON) {
                        throw new BadInputException(where + ".reason is " + r.length() + " characters; at most " + MAX_REASON);
                    }
                    b.reason(r);
                    break;
                case "continuation":
                    b.continuation(continuation(v, where + ".continuation"));
                    break;
                case "accounts": {
                    JsonArray as = array(v, where + ".accounts", "account ids such as [\"1234567890123456\"] or \"self\"");
                    if (as.size() > MAX_ACCOUNTS) {
                        throw new BadInputException(where + ".accounts has " + as.size() + " entries; at most " + MAX_ACCOUNTS);
                    }
                    java.util.List<String> ids = new java.util.ArrayList<>();
                    for (JsonElement a : as) {
                        String id = string(a, where + ".accounts[]", "an account id or self");
                        if (!ACCOUNT.matcher(id).matches()) {
                            throw new BadInputException(where + ".accounts has '" + DomainNames.printable(id) + "'; expected an account id "
                                    + "(digits) or self");
                        }
                        ids.add(id);
                    }
                    b.accounts(ids);
                    break;
                }
                case "memberOf": {
                    String id = string(v, where + ".memberOf", "the request id of the run over several accounts");
                    if (!REQUEST_ID.matcher(id).matches()) {
                        throw new BadInputException(where + ".memberOf must be a request id (letters, digits, - and _, at most 64); got '"
                                + DomainNames.printable(id) + "'");
                    }
                    b.memberOf(id);
                    break;
                }
                default:
                    throw new AssertionError(key);
            }
        }
        return b.build();
    }

    /**
     * {@code {"round": 2, "after": {"cdn": "a.example.com", "dcdn": "b.example.com"}}}: exactly these two fields, a
     * round from 2 to {@value Continuation#MAX_ROUND}, product ids as the keys of {@code after} and a domain name each.
     */
    private static Continuation continuation(JsonElement v, String where) {
        if (!v.isJsonObject()) {
            throw new BadInputException(where + " must be an object {\"round\": N, \"after\": {\"cdn\": DOMAIN, \"dcdn\": DOMAIN}}; got " + kind(v));
        }
        Integer round = null;
        java.util.Map<Product, String> after = null;
        for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
            switch (e.getKey()) {
                case "round":
                    int r = nonNegativeInt(e.getValue(), where + ".round");
                    if (r < 2 || r > Continuation.MAX_ROUND) {
                        throw new BadInputException(where + ".round must be a whole number from 2 to " + Continuation.MAX_ROUND + "; got " + r);
                    }
                    round = r;
                    break;
                case "after":
                    if (!e.getValue().isJsonObject()) {
                        throw new BadInputException(where + ".after must be an object of product ids to domain names; got " + kind(e.getValue()));
                    }
                    after = new java.util.EnumMap<>(Product.class);
                    for (Map.Entry<String, JsonElement> a : e.getValue().getAsJsonObject().entrySet()) {
                        Product p;
                        try {
                            p = Product.fromId(a.getKey());
                        } catch (IllegalArgumentException ex) {
                            throw new BadInputException(where + ".after has '" + DomainNames.printable(a.getKey()) + "'; expected any of " + Product.ids());
                        }
                        String name = string(a.getValue(), where + ".after." + p.id(), "a domain name");
                        try {
                            after.put(p, DomainNames.normalize(name));
                        } catch (BadInputException ex) {
                            throw new BadInputException(where + ".after." + p.id() + ": " + ex.getMessage());
                        }
                    }
                    break;
                default:
                    throw new BadInputException(where + " has an unknown field '" + DomainNames.printable(e.getKey()) + "'; expected round and after");
            }
        }
        if (round == null || after == null) {
            throw new BadInputException(where + " needs both round and after; got " + (round == null ? "no round" : "no after"));
        }
        return new Continuation(round, after);
    }

    /**
     * The Request as the JSON DESIGN.md shows (defaults left out), the text {@code toJsonObject(r).toString()}
     * gives, written straight to a {@link JsonWriter}: {@code JsonElement.toString} initialises gson's whole
     * {@code TypeAdapters} table, and every run logs its request.
     */
    public static String toJson(Request r) {
        StringWriter out = new StringWriter();
        JsonWriter w = new JsonWriter(out);
        try {
            w.beginObject();
            if (!r.domains().isEmpty()) {
                w.name("domains").beginArray();
                for (String d : r.domains()) w.value(d);
                w.endArray();
            }
            if (!r.when().isEmpty()) {
                w.name("when").beginArray();
                for (Condition c : r.when()) w.value(c.id());
                w.endArray();
            }
            if (r.productsNamed()) {
                w.name("products").beginArray();
                for (Product p : r.products()) w.value(p.id());
                w.endArray();
            }
            if (r.dryRun() != null) w.name("dryRun").value(r.dryRun());
            if (r.maxChanges() != null) w.name("maxChanges").value(r.maxChanges());
            if (r.reason() != null) w.name("reason").value(r.reason());
            if (r.continuation() != null) {
                w.name("continuation").beginObject().name("round").value(r.continuation().round()).name("after").beginObject();
                for (Map.Entry<Product, String> e : r.continuation().after().entrySet()) w.name(e.getKey().id()).value(e.getValue());
                w.endObject().endObject();
            }
            if (!r.accounts().isEmpty()) {
                w.name("accounts").beginArray();
                for (String a : r.accounts()) w.value(a);
                w.endArray();
            }
            if (r.memberOf() != null) w.name("memberOf").value(r.memberOf());
            w.endObject();
            w.flush();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString();
    }

    public static JsonObject toJsonObject(Request r) {
        JsonObject o = new JsonObject();
        if (!r.domains().isEmpty()) {
            JsonArray a = new JsonArray();
            r.domains().forEach(a::add);
            o.add("domains", a);
        }
        if (!r.when().isEmpty()) {
            JsonArray a = new JsonArray();
            r.when().forEach(c -> a.add(c.id()));
            o.add("when", a);
        }
        if (r.productsNamed()) {
            JsonArray ps = new JsonArray();
            r.products().forEach(p -> ps.add(p.id()));
            o.add("products", ps);
        }
        if (r.dryRun() != null) o.addProperty("dryRun", r.dryRun());
        if (r.maxChanges() != null) o.addProperty("maxChanges", r.maxChanges());
        if (r.reason() != null) o.addProperty("reason", r.reason());
        if (r.continuation() != null) {
            JsonObject c = new JsonObject();
            c.addProperty("round", r.continuation().round());
            JsonObject after = new JsonObject();
            r.continuation().after().forEach((p, d) -> after.addProperty(p.id(), d));
            c.add("after", after);
            o.add("continuation", c);
        }
        if (!r.accounts().isEmpty()) {
            JsonArray a = new JsonArray();
            r.accounts().forEach(a::add);
            o.add("accounts", a);
        }
        if (r.memberOf() != null) o.addProperty("memberOf", r.memberOf());
        return o;
    }

    static JsonArray array(JsonElement v, String where, String expected) {
        if (!v.isJsonArray()) {
            throw new BadInputException(where + " must be a JSON array of " + expected + "; got " + kind(v));
        }
        return v.getAsJsonArray();
    }

    static String string(JsonElement v, String where, String expected) {
        if (!(v.isJsonPrimitive() && v.getAsJsonPrimitive().isString())) {
            throw new BadInputException(where + " must be a string (" + expected + "); got " + kind(v));
        }
        return v.getAsString();
    }

    static int nonNegativeInt(JsonElement v, String where) {
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
            JsonPrimitive p = v.getAsJsonPrimitive();
            try {
                java.math.BigDecimal d = p.getAsBigDecimal();
                if (d.signum() >= 0 && d.stripTrailingZeros().scale() <= 0 && d.compareTo(java.math.BigDecimal.valueOf(1_000_000)) <= 0) {
                    return d.intValueExact();
                }
            } catch (NumberFormatException | ArithmeticException ignored) {
                // falls through to the error below
            }
        }
        throw new BadInputException(where + " must be a whole number from 0 to 1000000; got " + kind(v));
    }

    static String kind(JsonElement v) {
        if (v == null || v.isJsonNull()) return "null";
        if (v.isJsonObject()) return "an object";
        if (v.isJsonArray()) return "an array";
        JsonPrimitive p = v.getAsJsonPrimitive();
        if (p.isBoolean()) return "the boolean " + p.getAsBoolean();
        if (p.isNumber()) return "the number " + DomainNames.printable(p.getAsString());
        return "the string \"" + DomainNames.printable(p.getAsString()) + "\"";
    }
}
