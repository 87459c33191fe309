package io.cdnlifeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.sandbox.Sandbox;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fleet account is what the README says it is, and the sandbox accepts it. */
class SeedsTest {
    @Test
    void fleetHasTheDomainsOfflineSharesAndOneCnameRecordPerHost() {
        // given the benchmark's fleet seed
        JsonObject seed = JsonParser.parseString(Seeds.fleet(10_000, 1_000)).getAsJsonObject();
        // when its domains and records are counted
        Map<String, Integer> offline = new HashMap<>();
        Map<String, String> cnameOf = new HashMap<>();
        for (String product : new String[] {"cdn", "dcdn"}) {
            for (JsonElement e : seed.getAsJsonArray(product)) {
                JsonObject d = e.getAsJsonObject();
                cnameOf.put(d.get("domain").getAsString(), d.get("cname").getAsString());
                if (d.get("status").getAsString().equals("offline")) offline.merge(product, 1, Integer::sum);
            }
        }
        int cnameRecords = 0;
        for (JsonElement z : seed.getAsJsonArray("dns")) {
            String zone = z.getAsJsonObject().get("zone").getAsString();
            for (JsonElement r : z.getAsJsonObject().getAsJsonArray("records")) {
                JsonObject rec = r.getAsJsonObject();
                if (!rec.get("type").getAsString().equals("CNAME")) continue;
                assertEquals(cnameOf.get(rec.get("rr").getAsString() + "." + zone), rec.get("value").getAsString());
                cnameRecords++;
            }
        }
        // then 5,000 + 5,000 domains, exactly 1,000 offline split evenly, 100 zones, one CNAME record per host
        assertEquals(5_000, seed.getAsJsonArray("cdn").size());
        assertEquals(5_000, seed.getAsJsonArray("dcdn").size());
        assertEquals(Map.of("cdn", 500, "dcdn", 500), offline);
        assertEquals(100, seed.getAsJsonArray("dns").size());
        assertEquals(10_000, cnameRecords);
    }

    @Test
    void theSandboxLoadsTheFleetAndTheColdStartAccount() {
        // given both seeds, when a sandbox starts with each, then it holds their domains
        try (Sandbox s = Sandbox.start(0, Seeds.fleet(1_000, 100))) {
            assertEquals(1_000, (int) s.read(st -> st.cdn.size() + st.dcdn.size()));
        }
        try (Sandbox s = Sandbox.start(0, Seeds.coldStart())) {
            assertEquals("offline", s.read(st -> st.cdnDomain(Seeds.COLD_DOMAIN).status));
        }
    }
}
