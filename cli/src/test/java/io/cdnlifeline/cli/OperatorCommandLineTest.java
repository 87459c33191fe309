package io.cdnlifeline.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.sandbox.Limits;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line under pressure, as issue 20 tried it: progress on long runs, audit lines kept out of a
 * person's way, the guard's flags, and an empty run that says why it is empty. Against the demo account.
 */
class OperatorCommandLineTest {
    /** Every domain, whatever its state: dns-to-origin plans a change per CNAME record (more than one). */
    private static final String EVERY_DOMAIN = "{\"when\":[\"always\"]}";

    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, DemoResources.seed());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CommandRun run(String... args) {
        return CommandRun.withEnv(new HashMap<>(), with(args, "--endpoint", sandbox.endpoint()));
    }

    private static String[] with(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static long auditLines(String err) {
        return err.lines().filter(l -> l.startsWith("{") && l.contains("\"audit\":\"lifeline\"")).count();
    }

    @Test
    void theAuditLinesStayOutOfAPersonsWayUnlessAskedFor() {
        // when: the same change three ways
        CommandRun quiet = run("invoke", "switch-to-overseas", "--payload", "{\"domains\":[\"www.example.com\"],\"when\":[\"always\"]}");
        CommandRun verbose = run("invoke", "restore-coverage", "--payload", "{\"domains\":[\"www.example.com\"],\"when\":[\"always\"]}",
                "--verbose");
        CommandRun json = run("invoke", "switch-to-overseas", "--payload", "{\"domains\":[\"www.example.com\"],\"when\":[\"always\"]}",
                "--log-format", "json");
        // then: by default the outcome in words, no JSON; --verbose and --log-format json give the audit trail
        assertEquals(0, quiet.status, quiet::toString);
        assertEquals(0, auditLines(quiet.err), quiet::toString);
        assertTrue(quiet.err.contains("lifeline: switch-to-overseas done in"), quiet::toString);
        assertTrue(auditLines(verbose.err) >= 2, verbose::toString);
        assertTrue(auditLines(json.err) >= 2, json::toString);
        assertFalse(json.err.contains("done in"), "json: log lines only\n" + json);
    }

    @Test
    void aLongRunShowsItsPhaseDomainsAndChangesEveryFewSecondsWhenNotOnATerminal() {
        // given a slow cloud (every call 40 ms) and a progress line every 100 ms
        sandbox.setLimits(new Limits(40, false));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // when
        int status = Lifeline.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of("LIFELINE_ORIGIN_CHECK", "off"), Terminal.plain(100),
                "invoke", "dns-to-origin", "--payload", EVERY_DOMAIN, "--endpoint", sandbox.endpoint());
        // then
        assertEquals(0, status, err::toString);
        String[] progress = err.toString().lines().filter(l -> l.startsWith("dns-to-origin: ")).toArray(String[]::new);
        assertTrue(progress.length >= 3, "several progress lines:\n" + err);
        assertTrue(err.toString().lines().anyMatch(l -> l.matches("dns-to-origin: planning [0-9]+/[0-9]+ domains, [0-9]+ s")),
                "the planning phase with domains done of total:\n" + err);
        assertTrue(err.toString().lines().anyMatch(l -> l.matches("dns-to-origin: applying, [0-9]+ changes? so far \\([0-9]+ applied\\), [0-9]+ s")),
                "the changes so far while applying:\n" + err);
        assertFalse(err.toString().contains("\r"), "no live line when stderr is not a terminal");
        assertEquals(0, auditLines(err.toString()), err::toString);
    }

    @Test
    void theIcpChecksOneDomainAtATimeAreCountedToo() {
        // given a slow cloud (every call 60 ms) and a progress line every 50 ms
        sandbox.setLimits(new Limits(60, false));
        StringWriter err = new StringWriter();
        // when switch-to-overseas's timer looks for invalid filings
        int status = Lifeline.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), Map.of("LIFELINE_ORIGIN_CHECK", "off"), Terminal.plain(50),
                "invoke", "switch-to-overseas", "--payload", "{}", "--dry-run", "--endpoint", sandbox.endpoint());
        // then
        assertEquals(0, status, err::toString);
        assertTrue(err.toString().lines().anyMatch(l -> l.matches("switch-to-overseas: checking ICP filings [0-9]+/[0-9]+ domains?, [0-9]+ s")),
                err::toString);
    }

    @Test
    void onATerminalTheProgressIsOneLiveLineErasedAtTheEnd() {
        // given a slow cloud
        sandbox.setLimits(new Limits(40, false));
        StringWriter err = new StringWriter();
        // when
        int status = Lifeline.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), Map.of("LIFELINE_ORIGIN_CHECK", "off"), Terminal.console(),
                "inspect", "--endpoint", sandbox.endpoint());
        // then: redrawn in place (carriage return, erase to the end of the line), erased before the last line
        assertEquals(0, status, err::toString);
        String e = err.toString();
        assertTrue(e.matches("(?s).*\r\033\\[Kinspect: [a-zA-Z' ]+( [0-9]+/[0-9]+ domains?)?, [0-9]+ s.*"), e);
        assertTrue(e.endsWith("\r\033[Klifeline: inspect done in " + e.substring(e.lastIndexOf("done in ") + 8)), e);
    }

    @Test
    void aRefusedRunSaysTheFlagThatAllowsIt() {
        // when
        CommandRun refused = run("invoke", "dns-to-origin", "--payload", EVERY_DOMAIN, "--max-changes", "1");
        // then
        assertEquals(ExitStatus.REFUSED, refused.status, refused::toString);
        JsonObject report = JsonParser.parseString(refused.out).getAsJsonObject();
        long planned = report.getAsJsonObject("summary").get("planned").getAsLong();
        assertTrue(planned > 1, refused::toString);
        assertTrue(refused.err.contains("run again with --max-changes " + planned), refused::toString);
        assertEquals(0, sandbox.requests().stream().filter(c -> c.action.startsWith("Update")).count(), "nothing written");
    }

    @Test
    void maxChangesOnTheCommandLineOutranksTheEnvironmentAndTheEvent() {
        // given a guard of 1 in the environment and in the event
        Map<String, String> env = new HashMap<>(Map.of("LIFELINE_MAX_CHANGES", "1"));
        String event = "{\"when\":[\"always\"],\"maxChanges\":1,\"dryRun\":true}";
        // when
        CommandRun guarded = CommandRun.withEnv(env, "invoke", "dns-to-origin", "--payload", event, "--endpoint", sandbox.endpoint());
        CommandRun raised = CommandRun.withEnv(env, "invoke", "dns-to-origin", "--payload", event, "--endpoint", sandbox.endpoint(),
                "--max-changes", "500");
        // then
        assertEquals(ExitStatus.REFUSED, guarded.status, guarded::toString);
        assertEquals(ExitStatus.DONE, raised.status, raised::toString);
        assertTrue(JsonParser.parseString(raised.out).getAsJsonObject().getAsJsonObject("summary").get("planned").getAsInt() > 1,
                raised::toString);
    }

    @Test
    void scopeAndExcludeOnTheCommandLineOutrankTheEnvironment() {
        // given an environment whose scope holds nothing of the account
        Map<String, String> env = new HashMap<>(Map.of("LIFELINE_SCOPE", "*.nowhere.test"));
        String event = "{\"when\":[\"always\"],\"dryRun\":true}";
        // when
        CommandRun run = CommandRun.withEnv(env, "invoke", "dns-to-origin", "--payload", event, "--endpoint", sandbox.endpoint(),
                "--scope", "*.example.com", "--exclude", "img.*");
        // then
        assertEquals(0, run.status, run::toString);
        JsonObject report = JsonParser.parseString(run.out).getAsJsonObject();
        String changes = report.get("changes").toString();
        assertTrue(changes.contains("www.example.com"), run::toString);
        assertFalse(changes.contains("img.example.com"), "excluded: " + run);
        assertFalse(changes.contains("shop.example.net"), "out of scope: " + run);
    }

    @Test
    void anEmptyRunSaysHowManyDomainsItLookedAtAndWhyNoneWasSelected() {
        // when: the README's first dry run, on an account where every domain (4 CDN, 2 DCDN, 1 VOD; Live is not looked at) is online and nothing is owed
        CommandRun run = run("invoke", "dns-to-origin", "--event", "../events/notification-overdue-payment.json", "--dry-run",
                "--output", "table");
        CommandRun timer = run("invoke", "dns-to-origin", "--payload", "{}", "--dry-run", "--output", "table");
        // then
        assertEquals(0, run.status, run::toString);
        assertTrue(run.out.contains("note: 7 domains looked at, none selected (in-debt): the account is not in debt"), run::toString);
        assertTrue(run.err.contains("nothing to do: 7 domains looked at"), run::toString);
        assertTrue(timer.out.contains("none selected (offline or in-debt): none offline; the account is not in debt"), timer::toString);
    }

    @Test
    void inspectRightAfterDnsToOriginSaysItIsDoneNotNext() {
        // given www.example.com offline, and dns-to-origin run on it
        sandbox.update(s -> s.cdnDomain("www.example.com").status = "offline");
        CommandRun before = run("inspect", "www.example.com");
        run("invoke", "dns-to-origin", "--payload", "{\"domains\":[\"www.example.com\"]}");
        // when
        CommandRun after = run("inspect", "www.example.com");
        // then
        // (NEXT is followed by the ORIGIN column)
        assertTrue(row(before.out).matches(".* dns-to-origin +not-checked.*"), before::toString);
        assertTrue(row(after.out).contains(" none (dns-to-origin done) "), after::toString);
        assertTrue(after.out.contains("NEXT: what the functions' timers would do on their next run"), after::toString);
    }

    @Test
    void inspectShowsMarkersWholeWithTheirTimesAsDates() {
        // given a domain switched to overseas (its tags carry the time as epoch milliseconds)
        run("invoke", "switch-to-overseas", "--payload", "{\"domains\":[\"www.example.com\"],\"when\":[\"always\"]}");
        // when
        CommandRun run = run("inspect", "www.example.com", "api.example.com");
        // then
        String www = run.out.lines().filter(l -> l.startsWith("www.example.com")).findFirst().orElseThrow();
        assertTrue(www.matches(".*lifeline:since=20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} .*"), www);
        assertFalse(run.out.contains("..."), run::toString);
        assertTrue(run.out.contains("?FUNCTION: that function cannot tell yet")
                && run.out.contains("api.example.com ?switch-to-overseas: the ICP check is not available for DCDN domains"), run::toString);
    }

    private static String row(String table) {
        return table.lines().filter(l -> l.startsWith("www.example.com")).findFirst().orElseThrow();
    }
}
