package io.cdnlifeline.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of the sandbox's account (its state JSON, the seed format), read for a person: what a
 * domain or a DNS record looked like, what changed between two snapshots, and whether two snapshots
 * are the same account.
 */
final class AccountState {
    private final JsonObject account;
    /** {@code cdn:www.example.com} -> the domain. */
    private final Map<String, JsonObject> domains = new LinkedHashMap<>();
    /** {@code example.com#1001} -> the record, with its zone added as {@code zone}. */
    private final Map<String, JsonObject> records = new LinkedHashMap<>();

    private AccountState(JsonObject state) {
        this.account = state.has("account") ? state.getAsJsonObject("account") : new JsonObject();
        for (String product : new String[] {"cdn", "dcdn", "vod", "live"}) {
            for (JsonElement d : array(state, product)) {
                JsonObject o = d.getAsJsonObject();
                domains.put(product + ":" + o.get("domain").getAsString(), o);
            }
        }
        for (JsonElement z : array(state, "dns")) {
            JsonObject zone = z.getAsJsonObject();
            String name = zone.get("zone").getAsString();
            for (JsonElement r : array(zone, "records")) {
                JsonObject rec = r.getAsJsonObject().deepCopy();
                rec.addProperty("zone", name);
                records.put(name + "#" + rec.get("recordId").getAsString(), rec);
            }
        }
    }

    static AccountState of(String stateJson) {
        return new AccountState(JsonParser.parseString(stateJson).getAsJsonObject());
    }

    int domainCount() {
        return domains.size();
    }

    int recordCount() {
        return records.size();
    }

