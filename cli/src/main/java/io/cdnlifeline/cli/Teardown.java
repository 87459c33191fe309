package io.cdnlifeline.cli;

import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.aliyun.CallPolicy;
import io.cdnlifeline.cloud.aliyun.ControlPlane;

import java.util.Map;

/**
 * The clients and names {@code lifeline uninstall} removes setup's resources with: the account (the caller's), the
 * functions' region ({@code LIFELINE_FC_REGION}) and the names {@code lifeline setup} read from the same environment
 * (LIFELINE_ROLE_NAME, LIFELINE_NOTIFICATION_BUS, LIFELINE_LOG_PROJECT, LIFELINE_LOGSTORE, LIFELINE_STATE).
 */
final class Teardown {
    final SetupSettings settings;
    private final TeardownPlanner planner;

    private Teardown(SetupSettings settings, TeardownPlanner planner) {
        this.settings = settings;
        this.planner = planner;
    }

    static Teardown open(FcSession session, Map<String, String> env, boolean member, boolean keepLogs) {
        return open(session, env, member, keepLogs, null);
    }

    static Teardown open(FcSession session, Map<String, String> env, boolean member, boolean keepLogs, String memberOf) {
        if (session.caller == null || session.caller.accountId() == null) {
            throw new BadSettingsException("uninstall: cannot tell which account the credentials belong to (sts:GetCallerIdentity), so not"
                    + " which of setup's resources are this account's; nothing was changed", null);
        }
        String region = env.getOrDefault("LIFELINE_FC_REGION", FcSession.DEFAULT_FC_REGION);
        SetupSettings s = SetupSettings.builder()
                .accountId(session.caller.accountId())
                .region(region)
                .memberOf(memberOf)
                .roleName(member ? null : env.get("LIFELINE_ROLE_NAME"))
                .busName(env.get("LIFELINE_NOTIFICATION_BUS"))
                .policyDocument(PolicyDocuments.read(null, PolicyDocuments.POLICY))
                .trustDocument(member ? null : PolicyDocuments.read(null, PolicyDocuments.TRUST))
                .logProject(member ? null : env.get("LIFELINE_LOG_PROJECT"))
                .logstore(member ? null : env.get("LIFELINE_LOGSTORE"))
                .state(member ? null : env.get("LIFELINE_STATE"))
                .build();
        String endpoint = session.settings.endpoint();
        ControlPlane plane = ControlPlane.create(region, endpoint, () -> session.found.credentials, CallPolicy.defaults());
        LogServiceClient logs = member ? null : LogServiceClient.create(region, endpoint, () -> session.found.credentials);
        OssBucketClient oss = member ? null : OssBucketClient.create(region, endpoint, () -> session.found.credentials);
        return new Teardown(s, new TeardownPlanner(plane, logs, oss, s, !keepLogs));
    }

    SetupPlan plan() throws CloudException {
        return planner.plan();
    }
}
