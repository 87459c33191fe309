package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.remedy.dns.DeferredMark;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeError;
import io.cdnlifeline.report.ChangeStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * dns-to-origin's intent tag of outage mode (issue 18), per run: {@code lifeline:dns=<epoch ms>} on a CDN/DCDN domain
 * says "dns-to-origin may have switched records of this domain whose marker is not written yet". It is written (50
 * domains a call) before the domain's first visitor-facing write, and removed once every record the run switched
 * carries its marker. While it is on, an unmarked record at one of the domain's origin values, where the CDN CNAME was,
 * is lifeline's: dns-to-origin adopts it (writes its marker), dns-to-cdn leaves it alone while the tag is younger than
 * the lease and restores it once older. The markers themselves are the ones of docs/dns-remedies.md.
 * <p>
 * dns-to-cdn's counterpart ({@link #restoring}): {@code lifeline:dns=restoring.<epoch ms>}, written in outage mode
 * before the domain's first update back, says "dns-to-cdn is switching this domain back: a switched marker on a record
 * that already is the CDN CNAME is its restore half done". The deferred writes are then the original remarks, and the
 * tag comes off once every record is restored. dns-to-origin leaves a domain under a young one alone and takes over an
 * older one (docs/reliability.md, "The undo in outage mode").
 */
final class DnsIntent {
    static final String KEY = "lifeline:dns";
    /** The undo's value of the tag: {@code lifeline:dns=restoring.<epoch ms>} (dns-to-cdn in outage mode). */
    static final String RESTORING = "restoring.";

    private volatile boolean outage;
    private volatile boolean restoring;
    private final Set<Target> tagged = ConcurrentHashMap.newKeySet();
    private final Set<Target> known = ConcurrentHashMap.newKeySet();
    private final Set<Target> toTag = ConcurrentHashMap.newKeySet();
    private final Set<Target> keep = ConcurrentHashMap.newKeySet();
    private final Map<Target, Integer> order = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final List<DeferredMark> marks = new ArrayList<>();

    private DnsIntent() {
    }

    static DnsIntent of(RunContext ctx) {
        try {
            return ctx.once("remedy:dns-intent", DnsIntent::new);
        } catch (CloudException e) {
            throw new IllegalStateException("creating the run's intent state makes no call", e);
        }
    }

    /** Outage mode: switches write their marker after the run's visitor-facing writes, under the intent tag. */
    void outage(boolean on) { outage = on; }

    boolean outage() { return outage; }

    /** This run is dns-to-cdn's: the tag it writes is the restoring one, and its deferred writes are the original remarks. */
    void restoring(boolean on) { restoring = on; }

    boolean restoring() { return restoring; }

    /** The domain carries dns-to-origin's switch tag ({@code lifeline:dns=<epoch ms>} or any value but the undo's). */
    static boolean switchTagged(Map<String, String> tags) {
        String v = tags.get(KEY);
        return v != null && !v.startsWith(RESTORING);
    }

    /** The domain carries dns-to-cdn's restoring tag ({@code lifeline:dns=restoring.<epoch ms>}). */
    static boolean restoringTagged(Map<String, String> tags) {
        String v = tags.get(KEY);
        return v != null && v.startsWith(RESTORING);
    }

    /** When the restoring tag was written; null when there is none or its time is not one we wrote (taken as dead). */
    static Instant restoringTime(Map<String, String> tags) {
        if (!restoringTagged(tags)) return null;
        return TagIntent.time(Map.of(KEY, tags.get(KEY).substring(RESTORING.length())), KEY);
    }

    /** The domain carries the intent tag (as read in this run). */
    void known(Target t) { known.add(t); }

    /** The domain is written by this run under the intent tag: tagged (again, with now) before its first write. */
    void needsTag(Target t) { toTag.add(t); }

    /** The tag must stay when this run ends (a line was left alone because of it, or its marker is not written). */
    void keep(Target t) { keep.add(t); }

    synchronized void defer(DeferredMark m) { marks.add(m); }

