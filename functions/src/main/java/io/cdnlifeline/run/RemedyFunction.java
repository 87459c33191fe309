package io.cdnlifeline.run;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.detect.AccountDebt;
import io.cdnlifeline.detect.Detection;
import io.cdnlifeline.detect.Detector;
import io.cdnlifeline.detect.Selector;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.detect.Truth;
import io.cdnlifeline.event.BadInputException;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.remedy.Applier;
import io.cdnlifeline.remedy.Plan;
import io.cdnlifeline.remedy.Remedy;
import io.cdnlifeline.remedy.RunContext;
import io.cdnlifeline.remedy.Step;
import io.cdnlifeline.report.AuditLog;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeError;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Progress;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.report.Skip;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one way through every remedy: Request -> detect -> plan -> guards (max changes, dry run) ->
 * apply -> Report. Plans are computed from live state before anything is written, so a run that
 * crashed half way is completed by the next one, and an oversized run changes nothing.
 */
public final class RemedyFunction implements LifelineFunction {
    private final Remedy remedy;

    public RemedyFunction(Remedy remedy) {
        this.remedy = Objects.requireNonNull(remedy, "remedy");
    }

    @Override
    public String name() {
        return remedy.function();
    }

    public Remedy remedy() {
        return remedy;
    }

    @Override
    public Report run(Request request, Invocation inv) {
        long start = System.nanoTime();
        Report.Builder report = Report.builder(remedy.function()).requestId(inv.requestId());
        // A continuation says so in its Report (and so in its digest): which round of a run that reached its time limit.
        if (request.continuation() != null) report.continues("round " + request.continuation().round());
        AuditLog audit = new AuditLog(inv.log(), remedy.function(), inv.requestId());
        RunContext ctx = new RunContext(inv.cloud(), inv.settings(), request, audit, report, inv.deadlineMillis());
        report.dryRun(ctx.dryRun());

        Selector selector;
        if (request.when().isEmpty()) {
            if (request.domains().isEmpty() && !remedy.allowsAccountWideDefault()) {
                throw new BadInputException(remedy.function() + " acts on every domain of the account unless told otherwise: "
                        + "name the domains (\"domains\") or the conditions (\"when\")");
            }
            selector = request.domains().isEmpty() ? remedy.defaultSelector() : remedy.namedSelector();
        } else {
            selector = Selector.anyOf(request.when());
        }
        audit.info("run " + request + " selecting " + selector + (ctx.dryRun() ? " (dry run)" : ""));

        Progress progress = inv.progress();
        progress.phase("reading the account", 0);
        Detector detector = new Detector(inv.cloud(), inv.settings()).progress(progress);
        Detection detection = detector.detect(request, selector, remedy.markerProbe(ctx), remedy::cannot, report);
        // The detector reports the reads that failed as failed changes; so far they are the report's only changes.
        // They go to the audit trail too: FC's log must say why the handler then throws.
        for (Change c : report.build().changes()) audit.record(c, request.source());
        Round round = Round.of(inv, remedy, request, detection.targets());
        if (round.targets().isEmpty()) return report.durationMs((System.nanoTime() - start) / 1_000_000).build();
        String outage = outageMode(round, detection, detector, ctx);
        if (outage == null) outageUndo(round, detection, detector, ctx);
        if (outage == null) remedy.prepare(round.targets(), ctx);
        try {
            if (outage != null) pipeline(round, ctx, report, progress, outage);
            else planGuardApply(round, detection, detector, ctx, report, progress);
        } finally {
            remedy.finish(ctx);
        }
        round.handOver(inv.continuer(), ctx, remedy.function());
        return report.durationMs((System.nanoTime() - start) / 1_000_000).build();
    }

