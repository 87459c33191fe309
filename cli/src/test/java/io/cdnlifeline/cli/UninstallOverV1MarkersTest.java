package io.cdnlifeline.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * lifeline uninstall over every account release v1 left behind (the fixtures of its markers, kept as test data:
 * {@code functions/src/test/resources/fixtures/markers-v1}): a remedy finished, or dead after any of its writes, or its
 * undo dead after any of its writes. Once the trouble is over, uninstall must restore each of them exactly to the
 * account before the trouble, with no marker, tag or lock left, whatever state the previous release left.
 */
class UninstallOverV1MarkersTest {
    static final Path FIXTURES = Path.of(System.getProperty("lifeline.fixtures.v1", "../functions/src/test/resources/fixtures/markers-v1"));
    /** The scope the fixtures' functions ran with (the reliability fleet's). */
    static final Map<String, String> ENV = Map.of("LIFELINE_SCOPE", "*.example.com,api.example.org", "LIFELINE_EXCLUDE", "pay.example.com");

    @Test
    void everyAccountV1LeftIsRestoredExactlyOnceTheTroubleIsOver() throws IOException {
        assumeTrue(Files.isDirectory(FIXTURES), FIXTURES + " is not there yet (the v1 marker fixtures)");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        try (Sandbox sandbox = Sandbox.start(0, null)) {
            for (String pair : List.of("dns", "coverage", "onoff")) {
                Path dir = FIXTURES.resolve(pair);
                com.google.gson.JsonObject expected = AccountState.of(troubleOver(Files.readString(dir.resolve("start.json")))).comparable();
                List<Path> files;
                try (Stream<Path> s = Files.list(dir)) {
                    files = s.filter(p -> !p.getFileName().toString().equals("start.json")).sorted().collect(java.util.stream.Collectors.toList());
                }
                for (Path f : files) {
                    // given the account v1 left, the trouble over
                    sandbox.replaceState(troubleOver(Files.readString(f)));
                    // when uninstall runs
                    CommandRun run = CommandRun.withEnv(ENV, "uninstall", "--yes", "--wait", "60", "--endpoint", sandbox.endpoint());
                    checked++;
                    // then it is the account before the trouble, exactly
                    // (compared as JSON, not as text: the order of an object's keys is not state)
                    com.google.gson.JsonObject actual = AccountState.of(sandbox.stateJson()).comparable();
                    if (run.status != 0 || !actual.equals(expected)) {
                        failures.add(pair + "/" + f.getFileName() + ": exit " + run.status + "\n"
                                + String.join("\n", AccountState.of(sandbox.stateJson()).differencesFrom(AccountState.of(troubleOver(
                                        Files.readString(dir.resolve("start.json")))))) + "\n" + run);
                    }
                }
            }
        }
        System.out.println("uninstall over v1 markers: " + checked + " accounts, " + failures.size() + " not restored exactly");
        assertEquals(List.of(), failures);
        assertTrue(checked >= 3, "no fixture found in " + FIXTURES);
    }

    /** Every domain online (its trouble over, the domains disable-domain stopped still stopped), filings valid, debt paid. */
    static String troubleOver(String state) {
        JsonObject o = JsonParser.parseString(state).getAsJsonObject();
        o.getAsJsonObject("account").addProperty("inDebt", false);
        o.getAsJsonObject("account").addProperty("inDebtOverdue", false);
        // v1's states predate account.creditAmount, which the sandbox now writes with its default
        if (!o.getAsJsonObject("account").has("creditAmount")) o.getAsJsonObject("account").addProperty("creditAmount", "0.00");
        for (String product : List.of("cdn", "dcdn", "vod", "live")) {
            JsonElement list = o.get(product);
            if (list == null || !list.isJsonArray()) continue;
            for (JsonElement e : list.getAsJsonArray()) {
                JsonObject d = e.getAsJsonObject();
                if (d.has("icp")) d.addProperty("icp", true);
                JsonObject tags = d.has("tags") && d.get("tags").isJsonObject() ? d.getAsJsonObject("tags") : new JsonObject();
                if (!tags.has("lifeline:disabled") && d.has("status")) d.addProperty("status", "online");
            }
        }
        return o.toString();
    }
}