    static Instant time(Map<String, String> tags) {
        return TagIntent.time(tags, KEY);
    }

    /**
     * Before applying {@code plans} (in this order): the intent tag on those that need it, 50 a call per product. A
     * batch the cloud refuses is reported as failed and its plans are not applied (nothing of them written).
     */
    List<Plan> tagBefore(List<Plan> plans, RunContext ctx, Applier applier) {
        Map<Product, List<Target>> byProduct = new EnumMap<>(Product.class);
        for (Plan p : plans) {
            order.putIfAbsent(p.target(), next.getAndIncrement());
            if (toTag.contains(p.target()) && !tagged.contains(p.target())) {
                List<Target> ts = byProduct.computeIfAbsent(p.target().product(), k -> new ArrayList<>());
                if (!ts.contains(p.target())) ts.add(p.target());
            }
        }
        Set<Target> refused = new HashSet<>();
        String stamp = (restoring ? RESTORING : "") + TagIntent.stamp(MarkerLease.now());
        for (Map.Entry<Product, List<Target>> e : byProduct.entrySet()) {
            for (List<Target> batch : batches(e.getValue())) {
                try {
                    ctx.cloud().cdn().tag(e.getKey(), names(batch), Map.of(KEY, stamp));
                    tagged.addAll(batch);
                } catch (CloudException ex) {
                    refused.addAll(batch);
                    for (Target t : batch) {
                        applier.record(Change.planned(t.name(), t.product().id(), t.product().id() + ":" + t.name(), "tag", null, null)
                                .failed(ChangeError.of(ex)).withNote("the lifeline:dns intent tag could not be written, so none of this "
                                        + "domain's records were " + (restoring ? "switched back" : "switched") + "; the next run tries again"));
                        keep.add(t);
                    }
                }
            }
        }
        if (refused.isEmpty()) return plans;
        List<Plan> out = new ArrayList<>();
        for (Plan p : plans) if (!refused.contains(p.target())) out.add(p);
        return out;
    }

    /**
     * After every visitor-facing write of the run: the deferred markers in the order the domains were applied, until
     * the run's time to start new work is over (the domains whose markers were not all written are left to the
     * continuation, with their tag); then the tag comes off every domain that no longer needs it.
     */
    void finish(RunContext ctx, Applier applier) {
        List<DeferredMark> todo;
        synchronized (this) {
            todo = new ArrayList<>(marks);
            marks.clear();
        }
        todo.sort(Comparator.comparingInt(m -> order.getOrDefault(m.target(), Integer.MAX_VALUE)));
        writeMarks(todo, ctx, applier);
        untag(ctx, applier);
    }

