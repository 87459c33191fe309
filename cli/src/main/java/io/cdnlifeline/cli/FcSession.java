package io.cdnlifeline.cli;

import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.aliyun.AliyunCloud;
import io.cdnlifeline.config.Settings;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Where the deployed functions are and as whom the day-two commands reach them: the FC 3.0 endpoint of the account
 * (STS GetCallerIdentity gives the account id; {@code LIFELINE_FC_REGION}, default {@code cn-hangzhou}, as
 * {@code s deploy} reads it) or, with {@code --endpoint}, the sandbox's local FC.
 */
final class FcSession {
    static final String DEFAULT_FC_REGION = "cn-hangzhou";

    final Settings settings;
    final CredentialChain.Found found;
    final FcControl fc;
    final AccountApi.CallerIdentity caller;

    private FcSession(Settings settings, CredentialChain.Found found, FcControl fc, AccountApi.CallerIdentity caller) {
        this.settings = settings;
        this.found = found;
        this.fc = fc;
        this.caller = caller;
    }

    static FcSession open(CommandLine cmd, Map<String, String> env, CloudOptions cloud) {
        Settings settings = LocalSession.settings(cmd, env, cloud).build();
        CredentialChain.Found found = CredentialChain.find(cloud.profile, settings.endpoint(), env, line -> { });
        if (settings.endpoint() != null) EndpointCheck.reachable(settings.endpoint());
        CloudCredentials credentials = found.credentials;
        AccountApi.CallerIdentity caller = null;
        try {
            caller = AliyunCloud.create(settings, () -> credentials).account().callerIdentity();
        } catch (CloudException | UnsupportedOperationException e) {
            if (settings.endpoint() == null) {
                throw new FcCallException("GetCallerIdentity", 0, "Lifeline.NoAccountId",
                        "the account id (STS GetCallerIdentity) is needed to find FC's endpoint and could not be read: " + e.getMessage());
            }
        }
        String base = settings.endpoint() != null ? settings.endpoint()
                : FcControl.endpoint(caller.accountId(), env.getOrDefault("LIFELINE_FC_REGION", DEFAULT_FC_REGION));
        return new FcSession(settings, found, new FcControl(base, credentials), caller);
    }

    /** Who the pause record names: --by, else the caller's ARN, else the access key id. */
    String who(String by) {
        if (by != null && !by.isBlank()) return by.trim();
        if (caller != null && caller.arn() != null) return caller.arn();
        return AccessProblem.shortenedKey(found.credentials.accessKeyId());
    }

    /**
     * The automation's one-line state on stderr, for inspect and invoke: never fails the command (a person who may
     * not read FC still gets the run), and says nothing when no lifeline function is deployed there.
     */
    static void tell(CommandLine cmd, Map<String, String> env, CloudOptions cloud, String prefix) {
        PrintWriter err = cmd.getErr();
        try {
            Automation a = Automation.read(open(cmd, env, cloud).fc);
            if (a.deployed() && a.paused() != null) {
                err.println("lifeline: automation " + a.summary() + prefix);
            }
        } catch (RuntimeException e) {
            // what the automation is doing is an extra; the command's own answer is already out
        }
        err.flush();
    }
}