    /** The account as it matters to a website: domains, records and debt, without the cloud's own bookkeeping. */
    JsonObject comparable() {
        JsonObject o = new JsonObject();
        o.add("account", account.deepCopy());
        JsonObject ds = new JsonObject();
        for (Map.Entry<String, JsonObject> e : domains.entrySet()) {
            JsonObject d = e.getValue().deepCopy();
            // The cloud stamps every modification; a restored domain is the same domain with a newer stamp.
            d.remove("gmtModified");
            ds.add(e.getKey(), d);
        }
        o.add("domains", ds);
        JsonObject rs = new JsonObject();
        records.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> rs.add(e.getKey(), e.getValue().deepCopy()));
        o.add("records", rs);
        return o;
    }

    /** Where this account differs from {@code other}, one line per field, empty when they are the same account. */
    List<String> differencesFrom(AccountState other) {
        List<String> out = new ArrayList<>();
        diff("", other.comparable(), comparable(), out);
        return out;
    }

    private static void diff(String path, JsonElement was, JsonElement now, List<String> out) {
        if (was != null && was.equals(now)) return;
        if (was != null && now != null && was.isJsonObject() && now.isJsonObject()) {
            Set<String> keys = new LinkedHashSet<>(was.getAsJsonObject().keySet());
            keys.addAll(now.getAsJsonObject().keySet());
            for (String k : keys) {
                diff(path.isEmpty() ? k : path + "." + k, was.getAsJsonObject().get(k), now.getAsJsonObject().get(k), out);
            }
            return;
        }
        out.add(path + ": " + (was == null ? "(none)" : was) + " -> " + (now == null ? "(none)" : now));
    }

    /** The rows of the side-by-side view: every domain and record that differs between {@code before} and this. */
    List<ChangedResource> changesSince(AccountState before) {
        List<ChangedResource> out = new ArrayList<>();
        if (!before.account.equals(account)) {
            out.add(new ChangedResource("account", describeAccount(before.account), describeAccount(account)));
        }
        Set<String> keys = new LinkedHashSet<>(before.domains.keySet());
        keys.addAll(domains.keySet());
        for (String k : keys) {
            JsonObject was = before.domains.get(k);
            JsonObject now = domains.get(k);
            if (was != null && now != null && comparableDomain(was).equals(comparableDomain(now))) continue;
            out.add(new ChangedResource(k, describeDomain(was), describeDomain(now)));
        }
        Set<String> recordKeys = new LinkedHashSet<>(before.records.keySet());
        recordKeys.addAll(records.keySet());
        // The records of before in their order, then the ones created since: an added record sits below its sibling.
        for (String k : recordKeys) {
            JsonObject was = before.records.get(k);
            JsonObject now = records.get(k);
            if (was != null && was.equals(now)) continue;
            JsonObject any = now != null ? now : was;
            out.add(new ChangedResource(recordName(any), describeRecord(was), describeRecord(now)));
        }
        return out;
    }

    /** Rows of "the account as it is": each domain with the DNS records that point at it or carry its host. */
    List<List<String>> domainRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, JsonObject> e : domains.entrySet()) {
            JsonObject d = e.getValue();
            String name = d.get("domain").getAsString();
            List<String> dns = new ArrayList<>();
            for (JsonObject r : records.values()) {
                if (hostOf(r).equals(name)) dns.add(r.get("line").getAsString() + " " + r.get("type").getAsString() + " " + r.get("value").getAsString());
            }
            rows.add(List.of(name, e.getKey().substring(0, e.getKey().indexOf(':')), str(d, "status"), str(d, "coverage"),
                    d.has("icp") && !d.get("icp").getAsBoolean() ? "invalid" : "ok", tags(d), String.join("; ", dns)));
        }
        return rows;
    }

    /**
     * Offline domains with a DNS record still on their CDN CNAME: sites their visitors cannot reach. A domain without
     * origins (a Live domain: streams come from ApsaraVideo Live itself) has nowhere else to point, so it is not counted.
     */
    List<String> offlineButStillOnTheirCname() {
        List<String> out = new ArrayList<>();
        for (JsonObject d : domains.values()) {
            if (!"offline".equals(str(d, "status")) || array(d, "sources").size() == 0) continue;
            String name = str(d, "domain");
            String cname = str(d, "cname");
            for (JsonObject r : records.values()) {
                if (hostOf(r).equals(name) && str(r, "value").equalsIgnoreCase(cname)) {
                    out.add(name + " (" + str(r, "line") + " line)");
                }
            }
        }
        return out;
    }

    String accountLine() {
        return describeAccount(account);
    }

    private static JsonObject comparableDomain(JsonObject d) {
        JsonObject c = d.deepCopy();
        c.remove("gmtModified");
        return c;
    }

    private static String hostOf(JsonObject record) {
        String rr = record.get("rr").getAsString();
        String zone = record.get("zone").getAsString();
        return "@".equals(rr) ? zone : rr + "." + zone;
    }

    private static String recordName(JsonObject r) {
        return "alidns:" + r.get("zone").getAsString() + "/" + r.get("rr").getAsString() + "/" + r.get("line").getAsString()
                + " #" + r.get("recordId").getAsString();
    }

    static String describeRecord(JsonObject r) {
        if (r == null) return "(none)";
        StringBuilder b = new StringBuilder(str(r, "type")).append(' ').append(str(r, "value"));
        b.append("  ttl ").append(str(r, "ttl"));
        if (!"enable".equalsIgnoreCase(str(r, "status"))) b.append("  ").append(str(r, "status"));
        String remark = str(r, "remark");
        if (!remark.isEmpty()) b.append("  remark \"").append(remark).append('"');
        return b.toString();
    }

    static String describeDomain(JsonObject d) {
        if (d == null) return "(none)";
        StringBuilder b = new StringBuilder(str(d, "status")).append("  ").append(str(d, "coverage"));
        if (d.has("icp") && !d.get("icp").getAsBoolean()) b.append("  ICP invalid");
        String tags = tags(d);
        if (!tags.isEmpty()) b.append("  tags ").append(tags);
        return b.toString();
    }

    static String describeAccount(JsonObject a) {
        boolean overdue = a.has("inDebtOverdue") && a.get("inDebtOverdue").getAsBoolean();
        boolean inDebt = a.has("inDebt") && a.get("inDebt").getAsBoolean();
        return (overdue ? "overdue" : inDebt ? "in debt" : "paid up") + "  balance " + str(a, "availableAmount");
    }

    private static String tags(JsonObject d) {
        if (!d.has("tags") || !d.get("tags").isJsonObject()) return "";
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonElement> t : d.getAsJsonObject("tags").entrySet()) {
            parts.add(t.getKey() + "=" + t.getValue().getAsString());
        }
        return String.join(",", parts);
    }

    private static String str(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v == null || v.isJsonNull() ? "" : v.getAsString();
    }

    private static JsonArray array(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v != null && v.isJsonArray() ? v.getAsJsonArray() : new JsonArray();
    }

    /** One row of the side-by-side view. */
    static final class ChangedResource {
        final String resource;
        final String before;
        final String after;

        ChangedResource(String resource, String before, String after) {
            this.resource = resource;
            this.before = before;
            this.after = after;
        }
    }
}
