package io.cdnlifeline.cli;

import io.cdnlifeline.sandbox.ErrorInjection;
import io.cdnlifeline.sandbox.EventBridgeState;
import io.cdnlifeline.sandbox.Faults;
import io.cdnlifeline.sandbox.LogServiceState;
import io.cdnlifeline.sandbox.RamState;
import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.sandbox.SandboxCall;
import io.cdnlifeline.sandbox.SandboxState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lifeline setup} against the sandbox's RAM and EventBridge, as a user runs it. */
class SetupCommandTest {
    private static final String ACCOUNT = "1234567890123456";
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir Path home;
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, null);
        // an account as a first deploy finds it: not even the watch's state bucket (the sandbox's default seed has one)
        sandbox.update(s -> {
            s.accountId = ACCOUNT;
            s.oss = new ArrayList<>();
        });
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CommandRun setup(String... extra) {
        return setupWith(Map.of(), extra);
    }

    private CommandRun setupWith(Map<String, String> settings, String... extra) {
        Map<String, String> env = CommandRun.homeEnv(home);
        env.putAll(settings);
        env.putIfAbsent("ALIBABA_CLOUD_ACCESS_KEY_ID", Sandbox.DEFAULT_ACCESS_KEY_ID);
        env.putIfAbsent("ALIBABA_CLOUD_ACCESS_KEY_SECRET", Sandbox.DEFAULT_ACCESS_KEY_SECRET);
        List<String> args = new ArrayList<>(List.of("setup", "--endpoint", sandbox.endpoint()));
        args.addAll(List.of(extra));
        return CommandRun.withEnv(env, args.toArray(new String[0]));
    }

    private <T> T read(Function<SandboxState, T> reader) {
        AtomicReference<T> out = new AtomicReference<>();
        sandbox.update(s -> out.set(reader.apply(s)));
        return out.get();
    }

    private RamState.Account ram(String account) {
        return read(s -> s.ram.find(account));
    }

    /** The calls that changed something: everything but Get*, List* and GetCallerIdentity. */
    private List<String> writes() {
        List<String> out = new ArrayList<>();
        for (SandboxCall c : sandbox.requests()) {
            if (!c.action.startsWith("Get") && !c.action.startsWith("List")) out.add(c.action);
        }
        return out;
    }

    @Test
    void firstRunMakesEveryResourceAndTheSecondFindsNothingToDo() throws Exception {
        // given an empty account
        // when setup runs (the account id from STS, as a user runs it)
        CommandRun first = setup();
        // then the role trusted by FC, the policy from ram-policy.json attached to it, the bus and the six rules exist
        assertEquals(0, first.status, first::toString);
        RamState.Account ram = ram(ACCOUNT);
        RamState.Role role = ram.role("cdn-lifeline-fc");
        assertNotNull(role, first::toString);
        assertTrue(PolicyDocuments.same(Files.readString(ROOT.resolve("ram-trust-policy.json")), role.assumeRolePolicyDocument));
        RamState.Policy policy = ram.policy("cdn-lifeline-fc");
        assertEquals("v1", policy.defaultVersion().versionId);
        assertTrue(PolicyDocuments.same(Files.readString(ROOT.resolve("ram-policy.json")), policy.defaultVersion().policyDocument));
        assertEquals("cdn-lifeline-fc", role.attached.get(0).policyName);
        EventBridgeState.Bus bus = read(s -> s.eventBridge.find(ACCOUNT).bus("cn-hangzhou", "cdn-lifeline"));
        assertNotNull(bus, first::toString);
        for (NotificationRules.Rule r : NotificationRules.ALL) {
            EventBridgeState.Rule rule = bus.rules.get(r.name);
            assertNotNull(rule, r.name);
            assertTrue(PolicyDocuments.same(r.filterPattern, rule.filterPattern));
            assertEquals("acs:fc:cn-hangzhou:" + ACCOUNT + ":functions/" + r.function, rule.targets.get(0).get("Endpoint").getAsString());
        }
        // and the audit log's project and logstore, with the default retention and shards
        LogServiceState.Project project = read(s -> s.logService.find(ACCOUNT).projects.get("cdn-lifeline-" + ACCOUNT));
        assertNotNull(project, first::toString);
        assertEquals("cn-hangzhou", project.region);
        LogServiceState.Logstore audit = project.logstores.get("audit");
        assertNotNull(audit, first::toString);
        assertEquals(30, audit.ttl);
        assertEquals(2, audit.shardCount);
        assertTrue(first.out.contains("+ log project cdn-lifeline-" + ACCOUNT + " in cn-hangzhou: create"), first::toString);
        assertTrue(first.out.contains("lifeline setup: 13 changes applied"), first::toString);
        // and the watch's state bucket, private (LIFELINE_STATE's default), through OSS's own V1-signed calls
        assertTrue(first.out.contains("+ OSS bucket cdn-lifeline-" + ACCOUNT + " in cn-hangzhou: create, private"), first::toString);
        io.cdnlifeline.sandbox.OssBucket bucket = read(s -> s.ossBucket("cdn-lifeline-" + ACCOUNT));
        assertNotNull(bucket, first::toString);
        assertEquals("private", bucket.acl);
        assertTrue(sandbox.requests().stream().anyMatch(c -> "PutBucket".equals(c.action)), () -> sandbox.requests().toString());
        assertTrue(sandbox.requests().stream().filter(c -> "sls".equals(c.product)).allMatch(c -> "LOG".equals(c.signature)));

        // when it runs again
        sandbox.clearRequests();
        CommandRun second = setup();
        // then it reads, changes nothing and says so
        assertEquals(0, second.status, second::toString);
        assertEquals(List.of(), writes());
        assertTrue(second.out.strip().endsWith("lifeline setup: nothing to do, everything is as wanted"), second::toString);
        assertTrue(second.out.contains("= RAM policy cdn-lifeline-fc (default version v1 is ram-policy.json)"), second::toString);
        assertTrue(second.out.contains("= logstore cdn-lifeline-" + ACCOUNT + "/audit (30 days, 2 shards)"), second::toString);
        assertTrue(second.out.contains("= OSS bucket cdn-lifeline-" + ACCOUNT + " in cn-hangzhou (private; the watch's state under lifeline/)"),
                second::toString);
        assertTrue(sandbox.requests().stream().anyMatch(c -> "GetLogStore".equals(c.action) && c.httpStatus == 200), () -> sandbox.requests().toString());
    }

    @Test
    void aChangedPolicyBecomesANewDefaultVersion() throws Exception {
        // given a set-up account and a policy document that has changed since
        assertEquals(0, setup().status);
        Path changed = home.resolve("ram-policy.json");
        Files.writeString(changed, Files.readString(ROOT.resolve("ram-policy.json")).replace("\"cdn:DescribeUserDomains\",", ""));
        // when setup runs with it
        CommandRun run = setup("--policy-file", changed.toString());
        // then the policy has a second version, the default, with the new document; the first is kept
        assertEquals(0, run.status, run::toString);
        RamState.Policy policy = ram(ACCOUNT).policy("cdn-lifeline-fc");
        assertEquals(2, policy.versions.size());
        assertEquals("v2", policy.defaultVersion().versionId);
        assertTrue(PolicyDocuments.same(Files.readString(changed), policy.defaultVersion().policyDocument));
        assertTrue(run.out.contains("new version from " + changed + ", set as default (the default v1 differs)"), run::toString);
        assertTrue(run.out.contains("lifeline setup: 1 change applied"), run::toString);
    }

    @Test
    void atRamsFiveVersionsTheOldestOtherVersionMakesRoom() throws Exception {
        // given a policy with five versions, v5 the default
        assertEquals(0, setup().status);
        String original = Files.readString(ROOT.resolve("ram-policy.json"));
        for (int v = 2; v <= 5; v++) {
            Path file = home.resolve("v" + v + ".json");
            Files.writeString(file, original.replace("\"cdn:DescribeUserDomains\",", "\"cdn:DescribeUserDomains\",\"cdn:Describe" + v + "\","));
            assertEquals(0, setup("--policy-file", file.toString()).status);
        }
        assertEquals(5, ram(ACCOUNT).policy("cdn-lifeline-fc").versions.size());
        // when the repository's document is put back
        CommandRun run = setup();
        // then v1 (the oldest that is not the default) is deleted and v6 is the default: still five versions
        assertEquals(0, run.status, run::toString);
        RamState.Policy policy = ram(ACCOUNT).policy("cdn-lifeline-fc");
        List<String> ids = new ArrayList<>();
        policy.versions.forEach(v -> ids.add(v.versionId));
        assertEquals(List.of("v2", "v3", "v4", "v5", "v6"), ids);
        assertEquals("v6", policy.defaultVersion().versionId);
        assertTrue(run.out.contains("delete version v1 (the oldest that is not the default; RAM keeps at most 5 versions)"), run::toString);
    }

    @Test
    void aMemberAccountGetsOnlyTheRoleTheCentralFunctionRoleMayAssume() throws Exception {
        // given a member account
        // when setup runs there with the central account's id and an external id
        CommandRun run = setup("--member-of", "6543210987654321", "--external-id", "lifeline-7f3a");
        // then the member role trusts exactly the central account's function role, with the external id, and has the policy
        assertEquals(0, run.status, run::toString);
        RamState.Role role = ram(ACCOUNT).role("cdn-lifeline-member");
        assertNotNull(role, run::toString);
        assertTrue(role.assumeRolePolicyDocument.contains("\"acs:ram::6543210987654321:role/cdn-lifeline-fc\""), role.assumeRolePolicyDocument);
        assertTrue(role.assumeRolePolicyDocument.contains("\"sts:ExternalId\":\"lifeline-7f3a\""), role.assumeRolePolicyDocument);
        assertEquals("cdn-lifeline-member", role.attached.get(0).policyName);
        // and, without the external id, it is the repository's member trust policy with the central account filled in
        String file = Files.readString(ROOT.resolve("ram-member-trust-policy.json")).replace("CENTRAL_ACCOUNT_ID", "6543210987654321");
        assertTrue(PolicyDocuments.same(file, PolicyDocuments.memberTrust("6543210987654321", "cdn-lifeline-fc", null)));
        assertNull(ram(ACCOUNT).role("cdn-lifeline-fc"));
        // and no bus: the notifications are the central account's
        assertNull(read(s -> s.eventBridge.find(ACCOUNT)));
        sandbox.clearRequests();
        assertEquals(0, setup("--member-of", "6543210987654321", "--external-id", "lifeline-7f3a").status);
        assertEquals(List.of(), writes());
    }

    @Test
    void inASandboxOfSeveralAccountsTheMembersKeysSetUpTheMember() {
        // given a central account and a member whose own keys the user runs setup with
        sandbox.replaceState("{\"accountId\": \"" + ACCOUNT + "\", \"members\": [{\"accountId\": \"2000000000000002\","
                + " \"accessKeys\": [{\"id\": \"member-ak\", \"secret\": \"member-secret\"}],"
                + " \"role\": {\"name\": \"cdn-lifeline-member\"}}]}");
        Map<String, String> memberKeys = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "member-ak", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "member-secret");
        // when setup runs there as a member of the central account (the account id from STS: the member's)
        CommandRun run = setupWith(memberKeys, "--member-of", ACCOUNT);
        // then the member's RAM has the role trusting the central function role, and the central account's RAM nothing
        assertEquals(0, run.status, run::toString);
        assertTrue(run.out.contains("lifeline setup: account 2000000000000002 (member of " + ACCOUNT + ")"), run::toString);
        RamState.Role role = read(s -> s.member("2000000000000002").ram.find("2000000000000002").role("cdn-lifeline-member"));
        assertNotNull(role, run::toString);
        assertTrue(role.assumeRolePolicyDocument.contains("acs:ram::" + ACCOUNT + ":role/cdn-lifeline-fc"), role.assumeRolePolicyDocument);
        assertNull(ram(ACCOUNT));
    }

    @Test
    void aRefusalStopsTheRunSaysWhatWasDoneAndTheNextRunContinues() {
        // given EventBridge refuses the second rule (the caller may not create rules)
        Faults faults = new Faults();
        ErrorInjection refuse = new ErrorInjection("CreateRule", "NoPermission", 1, 0);
        faults.inject = List.of(refuse);
        sandbox.setFaults(faults);
        // when setup runs
        CommandRun refused = setup();
        // then it stops at the first rule, says which change was refused with the cloud's code, and how to continue
        assertEquals(1, refused.status, refused::toString);
        assertTrue(refused.err.contains("the cloud refused \"rule cdn-lifeline/dns-to-origin-overdue-payment: create"), refused::toString);
        assertTrue(refused.err.contains("NoPermission"), refused::toString);
        assertTrue(refused.err.contains("4 of 13 changes made (above), the rest not tried"), refused::toString);
        boolean noRules = read(s -> s.eventBridge.find(ACCOUNT).bus("cn-hangzhou", "cdn-lifeline").rules.isEmpty());
        assertTrue(noRules, refused::toString);
        // when the permission is granted and it runs again
        sandbox.setFaults(new Faults());
        CommandRun resumed = setup();
        // then it makes only the six rules, the log project and logstore and the state bucket, which were not tried
        assertEquals(0, resumed.status, resumed::toString);
        assertTrue(resumed.out.contains("lifeline setup: 9 changes applied"), resumed::toString);
        assertEquals(6, (int) read(s -> s.eventBridge.find(ACCOUNT).bus("cn-hangzhou", "cdn-lifeline").rules.size()));
    }

    @Test
    void aDryRunPrintsThePlanAndChangesNothing() {
        CommandRun run = setup("--dry-run", "--account-id", ACCOUNT);
        assertEquals(0, run.status, run::toString);
        assertTrue(run.out.contains("+ RAM role cdn-lifeline-fc: create, trusted by ram-trust-policy.json"), run::toString);
        assertTrue(run.out.contains("dry run, 13 changes planned, none made"), run::toString);
        assertEquals(List.of(), writes());
    }

    @Test
    void theTemplatesNamesFromTheEnvironmentAreTheOnesPlanned() {
        // given the deploy-time names a user chose for the template (its vars read the same variables)
        Map<String, String> names = Map.of("LIFELINE_ROLE_NAME", "lifeline-prod", "LIFELINE_NOTIFICATION_BUS", "lifeline-bus",
                "LIFELINE_FC_REGION", "cn-shanghai", "LIFELINE_LOG_PROJECT", "my-logs", "LIFELINE_LOGSTORE", "lifeline");
        // when setup plans
        CommandRun run = setupWith(names, "--dry-run", "--account-id", ACCOUNT);
        // then it plans those names
        assertEquals(0, run.status, run::toString);
        assertTrue(run.out.contains("+ RAM role lifeline-prod: create"), run::toString);
        assertTrue(run.out.contains("+ RAM policy lifeline-prod: create"), run::toString);
        assertTrue(run.out.contains("+ event bus lifeline-bus in cn-shanghai: create"), run::toString);
        assertTrue(run.out.contains("+ log project my-logs in cn-shanghai: create"), run::toString);
        assertTrue(run.out.contains("+ logstore my-logs/lifeline: create, 30 days retention, 2 shards"), run::toString);
        assertTrue(run.out.contains("plan: 13 changes"), run::toString);
    }

    @Test
    void aPolicyDocumentRamRefusesIsReportedWithRamsWords() throws Exception {
        // given a policy file with a statement without Resource
        Path bad = home.resolve("bad.json");
        Files.writeString(bad, "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"cdn:DescribeUserDomains\"}]}",
                StandardCharsets.UTF_8);
        // when setup runs with it
        CommandRun run = setup("--policy-file", bad.toString());
        // then RAM's MalformedPolicyDocument is shown, the role made before it stays, and nothing after it was tried
        assertEquals(1, run.status, run::toString);
        assertTrue(run.err.contains("MalformedPolicyDocument"), run::toString);
        assertTrue(run.err.contains("1 of 13 changes made"), run::toString);
        assertNull(ram(ACCOUNT).policy("cdn-lifeline-fc"));
        assertNull(read(s -> s.eventBridge.find(ACCOUNT)));
    }

    @Test
    void theLogstoresRetentionAndShardsAreOptionsAndBadNamesAreUsageErrors() {
        // when setup runs with a retention and shard count of the user's
        CommandRun run = setup("--log-ttl", "90", "--log-shards", "4", "--log-project", "lifeline-audit-prod");
        // then the logstore has them
        assertEquals(0, run.status, run::toString);
        LogServiceState.Logstore audit = read(s -> s.logService.find(ACCOUNT).projects.get("lifeline-audit-prod").logstores.get("audit"));
        assertEquals(90, audit.ttl);
        assertEquals(4, audit.shardCount);
        // and out-of-range values or names Log Service refuses are usage errors, before anything is called
        sandbox.clearRequests();
        for (String[] bad : new String[][]{{"--log-ttl", "0"}, {"--log-shards", "101"}, {"--log-project", "Upper-Case"}, {"--logstore", "a"}}) {
            CommandRun refused = setup(bad);
            assertEquals(2, refused.status, refused::toString);
        }
        assertTrue(setup("--log-ttl", "4000").err.contains("--log-ttl must be 1-3650 days"));
        CommandRun memberLog = setup("--member-of", "6543210987654321", "--log-ttl", "90");
        assertEquals(2, memberLog.status, memberLog::toString);
        assertTrue(memberLog.err.contains("do not go with --member-of"), memberLog::toString);
        assertFalse(writes().stream().anyMatch(a -> a.startsWith("Create")));
    }

    @Test
    void aLogProjectNameAnotherAccountHoldsStopsTheRunWithLogServicesWords() {
        // given the project name is taken by another account (SLS project names are unique in a region)
        sandbox.replaceState("{\"accountId\": \"" + ACCOUNT + "\", \"members\": [{\"accountId\": \"2000000000000002\","
                + " \"accessKeys\": [{\"id\": \"member-ak\", \"secret\": \"member-secret\"}], \"role\": {\"name\": \"r\"},"
                + " \"logService\": {\"accounts\": {\"2000000000000002\": {\"projects\": {\"cdn-lifeline-" + ACCOUNT
                + "\": {\"projectName\": \"cdn-lifeline-" + ACCOUNT + "\", \"region\": \"cn-hangzhou\"}}}}}}]}");
        // when setup runs in the central account
        CommandRun run = setup();
        // then the read is refused with Log Service's code and nothing is changed
        assertEquals(1, run.status, run::toString);
        assertTrue(run.err.contains("could not read what the account has, nothing was changed"), run::toString);
        assertTrue(run.err.contains("Unauthorized"), run::toString);
        assertEquals(List.of(), writes());
    }

    @Test
    void badInputIsAUsageError() {
        CommandRun notAnAccount = setup("--member-of", "central");
        assertEquals(2, notAnAccount.status, notAnAccount::toString);
        assertTrue(notAnAccount.err.contains("--member-of must be an Alibaba Cloud account id"), notAnAccount::toString);
        CommandRun lonelyExternalId = setup("--external-id", "abc");
        assertEquals(2, lonelyExternalId.status, lonelyExternalId::toString);
        assertTrue(lonelyExternalId.err.contains("--external-id needs --member-of"), lonelyExternalId::toString);
        CommandRun memberTrustFile = setup("--member-of", "6543210987654321", "--trust-file", ROOT.resolve("ram-trust-policy.json").toString());
        assertEquals(2, memberTrustFile.status, memberTrustFile::toString);
        CommandRun notJson = setup("--policy-file", ROOT.resolve("README.md").toString());
        assertEquals(2, notJson.status, notJson::toString);
        assertTrue(notJson.err.contains("is not valid JSON"), notJson::toString);
        assertFalse(writes().stream().anyMatch(a -> a.startsWith("Create")));
    }

    @Test
    void theCommandListAndTheHelpNameIt() {
        CommandRun help = CommandRun.of("--help");
        assertTrue(help.out.contains("  setup "), help::toString);
        CommandRun own = CommandRun.of("setup", "--help");
        assertTrue(own.out.contains("--member-of") && own.out.contains("--dry-run"), own::toString);
    }
}
