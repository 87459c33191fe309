package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeError;
import io.cdnlifeline.report.ChangeStatus;

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
                record(s.change().failed(new ChangeError(NOT_ATTEMPTED,
                        "not attempted: an earlier change of this domain failed (" + stoppedBy.code() + ")", null)));
                continue;
            }
            Change outcome = run(s);
            record(outcome);
            if (outcome.status() == ChangeStatus.FAILED) stoppedBy = outcome.error();
        }
    }

    /** Runs one step's write and returns the change with its outcome (not yet recorded). */
    public Change run(Step s) {
        try {
            ChangeStatus st = s.write().run();
            return s.change().with(st == null ? ChangeStatus.APPLIED : st);
        } catch (CloudException e) {
            return s.change().failed(ChangeError.of(e));
        } catch (RuntimeException e) {
            return s.change().failed(new ChangeError("Lifeline.InternalError", e.toString(), null));
        }
    }

    /** Adds a change outcome to the Report and writes its audit line. */
    public void record(Change c) {
        ctx.report().change(c);
        ctx.audit().record(c, ctx.request().source());
    }
}
