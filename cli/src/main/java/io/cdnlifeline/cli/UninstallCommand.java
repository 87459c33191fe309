package io.cdnlifeline.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsRecord;
import io.cdnlifeline.cloud.aliyun.AliyunCloud;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.remedy.dns.Marker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * {@code lifeline uninstall}: the plan first; then, confirmed, the automation paused (nothing may act while it is
 * taken away), every domain lifeline changed restored by its own undo function (enable-domain, restore-coverage,
 * dns-to-cdn, run in this process as {@code lifeline invoke} runs them) or, with {@code --keep-changes}, only the
 * markers removed; then a wait until nothing carries a lifeline marker or lock; only then the triggers and the
 * functions are deleted, and after them what {@code lifeline setup} made ({@link TeardownPlanner}; the audit log is kept
 * unless {@code --delete-logs}). A domain that still needs its remediation is a refusal, unless {@code --leave-offline}.
 * {@code --member-of} is the mirror of {@code lifeline setup --member-of}.
 */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = {"Take cdn-lifeline away. Shows the plan; then (confirmed, or --yes) pauses the",
                "automation, restores every domain lifeline changed (each by its own undo",
                "function: enable-domain, restore-coverage, dns-to-cdn), waits until nothing",
                "carries a lifeline marker or lock, deletes the triggers and functions, and then",
                "removes what lifeline setup made: the six rules and the bus, the state bucket's",
                "objects under lifeline/ and the bucket (when nothing else is in it), the policy",
                "(its versions first) and the role. The audit log's project and logstore are",
                "kept unless --delete-logs. --keep-setup removes only the functions.",
                "--keep-changes leaves DNS and coverage as they are and removes only the markers.",
                "--member-of, in a member account: removes the member role once no marker is left there."},
        footer = {"", "Examples:",
                "  lifeline uninstall                       # the plan, then a question",
                "  lifeline uninstall --yes --endpoint http://127.0.0.1:8787",
                "  lifeline uninstall --keep-changes --yes  # sites stay as they are; only the markers go",
                "  lifeline uninstall --leave-offline  # domains still offline keep their remedy",
                "  lifeline uninstall --dry-run        # the plan only",
                "  lifeline uninstall --keep-setup --yes  # only the functions (a reinstall follows)",
                "  lifeline uninstall --delete-logs --yes # the audit log goes too",
                "  lifeline uninstall --member-of 1234567890123456 --profile member --yes",
                "", "Exit status: 0 removed (or a dry run); 1 something could not be restored or removed",
                "(listed; running again is safe); 2 bad usage; 3 refused (a remediation",
                "still needed, or not confirmed): nothing was changed; 4 the cloud or FC",
                "could not be reached or refused the credentials."})
