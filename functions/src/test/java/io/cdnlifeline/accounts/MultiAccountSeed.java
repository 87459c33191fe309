package io.cdnlifeline.accounts;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.testing.SeedBuilder;

/**
 * A sandbox of several accounts for the tests of runs over accounts: a central account (no domains of its own) and
 * members, each an overdue account with offline CDN domains whose CNAME records dns-to-origin switches, and a role
 * {@code cdn-lifeline-member} that trusts the central account, or (for {@code untrusting}) another account.
 */
public final class MultiAccountSeed {
    public static final String CENTRAL = "1000000000000001";
    public static final String ROLE = "cdn-lifeline-member";

    private final JsonObject seed;
    private final JsonArray members = new JsonArray();

    public MultiAccountSeed() {
        seed = JsonParser.parseString(new SeedBuilder().json()).getAsJsonObject();
        seed.addProperty("accountId", CENTRAL);
        seed.add("members", members);
    }

    /** A member with {@code domains} offline CDN domains {@code d<i>.<account>.test} in one zone, its role trusting {@code trusts}. */
    public MultiAccountSeed member(String accountId, int domains, String trusts) {
        SeedBuilder b = new SeedBuilder().debt(true, true);
        String zone = "m" + accountId + ".test";
        b.zone(zone);
        for (int i = 0; i < domains; i++) {
            String name = "d" + i + "." + zone;
            b.cdn(name, "offline", "domestic", true);
            b.record(zone, "d" + i, "CNAME", name + ".w.kunlunsl.com", null);
        }
        JsonObject m = JsonParser.parseString(b.json()).getAsJsonObject();
        m.remove("accessKeys");
        m.remove("limits");
        m.addProperty("accountId", accountId);
        JsonObject role = new JsonObject();
        role.addProperty("name", ROLE);
        JsonArray t = new JsonArray();
        t.add(trusts);
        role.add("trusts", t);
        m.add("role", role);
        members.add(m);
        return this;
    }

    public static String roleArn(String accountId) {
        return "acs:ram::" + accountId + ":role/" + ROLE;
    }

    public String json() {
        return seed.toString();
    }
}
