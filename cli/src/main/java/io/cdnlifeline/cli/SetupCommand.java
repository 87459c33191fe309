package io.cdnlifeline.cli;

import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.aliyun.AliyunCloud;
import io.cdnlifeline.cloud.aliyun.CallPolicy;
import io.cdnlifeline.cloud.aliyun.ControlPlane;
import io.cdnlifeline.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code lifeline setup}: the one-time setup of an account, before the first {@code s deploy}. Plans from what the
 * account has (prints the plan first), then makes what is missing: the function role and its policy, the
 * notification bus and its rules (the bus is also the failure destination); with {@code --member-of}, the member
 * role another account's functions assume; the Log Service project and logstore of the audit log. Idempotent: a second run finds nothing to do and says so. A refusal
 * stops it where it is, says what was done and what not; running it again continues from there.
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Make what the functions need in this account, once, before the first s deploy: the RAM role",
                "cdn-lifeline-fc (trusted by Function Compute, ram-trust-policy.json) with the policy cdn-lifeline-fc",
                "(ram-policy.json) attached; the EventBridge bus cdn-lifeline (notifications; failed invocations) with one",
                "rule per notification trigger; the Log Service project cdn-lifeline-<account id> with the logstore audit",
                "(the audit log; retention --log-ttl, default 30 days, --log-shards, default 2); the private OSS bucket",
                "cdn-lifeline-<account id> of LIFELINE_STATE (the watch's state). A changed ram-policy.json becomes a new default policy version (the oldest",
                "other version is deleted when RAM's 5 are reached). Prints the plan, then applies it; safe to run again.",
                "With --member-of, in a member account: only the role cdn-lifeline-member (same policy) that the central",
                "account's function role may assume."},
        footer = {"", "Examples:",
                "  lifeline setup --dry-run                               # the plan only",
                "  lifeline setup                                         # this account, region LIFELINE_FC_REGION or cn-hangzhou",
                "  lifeline setup --profile prod --region cn-shanghai",
                "  lifeline setup --policy-file ram-policy.json           # a policy edited since this jar was built",
                "  lifeline setup --member-of 1234567890123456 --external-id lifeline-7f3a   # in a member account",
                "  lifeline setup --endpoint http://127.0.0.1:8787 --account-id 1234567890123456   # against the sandbox",
                "",
                "Exit status: 0 done or nothing to do, 1 the cloud refused a change or a read (nothing after it was tried),",
                "2 bad usage or input."})