final class UninstallCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.ParentCommand Lifeline lifeline;

    @Mixin CloudOptions cloud;

    @Option(names = {"-y", "--yes"}, description = "Do it without asking (the plan is still printed).")
    boolean yes;

    @Option(names = "--keep-changes", description = "Leave DNS records and coverage as they are; remove only lifeline's markers "
            + "(a record's original remark is put back, lifeline's tags are removed).")
    boolean keepChanges;

    @Option(names = "--leave-offline", description = "Do not refuse while a domain still needs its remediation (still offline, "
            + "account in debt, filing invalid): leave those domains as they are, changes and markers, and restore the rest.")
    boolean leaveOffline;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "960",
            description = "How long to wait for markers and locks to go (runs in flight, 15-minute DNS leases); default ${DEFAULT-VALUE}.")
    int waitSeconds;

    @Option(names = "--verbose", description = "Show the undo functions' audit log on stderr.")
    boolean verbose;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--keep-setup", description = "Remove only the triggers and functions; leave everything lifeline setup made "
            + "(for a reinstall: s deploy works again at once).")
    boolean keepSetup;

    @Option(names = "--keep-logs", description = "Keep the audit log's Log Service project and logstore (the default: the audit log "
            + "is the record of every change lifeline made).")
    boolean keepLogs;

    @Option(names = "--delete-logs", description = "Delete the audit log's logstore and project too (cannot be undone).")
    boolean deleteLogs;

    @Option(names = "--member-of", paramLabel = "ACCOUNT", description = "In a member account, with its credentials: remove the member "
            + "role (and its policy) lifeline setup --member-of made for this central account, once no lifeline marker is left here.")
    String memberOf;

    /** How often the wait looks again; a test may shorten it. */
    static long pollMillis = 5_000;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        PrintWriter out = cmd.getOut();
        PrintWriter err = cmd.getErr();
        if (waitSeconds < 0 || waitSeconds > 86_400) {
            throw new CommandLine.ParameterException(cmd, "--wait must be from 0 to 86400 seconds; got " + waitSeconds);
        }
        if (keepLogs && deleteLogs) throw new CommandLine.ParameterException(cmd, "--keep-logs and --delete-logs contradict each other");
        if (keepSetup && deleteLogs) throw new CommandLine.ParameterException(cmd, "--delete-logs does not go with --keep-setup, which keeps the audit log too");
        if (memberOf != null && (keepChanges || leaveOffline || keepSetup || keepLogs || deleteLogs)) {
            throw new CommandLine.ParameterException(cmd, "--member-of removes only the member role: the other options are the central account's");
        }
        FcSession session = FcSession.open(cmd, lifeline.env(), cloud);
        if (memberOf != null) return uninstallMember(session, out, err);
        if (session.settings.dryRun()) {
            throw new BadSettingsException("uninstall: LIFELINE_DRY_RUN is true, so the undo functions would change nothing and the"
                    + " markers would never go; unset it (nothing was changed)", null);
        }
        Cloud c = AliyunCloud.create(session.settings, () -> session.found.credentials);
        Automation automation = Automation.read(session.fc);
        MarkerScan scan = MarkerScan.read(c);

        // Outside LIFELINE_SCOPE / inside LIFELINE_EXCLUDE the functions never write: what looks like a marker there is
        // not theirs to restore or remove (and their undo would skip it), so it is left alone and not waited for.
        Predicate<MarkerScan.Marked> outOfScope = m -> !session.settings.inScope(m.domain);
        Map<String, String> needed = new LinkedHashMap<>();
        if (!keepChanges) {
            for (MarkerScan.Marked m : scan.marked.values()) {
                if (outOfScope.test(m)) continue;
                String why = scan.stillNeeded(m, c);
                if (why != null) needed.put(m.domain, why);
            }
        }
        Predicate<MarkerScan.Marked> leftAlone = m -> needed.containsKey(m.domain) || outOfScope.test(m);

        // The plan
        out.println("uninstall plan: " + (keepChanges ? "keep every change, remove only lifeline's markers" : "restore every domain lifeline changed")
                + ", then remove the functions");
        out.println("  automation: " + automation.summary() + (automation.deployed() ? " -> paused first: nothing acts while it is taken away" : ""));
        out.println("  domains lifeline changed: " + scan.marked.size() + (scan.marked.isEmpty() ? " (nothing to restore)" : ""));
        for (MarkerScan.Marked m : scan.marked.values()) {
            String action = outOfScope.test(m) ? "outside LIFELINE_SCOPE / LIFELINE_EXCLUDE: not lifeline's to touch, left as it is"
                    : needed.containsKey(m.domain) ? "STILL NEEDED: " + needed.get(m.domain)
                    + (leaveOffline ? " -> left as it is, changes and markers" : "")
                    : keepChanges ? "-> markers removed, changes kept" : "-> " + undoFunctions(m);
            out.println("    " + m.label() + "  " + m.describe() + "  " + action);
        }
        for (String note : scan.notes) out.println("  note: " + note);
        if (session.settings.accounts().configured()) {
            out.println("  note: LIFELINE_ACCOUNTS is set (" + session.settings.accounts() + "): only this account's domains are read and"
                    + " restored here; run `lifeline uninstall --keep-changes` or `--yes` with each member account's credentials"
                    + " (--profile) first: their markers are not seen from here");
        }
        out.println("  then: delete " + automation.triggers().size() + " trigger(s) and " + automation.functions().size()
                + " function(s) at " + automation.fcEndpoint() + (automation.functions().isEmpty() ? "" : " (" + String.join(", ", automation.functions()) + ")"));
        SetupPlan teardown = null;
        Teardown setup = null;
        if (keepSetup) {
            out.println("  the one-time setup's resources are left (--keep-setup): s deploy works again at once");
        } else {
            try {
                setup = Teardown.open(session, lifeline.env(), false, !deleteLogs);
                teardown = setup.plan();
            } catch (CloudException e) {
                out.flush();
                err.println("lifeline: uninstall: could not read what lifeline setup made (" + e + "); nothing was changed."
                        + " Grant the reads, or run with --keep-setup to remove only the functions");
                return ExitStatus.FAILED;
            }
            out.println("  then remove what lifeline setup made in account " + setup.settings.accountId + ": " + removals(teardown.steps().size())
                    + (teardown.unchanged().isEmpty() ? "" : ", " + teardown.unchanged().size() + " kept"));
            for (SetupPlan.Step step : teardown.steps()) out.println("    - " + step.what);
            for (String kept : teardown.unchanged()) out.println("    = " + kept);
            for (String n : teardown.notes()) out.println("    i " + n);
        }
        out.flush();

        if (dryRun) {
            if (!needed.isEmpty() && !leaveOffline) {
                out.println("a real run would refuse: " + needed.size() + " domain(s) still need their remediation (above)");
            }
            out.println("lifeline uninstall: dry run, nothing was changed");
            return ExitStatus.DONE;
        }

        if (!needed.isEmpty() && !leaveOffline) {
            err.println("lifeline: uninstall refused: " + needed.size() + " domain(s) still need their remediation ("
                    + String.join("; ", describeNeeded(needed)) + "). Restoring them now would take their visitors to a CDN that does not"
                    + " serve them. Wait until they are back, or run with --leave-offline to leave them as they are, or --keep-changes."
                    + " Nothing was changed.");
            return ExitStatus.REFUSED;
        }
        if (!yes && !confirmed(out)) {
            err.println("lifeline: uninstall not confirmed: nothing was changed (--yes to skip the question)");
            return ExitStatus.REFUSED;
        }

        // 1. Nothing automatic may act while lifeline is taken away.
        if (automation.deployed()) {
            Automation.PauseRecord record = new Automation.PauseRecord(session.who(null), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    "lifeline uninstall");
            int paused = 0;
            for (Automation.Trigger t : automation.triggers()) {
                if (t.switchable() && t.on && t.paused == null) {
                    session.fc.updateTrigger(t.function, t.name, t.pauseInput(record));
                    paused++;
                }
            }
            out.println("paused: " + paused + " trigger(s) switched off");
        }

        // 2. Restore (or strip the markers), and wait until nothing but what is left alone carries a marker or lock.
        long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
        int round = 0;
        while (true) {
            round++;
            List<MarkerScan.Marked> todo = new ArrayList<>();
            for (MarkerScan.Marked m : scan.marked.values()) if (!leftAlone.test(m)) todo.add(m);
            if (todo.isEmpty()) break;
            if (round > 1) {
                if (System.currentTimeMillis() >= deadline) {
                    err.println("lifeline: uninstall: after " + waitSeconds + " s " + todo.size() + " domain(s) still carry lifeline markers or locks: "
                            + String.join("; ", labels(todo)) + ". The functions were NOT removed (the automation stays paused);"
                            + " running `lifeline uninstall` again is safe.");
                    return ExitStatus.FAILED;
                }
                out.println("waiting: " + todo.size() + " domain(s) still carry markers or locks (" + String.join("; ", labels(todo)) + ")");
                out.flush();
                sleep(pollMillis);
            }
            if (keepChanges) {
                stripMarkers(c, todo, out);
            } else {
                restore(session, todo, out, err);
            }
            scan = MarkerScan.read(c);
        }
        long kept = scan.marked.values().stream().filter(leftAlone).count();
        out.println("no lifeline marker or lock left" + (kept == 0 ? "" : " except on the " + kept + " domain(s) left as they are"));

        // 3. Only now the triggers, then the functions.
        int failed = 0;
        Automation now = Automation.read(session.fc);
        for (Automation.Trigger t : now.triggers()) {
            try {
                session.fc.deleteTrigger(t.function, t.name);
            } catch (FcCallException e) {
                err.println("lifeline: uninstall: " + e.getMessage());
                failed++;
            }
        }
        for (String f : now.functions()) {
            try {
                session.fc.deleteFunction(f);
            } catch (FcCallException e) {
                err.println("lifeline: uninstall: " + e.getMessage());
                failed++;
            }
        }
        out.println("deleted: " + now.triggers().size() + " trigger(s), " + now.functions().size() + " function(s)"
                + (failed > 0 ? " (" + failed + " failed)" : ""));
        if (!needed.isEmpty()) {
            out.println("left as they are (changes and markers kept, so the undo can still be exact once they are back):");
            for (Map.Entry<String, String> e : needed.entrySet()) out.println("  " + e.getKey() + ": " + e.getValue());
            out.println("  restore them later from this machine: lifeline invoke dns-to-cdn --payload '{\"domains\":[...]}'"
                    + " (and restore-coverage / enable-domain likewise)");
        }
        if (teardown != null && failed > 0) {
            out.println("what lifeline setup made is NOT removed: the functions are not all gone (above); run the same command again");
        } else if (teardown != null) {
            int status = apply("lifeline uninstall", teardown, out, err);
            if (status != ExitStatus.DONE) return status;
        }
        if (keepSetup) printSetupLeft(out);
        printMemberRoles(session, out);
        out.flush();
        return failed > 0 ? ExitStatus.FAILED : ExitStatus.DONE;
    }

    /** Applies the removals in order; a refusal stops there: the cloud's code, k of n done, the rest not tried. */
    private static int apply(String command, SetupPlan plan, PrintWriter out, PrintWriter err) {
        if (plan.isEmpty()) {
            out.println("nothing of lifeline setup's left to remove");
            return ExitStatus.DONE;
        }
        out.println("removing what lifeline setup made: " + removals(plan.steps().size()));
        int done = plan.applyInOrder(command, "removals done", out, err);
        if (done < 0) return ExitStatus.FAILED;
        out.println("removed: " + removals(done));
        return ExitStatus.DONE;
    }

    private static String removals(int n) {
        return n + (n == 1 ? " removal" : " removals");
    }

    /**
     * {@code --member-of}: in a member account with its own credentials. Refused while any domain here carries a lifeline
     * marker or lock (without the role the central functions could never undo it); otherwise the member role and its
     * policy, planned, shown, confirmed, removed.
     */
    private int uninstallMember(FcSession session, PrintWriter out, PrintWriter err) {
        Cloud c = AliyunCloud.create(session.settings, () -> session.found.credentials);
        MarkerScan scan = MarkerScan.read(c);
        Teardown member = Teardown.open(session, lifeline.env(), true, true, memberOf);
        SetupPlan plan;
        try {
            plan = member.plan();
        } catch (CloudException e) {
            err.println("lifeline: uninstall --member-of: could not read the member role (" + e + "); nothing was changed");
            return ExitStatus.FAILED;
        }
        out.println("uninstall plan (member account " + member.settings.accountId + " of " + memberOf + "): remove the member role");
        out.println("  domains carrying lifeline markers or locks here: " + scan.marked.size());
        for (MarkerScan.Marked m : scan.marked.values()) out.println("    " + m.label() + "  " + m.describe());
        for (String note : scan.notes) out.println("  note: " + note);
        out.println("  then: " + removals(plan.steps().size()));
        for (SetupPlan.Step step : plan.steps()) out.println("    - " + step.what);
        for (String n : plan.notes()) out.println("    i " + n);
        out.flush();
        if (dryRun) {
            if (!scan.marked.isEmpty()) out.println("a real run would refuse: " + scan.marked.size() + " domain(s) here still carry lifeline markers or locks (above)");
            out.println("lifeline uninstall: dry run, nothing was changed");
            return ExitStatus.DONE;
        }
        if (!scan.marked.isEmpty()) {
            err.println("lifeline: uninstall --member-of refused: " + scan.marked.size() + " domain(s) in this account still carry lifeline markers"
                    + " or locks (" + String.join("; ", labels(new ArrayList<>(scan.marked.values()))) + "). Without the member role the central"
                    + " functions could never undo them. Restore them first (run `lifeline uninstall --keep-setup --yes`, or --keep-changes,"
                    + " with this account's credentials), then run this again. Nothing was changed.");
            return ExitStatus.REFUSED;
        }
        if (plan.isEmpty()) {
            out.println("nothing to remove: the member role is not there");
            return ExitStatus.DONE;
        }
        if (!yes && !confirmed(out)) {
            err.println("lifeline: uninstall not confirmed: nothing was changed (--yes to skip the question)");
            return ExitStatus.REFUSED;
        }
        int status = apply("lifeline uninstall --member-of", plan, out, err);
        out.flush();
        return status;
    }

    /**
     * With LIFELINE_ACCOUNTS: every member account it covers, whether its member role is still there (an AssumeRole
     * with the caller's credentials tells only when the trust admits the caller: otherwise it says it could not tell),
     * and the command that removes it, run in that account.
     */
    private void printMemberRoles(FcSession session, PrintWriter out) {
        if (!session.settings.accounts().configured()) return;
        String central = session.caller == null ? "<this account's id>" : session.caller.accountId();
        io.cdnlifeline.cloud.aliyun.CallPolicy policy = io.cdnlifeline.cloud.aliyun.CallPolicy.defaults();
        io.cdnlifeline.cloud.aliyun.AliyunRoles roles = AliyunCloud.roles(session.settings, () -> session.found.credentials, policy);
        io.cdnlifeline.accounts.AccountRuns runs = new io.cdnlifeline.accounts.AccountRuns(session.settings.accounts(),
                new io.cdnlifeline.accounts.RoleSessions(roles, session.settings.accounts().externalId()), roles,
                cr -> AliyunCloud.create(session.settings, cr, policy), "cli", null);
        out.println("member accounts (LIFELINE_ACCOUNTS=" + session.settings.accounts() + "): their member roles are theirs to remove:");
        List<io.cdnlifeline.accounts.MemberAccount> members;
        try {
            members = runs.resolve(Request.builder().build());
        } catch (CloudException e) {
            out.println("  (could not list them: " + e.code() + ": " + e.getMessage() + ")");
            return;
        }
        for (io.cdnlifeline.accounts.MemberAccount m : members) {
            if (m.isSelf()) continue;
            String verdict;
            try {
                runs.sessions().of(m.roleArn(), io.cdnlifeline.accounts.SessionName.of("uninstall", "cli"), 0).assume();
                verdict = "still holds " + m.roleArn();
            } catch (CloudException e) {
                verdict = "EntityNotExist.Role".equals(e.code()) ? "no member role any more"
                        : "may still hold " + m.roleArn() + " (not assumable from here: " + e.code() + ")";
            }
            out.println("  " + m.id() + ": " + verdict + "; remove it with that account's credentials:"
                    + " lifeline uninstall --member-of " + central + " --profile <its profile> --yes");
        }
    }

    /** The undo functions a domain needs, in the order they run. */
    private static String undoFunctions(MarkerScan.Marked m) {
        List<String> f = new ArrayList<>();
        if (m.disabledByLifeline()) f.add("enable-domain");
        if (m.coverageChanged()) f.add("restore-coverage");
        if (m.dnsChanged()) f.add("dns-to-cdn");
        if (f.isEmpty()) f.add("its lock flags cleared (stale) or waited for (live)");
        return String.join(", then ", f);
    }

    /** enable-domain first (a domain lifeline stopped is started again), then coverage, then DNS back to the CDN. */
    private void restore(FcSession session, List<MarkerScan.Marked> todo, PrintWriter out, PrintWriter err) {
        LocalInvoker invoker = new LocalInvoker(session.settings, session.found.credentials,
                new StderrLogger(verbose ? err : new PrintWriter(Writer.nullWriter())));
        run(invoker, "enable-domain", todo, MarkerScan.Marked::disabledByLifeline, out);
        run(invoker, "restore-coverage", todo, MarkerScan.Marked::coverageChanged, out);
        LocalRun dns = run(invoker, "dns-to-cdn", todo, MarkerScan.Marked::dnsChanged, out);
        // A dns-to-origin that died between adding an origin record and marking it left a record dns-to-cdn cannot
        // tell from a person's. dns-to-origin's next run adopts it (it wrote it: its value is one of the origin's); that
        // run never came because the domain was back first. Finish it for those domains, then undo them.
        List<String> unfinished = skippedFor(dns, "lifeline did not write");
        if (!unfinished.isEmpty()) {
            out.println("  " + String.join(",", unfinished) + ": a dns-to-origin run died before marking a record it added:"
                    + " finishing it, then dns-to-cdn again");
            Request finish = Request.builder().domains(unfinished).when(Condition.ALWAYS).maxChanges(Math.max(50, unfinished.size() * 20))
                    .reason("lifeline uninstall: finish a dns-to-origin run that died").build();
            LocalRun finished = invoker.invoke("dns-to-origin", finish.toString());
            out.println("dns-to-origin " + String.join(",", unfinished) + ": " + summary(finished.report()));
            run(invoker, "dns-to-cdn", todo, m -> unfinished.contains(m.domain), out);
        }
        clearStaleLocks(session, todo, out);
    }

    /** The domains a run skipped with a reason containing {@code why}. */
    private static List<String> skippedFor(LocalRun run, String why) {
        List<String> out = new ArrayList<>();
        JsonElement skipped = run == null ? null : run.report().get("skipped");
        if (skipped == null || !skipped.isJsonArray()) return out;
        for (JsonElement e : skipped.getAsJsonArray()) {
            JsonObject k = e.getAsJsonObject();
            if (k.has("domain") && k.has("why") && k.get("why").getAsString().contains(why) && !out.contains(k.get("domain").getAsString())) {
                out.add(k.get("domain").getAsString());
            }
        }
        return out;
    }

    private static LocalRun run(LocalInvoker invoker, String function, List<MarkerScan.Marked> todo, Predicate<MarkerScan.Marked> which, PrintWriter out) {
        List<String> domains = new ArrayList<>();
        for (MarkerScan.Marked m : todo) if (which.test(m)) domains.add(m.domain);
        if (domains.isEmpty()) return null;
        // remediated: the domains that carry this function's counterpart's marker, named; the guard sized to the plan shown
        Request request = Request.builder().domains(domains).when(Condition.REMEDIATED).maxChanges(Math.max(50, domains.size() * 20))
                .reason("lifeline uninstall").build();
        LocalRun run = invoker.invoke(function, request.toString());
        out.println(function + " " + String.join(",", domains) + ": " + summary(run.report()));
        JsonElement skipped = run.report().get("skipped");
        if (skipped != null && skipped.isJsonArray()) {
            for (JsonElement e : skipped.getAsJsonArray()) {
                JsonObject k = e.getAsJsonObject();
                out.println("  skipped " + (k.has("domain") ? k.get("domain").getAsString() : "?") + ": " + (k.has("why") ? k.get("why").getAsString() : ""));
            }
        }
        out.flush();
        return run;
    }

    /** Lock flags of runs that died (deadline passed) are taken down; live ones are waited for. */
    private void clearStaleLocks(FcSession session, List<MarkerScan.Marked> todo, PrintWriter out) {
        Cloud c = AliyunCloud.create(session.settings, () -> session.found.credentials);
        Instant now = Instant.now();
        for (MarkerScan.Marked m : todo) {
            List<String> stale = new ArrayList<>();
            List<String> live = m.liveLocks(now);
            for (String k : m.tags.keySet()) if (k.startsWith(MarkerScan.LOCK) && !live.contains(k)) stale.add(k);
            if (stale.isEmpty() || m.product == null) continue;
            try {
                c.cdn().untag(m.product, List.of(m.domain), stale);
                out.println("  " + m.domain + ": " + stale.size() + " stale lock flag(s) removed");
            } catch (CloudException e) {
                out.println("  " + m.domain + ": stale lock flags not removed: " + e.getMessage());
            }
        }
    }

    /** --keep-changes: each marked record gets its original remark back; lifeline's tags go (live locks are waited for). */
    private static void stripMarkers(Cloud c, List<MarkerScan.Marked> todo, PrintWriter out) {
        Instant now = Instant.now();
        for (MarkerScan.Marked m : todo) {
            int records = 0;
            List<String> problems = new ArrayList<>();
            for (DnsRecord r : m.records) {
                Marker marker = Marker.parse(r.remark());
                String original = marker == null ? "" : marker.original();
                try {
                    c.dns().setRemark(r.recordId(), original);
                    records++;
                } catch (CloudException e) {
                    problems.add("record " + r.recordId() + ": " + e.getMessage());
                }
            }
            List<String> live = m.liveLocks(now);
            List<String> keys = new ArrayList<>();
            for (String k : m.tags.keySet()) if (!live.contains(k)) keys.add(k);
            if (!keys.isEmpty() && m.product != null) {
                try {
                    c.cdn().untag(m.product, List.of(m.domain), keys);
                } catch (CloudException e) {
                    problems.add("tags: " + e.getMessage());
                }
            }
            out.println("  " + m.domain + ": markers removed from " + records + " record(s)" + (keys.isEmpty() ? "" : ", tags " + String.join(" ", keys))
                    + (live.isEmpty() ? "" : "; " + live.size() + " live lock flag(s) waited for") + (problems.isEmpty() ? "" : "; FAILED: " + String.join("; ", problems)));
        }
        out.flush();
    }

    private static void printSetupLeft(PrintWriter out) {
        out.println("left in the account (--keep-setup): the role and policy cdn-lifeline-fc, the bus cdn-lifeline and its six rules,"
                + " the state bucket cdn-lifeline-<account id>, the log project cdn-lifeline-<account id> with the logstore audit;"
                + " `lifeline uninstall` without --keep-setup removes them (the audit log only with --delete-logs)");
    }

    private boolean confirmed(PrintWriter out) {
        out.print("Proceed? [y/N] ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> describeNeeded(Map<String, String> needed) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : needed.entrySet()) out.add(e.getKey() + ": " + e.getValue());
        return out;
    }

    private static List<String> labels(List<MarkerScan.Marked> todo) {
        List<String> out = new ArrayList<>();
        for (MarkerScan.Marked m : todo) out.add(m.domain + " " + m.describe());
        return out;
    }

    private static String summary(JsonObject report) {
        JsonElement s = report.get("summary");
        if (s == null || !s.isJsonObject()) return "no summary";
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, JsonElement> e : s.getAsJsonObject().entrySet()) {
            if (b.length() > 0) b.append(", ");
            b.append(e.getValue().getAsString()).append(' ').append(e.getKey());
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for markers to go", e);
        }
    }
}
