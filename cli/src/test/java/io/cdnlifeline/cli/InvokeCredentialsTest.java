package io.cdnlifeline.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where {@code invoke} takes its credentials from, seen through what the sandbox accepts. */
class InvokeCredentialsTest {
    private static final String READ_ONLY = "{\"domains\":[\"www.example.com\"],\"when\":[\"always\"],\"dryRun\":true}";

    @TempDir Path home;
    private Sandbox sandbox;
    private String userHome;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, DemoResources.seed());
        // DefaultCredentials reads ~/.aliyun/config.json under user.home: an empty home of our own.
        userHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
    }

    @AfterEach
    void stop() {
        System.setProperty("user.home", userHome);
        sandbox.close();
    }

    /** Writes ~/.aliyun/config.json under {@code home} as the aliyun CLI would. */
    private static void aliyunConfig(Path home, String json) throws java.io.IOException {
        Files.createDirectories(home.resolve(".aliyun"));
        Files.writeString(home.resolve(".aliyun/config.json"), json, StandardCharsets.UTF_8);
    }

    private CommandRun invoke(Map<String, String> env, String... extra) {
        String[] args = new String[5 + extra.length];
        args[0] = "invoke";
        args[1] = "dns-to-origin";
        args[2] = "--payload";
        args[3] = READ_ONLY;
        args[4] = "--endpoint=" + sandbox.endpoint();
        System.arraycopy(extra, 0, args, 5, extra.length);
        return CommandRun.withEnv(env, args);
    }

    @Test
    void keysInTheEnvironmentAreUsedBeforeTheSandboxKeys() {
        // given keys the sandbox does not know
        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-not-in-the-sandbox", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "nope");
        // when
        CommandRun run = invoke(env);
        // then the sandbox refused them: exit 4, a plain sentence naming the key and where it came from, no FC wording
        assertEquals(ExitStatus.NO_ACCESS, run.status, run::toString);
        assertFalse(run.err.contains("using the sandbox keys"), run::toString);
        JsonObject report = JsonParser.parseString(run.out).getAsJsonObject();
        assertTrue(report.toString().contains("InvalidAccessKeyId"), run::toString);
        assertTrue(run.err.contains("refused the credentials: access key LTAI…dbox from environment variables ALIBABA_CLOUD_ACCESS_KEY_ID"), run::toString);
        assertTrue(run.err.contains(sandbox.endpoint()) && run.err.contains("Nothing was changed"), run::toString);
        assertFalse(run.err.contains("FC"), run::toString);
        assertFalse(run.err.contains("nope"), "the secret is never shown\n" + run);
        // and the refusal was not retried: a credential error is not transient
        long detailCalls = sandbox.requests().stream().filter(c -> "InvalidAccessKeyId.NotFound".equals(c.errorCode)).count();
        assertEquals(1, detailCalls, "one refused call, no retry: " + sandbox.requests());
    }

    @Test
    void aWrongSecretIsAPlainErrorNamingTheKey() {
        // given the sandbox's key id with a wrong secret
        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "sandbox-ak", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "wrong");
        // when
        CommandRun run = invoke(env);
        // then
        assertEquals(ExitStatus.NO_ACCESS, run.status, run::toString);
        assertTrue(run.err.contains("refused the credentials: access key sandbox-ak from environment variables ALIBABA_CLOUD_ACCESS_KEY_ID")
                && run.err.contains("SignatureDoesNotMatch"), run::toString);
        assertEquals(1, sandbox.requests().size(), "no retry of a refused signature: " + sandbox.requests());
    }

    @Test
    void withNothingConfiguredALocalEndpointGetsTheSandboxKeys() {
        CommandRun run = invoke(Map.of());
        assertEquals(0, run.status, run::toString);
        assertTrue(run.err.contains("using the sandbox keys sandbox-ak"), run::toString);
    }

    @Test
    void aProfileOfTheAliyunCliConfigIsUsed() throws Exception {
        // given an aliyun CLI config whose profile "lab" holds the sandbox's keys
        aliyunConfig(home, "{\"current\":\"default\",\"profiles\":["
                + "{\"name\":\"default\",\"mode\":\"AK\",\"access_key_id\":\"LTAI-other\",\"access_key_secret\":\"x\"},"
                + "{\"name\":\"lab\",\"mode\":\"AK\",\"access_key_id\":\"sandbox-ak\",\"access_key_secret\":\"sandbox-secret\"}]}");
        // when
        CommandRun run = invoke(Map.of(), "--profile", "lab");
        // then
        assertEquals(0, run.status, run::toString);
        assertFalse(run.err.contains("using the sandbox keys"), run::toString);
    }

    @Test
    void aProfileThatDoesNotExistIsAUsageErrorNamingIt() throws Exception {
        // given a config without that profile
        aliyunConfig(home, "{\"current\":\"default\",\"profiles\":["
                + "{\"name\":\"default\",\"mode\":\"AK\",\"access_key_id\":\"sandbox-ak\",\"access_key_secret\":\"sandbox-secret\"}]}");
        // when
        CommandRun run = invoke(Map.of(), "--profile", "nosuch");
        // then nothing ran, not even with the sandbox keys
        assertEquals(2, run.status, run::toString);
        assertEquals("", run.out);
        assertTrue(run.err.contains("'nosuch'"), run::toString);
    }

    @Test
    void theRealCloudWithoutCredentialsIsAUsageErrorThatSaysWhereTheyAreLookedFor() {
        // given no credentials and no ~/.aliyun/config.json
        CommandRun run = CommandRun.withEnv(Map.of(), "invoke", "dns-to-origin", "--payload", READ_ONLY);
        // then --profile would not help: the message says how to make a profile instead
        assertEquals(2, run.status, run::toString);
        assertTrue(run.err.contains("ALIBABA_CLOUD_ACCESS_KEY_ID") && run.err.contains("aliyun configure"), run::toString);
        assertFalse(run.err.contains("--profile"), run::toString);
    }

    @Test
    void withAnAliyunConfigButNoCurrentCredentialsTheMessageOffersProfile() throws Exception {
        // given a config whose current profile does not exist
        aliyunConfig(home, "{\"current\":\"gone\",\"profiles\":["
                + "{\"name\":\"lab\",\"mode\":\"AK\",\"access_key_id\":\"sandbox-ak\",\"access_key_secret\":\"sandbox-secret\"}]}");
        // when
        CommandRun run = CommandRun.withEnv(Map.of(), "invoke", "dns-to-origin", "--payload", READ_ONLY);
        // then
        assertEquals(2, run.status, run::toString);
        assertTrue(run.err.contains("--profile NAME"), run::toString);
    }

    @Test
    void theAliyunConfigIsFoundUnderHomeAsTheShellSetsIt(@TempDir Path otherHome) throws Exception {
        // given $HOME elsewhere than the JVM's user.home, holding a config whose current profile has the sandbox's keys
        aliyunConfig(otherHome, "{\"current\":\"lab\",\"profiles\":["
                + "{\"name\":\"lab\",\"mode\":\"AK\",\"access_key_id\":\"sandbox-ak\",\"access_key_secret\":\"sandbox-secret\"}]}");
        // when
        CommandRun run = invoke(Map.of("HOME", otherHome.toString()), "--profile", "lab");
        // then the profile was found there
        assertEquals(0, run.status, run::toString);
        assertFalse(run.err.contains("using the sandbox keys"), run::toString);
    }
}
