package io.cdnlifeline.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.accounts.AccountRuns;
import io.cdnlifeline.accounts.AccountsConfig;
import io.cdnlifeline.accounts.MemberAccount;
import io.cdnlifeline.accounts.RoleSessions;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.aliyun.AliyunCloud;
import io.cdnlifeline.cloud.aliyun.AliyunRoles;
import io.cdnlifeline.cloud.aliyun.CallPolicy;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.origin.OriginCheck;
import io.cdnlifeline.remedy.DnsToOriginRemedy;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.run.RemedyFunction;
import io.cdnlifeline.sandbox.Limits;
import io.cdnlifeline.sandbox.Sandbox;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 19: {@code members} member accounts of {@code domains} domains each ({@code offline} of them offline), one
 * dns-to-origin pass over all of them at once (the command line's way: every account in this process, each through its
 * assumed role, each with its own QPS limits), against each account run alone. The sandbox enforces the documented QPS
 * per account and adds 20 ms to every call, as the fleet benchmark does.
 */
final class AccountsBench {
    static final String CENTRAL = "1000000000000001";
    static final String ROLE = "cdn-lifeline-member";
    /** Calls the sandbox answers at once: the cloud's capacity is each account's, not shared. */
    static final int SANDBOX_THREADS = 256;

    private final Sandbox sandbox;
    private final int members;
    private final int domains;
    private final int offline;
    private final int singles;

    AccountsBench(Sandbox sandbox, int members, int domains, int offline, int singles) {
        this.sandbox = sandbox;
        this.members = members;
        this.domains = domains;
        this.offline = offline;
        this.singles = singles;
    }

    static String memberId(int i) {
        return String.format(Locale.ROOT, "2%015d", i + 1);
    }

    String seed() {
        JsonObject central = new JsonObject();
        central.addProperty("accountId", CENTRAL);
        JsonArray list = new JsonArray();
        JsonObject one = JsonParser.parseString(Seeds.fleet(domains, offline)).getAsJsonObject();
        one.remove("accessKeys");
        for (int i = 0; i < members; i++) {
            JsonObject m = one.deepCopy();
            m.addProperty("accountId", memberId(i));
            JsonObject role = new JsonObject();
            role.addProperty("name", ROLE);
            m.add("role", role);
            list.add(m);
        }
        central.add("members", list);
        return central.toString();
    }

    void run(PrintStream out, Figures figures) throws Exception {
        String seed = seed();
        Settings settings = Settings.builder().endpoint(sandbox.endpoint()).originCheck(OriginCheck.OFF).maxChanges(domains)
                .accounts(AccountsConfig.parse("rd:" + ROLE, null)).build();
        // each account alone, one after the other
        long slowest = 0;
        String slowestId = null;
        for (int i = 0; i < singles; i++) {
            reset(seed);
            String id = memberId(i);
            long t0 = System.nanoTime();
            List<Report> r = pass(settings, List.of(id));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            out.printf(Locale.ROOT, "  account %s alone: %.1f s, %d domains switched to their origins%n", id, ms / 1000.0, check(r));
            if (i == 0) {
                // what one account's run costs in calls: the per-account QPS of these is what bounds it
                java.util.Map<String, Long> byAction = new java.util.TreeMap<>();
                sandbox.requests().forEach(c -> byAction.merge(c.action, 1L, Long::sum));
                out.println("    calls of one account: " + byAction);
            }
            if (ms > slowest) {
                slowest = ms;
                slowestId = id;
            }
        }
        // every account at once
        reset(seed);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < members; i++) all.add(memberId(i));
        long t0 = System.nanoTime();
        List<Report> reports = pass(settings, all);
        long whole = (System.nanoTime() - t0) / 1_000_000;
        long applied = check(reports);
        double ratio = (double) whole / slowest;
        out.printf(Locale.ROOT, "  %d accounts at once: %.1f s, %d domains switched; slowest single account (%s, of %d run alone): %.1f s;"
                + " ratio %.2f (target <= 1.5)%n", members, whole / 1000.0, applied, slowestId, singles, slowest / 1000.0, ratio);
        long calls = sandbox.requests().stream().filter(c -> "AssumeRole".equals(c.action)).count();
        out.printf(Locale.ROOT, "  AssumeRole calls in the pass: %d%n", calls);
        figures.put("accounts.members", Integer.toString(members));
        figures.put("accounts.wholeMs", Long.toString(whole));
        figures.put("accounts.slowestSingleMs", Long.toString(slowest));
        figures.put("accounts.ratio", String.format(Locale.ROOT, "%.2f", ratio));
    }

    private void reset(String seed) {
        sandbox.replaceState(seed);
        Limits limits = new Limits();
        limits.latencyMs = 20;
        limits.enforceQps = true;
        sandbox.setLimits(limits);
        sandbox.clearRequests();
    }

    /** Nothing failed or refused, and every offline domain of every account switched; the domains switched. */
    private long check(List<Report> reports) {
        long switched = 0;
        for (Report r : reports) {
            if (r.hasFailures() || r.refused() != null) throw new IllegalStateException("account " + r.account() + " did not finish: " + r);
            switched += r.changes().stream().filter(c -> c.status() == io.cdnlifeline.report.ChangeStatus.APPLIED)
                    .map(io.cdnlifeline.report.Change::domain).distinct().count();
        }
        if (switched != (long) offline * reports.size()) {
            throw new IllegalStateException(switched + " domains switched in " + reports.size() + " accounts of " + offline + " offline domains");
        }
        return switched;
    }

    /** One dns-to-origin pass over {@code ids} at once, each through its role; the Reports. */
    private List<Report> pass(Settings settings, List<String> ids) throws Exception {
        CloudCredentials central = new CloudCredentials(Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET, null);
        CallPolicy policy = CallPolicy.defaults();
        AliyunRoles roles = AliyunCloud.roles(settings, () -> central, policy);
        AccountRuns runs = new AccountRuns(settings.accounts(), new RoleSessions(roles, null), roles,
                c -> AliyunCloud.create(settings, c, policy), "bench", null);
        Cloud self = AliyunCloud.create(settings, () -> central, policy);
        Request request = Request.builder().accounts(ids).build();
        List<MemberAccount> accounts = runs.resolve(request);
        ExecutorService pool = Executors.newFixedThreadPool(accounts.size());
        try {
            List<Future<Report>> futures = new ArrayList<>();
            for (MemberAccount m : accounts) {
                Request one = request.toBuilder().accounts(List.of(m.id())).build();
                futures.add(pool.submit(() -> runs.runIn(m, new RemedyFunction(new DnsToOriginRemedy()), one,
                        Invocation.local(self, settings, line -> { }), self)));
            }
            List<Report> out = new ArrayList<>();
            for (Future<Report> f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
