package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.CloudCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultCredentialsTest {
    private static final String CONFIG = "{\n"
            + "  \"current\": \"work\",\n"
            + "  \"profiles\": [\n"
            + "    {\"name\": \"default\", \"mode\": \"AK\", \"access_key_id\": \"ak-default\", \"access_key_secret\": \"s-default\", \"region_id\": \"cn-hangzhou\"},\n"
            + "    {\"name\": \"work\", \"mode\": \"AK\", \"access_key_id\": \"ak-work\", \"access_key_secret\": \"s-work\", \"sts_token\": \"\"},\n"
            + "    {\"name\": \"temp\", \"mode\": \"StsToken\", \"access_key_id\": \"STS.ak\", \"access_key_secret\": \"s-temp\", \"sts_token\": \"tok-temp\"},\n"
            + "    {\"name\": \"role\", \"mode\": \"RamRoleArn\", \"access_key_id\": \"ak-role\", \"access_key_secret\": \"s-role\", \"ram_role_arn\": \"acs:ram::1:role/x\"},\n"
            + "    {\"name\": \"broken\", \"mode\": \"StsToken\", \"access_key_id\": \"STS.b\", \"access_key_secret\": \"s-broken\"}\n"
            + "  ],\n"
            + "  \"meta_path\": \"\"\n"
            + "}";

    @TempDir
    Path home;

    private void writeConfig(String json) throws IOException {
        Files.createDirectories(home.resolve(".aliyun"));
        Files.write(home.resolve(".aliyun/config.json"), json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void environmentWinsOverTheCliConfig() throws IOException {
        // given both the env pair and a CLI config
        writeConfig(CONFIG);
        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "ak-env", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s-env");
        // when
        CloudCredentials c = DefaultCredentials.resolve(null, env, home);
        // then
        assertEquals(new CloudCredentials("ak-env", "s-env", null), c);
    }

    @Test
    void aNamedProfileWinsOverTheEnvironment() throws IOException {
        // given the env pair of one account and a CLI config with the profile of another
        writeConfig(CONFIG);
        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "ak-env", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s-env");
        // when the profile is named
        CloudCredentials c = DefaultCredentials.resolve("default", env, home);
        // then it is the profile's, never the environment's
        assertEquals("ak-default", c.accessKeyId());
    }

    @Test
    void environmentSecurityTokenMakesStsCredentials() {
        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.x", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s",
                "ALIBABA_CLOUD_SECURITY_TOKEN", "tok");
        CloudCredentials c = DefaultCredentials.resolve(null, env, home);
        assertEquals("tok", c.securityToken());
    }

    @Test
    void halfOfTheEnvironmentPairIsAnErrorThatNamesTheMissingVariable() {
        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "ak-env");
        UnusableCredentialsException e = assertThrows(UnusableCredentialsException.class,
                () -> DefaultCredentials.resolve(null, env, home));
        assertTrue(e.getMessage().contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET is not"), e.getMessage());
    }

    @Test
    void currentProfileIsUsedWhenNoneIsNamed() throws IOException {
        writeConfig(CONFIG);
        CloudCredentials c = DefaultCredentials.resolve(null, Map.of(), home);
        assertEquals(new CloudCredentials("ak-work", "s-work", null), c);
    }

    @Test
    void namedProfileWinsOverCurrentAndOverTheProfileVariable() throws IOException {
        writeConfig(CONFIG);
        CloudCredentials c = DefaultCredentials.resolve("default", Map.of("ALIBABA_CLOUD_PROFILE", "temp"), home);
        assertEquals("ak-default", c.accessKeyId());
    }

    @Test
    void profileVariableWinsOverCurrent() throws IOException {
        writeConfig(CONFIG);
        CloudCredentials c = DefaultCredentials.resolve(null, Map.of("ALIBABA_CLOUD_PROFILE", "default"), home);
        assertEquals("ak-default", c.accessKeyId());
    }

    @Test
    void stsTokenProfileCarriesItsToken() throws IOException {
        writeConfig(CONFIG);
        CloudCredentials c = DefaultCredentials.resolve("temp", Map.of(), home);
        assertEquals(new CloudCredentials("STS.ak", "s-temp", "tok-temp"), c);
    }

    @Test
    void stsTokenProfileWithoutTokenIsUnusable() throws IOException {
        writeConfig(CONFIG);
        UnusableCredentialsException e = assertThrows(UnusableCredentialsException.class,
                () -> DefaultCredentials.resolve("broken", Map.of(), home));
        assertTrue(e.getMessage().contains("no sts_token"), e.getMessage());
        assertFalse(e.getMessage().contains("s-broken"), "the secret must not be in the message");
    }

    @Test
    void unsupportedModeIsNamedWithoutQuotingTheSecret() throws IOException {
        writeConfig(CONFIG);
        UnusableCredentialsException e = assertThrows(UnusableCredentialsException.class,
                () -> DefaultCredentials.resolve("role", Map.of(), home));
        assertTrue(e.getMessage().contains("RamRoleArn"), e.getMessage());
        assertFalse(e.getMessage().contains("s-role"));
    }

    @Test
    void nothingAnywhereSaysWhereItLooked() {
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> DefaultCredentials.resolve(null, Map.of(), home));
        assertEquals(2, e.looked().size());
        assertTrue(e.getMessage().contains("ALIBABA_CLOUD_ACCESS_KEY_ID"), e.getMessage());
        assertTrue(e.getMessage().contains(home.resolve(".aliyun/config.json").toString()), e.getMessage());
    }

    @Test
    void unknownProfileNameIsNotFoundAndNamed() throws IOException {
        writeConfig(CONFIG);
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> DefaultCredentials.resolve("nope", Map.of(), home));
        assertTrue(e.getMessage().contains("no profile named 'nope'"), e.getMessage());
    }

    @Test
    void malformedConfigIsUnusable() throws IOException {
        writeConfig("{\"profiles\": [ this is not json");
        assertThrows(UnusableCredentialsException.class, () -> DefaultCredentials.resolve(null, Map.of(), home));
    }

    @Test
    void blankEnvironmentValuesCountAsUnset() throws IOException {
        writeConfig(CONFIG);
        Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", " ", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "");
        CloudCredentials c = DefaultCredentials.resolve(null, env, home);
        assertEquals("ak-work", c.accessKeyId());
        assertNull(c.securityToken());
    }
}