    private void planGuardApply(Round round, Detection detection, Detector detector, RunContext ctx, Report.Builder report,
                                Progress progress) {
        Request request = ctx.request();
        AuditLog audit = ctx.audit();
        progress.phase("planning", round.targets().size());
        List<Plan> plans = remedy.review(plan(round.targets(), ctx, round, progress), ctx);

        List<Plan> withSteps = new ArrayList<>();
        int steps = 0;
        for (Plan p : plans) {
            if (p.isUnchanged()) {
                for (Change c : p.unchangedChanges()) {
                    report.change(c);
                    audit.record(c, request.source());
                }
            } else if (p.isSkip()) {
                report.skip(new Skip(p.target().name(), p.target().product().id(), p.skipReason()));
            } else {
                withSteps.add(p);
                // Steps that already know they change nothing (state confirmed at plan time) do not count.
                for (Step s : p.steps()) if (s.change().status() == ChangeStatus.PLANNED) steps++;
            }
        }

        int max = ctx.maxChanges();
        int counted = steps > max ? countedAgainstGuard(withSteps, detection, detector, ctx) : steps;
        if (counted > max) {
            report.refused("refused: this run would make " + counted + " changes, more than maxChanges " + max
                    + " (LIFELINE_MAX_CHANGES or the request's maxChanges); nothing was changed");
            recordPlanned(withSteps, report);
            round.refused();
        } else if (ctx.dryRun()) {
            recordPlanned(withSteps, report);
        } else if (!withSteps.isEmpty()) {
            Applier applier = new Applier(ctx, round.stopStartingAt());
            progress.phase("applying", 0);
            remedy.apply(round.applyOrder(withSteps), ctx, applier);
            remedy.afterApply(ctx, applier);
            round.notStarted(applier.notStarted());
        } else {
            // nothing to write, but the bookkeeping of an earlier run may be left (an intent tag on a domain all done)
            remedy.afterApply(ctx, new Applier(ctx, round.stopStartingAt()));
        }
    }

    /**
     * The undo's outage mode (dns-to-cdn after an account-wide outage): the remedy restores in outage mode, this is no dry
     * run, the round has at least {@code LIFELINE_OUTAGE_UNDO_FROM} targets, and the cloud confirms the outage's cause is
     * gone for every target (the debt flags: not in debt; read once, 3 calls, unless the selection read them). The
     * undo keeps its guard (planned whole, then counted): only the order of its writes changes. Otherwise nothing changes.
     */
    private void outageUndo(Round round, Detection detection, Detector detector, RunContext ctx) {
        if (!remedy.restoresInOutageMode() || ctx.dryRun() || round.targets().size() < ctx.settings().outageUndoFrom()) return;
        List<AcceleratedDomain> all = new ArrayList<>();
        for (Target t : detection.targets()) all.add(t.domain());
        AccountDebt debt = null;
        for (Target t : round.targets()) {
            if (!t.conditions().wasRead(Condition.IN_DEBT)) {
                if (debt == null) {
                    int reported = ctx.report().build().changes().size();
                    debt = detector.debt(all, ctx.report());
                    List<Change> changes = ctx.report().build().changes();
                    for (Change c : changes.subList(Math.min(reported, changes.size()), changes.size())) ctx.audit().record(c, ctx.request().source());
                }
                debt.applyTo(t.conditions());
            }
            if (t.conditions().get(Condition.IN_DEBT) != Truth.FALSE) return;
        }
        ctx.report().note("outage mode: the cloud confirms the account is no longer in debt; " + round.targets().size()
                + " domain(s) are switched back under the lifeline:dns restoring tag (50 domains a call), and each record's "
                + "original remark is restored after every visitor-facing write");
        ctx.audit().info("outage mode (undo): " + round.targets().size() + " target(s), not in debt confirmed");
        remedy.outage(ctx);
    }

    /** Targets planned and applied together in outage mode at most: 50 a product, one tag read and one tag write each. */
    static final int OUTAGE_CHUNK = 100;
    /** Chunks planned ahead of the one being applied in outage mode (two at a time, so no chunk's last reads hold up the next). */
    static final int PLAN_AHEAD = 3;

    /**
     * Outage mode (issue 18): the remedy pipelines outages, this is no dry run, the run is larger than maxChanges (so the
     * guard could only let it through for the cause), and the cloud confirms the remedy's account-wide cause for every
     * target (the debt flags: one read of 3 calls). Then no change counts against the guard, and planning need not end
     * before the first write. Returns what confirmed it, or null when this is not an outage-mode run.
     */
    private String outageMode(Round round, Detection detection, Detector detector, RunContext ctx) {
        Condition cause = remedy.accountWideCause();
        if (!remedy.pipelinesOutage() || ctx.dryRun() || cause != Condition.IN_DEBT || round.targets().size() <= ctx.maxChanges()) {
            return null;
        }
        List<AcceleratedDomain> all = new ArrayList<>();
        for (Target t : detection.targets()) all.add(t.domain());
        int reported = ctx.report().build().changes().size();
        AccountDebt debt = detector.debt(all, ctx.report());
        // a debt read that failed is a failed change of the report: FC's log must say why the handler then throws
        List<Change> changes = ctx.report().build().changes();
        for (Change c : changes.subList(Math.min(reported, changes.size()), changes.size())) ctx.audit().record(c, ctx.request().source());
        for (Target t : round.targets()) {
            if (!t.conditions().wasRead(cause)) debt.applyTo(t.conditions());
            if (t.conditions().get(cause) != Truth.TRUE) return null;
        }
        String outageWhy = cause.id() + " account-wide (" + debt.why() + ")";
        ctx.report().note("outage mode: the cloud confirms " + outageWhy + "; " + round.targets().size()
                + " domain(s) are planned and switched chunk by chunk, and each switched record's marker is written after every "
                + "visitor-facing write, under the domain's lifeline:dns intent tag");
        ctx.audit().info("outage mode: " + round.targets().size() + " target(s), " + outageWhy + " confirmed");
        remedy.outage(ctx);
        return outageWhy;
    }

