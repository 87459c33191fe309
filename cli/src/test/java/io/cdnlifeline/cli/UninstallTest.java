package io.cdnlifeline.cli;

import io.cdnlifeline.sandbox.DnsRecord;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * lifeline uninstall against the sandbox with the functions deployed to its local FC: the plan, the refusal while a
 * domain still needs its remediation, the restore by each undo function, --keep-changes and --leave-offline.
 * The markers are made by the functions themselves (lifeline invoke, in-process), as the timers would make them.
 */
class UninstallTest {
    private Sandbox sandbox;
    private String initial;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(0, null);
        // a record with a remark of its own, which every mode must give back
        sandbox.update(s -> record(s.zone("example.com").records, "www").remark = "web front");
        initial = state();
        new LocalFcDeploy(sandbox).deploy(LocalFcDeploy.emptyPackage(), 0);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void refusesWhileADomainIsStillOfflineThenRestoresEveryDomainAndRemovesTheFunctions() {
        // given an outage the functions remedied: www offline (DNS on its origin), img's filing invalid (overseas),
        // and shop stopped by disable-domain
        outage();
        String remedied = state();

        // when uninstall runs while www is still offline and img's filing still invalid
        CommandRun refused = shown("uninstall", "--yes");

        // then it refuses with the reasons and changes nothing
        assertEquals(3, refused.status, refused::toString);
        assertTrue(refused.err.contains("www.example.com: still offline"), refused::toString);
        assertTrue(refused.err.contains("img.example.com: its ICP filing is still invalid"), refused::toString);
        assertTrue(refused.err.contains("Nothing was changed"), refused::toString);
        assertEquals(remedied, state());
        assertEquals(8, functions());

        // when the causes are gone and uninstall runs again
        ok("sandbox", "online", "www.example.com");
        ok("sandbox", "icp-valid", "img.example.com");
        CommandRun done = shown("uninstall", "--yes");

        // then the plan named each domain and its undo, each undo ran, and the functions are gone
        assertEquals(0, done.status, done::toString);
        assertTrue(done.out.contains("shop.example.net (cdn, offline)") && done.out.contains("-> enable-domain"), done::toString);
        assertTrue(done.out.contains("img.example.com (cdn, online)") && done.out.contains("-> restore-coverage"), done::toString);
        assertTrue(done.out.contains("www.example.com (cdn, online)") && done.out.contains("-> dns-to-cdn"), done::toString);
        assertTrue(done.out.contains("paused: 15 trigger(s) switched off"), done::toString);
        assertTrue(done.out.contains("no lifeline marker or lock left"), done::toString);
        assertTrue(done.out.contains("deleted: 16 trigger(s), 8 function(s)"), done::toString);
        assertTrue(done.out.contains("- OSS bucket cdn-lifeline-1234567890123456: delete (empty once lifeline's objects are gone)"), done::toString);
        assertEquals(0, functions());
        // and the account is exactly as before the outage, record by record (remarks, tags, coverage, status)
        assertEquals(initial, state());
    }

    @Test
    void keepChangesLeavesDnsAndCoverageAndRemovesOnlyTheMarkers() {
        // given the same remedied outage, www still offline
        outage();

        // when uninstall keeps the changes
        CommandRun done = shown("uninstall", "--keep-changes", "--yes");

        // then no refusal: the records stay on the origin with their own remarks back, coverage stays overseas, no tag is left
        assertEquals(0, done.status, done::toString);
        assertTrue(done.out.contains("keep every change, remove only lifeline's markers"), done::toString);
        DnsRecord www = www();
        assertEquals("A", www.type);
        assertEquals("web front", www.remark);
        assertTrue(holds(s -> s.dns.stream().allMatch(z -> z.records.stream().noneMatch(r -> r.remark.startsWith("lifeline:")))));
        assertEquals("overseas", sandbox.read(s -> s.cdnDomain("img.example.com").coverage));
        assertEquals("offline", sandbox.read(s -> s.cdnDomain("shop.example.net").status));
        assertTrue(holds(s -> s.cdn.stream().allMatch(d -> d.tags.keySet().stream().noneMatch(k -> k.startsWith("lifeline:")))));
        assertEquals(0, functions());
    }

    @Test
    void leaveOfflineRestoresTheOthersAndKeepsTheStillNeededRemediationWhole() {
        // given the remedied outage with www still offline and img's filing still invalid
        outage();

        // when uninstall is told to leave those as they are
        CommandRun done = shown("uninstall", "--yes", "--leave-offline");

        // then shop is started again and untagged, www and img keep their changes and markers, the functions are gone
        assertEquals(0, done.status, done::toString);
        assertEquals("online", sandbox.read(s -> s.cdnDomain("shop.example.net").status));
        assertTrue(holds(s -> s.cdnDomain("shop.example.net").tags.isEmpty()));
        assertTrue(www().remark.startsWith("lifeline:switched:"));
        assertEquals("global", sandbox.read(s -> s.cdnDomain("img.example.com").tags.get("lifeline:coverage")));
        assertTrue(done.out.contains("left as they are"), done::toString);
        assertEquals(0, functions());
    }

    @Test
    void withoutYesAQuestionNotAnsweredChangesNothing() {
        // given the remedied outage, all causes gone
        outage();
        ok("sandbox", "online", "www.example.com");
        ok("sandbox", "icp-valid", "img.example.com");
        String remedied = state();
        java.io.InputStream in = System.in;
        try {
            // when nobody answers the question (stdin at its end)
            System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
            CommandRun asked = run("uninstall");
            // then the plan was shown, the question asked, nothing changed
            assertEquals(3, asked.status, asked::toString);
            assertTrue(asked.out.contains("uninstall plan") && asked.out.contains("Proceed? [y/N]"), asked::toString);
            assertEquals(remedied, state());
            assertEquals(8, functions());
        } finally {
            System.setIn(in);
        }
    }

