package io.cdnlifeline.accounts;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DirectoryApi;
import io.cdnlifeline.event.BadInputException;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.AccountOutcome;
import io.cdnlifeline.report.ChangeError;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.run.LifelineFunction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A run over the accounts of {@code LIFELINE_ACCOUNTS}: which accounts (the entries, Resource Directory's members for
 * {@code rd:}, narrowed by the Request's {@code accounts}), and one ordinary run in one of them, through the role assumed
 * into it. The FC handler fans the accounts out (one async invocation each, {@link #fanOut}); the command line runs
 * them at once in its process; each member run is {@link #runIn}.
 */
public final class AccountRuns {
    private final AccountsConfig config;
    private final RoleSessions sessions;
    private final DirectoryApi directory;
    private final Function<Supplier<CloudCredentials>, Cloud> clouds;
    private final String why;
    private final String selfAccountId;
    private final Map<String, Cloud> cloudByRole = new HashMap<>();

    /**
     * @param clouds        builds the cloud ports of a member from its credentials (one per role, kept: its rate limits
     *                      are the member account's)
     * @param why           the session name's why: null in FC (the Request's trigger), {@code cli} on the command line
     * @param selfAccountId the account {@code self} stands for, when known (FC_ACCOUNT_ID); null: reported as "self"
     */
    public AccountRuns(AccountsConfig config, RoleSessions sessions, DirectoryApi directory,
                       Function<Supplier<CloudCredentials>, Cloud> clouds, String why, String selfAccountId) {
        this.config = Objects.requireNonNull(config, "config");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clouds = Objects.requireNonNull(clouds, "clouds");
        this.why = why;
        this.selfAccountId = selfAccountId == null || selfAccountId.isBlank() ? null : selfAccountId;
    }

    public AccountsConfig config() {
        return config;
    }

    public RoleSessions sessions() {
        return sessions;
    }

    /**
     * The accounts a Request covers: every configured one, or those it names in {@code accounts}. Resource Directory is
     * asked only when an {@code rd:} entry may hold a wanted account.
     * @throws BadInputException when the Request names an account the configuration does not cover
     * @throws CloudException    when ListAccounts failed
     */
    public List<MemberAccount> resolve(Request request) throws CloudException {
        List<String> wanted = request.accounts();
        if (!config.configured()) {
            for (String w : wanted) {
                if (!w.equals(MemberAccount.SELF) && !w.equals(selfAccountId)) {
                    throw new BadInputException("the request names account " + w + ", but LIFELINE_ACCOUNTS is empty: this deployment "
                            + "covers its own account only");
                }
            }
            return List.of(MemberAccount.self());
        }
        Map<String, MemberAccount> byId = new LinkedHashMap<>();
        List<AccountEntry> directories = new ArrayList<>();
        for (AccountEntry e : config.entries()) {
            switch (e.kind()) {
                case SELF:
                    byId.putIfAbsent(MemberAccount.SELF, MemberAccount.self());
                    break;
                case ROLE:
                    byId.putIfAbsent(e.accountId(), MemberAccount.through(e.accountId(), e.roleArn(e.accountId())));
                    break;
                default:
                    directories.add(e);
            }
        }
        boolean needDirectory = !directories.isEmpty()
                && (wanted.isEmpty() || wanted.stream().anyMatch(w -> !byId.containsKey(w) && !(w.equals(selfAccountId) && byId.containsKey(MemberAccount.SELF))));
        if (needDirectory) {
            List<String> members = directory.memberAccountIds();
            for (AccountEntry d : directories) {
                for (String id : members) {
                    if (!id.equals(selfAccountId)) byId.putIfAbsent(id, MemberAccount.through(id, d.roleArn(id)));
                }
            }
        }
        if (wanted.isEmpty()) return new ArrayList<>(byId.values());
        List<MemberAccount> out = new ArrayList<>();
        for (String w : wanted) {
            MemberAccount m = byId.get(w);
            if (m == null && w.equals(selfAccountId)) m = byId.get(MemberAccount.SELF);
            if (m == null) {
                throw new BadInputException("the request names account " + w + ", which LIFELINE_ACCOUNTS (" + config + ") does not cover"
                        + (directories.isEmpty() ? "" : " (nor Resource Directory's member list)"));
            }
            out.add(m);
        }
        return out;
    }

    /**
     * One ordinary run of {@code function} in {@code account}: through the assumed role's credentials (or the caller's own
     * for self), its audit lines and Report naming the account and, for a fan-out's member, the run it belongs to. An
     * account that cannot be worked on (the role cannot be assumed) is a Report with that account FAILED and the cause.
     */
    public Report runIn(MemberAccount account, LifelineFunction function, Request request, Invocation base, Cloud selfCloud) {
        String id = account.isSelf() ? (selfAccountId != null ? selfAccountId : MemberAccount.SELF) : account.id();
        Cloud cloud;
        if (account.isSelf()) {
            cloud = selfCloud;
        } else {
            RoleCredentials credentials = sessions.of(account.roleArn(), SessionName.of(function.name(), why != null ? why : request.source()),
                    base.deadlineMillis() - System.currentTimeMillis());
            try {
                credentials.assume();
            } catch (CloudException e) {
                base.log().accept("{\"audit\":\"lifeline\",\"account\":\"" + id + "\",\"function\":\"" + function.name()
                        + "\",\"error\":\"AssumeRole of " + account.roleArn() + " failed: " + e.code() + "\"}");
                return Report.builder(function.name()).requestId(base.requestId()).account(id).memberOf(request.memberOf())
                        .dryRun(request.dryRun() != null ? request.dryRun() : base.settings().dryRun())
                        .accountOutcome(AccountOutcome.failed(id, account.roleArn(), "assume-role", ChangeError.of(e))).build();
            }
            cloud = cloudOf(credentials);
        }
        Invocation inv = new Invocation(cloud, base.settings(), AccountLog.tagging(base.log(), id), base.requestId(), base.deadlineMillis(),
                base.continuer()).withProgress(base.progress());
        Report r = function.run(request, inv);
        return r.toBuilder().account(id).memberOf(request.memberOf()).build();
    }

    private synchronized Cloud cloudOf(RoleCredentials credentials) {
        return cloudByRole.computeIfAbsent(credentials.roleArn().toLowerCase(java.util.Locale.ROOT), k -> clouds.apply(credentials));
    }

    /** 1/90 s: member runs start at most at 90 % of STS's 100 AssumeRole calls per second per account. */
    static final long STS_SPACING_NANOS = 1_000_000_000L / 90;

    /** Starts a member run of one account: FC's async invocation of the same function. */
    public interface Starter {
        /** @return FC's request id of the invocation */
        String start(Request memberRequest) throws CloudException;
    }

    /**
     * The run over several accounts in FC: one asynchronous invocation of the same function per account, its payload
     * the Request naming that account ({@code accounts}) and this run ({@code memberOf}). The Report lists what became of
     * each; an account whose invocation failed is FAILED with the cause, and the others are started all the same.
     */
    public static Report fanOut(String function, Request request, List<MemberAccount> accounts, Starter starter, String requestId,
                                boolean dryRun) {
        Report.Builder report = Report.builder(function).requestId(requestId).dryRun(dryRun);
        long started = System.nanoTime();
        int n = 0;
        for (MemberAccount m : accounts) {
            // each member run starts with one AssumeRole in its own instance: starting them no faster than STS's
            // 100 calls/s (at 90 %) keeps the central account's AssumeRole calls under it however many accounts there are
            long due = started + n++ * STS_SPACING_NANOS;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    report.accountOutcome(AccountOutcome.failed(m.id(), m.roleArn(), "invoke",
                            new ChangeError("Lifeline.Interrupted", "the fan-out was interrupted before this account", null)));
                    continue;
                }
            }
            Request member = request.toBuilder().accounts(List.of(m.id())).memberOf(requestId).build();
            try {
                report.accountOutcome(AccountOutcome.invoked(m.id(), m.roleArn(), starter.start(member)));
            } catch (CloudException e) {
                report.accountOutcome(AccountOutcome.failed(m.id(), m.roleArn(), "invoke", ChangeError.of(e)));
            }
        }
        return report.build();
    }

    /** A Report saying the accounts could not be listed (ListAccounts failed): nothing ran. */
    public static Report directoryFailed(String function, String requestId, AccountsConfig config, CloudException e, boolean dryRun) {
        String which = config.entries().stream().filter(x -> x.kind() == AccountEntry.Kind.DIRECTORY).findFirst()
                .map(AccountEntry::toString).orElse("rd:");
        return Report.builder(function).requestId(requestId).dryRun(dryRun)
                .accountOutcome(AccountOutcome.failed(which, null, "list-accounts", ChangeError.of(e))).build();
    }
}
