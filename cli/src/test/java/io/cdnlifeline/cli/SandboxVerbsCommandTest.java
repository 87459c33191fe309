package io.cdnlifeline.cli;

import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lifeline sandbox VERB}: playing the cloud on a running sandbox, as an operator tries a story. */
class SandboxVerbsCommandTest {
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
    void aDomainGoesOfflineAndItsFilingInvalidAndTheCommandSaysWhatChanged() {
        // when
        CommandRun offline = CommandRun.of("sandbox", "offline", "www.example.com", "--endpoint", sandbox.endpoint());
        CommandRun icp = CommandRun.withEnv(Map.of("LIFELINE_ENDPOINT", sandbox.endpoint()), "sandbox", "icp-invalid", "www.example.com");
        // then
        assertEquals(0, offline.status, offline::toString);
        assertEquals("www.example.com (cdn): status online -> offline\n", offline.out);
        assertEquals("www.example.com (cdn): icp true -> false\n", icp.out);
        assertEquals("offline", sandbox.read(s -> s.cdnDomain("www.example.com").status));
        assertEquals(Boolean.FALSE, sandbox.read(s -> s.cdnDomain("www.example.com").icp));
    }

    @Test
    void theAccountGoesIntoDebtWithEveryDomainAndPaysItBack() {
        // when
        CommandRun debt = CommandRun.of("sandbox", "debt", "--all-domains", "--balance", "-42.17", "--endpoint", sandbox.endpoint());
        // then
        assertEquals(0, debt.status, debt::toString);
        assertTrue(debt.out.contains("account: inDebt false -> true") && debt.out.contains("account: availableAmount 128.50 -> -42.17"),
                debt::toString);
        assertTrue(debt.out.contains("api.example.com (dcdn): status online -> offline"), debt::toString);
        // and then an inspect sees the debt
        CommandRun inspect = CommandRun.of("inspect", "www.example.com", "--endpoint", sandbox.endpoint());
        assertTrue(inspect.out.lines().anyMatch(l -> l.startsWith("www.example.com") && l.contains(" in-debt ")), inspect::toString);
        // when paid
        CommandRun pay = CommandRun.of("sandbox", "pay", "--all-domains", "--endpoint", sandbox.endpoint());
        assertEquals(0, pay.status, pay::toString);
        assertEquals("online", sandbox.read(s -> s.dcdnDomain("api.example.com").status));
    }

    @Test
    void anUnknownDomainIsBadInputInTheSandboxsWords() {
        CommandRun run = CommandRun.of("sandbox", "offline", "nope.example.com", "--endpoint", sandbox.endpoint());
        assertEquals(ExitStatus.BAD_INPUT, run.status, run::toString);
        assertTrue(run.err.contains("no CDN, DCDN, VOD or Live domain 'nope.example.com'"), run::toString);
    }

    @Test
    void withoutASandboxTheVerbSaysWhichOneItNeeds() {
        CommandRun none = CommandRun.of("sandbox", "pay");
        assertEquals(ExitStatus.BAD_INPUT, none.status, none::toString);
        assertTrue(none.err.contains("--endpoint URL") && none.err.contains("LIFELINE_ENDPOINT"), none::toString);
        String endpoint = sandbox.endpoint();
        sandbox.close();
        CommandRun gone = CommandRun.of("sandbox", "pay", "--endpoint", endpoint);
        assertEquals(ExitStatus.NO_ACCESS, gone.status, gone::toString);
        assertTrue(gone.err.contains("could not reach " + endpoint), gone::toString);
    }
}
