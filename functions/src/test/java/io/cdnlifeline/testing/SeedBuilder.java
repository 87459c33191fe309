package io.cdnlifeline.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds sandbox seeds in the DESIGN.md format, so a test can make an account of 600+ domains and 100+ zones. */
public final class SeedBuilder {
    private final JsonObject account = new JsonObject();
    private final JsonArray cdn = new JsonArray();
    private final JsonArray dcdn = new JsonArray();
    private final Map<String, JsonArray> zones = new LinkedHashMap<>();
    private int nextRecordId = 1000;

    public SeedBuilder() {
        account.addProperty("inDebt", false);
        account.addProperty("inDebtOverdue", false);
        account.addProperty("availableAmount", "100.00");
    }

    public SeedBuilder debt(boolean inDebt, boolean overdue) {
        account.addProperty("inDebt", inDebt);
        account.addProperty("inDebtOverdue", overdue);
        return this;
    }

    /** A CDN domain with one IP origin; returns its JSON for further tweaks (tags, icp). */
    public JsonObject cdn(String name, String status, String coverage, boolean icp) {
        JsonObject d = domain(name, name + ".w.kunlunsl.com", status, coverage, icp);
        d.addProperty("cdnType", "web");
        cdn.add(d);
        return d;
    }

    public JsonObject dcdn(String name, String status, String coverage, boolean icp) {
        JsonObject d = domain(name, name + ".w.kunluncan.com", status, coverage, icp);
        dcdn.add(d);
        return d;
    }

    public static String originOf(String name) {
        int h = Math.abs(name.hashCode());
        return "203.0." + (h % 250) + "." + (1 + h / 250 % 250);
    }

    private static JsonObject domain(String name, String cname, String status, String coverage, boolean icp) {
        JsonObject d = new JsonObject();
        d.addProperty("domain", name);
        d.addProperty("cname", cname);
        d.addProperty("status", status);
        d.addProperty("coverage", coverage);
        d.addProperty("icp", icp);
        d.add("tags", new JsonObject());
        JsonArray sources = new JsonArray();
        JsonObject s = new JsonObject();
        s.addProperty("type", "ipaddr");
        s.addProperty("content", originOf(name));
        s.addProperty("port", 80);
        s.addProperty("priority", "20");
        s.addProperty("weight", "10");
        s.addProperty("enabled", "online");
        sources.add(s);
        d.add("sources", sources);
        return d;
    }

    public static void tag(JsonObject domain, String key, String value) {
        domain.getAsJsonObject("tags").addProperty(key, value);
    }

    public SeedBuilder zone(String zone) {
        zones.computeIfAbsent(zone, z -> new JsonArray());
        return this;
    }

    /** Adds a record to a zone (created if needed); returns its RecordId. */
    public String record(String zone, String rr, String type, String value, String remark) {
        JsonObject r = new JsonObject();
        String id = String.valueOf(++nextRecordId);
        r.addProperty("recordId", id);
        r.addProperty("rr", rr);
        r.addProperty("type", type);
        r.addProperty("value", value);
        r.addProperty("ttl", 600);
        r.addProperty("line", "default");
        r.addProperty("status", "ENABLE");
        r.addProperty("locked", false);
        r.addProperty("remark", remark == null ? "" : remark);
        zones.computeIfAbsent(zone, z -> new JsonArray()).add(r);
        return id;
    }

    public String json() {
        JsonObject seed = new JsonObject();
        JsonArray keys = new JsonArray();
        JsonObject key = new JsonObject();
        key.addProperty("id", "sandbox-ak");
        key.addProperty("secret", "sandbox-secret");
        keys.add(key);
        seed.add("accessKeys", keys);
        seed.add("account", account);
        seed.add("cdn", cdn);
        seed.add("dcdn", dcdn);
        JsonArray dns = new JsonArray();
        for (Map.Entry<String, JsonArray> z : zones.entrySet()) {
            JsonObject o = new JsonObject();
            o.addProperty("zone", z.getKey());
            o.add("records", z.getValue());
            dns.add(o);
        }
        seed.add("dns", dns);
        JsonObject limits = new JsonObject();
        limits.addProperty("latencyMs", 0);
        limits.addProperty("enforceQps", false);
        seed.add("limits", limits);
        return seed.toString();
    }
}