final class SetupCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.ParentCommand Lifeline lifeline;

    @Mixin CloudOptions cloud;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--account-id", paramLabel = "ID",
            description = "The account being set up (used in ARNs). Default: the one the credentials belong to (STS GetCallerIdentity).")
    String accountId;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Where the functions run (the bus lives there). Default: env LIFELINE_FC_REGION, else cn-hangzhou.")
    String region;

    @Option(names = "--role-name", paramLabel = "NAME",
            description = "The function role. Default: env LIFELINE_ROLE_NAME, else cdn-lifeline-fc (cdn-lifeline-member with --member-of).")
    String roleName;

    @Option(names = "--policy-name", paramLabel = "NAME", description = "The custom policy attached to it. Default: the role's name.")
    String policyName;

    @Option(names = "--bus", paramLabel = "NAME", description = "The notification bus. Default: env LIFELINE_NOTIFICATION_BUS, else cdn-lifeline.")
    String bus;

    @Option(names = "--policy-file", paramLabel = "FILE", description = "The policy document. Default: the ram-policy.json this jar was built with.")
    Path policyFile;

    @Option(names = "--trust-file", paramLabel = "FILE", description = "The role's trust policy. Default: the ram-trust-policy.json this jar was built with.")
    Path trustFile;

    @Mixin SetupLogOptions log;

    @Mixin SetupMemberOptions member;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        PrintWriter out = cmd.getOut();
        PrintWriter err = cmd.getErr();
        Settings settings = LocalSession.settings(cmd, lifeline.env(), cloud).build();
        String r = region != null ? region : lifeline.env().getOrDefault("LIFELINE_FC_REGION", "cn-hangzhou");
        CloudCredentials credentials = CredentialChain.find(cloud.profile, settings.endpoint(), lifeline.env(), line -> { }).credentials;
        ControlPlane plane;
        LogServiceClient logService;
        OssBucketClient oss;
        try {
            plane = ControlPlane.create(r, settings.endpoint(), () -> credentials, CallPolicy.defaults());
            logService = member.member() ? null : LogServiceClient.create(r, settings.endpoint(), () -> credentials);
            oss = member.member() ? null : OssBucketClient.create(r, settings.endpoint(), () -> credentials);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, "--region: " + e.getMessage());
        }
        if (member.member() && log.any()) {
            throw new SetupInputException("the --log-* options and --logstore do not go with --member-of: the audit log is the central account's");
        }
        if (!member.member() && (member.centralRole != null || member.externalId != null)) {
            throw new SetupInputException((member.centralRole != null ? "--central-role" : "--external-id") + " needs --member-of");
        }
        if (member.member() && trustFile != null) {
            throw new SetupInputException("--trust-file does not go with --member-of: a member role trusts the central account's function role");
        }
        String account = accountId;
        if (account == null) {
            try {
                account = AliyunCloud.create(settings, () -> credentials).account().callerIdentity().accountId();
            } catch (CloudException e) {
                err.println("lifeline setup: cannot tell which account the credentials belong to (sts:GetCallerIdentity): " + e
                        + "; give it with --account-id");
                return ExitStatus.FAILED;
            }
        }
        SetupSettings target = SetupSettings.builder()
                .accountId(account)
                .region(r)
                .memberOf(member.memberOf)
                .externalId(member.externalId)
                .centralRole(member.centralRole)
                .roleName(roleName != null ? roleName : !member.member() ? lifeline.env().get("LIFELINE_ROLE_NAME") : null)
                .policyName(policyName)
                .busName(bus != null ? bus : lifeline.env().get("LIFELINE_NOTIFICATION_BUS"))
                .policyDocument(PolicyDocuments.read(policyFile, PolicyDocuments.POLICY))
                .policySource(policyFile == null ? null : policyFile.toString())
                .trustSource(trustFile == null ? null : trustFile.toString())
                .trustDocument(!member.member() ? PolicyDocuments.read(trustFile, PolicyDocuments.TRUST) : null)
                .logProject(log.project(lifeline.env()))
                .logstore(log.logstore(lifeline.env()))
                .logTtlDays(log.ttlDays)
                .logShards(log.shards)
                .state(!member.member() ? lifeline.env().get("LIFELINE_STATE") : null)
                .build();

        out.println("lifeline setup: account " + target.accountId + (target.member() ? " (member of " + target.memberOf + ")" : "")
                + ", region " + target.region);
        out.println("  RAM          " + plane.ramEndpoint());
        if (!target.member()) out.println("  EventBridge  " + plane.eventBridgeEndpoint());
        if (!target.member()) out.println("  Log Service  " + logService.endpoint());
        if (!target.member()) out.println("  OSS          " + oss.endpoint());
        SetupPlan plan;
        try {
            plan = new SetupPlanner(plane, logService, oss, target).plan();
        } catch (CloudException e) {
            err.println("lifeline setup: could not read what the account has, nothing was changed: " + e);
            return ExitStatus.FAILED;
        }
        out.println("plan: " + (plan.isEmpty() ? "no change" : changes(plan.steps().size()))
                + (plan.unchanged().isEmpty() ? "" : ", " + plan.unchanged().size() + " already as wanted (=)"));
        for (String u : plan.unchanged()) out.println("  = " + u);
        for (SetupPlan.Step step : plan.steps()) out.println("  + " + step.what);
        for (String n : plan.notes()) out.println("  i " + n);
        if (plan.isEmpty()) {
            out.println("lifeline setup: nothing to do, everything is as wanted");
            return ExitStatus.DONE;
        }
        if (dryRun) {
            out.println("lifeline setup: dry run, " + changes(plan.steps().size()) + " planned, none made");
            return ExitStatus.DONE;
        }
        out.println("applying " + changes(plan.steps().size()));
        int done = plan.applyInOrder("lifeline setup", "changes made", out, err);
        if (done < 0) return ExitStatus.FAILED;
        out.println("lifeline setup: " + changes(done) + " applied");
        return ExitStatus.DONE;
    }

    private static String changes(int n) {
        return n + (n == 1 ? " change" : " changes");
    }
}
