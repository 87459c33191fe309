package io.cdnlifeline.cli;

import io.cdnlifeline.accounts.AccountRuns;
import io.cdnlifeline.accounts.MemberAccount;
import io.cdnlifeline.accounts.RoleSessions;
import io.cdnlifeline.cloud.RoleApi;
import io.cdnlifeline.cloud.aliyun.AliyunRoles;

import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.cloud.aliyun.AliyunCloud;
import io.cdnlifeline.cloud.aliyun.CallPolicy;
import io.cdnlifeline.cloud.aliyun.Endpoints;
import io.cdnlifeline.cloud.aliyun.OssStore;
import io.cdnlifeline.state.StateLocation;
import io.cdnlifeline.state.StoreException;
import io.cdnlifeline.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code lifeline doctor}: the read-only check an operator runs first. Which credentials the chain finds and from
 * where (key id masked), the account they belong to (STS GetCallerIdentity), the endpoint of every product for the
 * region (the one table the functions use), and one harmless read per product, naming the RAM action a denial is
 * about. {@code --region R} shows that region's endpoints without calling them. Exit 0 when everything is usable,
 * 1 with the list of what is not, 2 for bad usage.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check, read-only, that cdn-lifeline can work with this account: credentials and where they come from,",
                "the account id, the endpoint of every product, and one harmless read per product (the RAM action named",
                "when it is denied). With LIFELINE_ACCOUNTS: whether each account's role can be assumed, and by whom."},
        footer = {"", "Examples:",
                "  lifeline doctor",
                "  lifeline doctor --profile prod",
                "  lifeline doctor --region ap-southeast-1      # the international endpoints, not called",
                "  lifeline doctor --endpoint http://127.0.0.1:8787",
                "", "Exit status: 0 everything usable, 1 something is not (listed at the end), 2 bad usage."})
