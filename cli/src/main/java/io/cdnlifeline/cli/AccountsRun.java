package io.cdnlifeline.cli;

import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.accounts.AccountRuns;
import io.cdnlifeline.accounts.MemberAccount;
import io.cdnlifeline.accounts.RoleSessions;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.aliyun.AliyunCloud;
import io.cdnlifeline.cloud.aliyun.AliyunRoles;
import io.cdnlifeline.cloud.aliyun.CallPolicy;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.TextTable;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A run over several accounts on the command line: the accounts of LIFELINE_ACCOUNTS (narrowed by the Request's
 * {@code accounts}) run at once in this process, each an ordinary run of the handler in its account through the role
 * assumed with the chain's credentials (one STS client for all: STS's rate limit holds). One account's failure never
 * stops the others. The result is one Report of Reports: per account its Report (or its failure) and a summary.
 */
final class AccountsRun {
    /** Accounts run at once at most: each run keeps its account's own QPS, so more threads are more speed, up to the machine. */
    static final int MAX_PARALLEL = 32;

    private final String function;
    private final List<MemberAccount> accounts;
    private final List<JsonObject> reports;
    private final String listingError;

    private AccountsRun(String function, List<MemberAccount> accounts, List<JsonObject> reports, String listingError) {
        this.function = function;
        this.accounts = accounts;
        this.reports = reports;
        this.listingError = listingError;
    }

