package io.cdnlifeline.bench;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.sandbox.Sandbox;

import java.util.Locale;

/** The sandbox accounts the benchmark runs against, in the seed format of DESIGN.md. */
final class Seeds {
    /** The cold-start domain: a CDN domain with two origin IPs and a CNAME record in example.com. */
    static final String COLD_DOMAIN = "www.example.com";

    private Seeds() {
    }

    /** The demo account with {@link #COLD_DOMAIN} taken offline: what dns-to-origin is for. */
    static String coldStart() {
        JsonObject seed = JsonParser.parseString(Sandbox.demoSeed()).getAsJsonObject();
        for (JsonElement d : seed.getAsJsonArray("cdn")) {
            JsonObject o = d.getAsJsonObject();
            if (o.get("domain").getAsString().equals(COLD_DOMAIN)) o.addProperty("status", "offline");
        }
        return new Gson().toJson(seed);
    }

    static final String DCDN_DOMAIN = "api.example.com";
    static final String VOD_DOMAIN = "video.example.com";
    static final String LIVE_DOMAIN = "live.example.com";

    /**
     * The cold-start account plus one ApsaraVideo VOD domain (one IP origin) and one ApsaraVideo Live domain, each with a
     * CNAME record in example.com: the account of the per-product call counts (its DCDN domain is the demo's).
     */
    static String products() {
        JsonObject seed = JsonParser.parseString(coldStart()).getAsJsonObject();
        JsonArray vod = new JsonArray();
        JsonObject v = new JsonObject();
        v.addProperty("domain", VOD_DOMAIN);
        v.addProperty("cname", VOD_DOMAIN + ".w.alikunlun.net");
        v.addProperty("status", "online");
        v.addProperty("coverage", "domestic");
        JsonArray sources = new JsonArray();
        sources.add(source("ipaddr", "203.0.113.40"));
        v.add("sources", sources);
        vod.add(v);
        JsonArray live = new JsonArray();
        JsonObject l = new JsonObject();
        l.addProperty("domain", LIVE_DOMAIN);
        l.addProperty("cname", LIVE_DOMAIN + ".w.alikunlun.net");
        l.addProperty("status", "online");
        l.addProperty("coverage", "domestic");
        l.addProperty("liveDomainType", "liveVideo");
        l.addProperty("region", "cn-shanghai");
        live.add(l);
        seed.add("vod", vod);
        seed.add("live", live);
        for (JsonElement z : seed.getAsJsonArray("dns")) {
            JsonObject zone = z.getAsJsonObject();
            if (!zone.get("zone").getAsString().equals("example.com")) continue;
            zone.getAsJsonArray("records").add(record(5001, "video", "CNAME", VOD_DOMAIN + ".w.alikunlun.net"));
            zone.getAsJsonArray("records").add(record(5002, "live", "CNAME", LIVE_DOMAIN + ".w.alikunlun.net"));
        }
        return new Gson().toJson(seed);
    }

    /**
     * A large account: {@code domains} accelerated domains (half CDN, half DCDN), spread over zones of 100 hosts,
     * each host's CNAME record pointing at its acceleration CNAME, plus an apex A and an MX record per zone
     * (records no remedy may touch). Every {@code domains/offline}-th domain is offline. Origins: 8 in 10
     * one IP, 1 in 10 two IPs (an extra record to add), 1 in 10 an origin host name (a CNAME to switch to).
     * Exactly {@code offline} domains are offline, spread evenly over products, zones and origin kinds.
     */
    static String fleet(int domains, int offline) {
        JsonObject seed = new JsonObject();
        JsonArray keys = new JsonArray();
        JsonObject key = new JsonObject();
        key.addProperty("id", Sandbox.DEFAULT_ACCESS_KEY_ID);
        key.addProperty("secret", Sandbox.DEFAULT_ACCESS_KEY_SECRET);
        keys.add(key);
        seed.add("accessKeys", keys);
        JsonObject account = new JsonObject();
        account.addProperty("inDebt", false);
        account.addProperty("inDebtOverdue", false);
        account.addProperty("availableAmount", "100.00");
        seed.add("account", account);
        JsonArray cdn = new JsonArray();
        JsonArray dcdn = new JsonArray();
        JsonArray zones = new JsonArray();
        int hostsPerZone = 100;
        long recordId = 100_000;
        JsonObject zone = null;
        JsonArray records = null;
        for (int i = 0; i < domains; i++) {
            if (i % hostsPerZone == 0) {
                String zoneName = String.format(Locale.ROOT, "zone%03d.example", i / hostsPerZone);
                zone = new JsonObject();
                zone.addProperty("zone", zoneName);
                records = new JsonArray();
                records.add(record(++recordId, "@", "A", "198.51.100.1"));
                JsonObject mx = record(++recordId, "@", "MX", "mx." + zoneName);
                mx.addProperty("priority", 10);
                records.add(mx);
                zone.add("records", records);
                zones.add(zone);
            }
            boolean isDcdn = i % 2 == 1;
            String host = String.format(Locale.ROOT, "h%05d", i);
            String name = host + "." + zone.get("zone").getAsString();
            String cname = name + (isDcdn ? ".w.kunluncan.com" : ".w.kunlunsl.com");
            JsonObject d = new JsonObject();
            d.addProperty("domain", name);
            d.addProperty("cname", cname);
            d.addProperty("status", isOffline(i, domains, offline) ? "offline" : "online");
            d.addProperty("coverage", isDcdn ? "global" : "domestic");
            if (!isDcdn) d.addProperty("cdnType", "web");
            d.addProperty("icp", true);
            d.add("tags", new JsonObject());
            JsonArray sources = new JsonArray();
            int kind = i % 10;
            if (kind == 8) {
                sources.add(source("domain", "origin-" + host + ".example.net"));
            } else {
                sources.add(source("ipaddr", ip(i, 0)));
                if (kind == 9) sources.add(source("ipaddr", ip(i, 1)));
            }
            d.add("sources", sources);
            (isDcdn ? dcdn : cdn).add(d);
            records.add(record(++recordId, host, "CNAME", cname));
        }
        seed.add("cdn", cdn);
        seed.add("dcdn", dcdn);
        seed.add("dns", zones);
        return new Gson().toJson(seed);
    }

    /** i -> i * P mod n is a permutation for a prime P not dividing n: exactly {@code offline} indexes land below it. */
    static boolean isOffline(int i, int domains, int offline) {
        long p = domains % 7919 == 0 ? 104_729L : 7919L;
        return Math.floorMod(i * p, (long) domains) < offline;
    }

    private static String ip(int i, int extra) {
        return "10." + (i / 250 % 250) + "." + (i % 250) + "." + (10 + extra);
    }

    private static JsonObject source(String type, String content) {
        JsonObject s = new JsonObject();
        s.addProperty("type", type);
        s.addProperty("content", content);
        s.addProperty("port", 80);
        s.addProperty("priority", "20");
        s.addProperty("weight", "10");
        s.addProperty("enabled", "online");
        return s;
    }

    private static JsonObject record(long id, String rr, String type, String value) {
        JsonObject r = new JsonObject();
        r.addProperty("recordId", Long.toString(id));
        r.addProperty("rr", rr);
        r.addProperty("type", type);
        r.addProperty("value", value);
        r.addProperty("ttl", 600);
        r.addProperty("line", "default");
        r.addProperty("status", "ENABLE");
        r.addProperty("locked", false);
        r.addProperty("remark", "");
        return r;
    }
}
