package io.cdnlifeline.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.sandbox.Limits;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18 on the command line: {@code --timeout} gives each round FC's time limit; a run that reaches it goes on in
 * the next round in the same process, and the one Report printed covers every round and ends where one long run does.
 */
class InvokeContinuesTest {
    private static final int DOMAINS = 100;

    /** An overdue account whose {@code DOMAINS} CDN domains are offline, one CNAME record each in zone c.test. */
    private static String seed() {
        JsonObject seed = new JsonObject();
        JsonArray keys = new JsonArray();
        JsonObject key = new JsonObject();
        key.addProperty("id", Sandbox.DEFAULT_ACCESS_KEY_ID);
        key.addProperty("secret", Sandbox.DEFAULT_ACCESS_KEY_SECRET);
        keys.add(key);
        seed.add("accessKeys", keys);
        JsonObject account = new JsonObject();
        account.addProperty("inDebt", true);
        account.addProperty("inDebtOverdue", true);
        seed.add("account", account);
        JsonArray cdn = new JsonArray();
        JsonArray records = new JsonArray();
        for (int i = 0; i < DOMAINS; i++) {
            String name = "s" + i + ".c.test";
            JsonObject d = new JsonObject();
            d.addProperty("domain", name);
            d.addProperty("cname", name + ".w.kunlunsl.com");
            d.addProperty("status", "offline");
            d.addProperty("coverage", "domestic");
            d.addProperty("icp", true);
            JsonArray sources = new JsonArray();
            JsonObject s = new JsonObject();
            s.addProperty("type", "ipaddr");
            s.addProperty("content", "192.0.2." + (i + 1));
            s.addProperty("port", 80);
            s.addProperty("priority", "20");
            s.addProperty("enabled", "online");
            sources.add(s);
            d.add("sources", sources);
            cdn.add(d);
            JsonObject r = new JsonObject();
            r.addProperty("recordId", Integer.toString(5000 + i));
            r.addProperty("rr", "s" + i);
            r.addProperty("type", "CNAME");
            r.addProperty("value", name + ".w.kunlunsl.com");
            records.add(r);
        }
        seed.add("cdn", cdn);
        JsonObject zone = new JsonObject();
        zone.addProperty("zone", "c.test");
        zone.add("records", records);
        JsonArray dns = new JsonArray();
        dns.add(zone);
        seed.add("dns", dns);
        return new Gson().toJson(seed);
    }

    /** The zone's records, the marker's write time left out (two runs write at different minutes). */
    private static List<String> records(Sandbox sandbox) {
        List<String> out = new ArrayList<>();
        for (JsonElement z : JsonParser.parseString(sandbox.stateJson()).getAsJsonObject().getAsJsonArray("dns")) {
            for (JsonElement e : z.getAsJsonObject().getAsJsonArray("records")) {
                JsonObject r = e.getAsJsonObject();
                out.add(r.get("rr").getAsString() + " " + r.get("type").getAsString() + " " + r.get("value").getAsString() + " "
                        + r.get("remark").getAsString().replaceAll("(lifeline:[a-z]+:[0-9a-f]{6})\\.[0-9a-z]{5}", "$1"));
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void aTimeoutTooShortForTheOutageGoesOnInRoundsAndEndsWhereOneLongRunDoes() {
        // given the same overdue account twice, 40 ms per call
        try (Sandbox shortRuns = Sandbox.start(0, seed()); Sandbox longRun = Sandbox.start(0, seed())) {
            shortRuns.setLimits(new Limits(40, false));
            List<String> before = records(shortRuns);
            String payload = "{\"reason\":\"arrears\"}";

            // when dns-to-origin runs with a 5-second timeout, and once with the default
            CommandRun rounds = CommandRun.of("invoke", "dns-to-origin", "--payload", payload, "--timeout", "5", "--endpoint", shortRuns.endpoint(),
                    "--verbose");
            CommandRun one = CommandRun.of("invoke", "dns-to-origin", "--payload", payload, "--endpoint", longRun.endpoint());

            // then the short run took several rounds, printed as one Report of every change, and exits 0
            assertEquals(0, rounds.status, rounds::toString);
            JsonObject report = JsonParser.parseString(rounds.out).getAsJsonObject();
            assertTrue(report.get("rounds").getAsInt() >= 2, rounds::toString);
            assertFalse(report.has("continued"), "the merged Report is of a finished run");
            // (outage mode: a record switched in one round may get its marker in the next, a change of its own: count switches)
            assertEquals(DOMAINS, switches(report), rounds::toString);
            assertEquals(0, report.getAsJsonObject("summary").get("failed").getAsInt(), rounds::toString);
            assertTrue(rounds.err.contains("\"continuing\""), "each next round is in the audit log (--verbose)\n" + rounds.err);
            // nothing went to FC: the command line continues in its own process
            assertTrue(shortRuns.fcAsyncRequests().isEmpty());
            // and the account is exactly what one long run made of it
            assertEquals(0, one.status, one::toString);
            assertFalse(JsonParser.parseString(one.out).getAsJsonObject().has("rounds"), one::toString);
            assertNotEquals(before, records(shortRuns));
            assertEquals(records(longRun), records(shortRuns));
        }
    }

    @Test
    void aTimeoutOutOfRangeIsAUsageError() {
        CommandRun run = CommandRun.of("invoke", "dns-to-origin", "--payload", "{}", "--timeout", "1", "--endpoint", "http://127.0.0.1:9");
        assertEquals(2, run.status, run::toString);
        assertTrue(run.err.contains("--timeout"), run::toString);
    }

    /** The applied changes that switched a record's value (not the ones that only wrote its marker). */
    private static int switches(JsonObject report) {
        int n = 0;
        for (com.google.gson.JsonElement e : report.getAsJsonArray("changes")) {
            JsonObject c = e.getAsJsonObject();
            if (!"applied".equals(c.get("status").getAsString()) || !c.has("before") || !c.has("after")) continue;
            if (!c.getAsJsonObject("before").get("value").equals(c.getAsJsonObject("after").get("value"))) n++;
        }
        return n;
    }
}