final class DoctorCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.ParentCommand Lifeline lifeline;

    @Mixin CloudOptions cloud;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Show the endpoints of this region (e.g. ap-southeast-1) without calling them. "
                    + "Default: LIFELINE_REGION (cn-hangzhou), whose endpoints are called.")
    String region;

    /** The harmless read of each product and the RAM action it needs. */
    private enum Probe {
        CDN("cdn", "cdn:DescribeUserDomains"),
        DCDN("dcdn", "dcdn:DescribeDcdnUserDomains"),
        VOD("vod", "vod:DescribeVodUserDomains"),
        LIVE("live", "live:DescribeLiveUserDomains"),
        ALIDNS("alidns", "alidns:DescribeDomains");

        final String product;
        final String ramAction;

        Probe(String product, String ramAction) {
            this.product = product;
            this.ramAction = ramAction;
        }
    }

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        PrintWriter out = cmd.getOut();
        Settings settings = LocalSession.settings(cmd, lifeline.env(), cloud).build();
        String shownRegion = region != null ? region : settings.region();
        List<Endpoints.Endpoint> table;
        try {
            table = Endpoints.forRegion(shownRegion);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, "--region: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();

        out.println("credentials");
        CredentialChain.Found found;
        try {
            found = CredentialChain.find(cloud.profile, settings.endpoint(), lifeline.env(), line -> { });
        } catch (MissingCredentialsException e) {
            out.println("  none usable: " + e.getMessage());
            problems.add("credentials: " + e.getMessage());
            found = null;
        }
        if (found != null) {
            out.println("  key id    " + mask(found.credentials.accessKeyId()) + (found.credentials.securityToken() == null ? "" : " (STS, with token)"));
            out.println("  from      " + found.source);
        }

        boolean calling = region == null || settings.endpoint() != null;
        out.println("endpoints for " + shownRegion + (settings.endpoint() != null ? " (every call goes to " + settings.endpoint() + " instead)"
                : calling ? "" : " (shown, not called)"));
        for (Endpoints.Endpoint e : table) {
            out.println(String.format(Locale.ROOT, "  %-7s https://%s  RegionId %s", e.product(), e.host(), e.regionId()));
        }
        if (!calling) {
            out.println("not called: run without --region (with LIFELINE_REGION=" + shownRegion + ") to check them");
            return finish(out, problems);
        }
        if (found == null) {
            out.println("account and permissions: not checked without credentials");
            return finish(out, problems);
        }

        io.cdnlifeline.cloud.CloudCredentials credentials = found.credentials;
        Settings called = region == null ? settings : settings.toBuilder().region(region).build();
        Cloud c = AliyunCloud.create(called, () -> credentials, doctorPolicy());
        out.println("account");
        String accountId = null;
        String caller = null;
        try {
            AccountApi.CallerIdentity id = c.account().callerIdentity();
            accountId = id.accountId();
            out.println("  id        " + id.accountId());
            out.println("  caller    " + id.identityType() + " " + id.arn());
            caller = id.arn();
        } catch (CloudException e) {
            out.println("  unknown: " + e);
            problems.add("account: sts:GetCallerIdentity failed: " + e);
        }
        automation(out, credentials, settings, accountId);
        stateBucket(out, credentials, settings, accountId, problems);
        out.println("permissions (one read each)");
        for (Probe p : Probe.values()) {
            String verdict = probe(c, p, problems);
            out.println(String.format(Locale.ROOT, "  %-7s %-30s %s", p.product, p.ramAction, verdict));
        }
        if (called.accounts().configured()) accounts(out, called, credentials, caller, problems);
        return finish(out, problems);
    }

    /**
     * Whether the deployed functions act on their own (lifeline pause / resume): told, not judged: before the first
     * deploy there is nothing, and an operator may not be allowed to read FC.
     */
    private void automation(PrintWriter out, io.cdnlifeline.cloud.CloudCredentials credentials, Settings settings, String accountId) {
        out.println("automation");
        if (settings.endpoint() == null && accountId == null) {
            out.println("  unknown: the account id is needed to find FC's endpoint");
            return;
        }
        String base = settings.endpoint() != null ? settings.endpoint()
                : FcControl.endpoint(accountId, lifeline.env().getOrDefault("LIFELINE_FC_REGION", FcSession.DEFAULT_FC_REGION));
        try {
            out.println("  " + Automation.read(new FcControl(base, credentials)).summary());
        } catch (FcCallException e) {
            out.println("  unknown: " + e.getMessage() + (e.deniedRamAction() == null ? "" : " (grant " + e.deniedRamAction()
                    + " and fc:ListTriggers to see it)"));
        }
    }

    /**
     * The watch's memory (LIFELINE_STATE, template.yml's default {@code oss://cdn-lifeline-<account id>/lifeline}): whether
     * its OSS bucket exists, asked read-only (one GetObject of a key nothing writes). A missing bucket is a problem: the
     * watch cannot remember what it saw, so it announces nothing.
     */
    private void stateBucket(PrintWriter out, io.cdnlifeline.cloud.CloudCredentials credentials, Settings settings, String accountId,
                             List<String> problems) {
        out.println("watch state (LIFELINE_STATE)");
        String configured = lifeline.env().get("LIFELINE_STATE");
        StateLocation state;
        try {
            state = configured != null && !configured.isBlank() ? StateLocation.parse(configured)
                    : accountId == null ? null : StateLocation.parse("oss://cdn-lifeline-" + accountId + "/lifeline");
        } catch (IllegalArgumentException e) {
            out.println("  unusable: " + e.getMessage());
            problems.add("watch state: " + e.getMessage());
            return;
        }
        if (state == null) {
            out.println("  unknown: the account id is needed for the default bucket cdn-lifeline-<account id>");
            return;
        }
        if (state.bucket() == null) {
            out.println("  " + state + ": not an OSS bucket, not checked");
            return;
        }
        String region = lifeline.env().getOrDefault("LIFELINE_FC_REGION", FcSession.DEFAULT_FC_REGION);
        OssStore store = OssStore.of(settings.endpoint(), region, false, state.bucket(), state.prefix(), () -> credentials);
        try {
            if (store.bucketExists()) {
                out.println("  " + store.where() + ": the bucket exists");
            } else {
                String verdict = "the bucket " + state.bucket() + " does NOT exist: the watch cannot remember what it saw"
                        + " (lifeline setup makes it; or set LIFELINE_STATE to a bucket of yours)";
                out.println("  " + store.where() + ": " + verdict);
                problems.add("watch state: " + verdict);
            }
        } catch (StoreException e) {
            out.println("  " + store.where() + ": unknown: " + e.getMessage() + " (the functions' role needs oss:GetObject on it)");
        }
    }

    /**
     * LIFELINE_ACCOUNTS: every account it covers (Resource Directory's members for rd:), whether its role can be assumed
     * and by whom, and one harmless read in it with the assumed credentials.
     */
    private static void accounts(PrintWriter out, Settings settings, io.cdnlifeline.cloud.CloudCredentials credentials, String caller,
                                 List<String> problems) {
        out.println("accounts (LIFELINE_ACCOUNTS=" + settings.accounts() + ")");
        out.println("  assumed by " + (caller == null ? "(the caller above: unknown)" : caller)
                + (settings.accounts().externalId() == null ? "" : ", with the ExternalId of LIFELINE_ACCOUNTS_EXTERNAL_ID"));
        AliyunRoles roles = AliyunCloud.roles(settings, () -> credentials, doctorPolicy());
        AccountRuns runs = new AccountRuns(settings.accounts(), new RoleSessions(roles, settings.accounts().externalId()), roles,
                cr -> AliyunCloud.create(settings, cr, doctorPolicy()), "cli", null);
        List<MemberAccount> members;
        try {
            members = runs.resolve(io.cdnlifeline.event.Request.builder().build());
        } catch (CloudException e) {
            String verdict = "resourcemanager:ListAccounts failed: " + e.code() + ": " + e.getMessage();
            out.println("  " + verdict);
            problems.add("accounts: " + verdict);
            return;
        }
        for (MemberAccount m : members) {
            if (m.isSelf()) {
                out.println(String.format(Locale.ROOT, "  %-18s %s", "self", "the account above, with the caller's own credentials"));
                continue;
            }
            String verdict;
            try {
                RoleApi.AssumedRole assumed = runs.sessions().of(m.roleArn(), io.cdnlifeline.accounts.SessionName.of("doctor", "cli"), 0).assume();
                Cloud member = AliyunCloud.create(settings, assumed::credentials, doctorPolicy());
                try {
                    member.cdn().listDomains(Product.CDN, 1, 1, null);
                    verdict = "assumable: " + (assumed.arn() == null ? m.roleArn() : assumed.arn()) + "; cdn:DescribeUserDomains granted";
                } catch (CloudException e) {
                    verdict = "assumable, but cdn:DescribeUserDomains " + (denied(e.code()) ? "DENIED" : "failed") + " (" + e.code() + ")";
                    problems.add("account " + m.id() + ": " + verdict);
                }
            } catch (CloudException e) {
                verdict = "NOT ASSUMABLE: sts:AssumeRole " + m.roleArn() + " answered " + e.code()
                        + (e.code().equals("NoPermission") ? " (its trust policy does not name the caller, or the caller may not assume it)"
                        : e.code().equals("EntityNotExist.Role") ? " (no such role in that account: create it there, see docs/deploy.md)" : "");
                problems.add("account " + m.id() + ": " + verdict);
            }
            out.println(String.format(Locale.ROOT, "  %-18s %s", m.id(), verdict));
        }
    }

    /** A doctor answers in seconds: two attempts a call, a short budget. */
    private static CallPolicy doctorPolicy() {
        return CallPolicy.defaults().toBuilder().maxAttempts(2).retryBudget(Duration.ofSeconds(5))
                .timeouts(Duration.ofSeconds(3), Duration.ofSeconds(5)).build();
    }

    private static String probe(Cloud c, Probe p, List<String> problems) {
        try {
            switch (p) {
                case CDN:
                    c.cdn().listDomains(Product.CDN, 1, 1, null);
                    break;
                case DCDN:
                    c.cdn().listDomains(Product.DCDN, 1, 1, null);
                    break;
                case VOD:
                    c.cdn().listDomains(Product.VOD, 1, 1, null);
                    break;
                case LIVE:
                    c.cdn().listDomains(Product.LIVE, 1, 1, null);
                    break;
                default:
                    c.dns().zones();
                    break;
            }
            return "granted";
        } catch (CloudException e) {
            String verdict = denied(e.code()) ? "DENIED: grant " + p.ramAction + " (" + e.code() + ")" : "failed: " + e;
            problems.add(p.product + ": " + verdict + (e.recommend() == null ? "" : " — " + e.recommend()));
            return verdict;
        }
    }

    /** The codes the APIs answer a caller that RAM does not allow the action. */
    static boolean denied(String code) {
        if (code == null) return false;
        return code.startsWith("Forbidden") || code.equals("NoPermission") || code.endsWith(".RAM")
                || code.equals("NotAuthorized") || code.equals("OperationDenied.NoPermission");
    }

    /** {@code LTAI5tExample1234} -> {@code LTAI****1234}: enough to tell keys apart, not enough to use one. */
    static String mask(String keyId) {
        if (keyId == null) return "";
        if (keyId.length() <= 8) return "****";
        return keyId.substring(0, 4) + "****" + keyId.substring(keyId.length() - 4);
    }

    private static int finish(PrintWriter out, List<String> problems) {
        if (problems.isEmpty()) {
            out.println("usable: yes");
            return ExitStatus.DONE;
        }
        out.println("usable: no (" + problems.size() + ")");
        for (String p : problems) out.println("  - " + p);
        return ExitStatus.FAILED;
    }

}