    private void writeMarks(List<DeferredMark> todo, RunContext ctx, Applier applier) {
        if (todo.isEmpty()) return;
        ctx.audit().info(restoring
                ? "outage mode: restoring the original remark of " + todo.size() + " record(s) switched back under the lifeline:dns restoring tag"
                : "outage mode: writing " + todo.size() + " marker(s) of records switched under the lifeline:dns intent tag");
        int threads = Math.max(1, Math.min(ctx.settings().concurrency(), todo.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lifeline-mark");
            t.setDaemon(true);
            return t;
        });
        Set<Target> failed = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> fs = new ArrayList<>();
            Semaphore free = new Semaphore(threads);
            boolean stopped = false;
            for (DeferredMark m : todo) {
                free.acquire();
                // the first marker is always written, so that every round moves the continuation's cursor on
                if (!fs.isEmpty() && (stopped || applier.pastStart())) {
                    // left to the next round, which adopts the record under the tag (the domain is handed over whole)
                    free.release();
                    stopped = true;
                    keep.add(m.target());
                    applier.leave(m.target());
                    continue;
                }
                fs.add(pool.submit(() -> {
                    try {
                        m.write(ctx.cloud().dns());
                    } catch (CloudException e) {
                        failed.add(m.target());
                        keep.add(m.target());
                        applier.record(markFailed(m, ChangeError.of(e)));
                    } catch (RuntimeException e) {
                        failed.add(m.target());
                        keep.add(m.target());
                        applier.record(markFailed(m, new ChangeError("Lifeline.InternalError", e.toString(), null)));
                    } finally {
                        free.release();
                    }
                }));
            }
            for (Future<?> f : fs) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing markers", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("writing a marker failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Change markFailed(DeferredMark m, ChangeError why) {
        Change c = m.switchStep().change();
        if (m.restores()) {
            return Change.planned(c.domain(), c.product(), c.resource(), "unmark", c.before(), c.after()).failed(why)
                    .withNote("switched back to the CDN CNAME, but its original remark was not restored: the domain keeps its "
                            + "lifeline:dns restoring tag and the next run restores the remark");
        }
        return Change.planned(c.domain(), c.product(), c.resource(), "mark", c.before(), c.after()).failed(why)
                .withNote("switched, but its lifeline: marker was not written: the domain keeps its lifeline:dns intent tag and the next run marks it");
    }

    /** The tag off the domains tagged by this run or found tagged, unless one of their changes failed or they must keep it. */
    private void untag(RunContext ctx, Applier applier) {
        Set<String> failedDomains = new HashSet<>();
        for (Change c : ctx.report().build().changes()) {
            if (c.status() == ChangeStatus.FAILED) failedDomains.add(c.product() + " " + c.domain());
        }
        Map<Product, List<Target>> byProduct = new EnumMap<>(Product.class);
        Map<Target, Boolean> all = new LinkedHashMap<>();
        for (Target t : tagged) all.put(t, false);
        for (Target t : known) all.put(t, true);
        for (Map.Entry<Target, Boolean> e : all.entrySet()) {
            Target t = e.getKey();
            if (keep.contains(t) || failedDomains.contains(t.product().id() + " " + t.name())) continue;
            // a domain found tagged but not handled by this round keeps its tag for the round that handles it
            if (applier.notStarted().contains(t) && known.contains(t)) continue;
            byProduct.computeIfAbsent(t.product(), k -> new ArrayList<>()).add(t);
        }
        for (Map.Entry<Product, List<Target>> e : byProduct.entrySet()) {
            for (List<Target> batch : batches(e.getValue())) {
                try {
                    ctx.cloud().cdn().untag(e.getKey(), names(batch), List.of(KEY));
                    for (Target t : batch) {
                        if (!tagged.contains(t)) {
                            // only found tagged (an earlier run's): its removal is this run's change of the domain
                            applier.record(Change.planned(t.name(), t.product().id(), t.product().id() + ":" + t.name(), "untag", null, null)
                                    .with(ChangeStatus.APPLIED).withNote(restoring
                                            ? "removes the lifeline:dns tag an earlier run left: every record of the domain is restored"
                                            : "removes the lifeline:dns intent tag an earlier dns-to-origin run left: "
                                            + "every record it switched carries its marker"));
                        }
                    }
                } catch (CloudException ex) {
                    // Reported as failed, so that FC's retry (outage mode reads every target's tags) removes it: a tag left on
                    // would keep dns-to-cdn from undoing the domain's unmarked switches until the lease is over.
                    for (Target t : batch) {
                        applier.record(Change.planned(t.name(), t.product().id(), t.product().id() + ":" + t.name(), "untag", null, null)
                                .failed(ChangeError.of(ex)).withNote("the lifeline:dns intent tag could not be removed: every record is "
                                        + (restoring ? "restored" : "marked") + ", and the next run removes the tag"));
                    }
                }
            }
        }
    }

    private static List<List<Target>> batches(List<Target> ts) {
        List<List<Target>> out = new ArrayList<>();
        for (int i = 0; i < ts.size(); i += CdnApi.BATCH) out.add(ts.subList(i, Math.min(ts.size(), i + CdnApi.BATCH)));
        return out;
    }

    private static List<String> names(Collection<Target> ts) {
        List<String> out = new ArrayList<>();
        for (Target t : ts) out.add(t.name());
        return out;
    }
}
