package io.cdnlifeline.watch;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DomainPage;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.detect.AccountDebt;
import io.cdnlifeline.detect.Truth;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.report.Skip;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.run.LifelineFunction;
import io.cdnlifeline.state.StoreException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code watch}: one cheap poll, every minute, for every remedy, turned into the notifications the remedies listen to,
 * published once per transition to the lifeline bus (EventBridge PutEvents). It is detection, not a remedy: it changes
 * nothing in the account; it writes only events and its own memory ({@link WatchLog}).
 * <p>A poll: the paged domain list of every product (status of every domain in scope), the account's debt flags, the
 * ICP check of CDN domains only where it can tell something new (a domain whose status changed, or one last known with an
 * invalid filing), and QueryAccountBalance when LIFELINE_BALANCE_WARN is set. Transitions from the last recorded state:
 * <ul>
 *   <li>a domain online -> offline: {@code DomainOffline}; offline -> online: {@code DomainOnline} (dns-to-origin, dns-to-cdn);</li>
 *   <li>the account paid -> in debt: {@code OverduePayment}; in debt -> paid: {@code PaymentSettled};</li>
 *   <li>a CDN filing found invalid: {@code IcpInvalid}; invalid -> valid: {@code IcpRestored} (CDN only: CheckCdnDomainICP);</li>
 *   <li>spendable balance (available + credit) below the threshold: {@code LowBalance}, again after LIFELINE_NOTIFY_REPEAT
 *       while it stays low, and the people are told (the run's digest).</li>
 * </ul>
 * What is seen for the first time (the first run, a new domain) is recorded, not announced: the remedies' own timers deal
 * with a state that was already there.
 */
public final class WatchFunction implements LifelineFunction {
    /** Domain names in one event: 500 names stay well below EventBridge's 64 KB an event. */
    static final int DOMAINS_PER_EVENT = 500;
    static final String PREFIX = "lifeline:Notification:";

    private final Function<Invocation, WatchPorts> ports;
    private final WatchSettings settings;

    /** @param ports built per invocation (the handler's credentials, the settings' endpoint) */
    public WatchFunction(WatchSettings settings, Function<Invocation, WatchPorts> ports) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    @Override
    public String name() {
        return "watch";
    }

    @Override
    public Report run(Request request, Invocation inv) {
        long started = System.currentTimeMillis();
        WatchPorts p = ports.apply(inv);
        boolean dryRun = inv.settings().dryRun() || request.dryRun() == Boolean.TRUE;
        Report.Builder report = Report.builder(name()).requestId(inv.requestId()).dryRun(dryRun);
        WatchLog log = new WatchLog(p.store(), inv.requestId() == null ? UUID.randomUUID().toString() : inv.requestId(), settings.leaseMillis());
        try {
            watch(inv, p, log, dryRun, report);
        } catch (StoreException e) {
            // Without its memory the watch cannot tell a transition from a state: it publishes nothing, says why, and the
            // remedies' own timers remain the safety net.
            report.skip(new Skip("(watch)", null, "the watch could not read or write its memory in " + p.store().where() + ": "
                    + e.getMessage() + "; nothing was published; the remedies' own timers still run"));
        }
        return report.durationMs(System.currentTimeMillis() - started).build();
    }

    private void watch(Invocation inv, WatchPorts p, WatchLog log, boolean dryRun, Report.Builder report) throws StoreException {
        WatchLog.Latest latest = log.read();
        long now = p.clock().getAsLong();
        WatchLog.Generation last = latest.generation();
        List<JsonObject> carried = new ArrayList<>();
        if (latest.unsent()) {
            if (log.leased(last, now)) {
                report.note("watch: generation " + last.number() + " was recorded " + (now - last.writtenAt()) / 1000
                        + " s ago by a run that may still be publishing it; this run records nothing (the next one looks again)");
                return;
            }
            carried.addAll(last.outbox());
            report.note("watch: generation " + last.number() + " was never marked published (its run ended first): its "
                    + last.outbox().size() + " event(s) are published again, with the same ids");
        }
        Map<String, String> before = last == null ? Map.of() : last.state();
        Map<String, String> after = new TreeMap<>(before);
        Map<String, Set<String>> changed = new LinkedHashMap<>();
        Cloud cloud = inv.cloud();
        int domains = pollDomains(cloud, inv, before, after, changed, report);
        pollDebt(cloud, before, after, changed, report);
        pollIcp(cloud, before, after, changed, report);
        BalanceWarning warning = pollBalance(cloud.account(), before, after, changed, now, report);
        List<JsonObject> events = new ArrayList<>(carried);
        long next = last == null ? 1 : last.number() + 1;
        for (Map.Entry<String, Set<String>> e : changed.entrySet()) {
            events.addAll(events(next, e.getKey(), e.getValue(), warning, now));
        }
        report.note("watch: " + domains + " domain(s) polled; " + describe(changed));
        if (after.equals(before) && events.isEmpty() && last != null) return;
        if (dryRun) {
            report.note("dry run: would record generation " + next + " and publish " + events.size() + " event(s) to " + settings.bus()
                    + "; nothing was written or published");
            return;
        }
        WatchLog.Generation mine = log.commit(last, after, events, now);
        if (mine == null) {
            report.note("watch: another watch run recorded generation " + next + " first; this run publishes nothing (that run does)");
            return;
        }
        if (!events.isEmpty()) {
            try {
                p.publisher().publish(events);
            } catch (CloudException e) {
                report.skip(new Skip("(watch)", null, "EventBridge did not take the watch's " + events.size() + " event(s) for bus "
                        + settings.bus() + ": " + e.code() + " " + e.getMessage() + "; a watch run after "
                        + settings.leaseMillis() / 1000 + " s publishes them again"));
                return;
            }
            for (JsonObject ev : events) {
                report.note("published " + ev.get("type").getAsString() + " " + ev.get("data").getAsJsonObject() + " to " + settings.bus()
                        + " (id " + ev.get("id").getAsString() + ")");
            }
            if (warning != null && changed.containsKey("LowBalance")) {
                report.skip(new Skip("(account)", null, warning.text()));
            }
        }
        log.sent(mine, now);
    }

    /** Every domain in scope of every product, from the paged lists: {@code domain/<product>/<name>} = online | offline. */
    private int pollDomains(Cloud cloud, Invocation inv, Map<String, String> before, Map<String, String> after,
                            Map<String, Set<String>> changed, Report.Builder report) {
        int count = 0;
        for (Product product : Product.values()) {
            String prefix = "domain/" + product.id() + "/";
            Set<String> seen = new HashSet<>();
            try {
                int page = 1;
                while (true) {
                    DomainPage dp = cloud.cdn().listDomains(product, page, product.can().maxPageSize(), null);
                    for (AcceleratedDomain d : dp.domains()) {
                        String name = d.name().toLowerCase(java.util.Locale.ROOT);
                        if (!inv.settings().inScope(name)) continue;
                        seen.add(name);
                        count++;
                        String now = d.isOffline() ? "offline" : d.isOnline() ? "online" : null;
                        if (now == null) continue;  // configuring, checking, ...: not a transition to announce
                        String was = before.get(prefix + name);
                        after.put(prefix + name, now);
                        if (was != null && !was.equals(now)) {
                            changed.computeIfAbsent(now.equals("offline") ? "DomainOffline" : "DomainOnline", k -> new TreeSet<>()).add(name);
                            if (product == Product.CDN) after.put("status-changed/" + name, "yes");
                        }
                    }
                    if (!dp.hasNext()) break;
                    page++;
                }
            } catch (CloudException e) {
                // not activated, not allowed, or down: keep what was known of this product, try again next minute
                report.note("watch: " + product.can().title() + " domains not read (" + e.code() + "); what was known of them is kept");
                continue;
            }
            // domains that are gone are forgotten
            after.keySet().removeIf(k -> k.startsWith(prefix) && !seen.contains(k.substring(prefix.length())));
        }
        return count;
    }

    /** {@code account/debt} = in-debt | paid, from the debt flags (and service locks) dns-to-origin reads; unknown keeps it. */
    private static void pollDebt(Cloud cloud, Map<String, String> before, Map<String, String> after, Map<String, Set<String>> changed,
                                 Report.Builder report) {
        AccountDebt debt = AccountDebt.read(cloud.account(), EnumSet.of(Product.CDN));
        if (debt.inDebt() == Truth.UNKNOWN) {
            report.note("watch: the account's debt could not be read; what was known is kept");
            return;
        }
        String now = debt.inDebt() == Truth.TRUE ? "in-debt" : "paid";
        String was = before.get("account/debt");
        after.put("account/debt", now);
        if (was != null && !was.equals(now)) changed.put(now.equals("in-debt") ? "OverduePayment" : "PaymentSettled", new TreeSet<>());
    }

    /**
     * {@code icp/<name>} = valid | invalid for CDN domains (the only product with an ICP check), checked where it can
     * tell something new: a domain whose status changed in this poll, or one last known invalid (to see it restored).
     */
    private static void pollIcp(Cloud cloud, Map<String, String> before, Map<String, String> after, Map<String, Set<String>> changed,
                                Report.Builder report) {
        Set<String> check = new TreeSet<>();
        for (String k : new ArrayList<>(after.keySet())) {
            if (k.startsWith("status-changed/")) {
                check.add(k.substring("status-changed/".length()));
                after.remove(k);
            } else if (k.startsWith("icp/") && "invalid".equals(after.get(k)) && after.containsKey("domain/cdn/" + k.substring(4))) {
                check.add(k.substring(4));
            }
        }
        after.keySet().removeIf(k -> k.startsWith("icp/") && !after.containsKey("domain/cdn/" + k.substring(4)));
        for (String name : check) {
            boolean valid;
            try {
                valid = cloud.cdn().icpValid(name);
            } catch (CloudException e) {
                report.note("watch: the ICP filing of " + name + " could not be checked (" + e.code() + "); checked again next minute");
                continue;
            }
            String now = valid ? "valid" : "invalid";
            String was = before.get("icp/" + name);
            after.put("icp/" + name, now);
            if (!valid && !"invalid".equals(was)) changed.computeIfAbsent("IcpInvalid", k -> new TreeSet<>()).add(name);
            if (valid && "invalid".equals(was)) changed.computeIfAbsent("IcpRestored", k -> new TreeSet<>()).add(name);
        }
    }

    /** What the balance warning says: the amounts, the threshold and what to do. */
    static final class BalanceWarning {
        final AccountApi.Balance balance;
        final BigDecimal threshold;

        BalanceWarning(AccountApi.Balance balance, BigDecimal threshold) {
            this.balance = balance;
            this.threshold = threshold;
        }

        String text() {
            String c = balance.currency().isEmpty() ? "" : " " + balance.currency();
            return "the account can spend " + balance.spendable().toPlainString() + c + " more (available " + balance.available().toPlainString()
                    + " + credit " + balance.credit().toPlainString() + "), below LIFELINE_BALANCE_WARN " + threshold.toPlainString() + c
                    + ": top up now; when it runs out Alibaba Cloud stops the CDN and DCDN domains for an overdue payment";
        }
    }

    /**
     * {@code balance} = low | ok and {@code balance/warned} = when LowBalance was last published. Low and not warned within
     * LIFELINE_NOTIFY_REPEAT: LowBalance. The warning time is part of the generation, so two runs at once warn once.
     */
    private BalanceWarning pollBalance(AccountApi account, Map<String, String> before, Map<String, String> after,
                                       Map<String, Set<String>> changed, long now, Report.Builder report) {
        if (settings.balanceWarn() == null) {
            after.remove("balance");
            after.remove("balance/warned");
            return null;
        }
        AccountApi.Balance b;
        try {
            b = account.balance();
        } catch (CloudException e) {
            report.note("watch: QueryAccountBalance failed (" + e.code() + "); the balance is read again next minute");
            return null;
        }
        boolean low = b.spendable().compareTo(settings.balanceWarn()) < 0;
        after.put("balance", low ? "low" : "ok");
        if (!low) {
            after.remove("balance/warned");
            return null;
        }
        String warned = before.get("balance/warned");
        long lastWarned = warned == null ? Long.MIN_VALUE : Long.parseLong(warned);
        if (warned != null && now - lastWarned < settings.repeat().toMillis()) return null;
        after.put("balance/warned", Long.toString(now));
        changed.put("LowBalance", new TreeSet<>());
        return new BalanceWarning(b, settings.balanceWarn());
    }

    /** The CloudEvents of one kind of transition: one per 500 domains; ids derived from the generation, kind and part. */
    private List<JsonObject> events(long generation, String kind, Set<String> names, BalanceWarning warning, long now) {
        List<JsonObject> out = new ArrayList<>();
        List<String> all = new ArrayList<>(names);
        int parts = Math.max(1, (all.size() + DOMAINS_PER_EVENT - 1) / DOMAINS_PER_EVENT);
        for (int part = 0; part < parts; part++) {
            JsonObject data = new JsonObject();
            if (!all.isEmpty()) {
                JsonArray d = new JsonArray();
                all.subList(part * DOMAINS_PER_EVENT, Math.min(all.size(), (part + 1) * DOMAINS_PER_EVENT)).forEach(d::add);
                data.add("domains", d);
            }
            if (kind.equals("LowBalance") && warning != null) {
                data.addProperty("available", warning.balance.available().toPlainString());
                data.addProperty("credit", warning.balance.credit().toPlainString());
                data.addProperty("currency", warning.balance.currency());
                data.addProperty("threshold", warning.threshold.toPlainString());
            }
            data.addProperty("reason", reason(kind, warning));
            JsonObject e = new JsonObject();
            e.addProperty("id", UUID.nameUUIDFromBytes((WatchSettings.SOURCE + "/" + generation + "/" + kind + "/" + part)
                    .getBytes(StandardCharsets.UTF_8)).toString());
            e.addProperty("source", WatchSettings.SOURCE);
            e.addProperty("specversion", "1.0");
            e.addProperty("type", PREFIX + kind);
            e.addProperty("subject", "cdn-lifeline");
            e.addProperty("time", Instant.ofEpochMilli(now).toString());
            e.addProperty("datacontenttype", "application/json");
            e.addProperty("aliyuneventbusname", settings.bus());
            e.add("data", data);
            out.add(e);
        }
        return out;
    }

    private static String reason(String kind, BalanceWarning warning) {
        switch (kind) {
            case "DomainOffline": return "the watch saw the domain go offline";
            case "DomainOnline": return "the watch saw the domain online again";
            case "OverduePayment": return "the watch saw the account go into debt";
            case "PaymentSettled": return "the watch saw the account's debt settled";
            case "IcpInvalid": return "the watch found the ICP filing invalid (CheckCdnDomainICP)";
            case "IcpRestored": return "the watch found the ICP filing valid again (CheckCdnDomainICP)";
            case "LowBalance": return warning == null ? "the balance is low" : warning.text();
            default: return "the watch saw " + kind;
        }
    }

    private static String describe(Map<String, Set<String>> changed) {
        if (changed.isEmpty()) return "no transition";
        List<String> parts = new ArrayList<>();
        changed.forEach((k, v) -> parts.add(k + (v.isEmpty() ? "" : " " + v)));
        return "transitions: " + String.join(", ", parts);
    }
}
