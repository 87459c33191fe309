package io.cdnlifeline.cloud.aliyun;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.CloudCredentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The function's fallback when FC's context carries no credentials (a function without a role), in the order of
 * the Alibaba Cloud default chain; the command line uses Alibaba's own library instead (cli CredentialChain), which
 * stays out of the function jar. A named profile always wins over the environment. Order:
 * <ol>
 * <li>{@code ALIBABA_CLOUD_ACCESS_KEY_ID} / {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}, with
 *     {@code ALIBABA_CLOUD_SECURITY_TOKEN} when the key is temporary;</li>
 * <li>the aliyun CLI profile in {@code ~/.aliyun/config.json}: the one named, else
 *     {@code ALIBABA_CLOUD_PROFILE}, else the file's {@code current}. Modes {@code AK} and {@code StsToken}
 *     are read; other modes (RamRoleArn, EcsRamRole, ...) need an STS exchange we do not do here.</li>
 * </ol>
 * Nothing found is {@link CredentialsNotFoundException} (it says where it looked); something found but
 * not usable (half the env pair, a malformed file, an unsupported mode) is {@link UnusableCredentialsException}.
 */
public final class DefaultCredentials {
    static final String ENV_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    static final String ENV_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    static final String ENV_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";
    static final String ENV_PROFILE = "ALIBABA_CLOUD_PROFILE";

    private DefaultCredentials() {
    }

    /** @param profile the aliyun CLI profile name, or null for the current one */
    public static CloudCredentials resolve(String profile) {
        return resolve(profile, System.getenv(), Paths.get(System.getProperty("user.home", ".")));
    }

    /** The chain over the given environment and home directory (for tests, and for callers with their own). */
    public static CloudCredentials resolve(String profile, Map<String, String> env, Path home) {
        List<String> looked = new ArrayList<>();
        String id = blankToNull(env.get(ENV_ID));
        String secret = blankToNull(env.get(ENV_SECRET));
        // a profile that was named always wins: the environment may hold another account's keys
        if (profile == null && (id != null || secret != null)) {
            if (id == null || secret == null) {
                throw new UnusableCredentialsException((id == null ? ENV_SECRET + " is set but " + ENV_ID : ENV_ID + " is set but " + ENV_SECRET)
                        + " is not: set both, or neither to use the aliyun CLI profile");
            }
            return new CloudCredentials(id, secret, blankToNull(env.get(ENV_TOKEN)));
        }
        if (profile == null) looked.add("environment variables " + ENV_ID + " / " + ENV_SECRET + " (not set)");

        Path config = home.resolve(".aliyun").resolve("config.json");
        if (!Files.isRegularFile(config)) {
            looked.add(config + " (no such file)");
            throw new CredentialsNotFoundException(looked);
        }
        String wanted = profile != null ? profile : blankToNull(env.get(ENV_PROFILE));
        return fromCliConfig(config, wanted, looked);
    }

    private static CloudCredentials fromCliConfig(Path config, String wanted, List<String> looked) {
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(new String(Files.readAllBytes(config), StandardCharsets.UTF_8));
            if (!e.isJsonObject()) throw new IllegalStateException("not a JSON object");
            root = e.getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new UnusableCredentialsException(config + " is not a readable aliyun CLI config: " + e.getClass().getSimpleName());
        }
        String name = wanted != null ? wanted : text(root, "current");
        if (name == null || name.isEmpty()) {
            name = "default";
        }
        JsonObject chosen = null;
        JsonElement profiles = root.get("profiles");
        if (profiles != null && profiles.isJsonArray()) {
            for (JsonElement p : profiles.getAsJsonArray()) {
                if (p.isJsonObject() && name.equals(text(p.getAsJsonObject(), "name"))) {
                    chosen = p.getAsJsonObject();
                    break;
                }
            }
        }
        if (chosen == null) {
            looked.add(config + " (no profile named '" + name + "')");
            throw new CredentialsNotFoundException(looked);
        }
        String mode = text(chosen, "mode");
        String m = mode == null ? "AK" : mode;
        String id = blankToNull(text(chosen, "access_key_id"));
        String secret = blankToNull(text(chosen, "access_key_secret"));
        String token = blankToNull(text(chosen, "sts_token"));
        String where = "profile '" + name + "' of " + config;
        switch (m.toLowerCase(Locale.ROOT)) {
            case "ak":
                requireKeys(where, m, id, secret);
                return new CloudCredentials(id, secret, null);
            case "ststoken":
                requireKeys(where, m, id, secret);
                if (token == null) throw new UnusableCredentialsException(where + " has mode StsToken but no sts_token");
                return new CloudCredentials(id, secret, token);
            default:
                throw new UnusableCredentialsException(where + " has mode " + m
                        + ", which cdn-lifeline does not read; use a profile with mode AK or StsToken, or the "
                        + ENV_ID + " / " + ENV_SECRET + " variables");
        }
    }

    private static void requireKeys(String where, String mode, String id, String secret) {
        if (id == null || secret == null) {
            throw new UnusableCredentialsException(where + " has mode " + mode + " but no "
                    + (id == null ? "access_key_id" : "access_key_secret"));
        }
    }

    private static String text(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
