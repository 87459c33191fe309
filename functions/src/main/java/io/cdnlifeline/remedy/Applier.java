package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeError;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Skip;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs planned steps and records each outcome in the Report and the audit log. Domains run
 * concurrently on a bounded pool (LIFELINE_CONCURRENCY); one domain's steps run in order, and a
 * failed step stops that domain's later steps (they are reported as not attempted).
 * <p>A write the cloud refuses for good ({@link Refusal#isFinal()}: an invalid ICP filing, a blacklisted
 * domain, an account in debt) is reported as a skip that says why, and the domain's later steps are left
 * alone: a failed change would make the handler throw and FC retry an invocation that can only be refused
 * again. The audit log still records the refused attempt with the cloud's code.
 */
public final class Applier {
    /** Error code of a step not attempted because an earlier step of the same domain failed. */
    public static final String NOT_ATTEMPTED = "Lifeline.NotAttempted";

    private final RunContext ctx;
    /** After this time (epoch ms) no new domain is started: the run hands the rest to a continuation. */
    private final long stopStartingAt;
    private final java.util.Set<io.cdnlifeline.detect.Target> notStarted = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The longest a plan (a domain's line) took to apply so far in this run: a busy cloud or machine makes it longer. */
    private final java.util.concurrent.atomic.AtomicLong longestMs = new java.util.concurrent.atomic.AtomicLong();

    public Applier(RunContext ctx) {
        this(ctx, Long.MAX_VALUE);
    }

    /** An applier that starts no new domain after {@code stopStartingAt} (epoch ms); those in flight are finished. */
    public Applier(RunContext ctx, long stopStartingAt) {
        this.ctx = ctx;
        this.stopStartingAt = stopStartingAt;
    }

    /** The domains whose plans were not started because the run's time to start new ones had passed. */
    public java.util.Set<io.cdnlifeline.detect.Target> notStarted() {
        return java.util.Collections.unmodifiableSet(notStarted);
    }

    /**
     * Whether a plan may start: once a domain's first plan started all of its plans do (its lines); a domain not yet
     * started is left for the continuation when the time to start new domains has passed, except the first.
     */
    private boolean mayStart(Plan p, java.util.Set<io.cdnlifeline.detect.Target> started) {
        if (started.contains(p.target())) return true;
        // The first domain always starts, so every round makes progress however little time it had.
        if (notStarted.contains(p.target()) || (!started.isEmpty() && tooLateToStart())) {
            notStarted.add(p.target());
            return false;
        }
        started.add(p.target());
        return true;
    }

    /** True once this run may start no new work (the time to start new domains is over): what is left goes to a continuation. */
    public boolean pastStart() {
        return tooLateToStart();
    }

    /** The domain's work is not finished in this run (e.g. a marker left for later): the continuation takes it whole. */
    public void leave(io.cdnlifeline.detect.Target t) {
        notStarted.add(t);
    }

    /**
     * Past the time to start new domains, or so close to the run's deadline that a domain taking twice the longest
     * one so far would not finish: a domain cut by the deadline would fail half done (the next run completes it, but
     * the Report would say failed).
     */
    private boolean tooLateToStart() {
        if (stopStartingAt == Long.MAX_VALUE) return false;
        long now = System.currentTimeMillis();
        return now >= stopStartingAt || now + 2 * longestMs.get() >= ctx.deadlineMillis();
    }

    /**
     * Applies every plan's steps; domains in parallel, steps of one domain in order. Plans of one domain are
     * consecutive (its lines); after the time to start new domains, the remaining domains are not started.
     */
    public void applyEach(List<Plan> plans) {
        int threads = Math.max(1, Math.min(ctx.settings().concurrency(), plans.size()));
        java.util.Set<io.cdnlifeline.detect.Target> started = new java.util.HashSet<>();
        if (threads == 1) {
            for (Plan p : plans) if (mayStart(p, started)) timed(p);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lifeline-apply");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            // One domain in flight per worker, submitted as workers free up: the decision to start a domain is taken
            // when it can actually start, not when it is queued.
            java.util.concurrent.Semaphore free = new java.util.concurrent.Semaphore(threads);
            for (Plan p : plans) {
                free.acquire();
                if (!mayStart(p, started)) {
                    free.release();
                    continue;
                }
                fs.add(pool.submit(() -> {
                    try {
                        timed(p);
                    } finally {
                        free.release();
                    }
                }));
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a remedy step failed unexpectedly", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying changes", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void timed(Plan p) {
        long start = System.currentTimeMillis();
        applySteps(p.steps());
        longestMs.accumulateAndGet(System.currentTimeMillis() - start, Math::max);
    }

    /** Applies steps in order; after a failure the remaining ones are recorded as not attempted. */
    public void applySteps(List<Step> steps) {
        ChangeError stoppedBy = null;
        for (Step s : steps) {
            if (stoppedBy != null) {
                notAttempted(s, stoppedBy);
                continue;
            }
            Change outcome = run(s);
            if (settle(s, outcome) == Settled.REFUSED) return;
            if (outcome.status() == ChangeStatus.FAILED) stoppedBy = outcome.error();
        }
    }

    /** Runs one step's write and returns the change with its outcome (not yet recorded); known refusals carry their words as the note. */
    public Change run(Step s) {
        try {
            ChangeStatus st = s.write().run();
            return s.change().with(st == null ? ChangeStatus.APPLIED : st);
        } catch (CloudException e) {
            return failed(s, e);
        } catch (RuntimeException e) {
            return s.change().failed(new ChangeError("Lifeline.InternalError", e.toString(), null));
        }
    }

    /** The step's change failed with the cloud's error; a known refusal's words become its note. For batch writes. */
    public Change failed(Step s, CloudException e) {
        Refusal r = s.refusals().find(e.code());
        Change failed = s.change().failed(ChangeError.of(e));
        return r == null ? failed : failed.withNote(r.words());
    }

    /** Records a step as not attempted because an earlier step of its domain failed. For batch writes. */
    public void notAttempted(Step s, ChangeError stoppedBy) {
        record(s.change().failed(new ChangeError(NOT_ATTEMPTED,
                "not attempted: an earlier change of this domain failed (" + stoppedBy.code() + ")", null)));
    }

    /** How an outcome went into the Report. */
    public enum Settled {
        /** Recorded as a change (applied, unchanged or failed). */
        RECORDED,
        /** A final refusal: reported as a skip; the domain's later steps must not run. */
        REFUSED
    }

    /**
     * Puts one step's outcome into the Report: a final refusal of the step's write becomes a skip with the
     * operator's words and the cloud's code (and an audit line of the refused attempt); anything else is recorded.
     */
    public Settled settle(Step s, Change outcome) {
        if (outcome.status() == ChangeStatus.FAILED && outcome.error() != null) {
            Refusal r = s.refusals().find(outcome.error().code());
            if (r != null && r.isFinal()) {
                ChangeError e = outcome.error();
                ctx.report().skip(new Skip(outcome.domain(), outcome.product(), r.words() + " (Alibaba Cloud refused "
                        + outcome.action() + " of " + outcome.resource() + " with " + e.code()
                        + (e.requestId() == null ? "" : ", RequestId " + e.requestId()) + "; retrying will not help until that is fixed)"));
                ctx.audit().record(outcome, ctx.request().source());
                return Settled.REFUSED;
            }
        }
        record(outcome);
        return Settled.RECORDED;
    }

    /** Adds a change outcome to the Report and writes its audit line. */
    public void record(Change c) {
        ctx.report().change(c);
        ctx.audit().record(c, ctx.request().source());
    }
}
