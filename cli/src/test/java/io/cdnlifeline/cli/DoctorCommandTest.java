package io.cdnlifeline.cli;

import io.cdnlifeline.sandbox.AccessKey;
import io.cdnlifeline.sandbox.OssBucket;
import io.cdnlifeline.sandbox.SandboxCall;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lifeline doctor} against the sandbox: where the credentials come from (Alibaba's credential library, the
 * named profile first, {@code $HOME} deciding {@code ~}), the account id from STS, the endpoint table, and one read per
 * product with the RAM action named when the sandbox denies it.
 */
class DoctorCommandTest {
    private static final String LAB_PROFILES = "{\"current\":\"default\",\"profiles\":["
            + "{\"name\":\"default\",\"mode\":\"AK\",\"access_key_id\":\"LTAI-other-account\",\"access_key_secret\":\"x\"},"
            + "{\"name\":\"lab\",\"mode\":\"AK\",\"access_key_id\":\"sandbox-ak\",\"access_key_secret\":\"sandbox-secret\"},"
            + "{\"name\":\"temp\",\"mode\":\"StsToken\",\"access_key_id\":\"STS.lab\",\"access_key_secret\":\"sts-secret\",\"sts_token\":\"sts-token\"}]}";

    @TempDir Path home;
    @TempDir Path otherHome;
    private Sandbox sandbox;
    private String userHome;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(0, DemoResources.seed());
        sandbox.update(s -> {
            s.accountId = "5566778899001122";
            s.accessKeys.add(new AccessKey("STS.lab", "sts-secret", "sts-token"));
            // the watch's state bucket of that account (template.yml's LIFELINE_STATE default), as setup leaves it
            s.oss.add(new OssBucket("cdn-lifeline-5566778899001122"));
        });
        // the JVM's user.home is an empty folder: only HOME (below) may point the library at a config
        userHome = System.getProperty("user.home");
        System.setProperty("user.home", otherHome.toString());
        forgetCachedCredentialsFile();
    }

    @AfterEach
    void stop() throws Exception {
        System.setProperty("user.home", userHome);
        sandbox.close();
        forgetCachedCredentialsFile();
    }

    /**
     * The library keeps the first ~/.alibabacloud/credentials it parsed in a static field for the life of the JVM (a
     * command line runs once); tests with several homes in one JVM start each from nothing.
     */
    private static void forgetCachedCredentialsFile() throws Exception {
        Field ini = com.aliyun.credentials.provider.ProfileCredentialsProvider.class.getDeclaredField("ini");
        ini.setAccessible(true);
        ini.set(null, null);
    }

    private Map<String, String> env(String... keyValues) {
        return CommandRun.homeEnv(home, keyValues);
    }

    private void aliyunConfig(String json) throws Exception {
        Files.createDirectories(home.resolve(".aliyun"));
        Files.writeString(home.resolve(".aliyun/config.json"), json, StandardCharsets.UTF_8);
    }

    @Test
    void againstASandboxWithNothingConfiguredEverythingIsUsable() {
        // when
        CommandRun run = CommandRun.withEnv(env(), "doctor", "--endpoint", sandbox.endpoint());
        // then the sandbox keys, the account from STS, every product's endpoint and five granted reads
        assertEquals(0, run.status, run::toString);
        assertTrue(run.out.contains("key id    sand****x-ak"), run::toString);
        assertFalse(run.out.contains("sandbox-secret"), run::toString);
        assertTrue(run.out.contains("from      the sandbox's own keys"), run::toString);
        assertTrue(run.out.contains("id        5566778899001122"), run::toString);
        assertTrue(run.out.contains("cdn     https://cdn.aliyuncs.com  RegionId cn-hangzhou"), run::toString);
        assertTrue(run.out.contains("sts     https://sts.cn-hangzhou.aliyuncs.com"), run::toString);
        assertEquals(5, run.out.split("granted", -1).length - 1, run::toString);
        assertTrue(run.out.contains("usable: yes"), run::toString);
        assertEquals(1, count("GetCallerIdentity"));
        assertEquals(1, count("DescribeUserDomains"));
        assertEquals(1, count("DescribeDcdnUserDomains"));
        assertEquals(1, count("DescribeVodUserDomains"));
        assertEquals(1, count("DescribeLiveUserDomains"));
        assertEquals(1, count("DescribeDomains"));
        assertTrue(sandbox.requests().stream().allMatch(c -> c.action.startsWith("Describe") || c.action.startsWith("Get")
                || c.action.equals("ListFunctions") || c.action.equals("ListTriggers")), "doctor only reads");
        assertTrue(run.out.contains("automation\n  no lifeline function is deployed at " + sandbox.endpoint()), run::toString);
    }

    @Test
    void aDeniedReadNamesItsRamActionAndMakesTheAccountUnusable() {
        // given RAM denies the DCDN list
        sandbox.setFaults("{\"inject\":[{\"action\":\"DescribeDcdnUserDomains\",\"code\":\"Forbidden.RAM\",\"httpStatus\":403,"
                + "\"message\":\"User not authorized to operate on the specified resource, or this API doesn't support RAM.\"}]}");
        // when
        CommandRun run = CommandRun.withEnv(env(), "doctor", "--endpoint", sandbox.endpoint());
        // then
        assertEquals(1, run.status, run::toString);
        assertTrue(run.out.contains("DENIED: grant dcdn:DescribeDcdnUserDomains (Forbidden.RAM)"), run::toString);
        assertTrue(run.out.contains("usable: no (1)"), run::toString);
        assertTrue(run.out.contains("  - dcdn: DENIED"), run::toString);
        assertTrue(run.out.contains("https://api.aliyun.com/troubleshoot?q=Forbidden.RAM"), "the Recommend link is shown: " + run);
    }

    @Test
    void theNamedProfileWinsOverKeysInTheEnvironment() throws Exception {
        // given keys of another account in the environment and the lab profile in HOME's aliyun CLI config
        aliyunConfig(LAB_PROFILES);
        Map<String, String> env = env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-env-other-account", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "nope");
        // when
        CommandRun named = CommandRun.withEnv(env, "doctor", "--endpoint", sandbox.endpoint(), "--profile", "lab");
        CommandRun unnamed = CommandRun.withEnv(env, "doctor", "--endpoint", sandbox.endpoint());
        // then the profile's keys answer; without --profile the environment's do (and the sandbox refuses them)
        assertEquals(0, named.status, named::toString);
        assertTrue(named.out.contains("from      profile 'lab' of " + home.resolve(".aliyun/config.json") + " (AccessKey)"), named::toString);
        assertEquals(1, unnamed.status, unnamed::toString);
        assertTrue(unnamed.out.contains("environment variables ALIBABA_CLOUD_ACCESS_KEY_ID"), unnamed::toString);
        assertTrue(unnamed.out.contains("InvalidAccessKeyId.NotFound"), unnamed::toString);
    }

    @Test
    void homeDecidesWhereTheAliyunCliConfigIsAndItsStsTokenModeIsRead() throws Exception {
        // given the config under HOME only (user.home is another, empty folder), current profile "temp" in StsToken mode
        aliyunConfig(LAB_PROFILES.replace("\"current\":\"default\"", "\"current\":\"temp\""));
        // when
        CommandRun run = CommandRun.withEnv(env(), "doctor", "--endpoint", sandbox.endpoint());
        // then the STS key was found there, signed with its token, and STS says it is an assumed role
        assertEquals(0, run.status, run::toString);
        assertTrue(run.out.contains("key id    **** (STS, with token)"), run::toString);
        assertTrue(run.out.contains("(StsToken)"), run::toString);
        assertTrue(run.out.contains("AssumedRoleUser"), run::toString);
    }

    @Test
    void theAlibabaCloudCredentialsFileUnderHomeIsRead() throws Exception {
        // given ~/.alibabacloud/credentials (under HOME) with an enabled access_key section
        Files.createDirectories(home.resolve(".alibabacloud"));
        Files.writeString(home.resolve(".alibabacloud/credentials"), "[default]\nenable = true\ntype = access_key\n"
                + "access_key_id = sandbox-ak\naccess_key_secret = sandbox-secret\n", StandardCharsets.UTF_8);
        // when
        CommandRun run = CommandRun.withEnv(env(), "doctor", "--endpoint", sandbox.endpoint());
        // then
        assertEquals(0, run.status, run::toString);
        assertTrue(run.out.contains("section 'default' of " + home.resolve(".alibabacloud/credentials")), run::toString);
    }

    @Test
    void aRegionAbroadShowsTheInternationalHostsWithoutCallingThem() {
        // given keys in the environment and no endpoint: the real cloud
        Map<String, String> env = env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tExample1234", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret");
        // when
        CommandRun run = CommandRun.withEnv(env, "doctor", "--region", "ap-southeast-1");
        // then the Singapore table, and no account or permission check (nothing was called)
        assertEquals(0, run.status, run::toString);
        assertTrue(run.out.contains("endpoints for ap-southeast-1 (shown, not called)"), run::toString);
        assertTrue(run.out.contains("cdn     https://cdn.ap-southeast-1.aliyuncs.com  RegionId ap-southeast-1"), run::toString);
        assertTrue(run.out.contains("dcdn    https://dcdn.aliyuncs.com"), run::toString);
        assertTrue(run.out.contains("alidns  https://alidns.ap-southeast-1.aliyuncs.com"), run::toString);
        assertTrue(run.out.contains("vod     https://vod.cn-shanghai.aliyuncs.com  RegionId cn-shanghai"), run::toString);
        assertTrue(run.out.contains("key id    LTAI****1234"), run::toString);
        assertFalse(run.out.contains("permissions"), run::toString);
    }

    @Test
    void aMissingStateBucketIsNamedAndMakesTheAccountUnusableAndAnotherLocationIsTheOneAsked() {
        // given an account whose watch state bucket (cdn-lifeline-<account id>) is not there
        sandbox.update(s -> s.oss.removeIf(b -> b.bucket.equals("cdn-lifeline-5566778899001122")));
        Map<String, String> env = env("ALIBABA_CLOUD_ACCESS_KEY_ID", "sandbox-ak", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "sandbox-secret");
        // when the doctor runs
        CommandRun run = CommandRun.withEnv(env, "doctor", "--endpoint", sandbox.endpoint());
        // then it says so, and that is a problem
        assertEquals(1, run.status, run::toString);
        assertTrue(run.out.contains("oss://cdn-lifeline-5566778899001122/lifeline/: the bucket cdn-lifeline-5566778899001122 does NOT exist"),
                run::toString);
        // and it only read: nothing was written
        assertTrue(sandbox.requests().stream().filter(c -> "oss".equals(c.product)).allMatch(c -> "GetObject".equals(c.action)),
                () -> String.valueOf(sandbox.requests()));
        // when LIFELINE_STATE names a bucket that exists, then that one is asked, and all is well
        env.put("LIFELINE_STATE", "oss://cdn-lifeline-1234567890123456/watch");
        CommandRun other = CommandRun.withEnv(env, "doctor", "--endpoint", sandbox.endpoint());
        assertEquals(0, other.status, other::toString);
        assertTrue(other.out.contains("oss://cdn-lifeline-1234567890123456/watch/: the bucket exists"), other::toString);
    }

    @Test
    void aRegionAbroadAgainstTheSandboxSignsThatRegion() {
        CommandRun run = CommandRun.withEnv(env(), "doctor", "--region", "ap-southeast-1", "--endpoint", sandbox.endpoint());
        assertEquals(0, run.status, run::toString);
        assertTrue(run.out.contains("cdn.ap-southeast-1.aliyuncs.com"), run::toString);
        List<SandboxCall> calls = sandbox.requests();
        assertFalse(calls.isEmpty());
        // every product signs the region asked for, except VOD, whose domain operations live in Shanghai only
        // (FC 3.0, read for the automation line, is ROA, and OSS, read for the watch state, is REST: their region is in
        // their host name, not a parameter)
        assertTrue(calls.stream().filter(c -> !c.product.equals("fc") && !c.product.equals("oss"))
                        .allMatch(c -> (c.product.equals("vod") ? "cn-shanghai" : "ap-southeast-1").equals(c.params.get("RegionId"))),
                calls::toString);
        assertTrue(calls.stream().anyMatch(c -> c.product.equals("vod")), calls::toString);
    }

    @Test
    void aMalformedRegionIsAUsageError() {
        CommandRun run = CommandRun.withEnv(env(), "doctor", "--region", "singapore");
        assertEquals(2, run.status, run::toString);
        assertTrue(run.err.contains("ap-southeast-1"), run::toString);
    }

    @Test
    void noCredentialsForTheRealCloudIsListed() {
        CommandRun run = CommandRun.withEnv(env(), "doctor", "--region", "cn-hangzhou");
        assertEquals(1, run.status, run::toString);
        assertTrue(run.out.contains("credentials: no Alibaba Cloud credentials found"), run::toString);
    }

    private long count(String action) {
        return sandbox.requests().stream().filter(c -> action.equals(c.action)).count();
    }
}