    static AccountsRun run(String function, Request request, Settings settings, CloudCredentials credentials, LocalInvoker invoker,
                           FunctionComputeLogger log) {
        CallPolicy policy = CallPolicy.defaults();
        AliyunRoles roles = AliyunCloud.roles(settings, () -> credentials, policy);
        AccountRuns runs = new AccountRuns(settings.accounts(), new RoleSessions(roles, settings.accounts().externalId()), roles,
                c -> AliyunCloud.create(settings, c, policy), "cli", null);
        List<MemberAccount> accounts;
        try {
            accounts = runs.resolve(request);
        } catch (CloudException e) {
            return new AccountsRun(function, List.of(), List.of(), "Resource Directory's ListAccounts failed: " + e.code() + ": " + e.getMessage());
        }
        LocalInvoker shared = invoker.withAccountRuns(runs);
        log.info("{\"audit\":\"lifeline\",\"function\":\"" + function + "\",\"accounts\":" + accounts.size() + "}");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(MAX_PARALLEL, accounts.size())), r -> {
            Thread t = new Thread(r, "lifeline-account");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<JsonObject>> futures = new ArrayList<>();
            for (MemberAccount m : accounts) {
                String event = request.toBuilder().accounts(List.of(m.id())).build().toString();
                futures.add(pool.submit(() -> {
                    try {
                        return shared.invoke(function, event).report();
                    } catch (RuntimeException e) {
                        // a crash of one account's run is that account's failure, never the others'
                        return crashed(function, m, e);
                    }
                }));
            }
            List<JsonObject> reports = new ArrayList<>();
            for (Future<JsonObject> f : futures) {
                try {
                    reports.add(f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            return new AccountsRun(function, accounts, reports, null);
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonObject crashed(String function, MemberAccount m, RuntimeException e) {
        JsonObject r = new JsonObject();
        r.addProperty("function", function);
        r.addProperty("account", m.id());
        JsonArray outcomes = new JsonArray();
        JsonObject o = new JsonObject();
        o.addProperty("account", m.id());
        if (m.roleArn() != null) o.addProperty("role", m.roleArn());
        o.addProperty("status", "failed");
        o.addProperty("step", "run");
        JsonObject err = new JsonObject();
        err.addProperty("code", "Lifeline.RunFailed");
        err.addProperty("message", String.valueOf(e.getMessage()));
        o.add("error", err);
        outcomes.add(o);
        r.add("accounts", outcomes);
        r.add("changes", new JsonArray());
        r.add("skipped", new JsonArray());
        r.add("summary", new JsonObject());
        return r;
    }

    /** {@code {"function", "accounts": [{"account", "role", "status", "error"?, "report"}], "summary": {...}}}. */
    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("function", function);
        JsonArray list = new JsonArray();
        JsonObject total = new JsonObject();
        int failedAccounts = 0;
        for (int i = 0; i < reports.size(); i++) {
            JsonObject r = reports.get(i);
            MemberAccount m = accounts.get(i);
            JsonObject a = new JsonObject();
            a.addProperty("account", r.has("account") ? r.get("account").getAsString() : m.id());
            if (m.roleArn() != null) a.addProperty("role", m.roleArn());
            JsonObject failure = failure(r);
            a.addProperty("status", failure != null ? "failed" : statusOf(r));
            if (failure != null) {
                failedAccounts++;
                a.add("error", failure.get("error"));
                a.addProperty("step", failure.get("step").getAsString());
            }
            a.add("report", r);
            list.add(a);
            if (r.has("summary")) {
                for (Map.Entry<String, JsonElement> e : r.getAsJsonObject("summary").entrySet()) {
                    total.addProperty(e.getKey(), (total.has(e.getKey()) ? total.get(e.getKey()).getAsLong() : 0) + e.getValue().getAsLong());
                }
            }
        }
        if (listingError != null) o.addProperty("error", listingError);
        o.add("accounts", list);
        total.addProperty("accounts", reports.size());
        total.addProperty("failedAccounts", failedAccounts + (listingError == null ? 0 : 1));
        o.add("summary", total);
        return o;
    }

    private static String statusOf(JsonObject r) {
        int s = ExitStatus.of(r);
        return s == ExitStatus.FAILED ? "failed" : s == ExitStatus.REFUSED ? "refused" : "done";
    }

    private static JsonObject failure(JsonObject r) {
        if (!r.has("accounts")) return null;
        for (JsonElement a : r.getAsJsonArray("accounts")) {
            if ("failed".equals(a.getAsJsonObject().get("status").getAsString())) return a.getAsJsonObject();
        }
        return null;
    }

    void print(OutputFormat format, PrintWriter out) {
        JsonObject all = toJson();
        if (format == OutputFormat.json) {
            out.println(new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(all));
        } else {
            table(all, out);
        }
        out.flush();
    }

    /** One table of every account's changes with an ACCOUNT column, then one summary line per account; inspect: its table per account. */
    static void table(JsonObject all, PrintWriter out) {
        out.println(all.get("function").getAsString() + " over " + all.getAsJsonArray("accounts").size() + " accounts");
        if (all.has("error")) out.println("FAILED: " + all.get("error").getAsString());
        for (JsonElement e : all.getAsJsonArray("accounts")) {
            JsonObject r = e.getAsJsonObject().getAsJsonObject("report");
            if (r.has("domains")) {
                out.println();
                out.println("account " + e.getAsJsonObject().get("account").getAsString());
                out.print(io.cdnlifeline.report.InspectTable.render(ReportReader.read(r)));
            }
        }
        TextTable changes = TextTable.uncut(List.of("ACCOUNT", "STATUS", "ACTION", "DOMAIN", "RESOURCE", "BEFORE", "AFTER", "DETAIL"));
        for (JsonElement e : all.getAsJsonArray("accounts")) {
            JsonObject a = e.getAsJsonObject();
            for (JsonElement ce : a.getAsJsonObject("report").getAsJsonArray("changes")) {
                JsonObject c = ce.getAsJsonObject();
                String detail = c.has("error") ? c.getAsJsonObject("error").get("code").getAsString() + ": "
                        + c.getAsJsonObject("error").get("message").getAsString() : "";
                String[] ba = ReportPrinter.beforeAfter(c.get("before"), c.get("after"));
                changes.row(List.of(a.get("account").getAsString(), str(c, "status"), str(c, "action"), str(c, "domain"), str(c, "resource"),
                        ba[0], ba[1], detail));
            }
        }
        if (!changes.isEmpty()) {
            out.println();
            for (String line : changes.lines()) out.println(line);
        }
        out.println();
        TextTable summary = TextTable.uncut(List.of("ACCOUNT", "STATUS", "APPLIED", "PLANNED", "UNCHANGED", "SKIPPED", "FAILED", "DETAIL"));
        for (JsonElement e : all.getAsJsonArray("accounts")) {
            JsonObject a = e.getAsJsonObject();
            JsonObject r = a.getAsJsonObject("report");
            JsonObject s = r.has("summary") ? r.getAsJsonObject("summary") : new JsonObject();
            String detail = a.has("error") ? a.get("step").getAsString() + ": " + a.getAsJsonObject("error").get("code").getAsString() + ": "
                    + a.getAsJsonObject("error").get("message").getAsString() : r.has("refused") ? r.get("refused").getAsString() : "";
            summary.row(List.of(a.get("account").getAsString(), a.get("status").getAsString(), num(s, "applied"), num(s, "planned"),
                    num(s, "unchanged"), num(s, "skipped"), num(s, "failed"), detail));
        }
        for (String line : summary.lines()) out.println(line);
    }

    /** The exit status of the whole run (a failed account or change: 1; else a refusal: 3; else 0) and the outcome on stderr. */
    int outcome(PrintWriter err, boolean text) {
        JsonObject all = toJson();
        int status = listingError != null ? ExitStatus.FAILED : ExitStatus.DONE;
        for (JsonObject r : reports) {
            int s = ExitStatus.of(r);
            if (s == ExitStatus.FAILED) status = ExitStatus.FAILED;
            else if (s == ExitStatus.REFUSED && status == ExitStatus.DONE) status = ExitStatus.REFUSED;
        }
        JsonObject s = all.getAsJsonObject("summary");
        if (listingError != null) {
            err.println("lifeline: " + function + ": " + listingError + "; no account was worked on.");
        } else if (status != ExitStatus.DONE || text) {
            err.println("lifeline: " + function + " over " + s.get("accounts").getAsLong() + " accounts: " + s.get("failedAccounts").getAsLong()
                    + " could not be worked on, " + (s.has("applied") ? s.get("applied").getAsLong() : 0) + " applied, "
                    + (s.has("failed") ? s.get("failed").getAsLong() : 0) + " failed changes; the table says which."
                    + (status == ExitStatus.FAILED ? " Running it again is safe: every run plans from the live state." : ""));
        }
        err.flush();
        return status;
    }

    private static String str(JsonObject o, String k) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsString() : "";
    }

    private static String num(JsonObject o, String k) {
        return o.has(k) ? o.get(k).getAsString() : "0";
    }
}
