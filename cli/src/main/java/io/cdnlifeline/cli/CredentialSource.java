package io.cdnlifeline.cli;

import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.sandbox.Sandbox;

import java.util.Map;

/**
 * Where the credentials of a local run came from, in words an operator can act on: which key, and from which
 * place (--profile, the environment, the aliyun CLI's current profile, the sandbox's keys). The key id is shown
 * shortened; the secret never.
 */
final class CredentialSource {
    private CredentialSource() {
    }

    static String describe(CloudCredentials c, String profile, Map<String, String> env) {
        String key = "access key " + shortened(c.accessKeyId());
        if (profile != null) return key + " of the aliyun CLI profile '" + profile + "' (--profile)";
        String fromEnv = env.get("ALIBABA_CLOUD_ACCESS_KEY_ID");
        if (fromEnv != null && !fromEnv.isBlank() && fromEnv.trim().equals(c.accessKeyId())) {
            return key + " from ALIBABA_CLOUD_ACCESS_KEY_ID"
                    + (c.securityToken() == null ? "" : " with the STS token of ALIBABA_CLOUD_SECURITY_TOKEN");
        }
        if (Sandbox.DEFAULT_ACCESS_KEY_ID.equals(c.accessKeyId())) {
            return key + " (the sandbox's keys: no credentials are configured on this machine)";
        }
        String named = env.get("ALIBABA_CLOUD_PROFILE");
        return key + (named != null && !named.isBlank() ? " of the aliyun CLI profile '" + named + "' (ALIBABA_CLOUD_PROFILE)"
                : " of the aliyun CLI's current profile (~/.aliyun/config.json)");
    }

    /** Enough of a key id to recognise it: the first and last four characters of a long one. */
    static String shortened(String id) {
        if (id == null) return "(none)";
        return id.length() <= 12 ? id : id.substring(0, 4) + "…" + id.substring(id.length() - 4);
    }
}
