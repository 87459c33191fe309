package io.cdnlifeline.cli;

import com.aliyun.credentials.exception.CredentialException;
import com.aliyun.credentials.models.CredentialModel;
import com.aliyun.credentials.provider.AlibabaCloudCredentialsProvider;
import com.aliyun.credentials.provider.CLIProfileCredentialsProvider;
import com.aliyun.credentials.provider.DefaultCredentialsProvider;
import com.aliyun.credentials.utils.AuthUtils;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.sandbox.Sandbox;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where a local run gets its credentials: Alibaba's own credential library ({@code com.aliyun:credentials-java}).
 * <ul>
 * <li>{@code --profile NAME}: that profile of the aliyun CLI's {@code ~/.aliyun/config.json}, in any mode the library
 *     reads (AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn) and nothing else: a named profile always
 *     wins over the environment;</li>
 * <li>otherwise the library's default chain, in its order: system properties, {@code ALIBABA_CLOUD_ACCESS_KEY_ID} /
 *     {@code _SECRET} / {@code ALIBABA_CLOUD_SECURITY_TOKEN}, OIDC ({@code ALIBABA_CLOUD_ROLE_ARN} /
 *     {@code _OIDC_PROVIDER_ARN} / {@code _OIDC_TOKEN_FILE}), the current profile of {@code ~/.aliyun/config.json}
 *     ({@code ALIBABA_CLOUD_PROFILE} chooses another), {@code ~/.alibabacloud/credentials}, the ECS RAM role, and
 *     {@code ALIBABA_CLOUD_CREDENTIALS_URI}.</li>
 * </ul>
 * {@code $HOME} decides where {@code ~} is (the library itself reads the JVM's {@code user.home}, which on Linux is
 * the passwd entry's, not {@code $HOME}). The environment given (the process's, or a test's) is handed to the library
 * through its own settings ({@link AuthUtils}), so nothing of another environment leaks in.
 * <p>A sandbox needs no ECS role: with a loopback endpoint the library's ECS metadata probe (100.100.100.200) is
 * switched off with its own setting, as {@code ALIBABA_CLOUD_ECS_METADATA_DISABLED=true} does; when the chain then
 * finds nothing, the sandbox's keys are used, so trying the functions locally needs no setup at all.
 */
final class CredentialChain {
    static final String ENV_PROFILE = "ALIBABA_CLOUD_PROFILE";
    static final String ENV_ECS_DISABLED = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";

    private CredentialChain() {
    }

    /** Credentials and where they came from, in words an operator reads (never the secret). */
    static final class Found {
        final CloudCredentials credentials;
        final String source;

        Found(CloudCredentials credentials, String source) {
            this.credentials = credentials;
            this.source = source;
        }
    }

    static CloudCredentials resolve(String profile, String endpoint, Map<String, String> env, Consumer<String> log) {
        return find(profile, endpoint, env, log).credentials;
    }

    /**
     * @throws MissingCredentialsException when nothing usable is found (the message says where the chain looked),
     *         or the named profile is missing or unusable
     */
    static synchronized Found find(String profile, String endpoint, Map<String, String> env, Consumer<String> log) {
        boolean local = isLoopback(endpoint);
        Path home = home(env);
        handToLibrary(env, home, local);
        CredentialModel model;
        try {
            AlibabaCloudCredentialsProvider provider = withUserHome(home, () -> profile != null
                    ? CLIProfileCredentialsProvider.builder().profileName(profile).build()
                    : new DefaultCredentialsProvider());
            model = provider.getCredentials();
        } catch (CredentialException | IllegalArgumentException | NullPointerException e) {
            if (profile != null) {
                throw new MissingCredentialsException("no usable credentials in profile '" + profile + "' of "
                        + home.resolve(".aliyun").resolve("config.json") + ": " + e.getMessage(), e);
            }
            if (local) {
                log.accept("no credentials in the environment, ~/.aliyun/config.json or ~/.alibabacloud/credentials; using the "
                        + "sandbox keys " + Sandbox.DEFAULT_ACCESS_KEY_ID + " for " + endpoint);
                return new Found(sandboxKeys(), "the sandbox's own keys (nothing configured, endpoint " + endpoint + ")");
            }
            throw new MissingCredentialsException("no Alibaba Cloud credentials found (" + e.getMessage() + "). Set "
                    + "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for STS), "
                    + "configure the aliyun CLI (~/.aliyun/config.json under HOME=" + home + "), or pass --profile NAME", e);
        }
        if (model == null || model.getAccessKeyId() == null || model.getAccessKeySecret() == null) {
            throw new MissingCredentialsException("the credential chain answered without an AccessKey pair ("
                    + (model == null ? "nothing" : model.getProviderName()) + ")", null);
        }
        CloudCredentials c = new CloudCredentials(model.getAccessKeyId(), model.getAccessKeySecret(), model.getSecurityToken());
        return new Found(c, describe(model.getProviderName(), profile, env, home));
    }

    /** The environment's HOME when set, else the JVM's user.home. */
    static Path home(Map<String, String> env) {
        String h = env.get("HOME");
        return Paths.get(h != null && !h.isBlank() ? h : System.getProperty("user.home", "."));
    }

    /**
     * The library reads its variables through {@link AuthUtils}, which falls back to the process environment only where
     * nothing was set: set every one from {@code env} ("" for an absent one), so the chain sees exactly that environment.
     */
    private static void handToLibrary(Map<String, String> env, Path home, boolean local) {
        AuthUtils.setEnvironmentAccessKeyId(orEmpty(env, "ALIBABA_CLOUD_ACCESS_KEY_ID"));
        AuthUtils.setEnvironmentAccessKeySecret(orEmpty(env, "ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
        AuthUtils.setEnvironmentSecurityToken(orEmpty(env, "ALIBABA_CLOUD_SECURITY_TOKEN"));
        AuthUtils.setEnvironmentRoleArn(orEmpty(env, "ALIBABA_CLOUD_ROLE_ARN"));
        AuthUtils.setEnvironmentRoleSessionName(orEmpty(env, "ALIBABA_CLOUD_ROLE_SESSION_NAME"));
        AuthUtils.setEnvironmentOIDCProviderArn(orEmpty(env, "ALIBABA_CLOUD_OIDC_PROVIDER_ARN"));
        AuthUtils.setEnvironmentOIDCTokenFilePath(orEmpty(env, "ALIBABA_CLOUD_OIDC_TOKEN_FILE"));
        AuthUtils.setEnvironmentECSMetaData(orEmpty(env, "ALIBABA_CLOUD_ECS_METADATA"));
        AuthUtils.setEnvironmentCredentialsURI(orEmpty(env, "ALIBABA_CLOUD_CREDENTIALS_URI"));
        String region = env.get("ALIBABA_CLOUD_STS_REGION");
        AuthUtils.setEnvironmentSTSRegion(region == null || region.isBlank() ? null : region);
        String file = env.get("ALIBABA_CLOUD_CREDENTIALS_FILE");
        AuthUtils.setEnvironmentCredentialsFile(file != null && !file.isBlank() ? file
                : home.resolve(".alibabacloud").resolve("credentials").toString());
        String profile = env.get(ENV_PROFILE);
        AuthUtils.setClientType(profile == null || profile.isBlank() ? "default" : profile);
        AuthUtils.disableECSMetaData(local || "true".equalsIgnoreCase(env.get(ENV_ECS_DISABLED)));
        AuthUtils.disableCLIProfile("true".equalsIgnoreCase(env.get("ALIBABA_CLOUD_CLI_PROFILE_DISABLED")));
        AuthUtils.enableVpcEndpoint("true".equalsIgnoreCase(env.get("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED")));
    }

    /**
     * The library's aliyun CLI provider takes {@code ~/.aliyun/config.json} from user.home when it is built: build it
     * with user.home at {@code home}, then put user.home back (the rest of the process keeps its own).
     */
    private static <T> T withUserHome(Path home, Supplier<T> build) {
        String before = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            return build.get();
        } finally {
            if (before == null) System.clearProperty("user.home");
            else System.setProperty("user.home", before);
        }
    }

    /** The library's provider name, e.g. {@code default/cli_profile/ram_role_arn/static_ak}, in an operator's words. */
    static String describe(String providerName, String profile, Map<String, String> env, Path home) {
        String p = providerName == null ? "" : providerName;
        String config = home.resolve(".aliyun").resolve("config.json").toString();
        String how = p.contains("ram_role_arn") ? " (RamRoleArn: STS AssumeRole)"
                : p.contains("oidc_role_arn") ? " (OIDC: STS AssumeRoleWithOIDC)"
                : p.contains("ecs_ram_role") ? " (ECS RAM role, from the instance metadata service)"
                : p.contains("static_sts") ? " (StsToken)" : p.contains("static_ak") ? " (AccessKey)" : "";
        String where;
        if (p.contains("cli_profile")) {
            String name = profile != null ? profile : env.getOrDefault(ENV_PROFILE, null);
            where = "profile " + (name == null ? "current" : "'" + name + "'") + " of " + config;
        } else if (p.contains("/env") || p.equals("env")) {
            where = "environment variables ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET"
                    + (env.containsKey("ALIBABA_CLOUD_SECURITY_TOKEN") ? " / ALIBABA_CLOUD_SECURITY_TOKEN" : "");
        } else if (p.contains("oidc_role_arn")) {
            where = "environment variables ALIBABA_CLOUD_ROLE_ARN / _OIDC_PROVIDER_ARN / _OIDC_TOKEN_FILE";
        } else if (p.contains("/profile")) {
            where = "section '" + env.getOrDefault(ENV_PROFILE, "default") + "' of " + AuthUtils.getEnvironmentCredentialsFile();
        } else if (p.contains("system")) {
            where = "Java system properties alibabacloud.accessKeyId / alibabacloud.accessKeyIdSecret";
        } else if (p.contains("ecs_ram_role")) {
            where = "the ECS instance";
        } else if (p.contains("credentials_uri")) {
            where = "ALIBABA_CLOUD_CREDENTIALS_URI";
        } else {
            where = "the credential chain";
        }
        return where + how + " [" + p + "]";
    }

    static CloudCredentials sandboxKeys() {
        return new CloudCredentials(Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET, null);
    }

    static boolean isLoopback(String endpoint) {
        if (endpoint == null) return false;
        try {
            String host = URI.create(endpoint).getHost();
            if (host == null) return false;
            if (host.equalsIgnoreCase("localhost")) return true;
            // Only literal addresses: resolving a name here would be a network call.
            if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+\\]?")) return false;
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (IllegalArgumentException | UnknownHostException e) {
            return false;
        }
    }

    private static String orEmpty(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null ? "" : v;
    }
}