    /**
     * Outage mode: chunk by chunk (the products in turn, as planned otherwise), the next chunk is planned while this one is
     * applied; after the last chunk, the remedy's bookkeeping ({@link Remedy#afterApply}). A chunk not started before the
     * round's time to start new domains is left to the continuation, like the domains the Applier does not start.
     */
    private void pipeline(Round round, RunContext ctx, Report.Builder report, Progress progress, String outageWhy) {
        List<Target> targets = new ArrayList<>();
        for (int i : interleavedByProduct(round.targets())) targets.add(round.targets().get(i));
        // Small chunks first, so that the first visitor-facing writes start after a few plans rather than a whole chunk's.
        List<List<Target>> chunks = new ArrayList<>();
        int size = Math.max(2, ctx.settings().concurrency());
        for (int i = 0; i < targets.size(); i += size, size = Math.min(OUTAGE_CHUNK, size * 2)) {
            chunks.add(targets.subList(i, Math.min(targets.size(), i + size)));
        }
        // The round's bookkeeping after its last start (markers in flight, the untag) needs time of its own before the
        // deadline: stop starting a little earlier than a marker-first round (a twentieth of the time left, at most 2 s).
        long stop = round.stopStartingAt();
        if (stop < Long.MAX_VALUE / 2) stop -= Math.min(2_000, Math.max(0, ctx.deadlineMillis() - System.currentTimeMillis()) / 20);
        Applier applier = new Applier(ctx, stop);
        progress.phase("planning and applying (outage mode)", targets.size());
        ExecutorService ahead = Executors.newFixedThreadPool(2, r -> {
            Thread th = new Thread(r, "lifeline-plan-ahead");
            th.setDaemon(true);
            return th;
        });
        // The remedy's batch reads (tags: 10 calls a second) for every chunk, in order, on their own thread: far ahead
        // of planning, whose pace the detail reads set.
        ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, "lifeline-prefetch");
            th.setDaemon(true);
            return th;
        });
        ExecutorService applyAhead = Executors.newFixedThreadPool(2, r -> {
            Thread th = new Thread(r, "lifeline-apply-chunk");
            th.setDaemon(true);
            return th;
        });
        java.util.ArrayDeque<Future<?>> applying = new java.util.ArrayDeque<>();
        List<Future<?>> prepared = new ArrayList<>();
        for (List<Target> chunk : chunks) prepared.add(prefetch.submit(() -> {
            if (!applier.pastStart()) remedy.prepare(chunk, ctx);
        }));
        int waived = 0;
        try {
            // Planning runs up to PLAN_AHEAD chunks ahead of applying, on its own thread: the detail reads and the updates
            // have their own limits, and neither should wait for the other.
            java.util.ArrayDeque<Future<List<Plan>>> planned = new java.util.ArrayDeque<>();
            int submitted = 0;
            for (; submitted < Math.min(PLAN_AHEAD, chunks.size()); submitted++) {
                List<Target> chunk = chunks.get(submitted);
                Future<?> ready = prepared.get(submitted);
                planned.add(ahead.submit(() -> planChunk(chunk, ready, ctx, round, progress, applier)));
            }
            for (int c = 0; c < chunks.size(); c++) {
                List<Plan> plans;
                try {
                    plans = planned.poll().get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("planning failed unexpectedly", e.getCause());
                }
                if (c > 0 && applier.pastStart()) {
                    // planned ahead, but the round's time to start new domains is over: the continuation plans them again
                    for (int rest = c; rest < chunks.size(); rest++) for (Target t : chunks.get(rest)) applier.leave(t);
                    // The chunks still planning ahead finish their reads in flight instead of being interrupted by the
                    // shutdown below: an interrupted read is a failed read in the Report (the run would fail and FC
                    // retry it), yet these domains are the continuation's. They start no new domain once the applier
                    // is past its start, so this waits for at most one read per planning worker.
                    while (!planned.isEmpty()) {
                        try {
                            planned.poll().get();
                        } catch (ExecutionException e) {
                            throw new IllegalStateException("planning failed unexpectedly", e.getCause());
                        }
                    }
                    break;
                }
                if (submitted < chunks.size()) {
                    List<Target> chunk = chunks.get(submitted);
                    Future<?> ready = prepared.get(submitted++);
                    planned.add(ahead.submit(() -> planChunk(chunk, ready, ctx, round, progress, applier)));
                }
                List<Plan> withSteps = new ArrayList<>();
                for (Plan p : plans) {
                    if (p.isUnchanged()) {
                        for (Change ch : p.unchangedChanges()) {
                            report.change(ch);
                            ctx.audit().record(ch, ctx.request().source());
                        }
                    } else if (p.isSkip()) {
                        report.skip(new Skip(p.target().name(), p.target().product().id(), p.skipReason()));
                    } else {
                        withSteps.add(p);
                        for (Step st : p.steps()) if (st.change().status() == ChangeStatus.PLANNED) waived++;
                    }
                }
                // Two chunks apply at once, so that one chunk's last domains do not hold up the next chunk's first ones.
                if (!withSteps.isEmpty()) applying.add(applyAhead.submit(() -> remedy.apply(withSteps, ctx, applier)));
                while (applying.size() > 1) waitFor(applying.poll());
            }
            while (!applying.isEmpty()) waitFor(applying.poll());
            remedy.afterApply(ctx, applier);
            round.notStarted(applier.notStarted());
            if (waived > 0) {
                report.note("maxChanges " + ctx.maxChanges() + " does not count " + waived + " change(s) of domains the cloud confirms are "
                        + outageWhy + "; it counts the other 0");
                ctx.audit().info("guard: " + waived + " change(s) not counted against maxChanges " + ctx.maxChanges() + ": " + outageWhy);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in outage mode", e);
        } finally {
            ahead.shutdownNow();
            prefetch.shutdownNow();
            applyAhead.shutdownNow();
        }
    }

    private static void waitFor(Future<?> f) throws InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("applying failed unexpectedly", e.getCause());
        }
    }

    /**
     * One chunk of outage mode: the remedy's batch reads for it, its plans, the remedy's review of them, and what must be
     * written before any of them is applied (dns-to-origin's intent tags, 50 domains a call), so that the applying
     * thread finds the chunk ready.
     */
    private List<Plan> planChunk(List<Target> chunk, Future<?> prepared, RunContext ctx, Round round, Progress progress, Applier applier)
            throws InterruptedException {
        if (applier.pastStart()) {
            for (Target t : chunk) applier.leave(t);
            return List.of();
        }
        try {
            prepared.get();
        } catch (ExecutionException e) {
            // best effort, as prepare always is: plan reads what it still lacks
            ctx.audit().info("outage mode: the batch reads before planning failed: " + e.getCause());
        }
        // no new domain once the applier will start none: what is planned after that is thrown away
        return remedy.review(plan(chunk, ctx, round, progress,
                () -> System.currentTimeMillis() >= round.stopStartingAt() || applier.pastStart()), ctx);
    }

    /**
     * The planned changes the maxChanges guard counts: all of them, less those on domains whose remedy's
     * account-wide cause (dns-to-origin: the account is in debt) the cloud confirms in this run. Only called when
     * the run is over the guard, so the debt is read (once per run, if the selection did not read it already)
     * only when it can make a difference. An UNKNOWN debt waives nothing: the guard fails closed.
     */
    private int countedAgainstGuard(List<Plan> withSteps, Detection detection, Detector detector, RunContext ctx) {
        Condition cause = remedy.accountWideCause();
        AccountDebt debt = null;
        if (cause == Condition.IN_DEBT) {
            List<AcceleratedDomain> all = new ArrayList<>();
            for (Target t : detection.targets()) all.add(t.domain());
            debt = detector.debt(all, ctx.report());
        }
        int counted = 0;
        int waived = 0;
        for (Plan p : withSteps) {
            int planned = 0;
            for (Step s : p.steps()) if (s.change().status() == ChangeStatus.PLANNED) planned++;
            if (debt != null && !p.target().conditions().wasRead(Condition.IN_DEBT)) debt.applyTo(p.target().conditions());
            if (cause != null && p.target().conditions().get(cause) == Truth.TRUE) waived += planned;
            else counted += planned;
        }
        if (waived > 0) {
            String why = debt != null ? " (" + debt.why() + ")" : "";
            ctx.report().note("maxChanges " + ctx.maxChanges() + " does not count " + waived + " change(s) of domains the cloud "
                    + "confirms are " + cause.id() + " account-wide" + why + "; it counts the other " + counted);
            ctx.audit().info("guard: " + waived + " change(s) not counted against maxChanges " + ctx.maxChanges()
                    + ": account-wide " + cause.id() + " confirmed" + why);
        }
        return counted;
    }

    private static void recordPlanned(List<Plan> plans, Report.Builder report) {
        for (Plan p : plans) for (Step s : p.steps()) report.change(s.change());
    }

    /**
     * Plans the targets; domains are planned concurrently (reads only), keeping the detection order. A domain is
     * started only before the round's time for planning is over; the ones not started are left to the continuation.
     */
    private List<Plan> plan(List<Target> targets, RunContext ctx, Round round, Progress progress) {
        long planUntil = round.planUntil();
        return plan(targets, ctx, round, progress, () -> System.currentTimeMillis() >= planUntil);
    }

    private List<Plan> plan(List<Target> targets, RunContext ctx, Round round, Progress progress,
                            java.util.function.BooleanSupplier tooLateToStart) {
        List<Plan> out = new ArrayList<>();
        int threads = Math.max(1, Math.min(ctx.settings().concurrency(), targets.size()));
        if (threads <= 1) {
            boolean first = true;
            for (Target t : targets) {
                if (!first && tooLateToStart.getAsBoolean()) {
                    round.notPlanned(t);
                } else {
                    first = false;
                    addPlan(out, planOne(t, ctx, progress));
                }
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "lifeline-plan");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<Plan>> fs = new ArrayList<>(java.util.Collections.nCopies(targets.size(), (Future<Plan>) null));
            // One domain in flight per worker: whether a domain starts is decided when a worker is free for it.
            java.util.concurrent.Semaphore free = new java.util.concurrent.Semaphore(threads);
            boolean first = true;
            for (int i : interleavedByProduct(targets)) {
                Target t = targets.get(i);
                free.acquire();
                // the first domain always starts, so every round makes progress however little time it had
                if (!first && tooLateToStart.getAsBoolean()) {
                    free.release();
                    round.notPlanned(t);
                    continue;
                }
                first = false;
                fs.set(i, pool.submit(() -> {
                    try {
                        return planOne(t, ctx, progress);
                    } finally {
                        free.release();
                    }
                }));
            }
            for (int i = 0; i < targets.size(); i++) {
                if (fs.get(i) == null) continue;
                try {
                    addPlan(out, fs.get(i).get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("planning failed unexpectedly", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while planning", e);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /**
     * The order to plan targets in: the products taken in turn (CDN, DCDN, CDN, ...), each in detection order.
     * A plan's first read is the product's detail API, each with its own QPS limit; the detector lists every
     * CDN domain before the DCDN ones, so in list order the workers would wait on the CDN limit while the DCDN
     * one sat idle (1,000 offline domains: 37 s of detail reads instead of 19 s).
     */
    static List<Integer> interleavedByProduct(List<Target> targets) {
        java.util.Map<io.cdnlifeline.cloud.Product, java.util.ArrayDeque<Integer>> byProduct = new java.util.LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            byProduct.computeIfAbsent(targets.get(i).product(), p -> new java.util.ArrayDeque<>()).add(i);
        }
        List<Integer> order = new ArrayList<>(targets.size());
        while (order.size() < targets.size()) {
            for (java.util.ArrayDeque<Integer> q : byProduct.values()) {
                if (!q.isEmpty()) order.add(q.poll());
            }
        }
        return order;
    }

    /**
     * Plans one domain. When its reads fail, the domain is reported as a failed "read" change (so the
     * handler throws and FC's retry plans again) and no plan is returned.
     */
    private Plan planOne(Target t, RunContext ctx, Progress progress) {
        try {
            return remedy.plan(t, ctx);
        } catch (CloudException e) {
            Change c = Change.planned(t.name(), t.product().id(), t.product().id() + ":" + t.name(), "read", null, null)
                    .failed(ChangeError.of(e));
            ctx.report().change(c);
            ctx.audit().record(c, ctx.request().source());
            return null;
        } finally {
            progress.advance();
        }
    }

    private static void addPlan(List<Plan> out, Plan p) {
        if (p != null) out.add(p);
    }
}
