package io.cdnlifeline.cli;

import io.cdnlifeline.sandbox.ErrorInjection;
import io.cdnlifeline.sandbox.EventBridgeState;
import io.cdnlifeline.sandbox.Faults;
import io.cdnlifeline.sandbox.LogServiceState;
import io.cdnlifeline.sandbox.OssBucket;
import io.cdnlifeline.sandbox.RamState;
import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.sandbox.SandboxState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lifeline uninstall} takes away what {@code lifeline setup} made, after the functions: the rules and the bus,
 * the state bucket (its lifeline/ objects first), the policy (its other versions first, detached first) and the role;
 * the audit log only with --delete-logs. Against the sandbox's RAM, EventBridge, Log Service and OSS, as a user runs it.
 */
class UninstallSetupResourcesTest {
    private static final String ACCOUNT = "1234567890123456";
    private static final String BUCKET = "cdn-lifeline-" + ACCOUNT;
    private static final String PROJECT = "cdn-lifeline-" + ACCOUNT;

    @TempDir Path home;
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, null);
        // a first deploy's account: no state bucket either (the sandbox's default seed has one)
        sandbox.update(s -> s.oss = new ArrayList<>());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** Setup, a second policy version (ram-policy.json changed since), the watch's state in the bucket. */
    private void setUp() throws Exception {
        ok("setup");
        Path changed = home.resolve("ram-policy.json");
        Files.writeString(changed, "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"cdn:DescribeUserDomains\"],"
                + "\"Resource\":[\"*\"]}]}", StandardCharsets.UTF_8);
        ok("setup", "--policy-file", changed.toString());
        sandbox.update(s -> {
            OssBucket b = s.ossBucket(BUCKET);
            b.objects.put("lifeline/watch/state.json", new OssBucket.OssObject("{}", 1L));
            b.objects.put("lifeline/notify/memory.json", new OssBucket.OssObject("{}", 1L));
        });
        assertEquals(2, (int) read(s -> s.ram.find(ACCOUNT).policy("cdn-lifeline-fc").versions.size()));
    }

    @Test
    void setupThenUninstallWithDeleteLogsLeavesNoneOfTheSetupResources() throws Exception {
        // given an account set up, its policy at v2, the watch's state in the bucket and the functions deployed
        setUp();
        new LocalFcDeploy(sandbox).deploy(LocalFcDeploy.emptyPackage(), 0);

        // when uninstall runs, told to delete the audit log too
        CommandRun done = Transcript.print(run("uninstall", "--yes", "--delete-logs"), "uninstall", "--yes", "--delete-logs");

        // then the plan listed every removal before anything was done, and each was done
        assertEquals(0, done.status, done::toString);
        assertTrue(done.out.indexOf("- RAM role cdn-lifeline-fc: delete") < done.out.indexOf("paused:"), done::toString);
        assertTrue(done.out.contains("- logstore " + PROJECT + "/audit: delete, WITH THE AUDIT LOG IN IT"), done::toString);
        assertTrue(done.out.contains("removed: 15 removals"), done::toString);
        assertTrue(done.out.indexOf("deleted: 16 trigger(s), 8 function(s)") < done.out.indexOf("removing what lifeline setup made"), done::toString);
        // and the sandbox account holds none of it: functions, role, policy, bus, rules, bucket, log project
        assertEquals(0, (int) read(s -> s.fc.functions.size()));
        assertNoRamNoBusNoBucket();
        assertNull(read(s -> s.logService.find(ACCOUNT) == null ? null : s.logService.find(ACCOUNT).projects.get(PROJECT)));

        // when it runs again: nothing of setup's is left to remove, and it says so
        CommandRun again = run("uninstall", "--yes", "--delete-logs");
        assertEquals(0, again.status, again::toString);
        assertTrue(again.out.contains("nothing of lifeline setup's left to remove"), again::toString);
    }

    @Test
    void byDefaultTheAuditLogIsKept() throws Exception {
        // given an account set up
        setUp();
        // when uninstall runs without --delete-logs
        CommandRun done = Transcript.print(run("uninstall", "--yes"), "uninstall", "--yes");
        // then the log project and its logstore stay, named as kept in the plan; the rest is gone
        assertEquals(0, done.status, done::toString);
        assertTrue(done.out.contains("= log project " + PROJECT + " with logstore audit: KEPT, the audit log"), done::toString);
        LogServiceState.Project project = read(s -> s.logService.find(ACCOUNT).projects.get(PROJECT));
        assertNotNull(project, done::toString);
        assertNotNull(project.logstores.get("audit"));
        assertNoRamNoBusNoBucket();
        // and --keep-logs says the same thing explicitly
        CommandRun explicit = run("uninstall", "--yes", "--keep-logs");
        assertEquals(0, explicit.status, explicit::toString);
        assertNotNull(read(s -> s.logService.find(ACCOUNT).projects.get(PROJECT)));
    }

    @Test
    void aRefusalMidWayStopsThereAndARunAgainCarriesOn() throws Exception {
        // given an account set up, and RAM refusing the first DeletePolicy (the caller may not delete policies)
        setUp();
        Faults faults = new Faults();
        faults.inject = List.of(new ErrorInjection("DeletePolicy", "NoPermission", 1, 1));
        sandbox.setFaults(faults);

        // when uninstall runs
        CommandRun refused = Transcript.print(run("uninstall", "--yes", "--delete-logs"), "uninstall", "--yes", "--delete-logs");

        // then it stops at the policy with RAM's code and what was done; the role (after it) was not tried
        assertEquals(1, refused.status, refused::toString);
        assertTrue(refused.err.contains("the cloud refused \"RAM policy cdn-lifeline-fc: delete\""), refused::toString);
        assertTrue(refused.err.contains("NoPermission"), refused::toString);
        assertTrue(refused.err.contains("13 of 15 removals done (above), the rest not tried"), refused::toString);
        assertNotNull(read(s -> s.ram.find(ACCOUNT).role("cdn-lifeline-fc")));
        assertNotNull(read(s -> s.ram.find(ACCOUNT).policy("cdn-lifeline-fc")));
        assertNull(read(s -> s.eventBridge.find(ACCOUNT).bus("cn-hangzhou", "cdn-lifeline")));

        // when it runs again (the fault was a one-off)
        CommandRun resumed = Transcript.print(run("uninstall", "--yes", "--delete-logs"), "uninstall", "--yes", "--delete-logs");

        // then it plans only what is left, removes it, and nothing of setup's remains
        assertEquals(0, resumed.status, resumed::toString);
        assertTrue(resumed.out.contains("then remove what lifeline setup made in account " + ACCOUNT + ": 2 removals"), resumed::toString);
        assertNoRamNoBusNoBucket();
    }

    @Test
    void keepSetupRemovesOnlyTheFunctions() throws Exception {
        // given an account set up with the functions deployed
        setUp();
        new LocalFcDeploy(sandbox).deploy(LocalFcDeploy.emptyPackage(), 0);
        // when uninstall keeps the setup (a reinstall follows)
        CommandRun done = run("uninstall", "--yes", "--keep-setup");
        // then the functions are gone and every setup resource stays, state objects included
        assertEquals(0, done.status, done::toString);
        assertEquals(0, (int) read(s -> s.fc.functions.size()));
        assertNotNull(read(s -> s.ram.find(ACCOUNT).role("cdn-lifeline-fc")));
        assertEquals(1, (int) read(s -> s.ram.find(ACCOUNT).role("cdn-lifeline-fc").attached.size()));
        assertEquals(2, (int) read(s -> s.ram.find(ACCOUNT).policy("cdn-lifeline-fc").versions.size()));
        assertEquals(6, (int) read(s -> s.eventBridge.find(ACCOUNT).bus("cn-hangzhou", "cdn-lifeline").rules.size()));
        assertEquals(2, (int) read(s -> s.ossBucket(BUCKET).objects.size()));
        assertNotNull(read(s -> s.logService.find(ACCOUNT).projects.get(PROJECT)));
        assertTrue(done.out.contains("left in the account (--keep-setup)"), done::toString);
    }

    @Test
    void aDryRunPrintsTheRemovalsAndChangesNothing() throws Exception {
        // given an account set up
        setUp();
        String before = sandbox.stateJson();
        // when uninstall runs as a dry run
        CommandRun plan = run("uninstall", "--dry-run", "--delete-logs");
        // then every removal is in the plan and nothing changed
        assertEquals(0, plan.status, plan::toString);
        assertTrue(plan.out.contains("- RAM policy cdn-lifeline-fc: delete version v1"), plan::toString);
        assertTrue(plan.out.contains("- OSS bucket " + BUCKET + ": delete the 2 object(s) under lifeline/"), plan::toString);
        assertTrue(plan.out.contains("lifeline uninstall: dry run, nothing was changed"), plan::toString);
        assertEquals(before, sandbox.stateJson());
    }

    @Test
    void aBucketHoldingSomeoneElsesObjectsIsLeftAndSaysWhy() throws Exception {
        // given the state bucket also holds an object that is not lifeline's
        setUp();
        sandbox.update(s -> s.ossBucket(BUCKET).objects.put("backups/site.tar", new OssBucket.OssObject("x", 1L)));
        // when uninstall runs
        CommandRun done = run("uninstall", "--yes");
        // then lifeline's objects are gone, the bucket and the other object stay, and the plan said why
        assertEquals(0, done.status, done::toString);
        assertTrue(done.out.contains("= OSS bucket " + BUCKET + ": left, it holds 1 object(s) outside lifeline/ (not lifeline's; e.g. backups/site.tar)"),
                done::toString);
        assertEquals(List.of("backups/site.tar"), read(s -> new ArrayList<>(s.ossBucket(BUCKET).objects.keySet())));
    }

    @Test
    void contradictoryOptionsAreUsageErrors() {
        assertEquals(2, run("uninstall", "--keep-logs", "--delete-logs").status);
        assertEquals(2, run("uninstall", "--keep-setup", "--delete-logs").status);
        assertEquals(2, run("uninstall", "--member-of", "1000000000000001", "--keep-changes").status);
    }

    private void assertNoRamNoBusNoBucket() {
        RamState.Account ram = read(s -> s.ram.find(ACCOUNT));
        assertNull(ram.role("cdn-lifeline-fc"));
        assertNull(ram.policy("cdn-lifeline-fc"));
        EventBridgeState.Account eb = read(s -> s.eventBridge.find(ACCOUNT));
        assertTrue(eb == null || eb.buses.isEmpty(), () -> "buses left: " + eb.buses.size());
        assertNull(read(s -> s.ossBucket(BUCKET)));
    }

    private void ok(String... args) {
        CommandRun r = run(args);
        assertEquals(0, r.status, r::toString);
    }

    private CommandRun run(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", Sandbox.DEFAULT_ACCESS_KEY_ID);
        env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", Sandbox.DEFAULT_ACCESS_KEY_SECRET);
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--endpoint");
        all.add(sandbox.endpoint());
        return CommandRun.withEnv(env, all.toArray(new String[0]));
    }

    private <T> T read(Function<SandboxState, T> reader) {
        return sandbox.read(reader::apply);
    }
}
