package io.cdnlifeline.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's help, usage errors and exit statuses, none of which may reach the cloud. */
class LifelineUsageTest {

    @Test
    void helpGoesToStdoutAndListsEveryCommand() {
        // when
        CommandRun run = CommandRun.of("--help");
        // then
        assertEquals(0, run.status, run::toString);
        for (String command : new String[] {"invoke", "inspect", "completion"}) {
            assertTrue(run.out.contains(command), "help lists " + command + "\n" + run);
        }
        assertTrue(run.out.contains("Exit status"), run::toString);
        assertTrue(run.out.contains("4 could not reach or authenticate"), run::toString);
        for (String command : new String[] {"invoke", "inspect"}) {
            CommandRun help = CommandRun.of(command, "--help");
            assertTrue(help.out.contains("4 could not reach or authenticate"), help::toString);
        }
        CommandRun invoke = CommandRun.of("invoke", "--help");
        for (String option : new String[] {"--max-changes", "--scope", "--exclude", "--verbose", "--log-format"}) {
            assertTrue(invoke.out.contains(option), "invoke --help lists " + option + "\n" + invoke);
        }
        assertEquals("", run.err);
    }

    @Test
    void noCommandIsAUsageErrorWithTheUsageOnStderr() {
        CommandRun run = CommandRun.of();
        assertEquals(2, run.status, run::toString);
        assertEquals("", run.out);
        assertTrue(run.err.contains("Usage: lifeline"), run::toString);
    }

    @Test
    void aMistypedCommandSuggestsTheRightOne() {
        CommandRun run = CommandRun.of("invok");
        assertEquals(2, run.status, run::toString);
        assertEquals("", run.out);
        assertTrue(run.err.contains("invoke"), run::toString);
        assertTrue(run.err.contains("--help"), run::toString);
    }

    @Test
    void invokeWithoutAnEventIsAUsageError() {
        CommandRun run = CommandRun.of("invoke", "dns-to-origin");
        assertEquals(2, run.status, run::toString);
        assertTrue(run.err.contains("--event") && run.err.contains("--payload"), run::toString);
        assertEquals("", run.out);
    }

    @Test
    void eventAndPayloadTogetherAreAUsageError() {
        CommandRun run = CommandRun.of("invoke", "dns-to-origin", "--event", "x.json", "--payload", "{}");
        assertEquals(2, run.status, run::toString);
        assertTrue(run.err.contains("mutually exclusive"), run::toString);
    }

    @Test
    void anUnknownFunctionListsTheFunctions() {
        CommandRun run = CommandRun.of("invoke", "dns-to-nowhere", "--payload", "{}");
        assertEquals(2, run.status, run::toString);
        assertEquals("", run.out);
        assertTrue(run.err.contains("unknown function 'dns-to-nowhere'"), run::toString);
        for (String f : FunctionHandlers.names()) {
            assertTrue(run.err.contains(f), "lists " + f + "\n" + run);
        }
    }

    @Test
    void anEventTheFunctionCannotReadIsBadInputAndNamesWhatWasExpected() {
        CommandRun run = CommandRun.of("invoke", "dns-to-origin", "--payload", "{\"domain\":[\"www.example.com\"]}");
        assertEquals(2, run.status, run::toString);
        assertEquals("", run.out);
        assertTrue(run.err.contains("'domain'") && run.err.contains("domains"), run::toString);
    }

    @Test
    void aPayloadThatIsNotJsonIsBadInput() {
        CommandRun run = CommandRun.of("invoke", "inspect", "--payload", "{\"domains\": [\"www.example.com\"");
        assertEquals(2, run.status, run::toString);
        assertTrue(run.err.contains("not valid JSON"), run::toString);
    }

    @Test
    void aMissingEventFileIsAUsageErrorNamingTheFile(@org.junit.jupiter.api.io.TempDir Path dir) {
        String missing = dir.resolve("nope.json").toString();
        CommandRun run = CommandRun.of("invoke", "dns-to-origin", "--event", missing);
        assertEquals(2, run.status, run::toString);
        assertTrue(run.err.contains(missing) && run.err.contains("no such file"), run::toString);
    }

    @Test
    void anUnknownOutputFormatIsAUsageError() {
        CommandRun run = CommandRun.of("invoke", "inspect", "--payload", "{}", "--output", "yaml");
        assertEquals(2, run.status, run::toString);
        assertTrue(run.err.contains("json") && run.err.contains("table"), run::toString);
    }

    @Test
    void anEndpointThatIsNotAUrlIsAUsageError() {
        CommandRun run = CommandRun.of("invoke", "inspect", "--payload", "{}", "--endpoint", "127.0.0.1:8787");
        assertEquals(2, run.status, run::toString);
        assertTrue(run.err.contains("--endpoint must be an http:// or https:// URL"), run::toString);
    }

    @Test
    void aMalformedSettingInTheEnvironmentIsBadInput() {
        CommandRun run = CommandRun.withEnv(Map.of("LIFELINE_MAX_CHANGES", "lots"),
                "invoke", "inspect", "--payload", "{}", "--endpoint", "http://127.0.0.1:9");
        assertEquals(2, run.status, run::toString);
        assertTrue(run.err.contains("LIFELINE_MAX_CHANGES"), run::toString);
    }

    @Test
    void inspectRefusesAMalformedDomainBeforeCallingAnything() {
        CommandRun run = CommandRun.of("inspect", "not a domain!", "--endpoint", "http://127.0.0.1:9");
        assertEquals(2, run.status, run::toString);
        assertEquals("", run.out);
    }

    @Test
    void completionPrintsABashScriptThatCompletesCommandsAndFunctions() {
        CommandRun run = CommandRun.of("completion");
        assertEquals(0, run.status, run::toString);
        assertTrue(run.out.contains("complete -F"), run::toString);
        assertTrue(run.out.contains("invoke") && run.out.contains("dns-to-origin"), "function names are completion candidates");
    }

    @Test
    void versionIsPrinted() {
        CommandRun run = CommandRun.of("--version");
        assertEquals(0, run.status);
        assertTrue(run.out.contains("cdn-lifeline"), run::toString);
    }
}
