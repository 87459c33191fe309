package io.cdnlifeline.notify;

import io.cdnlifeline.report.AuditLog;
import io.cdnlifeline.report.Report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The notify step after the Report (DESIGN.md: ... -> report -> notify): decides whether the run is worth a
 * message, sends one digest to every configured channel at once, remembers what it told, and returns the Report
 * with a note per channel that failed. It never fails the run: whatever goes wrong here is a note and an audit
 * line, never an exception, so it can neither change the exit status nor start FC's retry. It takes at most
 * LIFELINE_NOTIFY_TIMEOUT (less when FC's time limit is nearer).
 */
public final class Notifier {
    private final NotifySettings settings;
    private final NotifyMemory memory;
    private final Sender sender = new Sender();

    public Notifier(NotifySettings settings) {
        this(settings, null);
    }

    /**
     * @param store where the memory lives when LIFELINE_NOTIFY_MEMORY names no directory (the handler opens
     *              LIFELINE_STATE's store: in FC the OSS bucket); null: this instance
     */
    public Notifier(NotifySettings settings, io.cdnlifeline.state.ObjectStore store) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.memory = settings.memoryFile() != null || store == null ? NotifyMemory.of(settings.memoryFile()) : NotifyMemory.in(store);
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * Tells the channels about a finished run, if it is worth it.
     *
     * @param latestEndMillis when the notify step must be over at the latest (FC's time limit, less a margin)
     * @param log             the function's log sink (the audit trail)
     * @return the Report, with the notify step's notes added when there are any
     */
    public Report afterRun(Report report, RunFacts facts, long latestEndMillis, Consumer<String> log) {
        if (!settings.enabled()) return report;
        AuditLog audit = new AuditLog(log, report.function(), report.requestId());
        List<String> notes = new ArrayList<>();
        try {
            DigestPlanner.Decision decision = DigestPlanner.plan(report, facts, settings.repeat(),
                    report.dryRun() ? java.util.Map.of() : memory.read(report.function()));
            if (decision.digest == null) return report;
            send(decision, report.function(), !report.dryRun(), facts, latestEndMillis, audit, notes);
        } catch (RuntimeException e) {
            String why = "notify: no digest sent (" + e.getClass().getSimpleName() + " while building it); the remediation is not affected";
            notes.add(why);
            audit.info(why);
        }
        if (notes.isEmpty()) return report;
        Report.Builder b = report.toBuilder();
        notes.forEach(b::note);
        return b.build();
    }

    /**
     * The one message of an invocation that ended in an error on FC's last attempt (no Report exists), unless it
     * is bad input a person typed by hand.
     * Errors here are logged and swallowed: the invocation's own error is what FC must see.
     */
    public void afterCrash(String function, String requestId, RuntimeException error, RunFacts facts, long latestEndMillis,
                           Consumer<String> log) {
        if (!settings.enabled() || !facts.lastAttempt()) return;
        // A person who typed a wrong Request sees the error at once; the team's chat hears of bad input only
        // when a trigger delivers it, because then nobody is watching.
        if (error instanceof io.cdnlifeline.event.BadInputException && "manual".equals(facts.trigger())) return;
        AuditLog audit = new AuditLog(log, function, requestId);
        try {
            DigestPlanner.Decision decision = DigestPlanner.crashed(function, requestId, error, facts, settings.repeat(),
                    memory.read(function));
            if (decision.digest != null) send(decision, function, true, facts, latestEndMillis, audit, new ArrayList<>());
        } catch (RuntimeException e) {
            audit.info("notify: no digest sent (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void send(DigestPlanner.Decision decision, String function, boolean remember, RunFacts facts, long latestEndMillis,
                      AuditLog audit, List<String> notes) {
        long budgetMillis = Math.max(0, Math.min(settings.timeout().toMillis(), latestEndMillis - System.currentTimeMillis()));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        List<Delivery> outcomes = deliverAll(decision.digest, deadline);
        List<String> delivered = new ArrayList<>();
        for (Delivery d : outcomes) {
            if (d.delivered) {
                delivered.add(d.channel);
                audit.info("notify: digest delivered to " + d.channel);
            } else {
                String why = "notify: " + d.channel + " did not take the digest: " + d.why + " (" + d.attempts
                        + " attempt(s)); the remediation is not affected";
                notes.add(why);
                audit.info(why);
            }
        }
        if (!delivered.isEmpty()) notes.add("notify: digest sent to " + String.join(", ", delivered));
        if (remember && !delivered.isEmpty() && !decision.told.isEmpty()) {
            try {
                memory.remember(function, decision.told, facts.now().toEpochMilli(), settings.repeat());
            } catch (IOException | RuntimeException e) {
                String why = "notify: could not write what was told to " + memory.where() + " (" + e.getClass().getSimpleName()
                        + "): the same findings may be told again before " + Digest.human(settings.repeat());
                notes.add(why);
                audit.info(why);
            }
        }
    }

    /** Every channel at once (one thread each when there are several); a channel still busy at the deadline failed. */
    private List<Delivery> deliverAll(Digest digest, long deadline) {
        List<Channel> channels = settings.channels();
        List<Delivery> out = new ArrayList<>();
        if (channels.size() == 1) {
            out.add(deliverOne(channels.get(0), digest, deadline));
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(channels.size(), r -> {
            Thread t = new Thread(r, "lifeline-notify");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Delivery>> futures = new ArrayList<>();
            for (Channel c : channels) futures.add(pool.submit(() -> deliverOne(c, digest, deadline)));
            for (int i = 0; i < channels.size(); i++) {
                long left = Math.max(0, deadline - System.nanoTime());
                try {
                    out.add(futures.get(i).get(left, TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    out.add(Delivery.failed(channels.get(i).name(), 1, "no answer within the notify timeout"));
                } catch (ExecutionException e) {
                    out.add(Delivery.failed(channels.get(i).name(), 1, "could not send (" + e.getCause().getClass().getSimpleName() + ")"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.add(Delivery.failed(channels.get(i).name(), 0, "interrupted"));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private Delivery deliverOne(Channel c, Digest digest, long deadline) {
        try {
            return c.deliver(digest, sender, deadline);
        } catch (RuntimeException e) {
            return Delivery.failed(c.name(), 1, "could not send (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The names of the configured channels, for start-up logs. */
    public List<String> channelNames() {
        List<String> names = new ArrayList<>();
        for (Channel c : settings.channels()) names.add(c.name());
        return names;
    }
}
