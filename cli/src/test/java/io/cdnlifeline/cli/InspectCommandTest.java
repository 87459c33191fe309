package io.cdnlifeline.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lifeline inspect} against a sandbox: a table by default, the Report with --output json, and read-only. */
class InspectCommandTest {
    private static final List<String> SEED_DOMAINS = List.of("www.example.com", "img.example.com", "shop.example.net",
            "dl.example.org", "api.example.com", "m.example.net");

    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, DemoResources.seed());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void everyDomainIsOneRowOfATableByDefault() {
        // given a domain the cloud took offline
        sandbox.update(s -> s.cdnDomain("shop.example.net").status = "offline");
        // when
        CommandRun run = CommandRun.of("inspect", "--endpoint", sandbox.endpoint());
        // then
        assertEquals(0, run.status, run::toString);
        assertTrue(run.out.lines().anyMatch(l -> l.startsWith("DOMAIN")), run::toString);
        for (String d : SEED_DOMAINS) {
            assertTrue(run.out.lines().anyMatch(l -> l.startsWith(d + " ")), d + " has a row\n" + run);
        }
        assertTrue(run.out.lines().anyMatch(l -> l.startsWith("shop.example.net ") && l.contains("offline")), run::toString);
    }

    @Test
    void namedDomainsOnlyAndTheReportAsJson() {
        CommandRun run = CommandRun.of("inspect", "www.example.com", "api.example.com", "--output", "json", "--endpoint", sandbox.endpoint());
        assertEquals(0, run.status, run::toString);
        JsonArray rows = JsonParser.parseString(run.out).getAsJsonObject().getAsJsonArray("domains");
        List<String> names = new ArrayList<>();
        for (JsonElement r : rows) names.add(r.getAsJsonObject().get("domain").getAsString());
        names.sort(null);
        assertEquals(List.of("api.example.com", "www.example.com"), names);
    }

    @Test
    void inspectChangesNothing() {
        String before = AccountState.of(sandbox.stateJson()).comparable().toString();
        CommandRun run = CommandRun.of("inspect", "--endpoint", sandbox.endpoint());
        assertEquals(0, run.status, run::toString);
        assertEquals(before, AccountState.of(sandbox.stateJson()).comparable().toString());
        assertTrue(sandbox.requests().stream().allMatch(c -> c.action.startsWith("Describe") || c.action.startsWith("Check")
                || c.action.startsWith("Get") || c.action.startsWith("Query") || c.action.equals("ListFunctions")), "only reads: " + sandbox.requests());
    }
}
