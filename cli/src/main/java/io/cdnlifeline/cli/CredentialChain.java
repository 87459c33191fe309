package io.cdnlifeline.cli;

import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.aliyun.CredentialsNotFoundException;
import io.cdnlifeline.cloud.aliyun.DefaultCredentials;
import io.cdnlifeline.cloud.aliyun.UnusableCredentialsException;
import io.cdnlifeline.sandbox.Sandbox;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where a local run gets its credentials: {@code --profile} from ~/.aliyun/config.json, otherwise the
 * Alibaba Cloud default chain. When the chain finds nothing and the endpoint is on this machine (a
 * sandbox), the sandbox's keys are used, so trying the functions locally needs no setup at all.
 */
final class CredentialChain {
    private CredentialChain() {
    }

    static CloudCredentials resolve(String profile, String endpoint, Map<String, String> env, Consumer<String> log) {
        Path home = home(env);
        try {
            return DefaultCredentials.resolve(profile, env, home);
        } catch (CredentialsNotFoundException e) {
            if (profile == null && isLoopback(endpoint)) {
                log.accept("no credentials in the environment or ~/.aliyun/config.json; using the sandbox keys "
                        + Sandbox.DEFAULT_ACCESS_KEY_ID + " for " + endpoint);
                return sandboxKeys();
            }
            Path config = home.resolve(".aliyun").resolve("config.json");
            throw new MissingCredentialsException(e.getMessage() + ". Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET "
                    + "(and ALIBABA_CLOUD_SECURITY_TOKEN for STS), or "
                    + (java.nio.file.Files.isRegularFile(config) ? "pass --profile NAME (a profile of " + config + ")"
                    : "configure the aliyun CLI (aliyun configure), which writes " + config + " (there is none yet)"), e);
        } catch (UnusableCredentialsException e) {
            throw new MissingCredentialsException("unusable Alibaba Cloud credentials: " + e.getMessage(), e);
        }
    }

    /** The home directory ~/.aliyun is under: $HOME as the shell has it, else the JVM's user.home. */
    static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        return Paths.get(home != null && !home.isBlank() ? home : System.getProperty("user.home", "."));
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
}