    @Test
    void aLiveLockIsWaitedForAndTheFunctionsGoOnlyWhenItIsDown() throws Exception {
        // given a run in flight on shop.example.net: its lock flag is up, with a deadline ten minutes away
        String lock = "lifeline:lock:run-in-flight";
        String value = (System.currentTimeMillis() + 600_000) + ".restore-coverage";
        sandbox.update(s -> s.cdnDomain("shop.example.net").tags.put(lock, value));
        long poll = UninstallCommand.pollMillis;
        UninstallCommand.pollMillis = 200;
        try {
            // when uninstall may wait 1 s only
            CommandRun gaveUp = run("uninstall", "--yes", "--wait", "1");
            // then it gives up, says what is left, and the functions stay (paused)
            assertEquals(1, gaveUp.status, gaveUp::toString);
            assertTrue(gaveUp.err.contains("shop.example.net 1 lock flag(s)") && gaveUp.err.contains("The functions were NOT removed"), gaveUp::toString);
            assertEquals(8, functions());
            assertEquals(value, sandbox.read(s -> s.cdnDomain("shop.example.net").tags.get(lock)));

            // when the run in flight ends (its flag comes down) while uninstall waits
            Thread finisher = new Thread(() -> {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
                sandbox.update(s -> s.cdnDomain("shop.example.net").tags.remove(lock));
            });
            finisher.start();
            CommandRun done = run("uninstall", "--yes", "--wait", "60");
            finisher.join();
            // then it waited, and only then removed the functions
            assertEquals(0, done.status, done::toString);
            assertTrue(done.out.contains("waiting: 1 domain(s) still carry markers or locks (shop.example.net 1 lock flag(s))"), done::toString);
            assertTrue(done.out.indexOf("no lifeline marker or lock left") < done.out.indexOf("deleted: "), done::toString);
            assertEquals(0, functions());
        } finally {
            UninstallCommand.pollMillis = poll;
        }
    }

    @Test
    void aStaleLockOfARunThatDiedIsTakenDown() {
        // given a lock flag whose run's deadline passed long ago
        sandbox.update(s -> s.cdnDomain("www.example.com").tags.put("lifeline:lock:dead-run", "1000.switch-to-overseas"));
        // when uninstall runs
        CommandRun done = run("uninstall", "--yes", "--wait", "30");
        // then the flag is gone, the functions too, and the account is as it began
        assertEquals(0, done.status, done::toString);
        assertTrue(done.out.contains("www.example.com: 1 stale lock flag(s) removed"), done::toString);
        assertEquals(0, functions());
        assertEquals(initial, state());
    }

    @Test
    void aDryRunEnvironmentIsRefusedBeforeAnythingChanges() {
        // given LIFELINE_DRY_RUN=true in the environment
        outage();
        ok("sandbox", "online", "www.example.com");
        String remedied = state();
        // when uninstall runs
        CommandRun refused = CommandRun.withEnv(Map.of("LIFELINE_DRY_RUN", "true"), "uninstall", "--yes", "--endpoint", sandbox.endpoint());
        // then it refuses as bad input and nothing changed
        assertEquals(2, refused.status, refused::toString);
        assertTrue(refused.err.contains("LIFELINE_DRY_RUN is true"), refused::toString);
        assertEquals(remedied, state());
        assertEquals(8, functions());
    }

    private void outage() {
        ok("sandbox", "offline", "www.example.com");
        ok("invoke", "dns-to-origin", "--payload", "{\"domains\":[\"www.example.com\"]}");
        ok("sandbox", "icp-invalid", "img.example.com");
        ok("invoke", "switch-to-overseas", "--payload", "{\"domains\":[\"img.example.com\"],\"when\":[\"icp-invalid\"]}");
        ok("invoke", "disable-domain", "--payload", "{\"domains\":[\"shop.example.net\"],\"reason\":\"maintenance\"}");
        assertTrue(www().remark.startsWith("lifeline:switched:"));
        assertEquals("overseas", sandbox.read(s -> s.cdnDomain("img.example.com").coverage));
        assertEquals("offline", sandbox.read(s -> s.cdnDomain("shop.example.net").status));
    }

    private void ok(String... args) {
        CommandRun r = run(args);
        assertEquals(0, r.status, r::toString);
    }

    private CommandRun shown(String... args) {
        return Transcript.print(run(args), args);
    }

    private CommandRun run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--endpoint";
        all[args.length + 1] = sandbox.endpoint();
        return CommandRun.withEnv(Map.of(), all);
    }

    private boolean holds(java.util.function.Function<io.cdnlifeline.sandbox.SandboxState, Boolean> query) {
        Boolean b = sandbox.read(query);
        return b;
    }

    private int functions() {
        Integer n = sandbox.read(s -> s.fc.functions.size());
        return n;
    }

    private DnsRecord www() {
        return sandbox.read(s -> (DnsRecord) record(s.zone("example.com").records, "www"));
    }

    private String state() {
        return AccountState.of(sandbox.stateJson()).comparable().toString();
    }

    private static DnsRecord record(List<DnsRecord> records, String rr) {
        return records.stream().filter(r -> r.rr.equals(rr)).findFirst().orElseThrow();
    }
}
