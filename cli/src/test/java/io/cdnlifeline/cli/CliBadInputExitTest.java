package io.cdnlifeline.cli;

import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.sandbox.SandboxCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, bad input through the command line: {@code lifeline invoke} with a bad payload or event file exits 2,
 * says on stderr what was expected, prints no report, and sends no write to the cloud (here the sandbox). The full
 * corpus runs through the FC handlers in {@code BadInputCorpusTest}; these are its kinds, end to end.
 */
class CliBadInputExitTest {
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0, null);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String repeat(String s, int n) {
        StringBuilder b = new StringBuilder(s.length() * n);
        for (int i = 0; i < n; i++) b.append(s);
        return b.toString();
    }

    /** function, input, whether it goes in a file (--event) rather than --payload, what stderr must say. */
    static Stream<Arguments> inputs() {
        List<Arguments> c = new ArrayList<>();
        c.add(Arguments.of("dns-to-origin", "{", false, "not valid JSON"));
        c.add(Arguments.of("dns-to-origin", "{\"domains\": [\"www.example.com\"], \"dryRun\": true, \"dryRun\": false}", false, "twice in one object"));
        c.add(Arguments.of("dns-to-cdn", "{\"domains\": \"www.example.com\"}", false, "must be a JSON array"));
        c.add(Arguments.of("switch-to-overseas", "{\"when\": [\"sometimes\"]}", false, "expected any of offline"));
        c.add(Arguments.of("disable-domain", "{\"domains\": [\"../etc/passwd\"]}", false, "is not a domain name"));
        c.add(Arguments.of("enable-domain", "{\"domains\": [\"www.example.com;rm -rf /\"]}", false, "is not a domain name"));
        c.add(Arguments.of("restore-coverage", "{\"domains\": [\"\u202Emoc.elpmaxe.www\"]}", false, "is not a domain name"));
        c.add(Arguments.of("dns-to-origin", "{\"specversion\":\"1.0\",\"type\":\"ecs:Instance:StateChange\",\"data\":{}}", true, "is not one cdn-lifeline reads"));
        c.add(Arguments.of("dns-to-origin", "{\"reason\": \"" + repeat("x", 2 * 1024 * 1024) + "\"}", true, "at most 1000"));
        c.add(Arguments.of("disable-domain", "{}", false, "name the domains"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("inputs")
    void exitsTwoSayingWhatWasExpectedAndWritesNothing(String function, String input, boolean asFile, String expected) throws IOException {
        sandbox.clearRequests();
        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", Sandbox.DEFAULT_ACCESS_KEY_ID,
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET", Sandbox.DEFAULT_ACCESS_KEY_SECRET);
        CommandRun run;
        if (asFile) {
            Path file = Files.createTempFile("lifeline-bad", ".json");
            try {
                Files.write(file, input.getBytes(StandardCharsets.UTF_8));
                run = CommandRun.withEnv(new java.util.HashMap<>(env), "invoke", function, "--event", file.toString(), "--endpoint", sandbox.endpoint());
            } finally {
                Files.delete(file);
            }
        } else {
            run = CommandRun.withEnv(new java.util.HashMap<>(env), "invoke", function, "--payload", input, "--endpoint", sandbox.endpoint());
        }
        assertEquals(2, run.status, run.toString().length() > 2000 ? run.toString().substring(0, 2000) : run.toString());
        assertTrue(run.err.contains(expected), run.err.length() > 2000 ? run.err.substring(0, 2000) : run.err);
        assertEquals("", run.out);
        List<SandboxCall> writes = new ArrayList<>();
        for (SandboxCall c : sandbox.requests()) {
            if (!(c.action.startsWith("Describe") || c.action.startsWith("Get") || c.action.startsWith("Check") || c.action.startsWith("Query"))) writes.add(c);
        }
        assertEquals(List.of(), writes);
    }
}
