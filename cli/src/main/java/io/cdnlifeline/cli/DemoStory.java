package io.cdnlifeline.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.notify.NotifySettings;
import io.cdnlifeline.report.TextTable;
import io.cdnlifeline.sandbox.Account;
import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.sandbox.SandboxState;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The demo: an embedded sandbox account, an ICP filing that goes invalid, then an overdue account; the
 * functions run from the repository's sample events and keep the sites reachable; then the causes are
 * fixed and the functions put everything back. Every step prints what changed, before and after, read
 * from the sandbox itself; the last step proves the account is exactly as it began.
 */
final class DemoStory {
    static final String ICP_INVALID = "notification-icp-invalid.json";
    static final String OVERDUE = "notification-overdue-payment.json";
    static final String PAYMENT_SETTLED = "notification-payment-settled.json";
    static final String ICP_RESTORED = "notification-icp-restored.json";
    static final String DOMAIN_STARTED = "actiontrail-start-cdn-domain.json";
    static final String TIMER_INSPECT = "timer-inspect.json";
    static final String TIMER_WATCH = "timer-watch.json";
    private static final String INDENT = "        ";
    private static final int MAX_SKIPS_SHOWN = 4;

    private final PrintWriter out;
    private final PrintWriter log;
    /** What the functions' notify step would have sent to a chat (a preview channel collects it), not yet printed. */
    private final List<String> digests = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean allWell = true;
    private java.nio.file.Path stateDir;
    /** The domains dns-to-origin left on their CDN CNAME because their origin could not serve their visitors. */
    private final Set<String> heldBack = new LinkedHashSet<>();
    /** The demo's domain whose origin is an OSS bucket it is not bound to. */
    static final String HELD_BACK = "img.example.com";

    DemoStory(PrintWriter out, PrintWriter log) {
        this.out = out;
        this.log = log;
    }

