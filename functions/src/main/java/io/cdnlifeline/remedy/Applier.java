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

    public Applier(RunContext ctx) {
        this.ctx = ctx;
    }

    /** Applies every plan's steps; domains in parallel, steps of one domain in order. */
    public void applyEach(List<Plan> plans) {
        int threads = Math.max(1, Math.min(ctx.settings().concurrency(), plans.size()));
        if (threads == 1) {
            for (Plan p : plans) applySteps(p.steps());
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lifeline-apply");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (Plan p : plans) fs.add(pool.submit(() -> applySteps(p.steps())));
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
