package io.cdnlifeline.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.sandbox.Faults;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lifeline invoke} as an operator uses it, against a sandbox through the real Aliyun SDK: the
 * Report on stdout, the logs on stderr, the exit status, and what actually changed in the account.
 */
class InvokeAgainstSandboxTest {
    private static final String WWW_TO_ORIGIN = "{\"domains\":[\"www.example.com\"],\"when\":[\"always\"],\"reason\":\"cli test\"}";
    /** www.example.com's CNAME on the default line, in the demo seed. */
    private static final String WWW_DEFAULT_RECORD = "1001";

    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, DemoResources.seed());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String wwwRecord() {
        return sandbox.read(s -> s.record(WWW_DEFAULT_RECORD).type + " " + s.record(WWW_DEFAULT_RECORD).value);
    }

    private static JsonObject json(String stdout) {
        return JsonParser.parseString(stdout).getAsJsonObject();
    }

    @Test
    void theReportGoesToStdoutAndTheLogLinesToStderr() {
        // when
        CommandRun run = CommandRun.of("invoke", "dns-to-origin", "--payload", WWW_TO_ORIGIN, "--endpoint", sandbox.endpoint(),
                "--verbose");
        // then
        assertEquals(0, run.status, run::toString);
        JsonObject report = json(run.out);
        assertEquals("dns-to-origin", report.get("function").getAsString());
        assertTrue(report.get("requestId").getAsString().startsWith("cli-"), run::toString);
        assertFalse(run.out.contains("\"audit\""), "no log line on stdout\n" + run);
        assertTrue(run.err.lines().anyMatch(l -> l.contains("\"audit\":\"lifeline\"") && l.contains("\"status\":\"applied\"")),
                "the audit trail is on stderr\n" + run);
        assertEquals("A 127.0.0.10", wwwRecord());
    }

    @Test
    void aDryRunPlansButChangesNothing() {
        // given
        String before = AccountStateJson.of(sandbox);
        // when
        CommandRun run = CommandRun.of("invoke", "dns-to-origin", "--payload", WWW_TO_ORIGIN.replace("}", ",\"dryRun\":false}"),
                "--dry-run", "--endpoint", sandbox.endpoint());
        // then
        assertEquals(0, run.status, run::toString);
        JsonObject report = json(run.out);
        assertTrue(report.get("dryRun").getAsBoolean(), run::toString);
        assertTrue(report.getAsJsonObject("summary").get("planned").getAsInt() > 0, run::toString);
        assertEquals(0, report.getAsJsonObject("summary").get("applied").getAsInt(), run::toString);
        assertEquals(before, AccountStateJson.of(sandbox), "a dry run leaves the account as it was");
        assertEquals("CNAME www.example.com.w.kunlunsl.com", wwwRecord());
    }

    @Test
    void theEndpointCanComeFromTheEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("LIFELINE_ENDPOINT", sandbox.endpoint());
        CommandRun run = CommandRun.withEnv(env, "invoke", "dns-to-origin", "--payload", WWW_TO_ORIGIN);
        assertEquals(0, run.status, run::toString);
        assertEquals("A 127.0.0.10", wwwRecord());
    }

    @Test
    void anEventFileIsReadLikeFcWouldDeliverIt(@TempDir Path dir) throws Exception {
        // given a timer event whose payload is a Request
        Path event = dir.resolve("timer.json");
        Files.writeString(event, "{\"triggerTime\":\"2026-11-22T06:00:00Z\",\"triggerName\":\"every-5-minutes\",\"payload\":"
                + JsonParser.parseString("\"" + WWW_TO_ORIGIN.replace("\"", "\\\"") + "\"") + "}", StandardCharsets.UTF_8);
        // when
        CommandRun run = CommandRun.of("invoke", "dns-to-origin", "--event", event.toString(), "--endpoint", sandbox.endpoint());
        // then
        assertEquals(0, run.status, run::toString);
        assertEquals("A 127.0.0.10", wwwRecord());
    }

    @Test
    void aDashReadsTheEventFromStdin() {
        // given
        java.io.InputStream stdin = System.in;
        System.setIn(new java.io.ByteArrayInputStream(WWW_TO_ORIGIN.getBytes(StandardCharsets.UTF_8)));
        try {
            // when
            CommandRun run = CommandRun.of("invoke", "dns-to-origin", "--event", "-", "--endpoint", sandbox.endpoint());
            // then
            assertEquals(0, run.status, run::toString);
            assertEquals("A 127.0.0.10", wwwRecord());
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void aSecondRunChangesNothingAndSaysSo() {
        // given
        assertEquals(0, CommandRun.of("invoke", "dns-to-origin", "--payload", WWW_TO_ORIGIN, "--endpoint", sandbox.endpoint()).status);
        String after = AccountStateJson.of(sandbox);
        // when
        CommandRun again = CommandRun.of("invoke", "dns-to-origin", "--payload", WWW_TO_ORIGIN, "--endpoint", sandbox.endpoint());
        // then
        assertEquals(0, again.status, again::toString);
        JsonObject summary = json(again.out).getAsJsonObject("summary");
        assertEquals(0, summary.get("applied").getAsInt(), again::toString);
        assertTrue(summary.get("unchanged").getAsInt() > 0, again::toString);
        assertEquals(after, AccountStateJson.of(sandbox));
    }

    @Test
    void aRunOverMaxChangesIsRefusedWithExitThreeAndChangesNothing() {
        // given a limit below what www needs (three records switched, three added)
        Map<String, String> env = new HashMap<>();
        env.put("LIFELINE_MAX_CHANGES", "1");
        String before = AccountStateJson.of(sandbox);
        // when
        CommandRun run = CommandRun.withEnv(env, "invoke", "dns-to-origin", "--payload", WWW_TO_ORIGIN, "--endpoint", sandbox.endpoint());
        // then
        assertEquals(3, run.status, run::toString);
        assertTrue(json(run.out).get("refused").getAsString().contains("maxChanges"), run::toString);
        assertEquals(before, AccountStateJson.of(sandbox));
    }

    @Test
    void whenTheCloudFailsTheReportIsStillPrintedAndTheExitIsOne() {
        // given a cloud that answers every call with an error
        sandbox.setFaults(new Faults(1.0, 0.0, 0.0, 7));
        // when
        CommandRun run = CommandRun.of("invoke", "dns-to-origin", "--payload", WWW_TO_ORIGIN, "--endpoint", sandbox.endpoint());
        // then
        assertEquals(1, run.status, run::toString);
        assertTrue(json(run.out).getAsJsonObject("summary").get("failed").getAsInt() > 0, run::toString);
        assertTrue(run.err.contains("failed"), run::toString);
    }

    @Test
    void theTableOutputIsForPeople() {
        CommandRun run = CommandRun.of("invoke", "dns-to-origin", "--payload", WWW_TO_ORIGIN, "--dry-run",
                "--endpoint", sandbox.endpoint(), "--output", "table");
        assertEquals(0, run.status, run::toString);
        assertTrue(run.out.lines().anyMatch(l -> l.startsWith("planned") && l.contains("www.example.com") && l.contains("127.0.0.10")),
                run::toString);
        assertTrue(run.out.contains("summary:"), run::toString);
    }

    @Test
    void withoutAnySandboxListeningTheRunStopsAtOnceWithExitFourAndSaysWhy() {
        // given an endpoint where nothing listens (the sandbox is stopped)
        String endpoint = sandbox.endpoint();
        sandbox.close();
        // when
        long start = System.nanoTime();
        CommandRun run = CommandRun.of("inspect", "--endpoint", endpoint);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // then: no Report, the endpoint named, what to do, and no retries first
        assertEquals(ExitStatus.NO_ACCESS, run.status, run::toString);
        assertEquals("", run.out);
        assertTrue(run.err.contains("could not reach " + endpoint + " (connection refused)"), run::toString);
        assertTrue(run.err.contains("--endpoint / LIFELINE_ENDPOINT"), run::toString);
        assertFalse(run.err.contains("FC"), run::toString);
        assertTrue(millis < EndpointCheck.TIMEOUT_MILLIS + 1_000, "stopped before any call's retries: " + millis + " ms");
    }

    /** The account without the request log: what a dry run must not change. */
    static final class AccountStateJson {
        static String of(Sandbox sandbox) {
            return AccountState.of(sandbox.stateJson()).comparable().toString();
        }
    }
}