    /** Plays the whole story; true when every function did its job and the account ends as it began. */
    boolean play() {
        long start = System.nanoTime();
        String icpEvent = DemoResources.event(ICP_INVALID);
        String victim = firstDomain(icpEvent, ICP_INVALID);
        try (Sandbox sandbox = Sandbox.start(0, DemoResources.seed()); DemoOrigins origins = DemoOrigins.start()) {
            // the account has been through lifeline setup as far as the watch sees it: its notification bus exists
            sandbox.update(s -> s.eventBridge.account(s.accountIdOrDefault()).addBus(s.fc.region, "cdn-lifeline"));
            AccountState initial = AccountState.of(sandbox.stateJson());
            Account paidUp = sandbox.read(s -> copy(s.account));
            Set<String> stoppedForArrears = new LinkedHashSet<>();
            LocalInvoker functions = invoker(sandbox, origins);
            out.println("cdn-lifeline demo: an embedded sandbox at " + sandbox.endpoint() + " plays Alibaba Cloud, with "
                    + initial.domainCount() + " accelerated domains and " + initial.recordCount()
                    + " DNS records; their origins are web servers on this machine. No account, no network.");
            out.println();

            List<Step> steps = new ArrayList<>();
            steps.add(new Step("the account as it begins", () -> {
                showAccount(sandbox);
                // the watch's first minute records the account as it is; it announces nothing
                functions.invoke("watch", DemoResources.event(TIMER_WATCH));
            }));
            steps.add(cloud(sandbox, "Alibaba Cloud finds the ICP filing of " + victim + " invalid and takes the domain offline",
                    s -> {
                        Domain d = s.cdnDomain(victim);
                        d.icp = false;
                        d.status = "offline";
                    }));
            steps.add(watch(sandbox, functions, "its next minute sees the outage first: " + victim
                    + " went offline and CheckCdnDomainICP says its filing is invalid"));
            steps.add(function(sandbox, functions, "switch-to-overseas", published(sandbox, "IcpInvalid"),
                    "the watch's IcpInvalid; coverage without mainland China needs no filing"));
            steps.add(function(sandbox, functions, "dns-to-origin", published(sandbox, "DomainOffline"),
                    "the watch's DomainOffline: " + victim + "'s visitors go to the origin meanwhile (the 5-minute timer would have too)"));
            steps.add(cloud(sandbox, "the account is overdue: Alibaba Cloud takes every accelerated domain offline",
                    s -> {
                        s.account.inDebt = true;
                        s.account.inDebtOverdue = true;
                        s.account.availableAmount = "-42.17";
                        for (List<Domain> ds : List.of(s.cdn, s.dcdn, s.vod, s.live)) {
                            for (Domain d : ds) {
                                if ("online".equals(d.status)) {
                                    stoppedForArrears.add(d.domain);
                                    d.status = "offline";
                                }
                            }
                        }
                    }));
            steps.add(function(sandbox, functions, "dns-to-origin", sample(OVERDUE),
                    "a billing alert publishes OverduePayment: every record on a CDN, DCDN or VOD CNAME goes to its origin"
                            + " (a Live domain has no origin of yours: it waits for the bill), unless the origin cannot serve the"
                            + " site's visitors (" + DemoOrigins.OSS_BUCKET + " is not bound to its domain)"));
            steps.add(new Step("the account during the outage: every site with an origin of its own that can serve it answers from it", () -> {
                showAccount(sandbox);
                List<String> dark = new ArrayList<>(AccountState.of(sandbox.stateJson()).offlineButStillOnTheirCname());
                // an entry reads "img.example.com (default line)"
                dark.removeIf(entry -> heldBack.contains(entry.split(" ")[0]));
                if (!heldBack.isEmpty()) {
                    out.println(INDENT + "held back, origin not ready (LIFELINE_ORIGIN_CHECK=require): " + String.join(", ", heldBack));
                }
                if (!heldBack.contains(HELD_BACK)) {
                    allWell = false;
                    out.println(INDENT + "FAILED: " + HELD_BACK + " should have been held back: its origin bucket is not bound to it");
                }
                if (!dark.isEmpty()) {
                    allWell = false;
                    out.println(INDENT + "FAILED: offline, DNS still on the CDN CNAME: " + String.join(", ", dark));
                }
            }));
            steps.add(inspect(sandbox, functions, "what the inspect function reports: the markers, and which function acts next"));
            steps.add(cloud(sandbox, "the bill is paid: Alibaba Cloud brings back the domains it stopped for arrears",
                    s -> {
                        s.account = copy(paidUp);
                        for (List<Domain> ds : List.of(s.cdn, s.dcdn, s.vod, s.live)) {
                            for (Domain d : ds) {
                                if (stoppedForArrears.contains(d.domain)) d.status = "online";
                            }
                        }
                    }));
            steps.add(function(sandbox, functions, "dns-to-cdn", sample(PAYMENT_SETTLED),
                    "PaymentSettled: records back to the CDN, except " + victim + ", which is still offline"));
            steps.add(cloud(sandbox, "the new ICP filing of " + victim + " is approved (the domain stays offline until someone enables it)",
                    s -> s.cdnDomain(victim).icp = true));
            steps.add(function(sandbox, functions, "restore-coverage", sample(ICP_RESTORED),
                    "IcpRestored: the coverage its tag remembered"));
            String enable = "{\"domains\":[\"" + victim + "\"],\"reason\":\"new filing approved\"}";
            steps.add(function(sandbox, functions, "enable-domain", new Input("--payload '" + enable + "'", enable),
                    "an operator re-enables it, as the filing rules ask"));
            steps.add(function(sandbox, functions, "dns-to-cdn", sample(DOMAIN_STARTED),
                    "ActionTrail reports the start; the last records go back to the CDN"));
            steps.add(new Step("the account as it ends, compared with how it began", () -> compare(initial, sandbox)));

            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                long t = System.nanoTime();
                out.printf("[%2d/%d] %s%n", i + 1, steps.size(), s.title);
                s.action.run();
                out.printf("%s(%d ms)%n%n", INDENT, (System.nanoTime() - t) / 1_000_000);
                out.flush();
            }
        }
        forgetState();
        long ms = (System.nanoTime() - start) / 1_000_000;
        out.println((allWell ? "demo done: the sites stayed reachable and the account is exactly as it began"
                : "demo FAILED: see the steps above") + String.format(" (%.1f s)", ms / 1000.0));
        out.flush();
        return allWell;
    }

    private LocalInvoker invoker(Sandbox sandbox, DemoOrigins origins) {
        // The origin check as deployed (require), with the demo's own origins: on this machine, so allowed here.
        Settings settings = Settings.builder().endpoint(sandbox.endpoint()).originAllow("127.0.0.0/8").originNetwork(origins.network())
                .notifications(NotifySettings.builder().preview(digests::add).state(io.cdnlifeline.state.StateLocation.parse(stateDirectory()))
                        .build()).build();
        CloudCredentials keys = new CloudCredentials(Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET, null);
        return new LocalInvoker(settings, keys, new StderrLogger(log));
    }

    /** The functions' memory (the watch's last state, the notify memory) for this demo only: a fresh temporary directory. */
    private String stateDirectory() {
        try {
            stateDir = java.nio.file.Files.createTempDirectory("lifeline-demo-state");
            return stateDir.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Removes the demo's memory directory: nothing of a demo outlives it. */
    private void forgetState() {
        if (stateDir == null) return;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            log.println("demo: could not remove " + stateDir + ": " + e);
        }
    }

    private Step cloud(Sandbox sandbox, String what, Consumer<SandboxState> change) {
        return new Step("cloud: " + what, () -> {
            AccountState before = AccountState.of(sandbox.stateJson());
            sandbox.update(change);
            sideBySide(AccountState.of(sandbox.stateJson()).changesSince(before));
        });
    }

    /** The newest event of that kind the watch published to the sandbox's bus, as its trigger would deliver it. */
    private static Input published(Sandbox sandbox, String kind) {
        return new Input("--event (the watch's " + kind + ")", null) {
            @Override
            String text() {
                List<JsonObject> events = sandbox.publishedEvents();
                for (int i = events.size() - 1; i >= 0; i--) {
                    if (events.get(i).get("type").getAsString().equals("lifeline:Notification:" + kind)) return events.get(i).toString();
                }
                throw new IllegalStateException("the watch published no " + kind);
            }
        };
    }

    /** The watch's timer run: what it published, read back from the sandbox's event bus; it changes nothing in the account. */
    private Step watch(Sandbox sandbox, LocalInvoker functions, String why) {
        Input input = sample(TIMER_WATCH);
        return new Step("watch " + input.label + "\n" + INDENT + why, () -> {
            AccountState before = AccountState.of(sandbox.stateJson());
            int seen = sandbox.publishedEvents().size();
            LocalRun run = functions.invoke("watch", input.text());
            List<JsonObject> events = sandbox.publishedEvents();
            for (JsonObject e : events.subList(seen, events.size())) {
                JsonObject data = e.getAsJsonObject("data");
                out.println(INDENT + "published to " + e.get("aliyuneventbusname").getAsString() + ": " + e.get("type").getAsString()
                        + (data.has("domains") ? " " + data.get("domains") : "") + " (source " + e.get("source").getAsString() + ")");
            }
            boolean unchanged = AccountState.of(sandbox.stateJson()).changesSince(before).isEmpty();
            if (run.exitStatus() != ExitStatus.DONE || !unchanged || events.size() == seen) {
                allWell = false;
                out.println(INDENT + "FAILED: the watch " + (!unchanged ? "changed the account" : events.size() == seen ? "published nothing"
                        : "exited " + run.exitStatus()));
            }
        });
    }

    private static Input sample(String eventFile) {
        return new Input("--event events/" + eventFile, DemoResources.event(eventFile));
    }

    private Step function(Sandbox sandbox, LocalInvoker functions, String function, Input input, String why) {
        return new Step(function + " " + input.label + "\n" + INDENT + why, () -> {
            AccountState before = AccountState.of(sandbox.stateJson());
            LocalRun run = functions.invoke(function, input.text());
            List<AccountState.ChangedResource> changed = AccountState.of(sandbox.stateJson()).changesSince(before);
            if (changed.isEmpty()) {
                // Every function in this story has something to do: doing nothing is a failure, not a pass.
                allWell = false;
                out.println(INDENT + "FAILED: " + function + " changed nothing");
            } else {
                sideBySide(changed);
            }
            JsonObject report = run.report();
            out.println(INDENT + "report: " + summary(report) + ", exit " + run.exitStatus());
            JsonArray skipped = array(report, "skipped");
            for (JsonElement e : skipped) {
                JsonObject k = e.getAsJsonObject();
                if (k.get("why").getAsString().startsWith("origin not ready")) heldBack.add(k.get("domain").getAsString());
            }
            for (int i = 0; i < Math.min(skipped.size(), MAX_SKIPS_SHOWN); i++) {
                JsonObject k = skipped.get(i).getAsJsonObject();
                out.println(INDENT + "  left alone: " + k.get("domain").getAsString() + ": " + k.get("why").getAsString());
            }
            if (skipped.size() > MAX_SKIPS_SHOWN) {
                out.println(INDENT + "  ... and " + (skipped.size() - MAX_SKIPS_SHOWN) + " more (the Report lists them)");
            }
            for (JsonElement e : array(report, "changes")) {
                JsonObject c = e.getAsJsonObject();
                if (c.has("error")) {
                    out.println(INDENT + "  failed " + c.get("resource").getAsString() + ": " + c.get("error"));
                }
            }
            if (run.exitStatus() != ExitStatus.DONE) {
                allWell = false;
                out.println(INDENT + "FAILED: " + function + " did not complete (exit " + run.exitStatus() + ")");
            }
            printDigests();
        });
    }

    /** The digest the run would send to DingTalk, WeCom, Feishu, Slack (as plain text) — what the team reads at 03:00. */
    private void printDigests() {
        for (String d : digests) {
            out.println(INDENT + "digest it would send to the team's chat:");
            for (String line : d.split("\n")) out.println(INDENT + "  | " + line);
        }
        digests.clear();
    }

    /** The read-only function, as an operator sees it with {@code lifeline inspect}; it must change nothing. */
    private Step inspect(Sandbox sandbox, LocalInvoker functions, String why) {
        Input input = sample(TIMER_INSPECT);
        return new Step("inspect " + input.label + "\n" + INDENT + why, () -> {
            AccountState before = AccountState.of(sandbox.stateJson());
            LocalRun run = functions.invoke("inspect", input.text());
            StringWriter table = new StringWriter();
            ReportPrinter.print(run, OutputFormat.table, new PrintWriter(table));
            for (String line : table.toString().split("\n")) out.println(INDENT + line);
            boolean unchanged = AccountState.of(sandbox.stateJson()).changesSince(before).isEmpty();
            if (run.exitStatus() != ExitStatus.DONE || !unchanged) {
                allWell = false;
                out.println(INDENT + "FAILED: inspect " + (unchanged ? "exited " + run.exitStatus() : "changed the account"));
            }
        });
    }

    private void showAccount(Sandbox sandbox) {
        AccountState now = AccountState.of(sandbox.stateJson());
        out.println(INDENT + "account: " + now.accountLine());
        TextTable t = TextTable.uncut(List.of("DOMAIN", "PRODUCT", "STATUS", "COVERAGE", "ICP", "TAGS", "DNS (LINE TYPE VALUE)"));
        for (List<String> row : now.domainRows()) t.row(row);
        indented(t);
    }

    private void compare(AccountState initial, Sandbox sandbox) {
        AccountState end = AccountState.of(sandbox.stateJson());
        List<String> differences = end.differencesFrom(initial);
        if (differences.isEmpty()) {
            out.println(INDENT + "identical: " + end.domainCount() + " domains (status, coverage, tags, origins), "
                    + end.recordCount() + " DNS records (type, value, TTL, line, status, remark) and the account");
            showAccount(sandbox);
        } else {
            allWell = false;
            out.println(INDENT + "DIFFERENT from the beginning in " + differences.size() + " place(s):");
            for (String d : differences) out.println(INDENT + "  " + d);
        }
    }

    private void sideBySide(List<AccountState.ChangedResource> rows) {
        TextTable t = TextTable.uncut(List.of("RESOURCE", "BEFORE", "AFTER"));
        for (AccountState.ChangedResource r : rows) t.row(List.of(r.resource, r.before, r.after));
        indented(t);
    }

    private void indented(TextTable t) {
        // split again: a cell's own line break starts an indented line too
        for (String line : t.render().split("\n")) out.println(INDENT + line);
    }

    private static String summary(JsonObject report) {
        JsonObject s = report.has("summary") ? report.getAsJsonObject("summary") : new JsonObject();
        return count(s, "applied") + " applied, " + count(s, "unchanged") + " unchanged, "
                + count(s, "skipped") + " skipped, " + count(s, "failed") + " failed";
    }

    private static long count(JsonObject summary, String key) {
        return summary.has(key) ? summary.get(key).getAsLong() : 0;
    }

    private static JsonArray array(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonArray() ? o.getAsJsonArray(key) : new JsonArray();
    }

    /** The domain the sample ICP event names: the demo's story is about that domain. */
    static String firstDomain(String event, String fileName) {
        JsonObject e = JsonParser.parseString(event).getAsJsonObject();
        JsonObject data = e.has("data") && e.get("data").isJsonObject() ? e.getAsJsonObject("data") : new JsonObject();
        JsonArray domains = array(data, "domains");
        if (domains.size() == 0) throw new IllegalStateException("events/" + fileName + " names no domain in data.domains");
        return domains.get(0).getAsString();
    }

    private static Account copy(Account a) {
        Account c = new Account(a.inDebt, a.inDebtOverdue, a.availableAmount);
        c.currency = a.currency;
        return c;
    }

    /** What a function is invoked with: shown as the command line's option, handed over as the event text. */
    private static class Input {
        final String label;
        private final String text;

        Input(String label, String text) {
            this.label = label;
            this.text = text;
        }

        /** The event's text, read when the step runs (an event the watch published in an earlier step). */
        String text() {
            return text;
        }
    }

    /** One numbered step of the story. */
    private static final class Step {
        final String title;
        final Runnable action;

        Step(String title, Runnable action) {
            this.title = title;
            this.action = action;
        }
    }
}
