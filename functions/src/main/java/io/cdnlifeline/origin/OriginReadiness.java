package io.cdnlifeline.origin;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.DnsRecord;
import io.cdnlifeline.cloud.Origin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The origin checks of one run: each domain's check starts as soon as its plan knows what DNS would point at, and runs
 * beside the planning of the other domains, so a run waits for the probes at most about one probe timeout after its
 * last plan (unless more origins time out than {@code LIFELINE_ORIGIN_PROBES} probes can take at once). Reading what the
 * CDN knew and resolving names happen on the same bounded pool; nothing in it blocks on another task.
 */
public final class OriginReadiness implements AutoCloseable {
    private final ReadinessPolicy policy;
    private final OriginProbe probe;
    private final CdnApi cdn;
    private final ThreadPoolExecutor pool;

    public OriginReadiness(ReadinessPolicy policy, OriginProbe probe, CdnApi cdn, int maxInFlight) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.cdn = Objects.requireNonNull(cdn, "cdn");
        this.pool = new ThreadPoolExecutor(maxInFlight, maxInFlight, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "lifeline-origin-probe");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    public ReadinessPolicy policy() { return policy; }

    /**
     * Starts the check of {@code detail}'s origin as DNS would hold it: {@code values} are the record values the switch
     * would write (IP addresses, or one host name for a CNAME).
     */
    public CompletableFuture<Readiness> check(AcceleratedDomain detail, List<String> values) {
        return CompletableFuture.supplyAsync(() -> prepare(detail, values), pool)
                .thenCompose(p -> p.ready != null ? CompletableFuture.completedFuture(p.ready) : probeAll(detail.name(), p));
    }

    /** Waits for a started check until {@code deadlineMillis} (wall clock); a check not done by then is not ready. */
    public static Readiness await(CompletableFuture<Readiness> check, long deadlineMillis) {
        try {
            return check.get(Math.max(1, deadlineMillis - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Readiness.notReady("the origin check did not finish before the run's time limit", List.of(), List.of());
        } catch (ExecutionException e) {
            return Readiness.notReady("the origin check failed: " + e.getCause(), List.of(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Readiness.notReady("the origin check was interrupted", List.of(), List.of());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** What to probe, or the answer already when nothing needs probing (a port DNS cannot express, a private address). */
    private Prepared prepare(AcceleratedDomain detail, List<String> values) {
        String domain = detail.name();
        CdnKnowledge k = CdnKnowledge.read(detail, inUse(detail, values), cdn);
        Prepared p = new Prepared(k);
        List<CdnKnowledge.BackToOrigin> odd = k.unreachablePorts();
        if (!odd.isEmpty()) {
            CdnKnowledge.BackToOrigin b = odd.get(0);
            p.ready = Readiness.notReady("the CDN reached the origin over " + b.scheme() + " on port " + b.port()
                    + ", which DNS cannot express: visitors would arrive on port " + ("https".equals(b.scheme()) ? 443 : 80)
                    + " instead", List.of(), k.assumptions());
            return p;
        }
        List<String> schemes = new ArrayList<>();
        if (k.edgeHttps()) schemes.add("https");
        // With forced HTTPS the edge only ever redirected plain HTTP; visitors who typed http:// need it from the origin
        // too, but a site that forced HTTPS is (by its owner's choice) an HTTPS site: only 443 is required then.
        if (!k.edgeHttps() || !k.forceHttps()) schemes.add("http");
        List<ProbeResult> early = new ArrayList<>();
        for (String value : values) {
            boolean literal = Cidr.isLiteral(value);
            List<InetAddress> addresses;
            try {
                addresses = literal ? List.of(InetAddress.getByName(value)) : probe.network().resolve(value);
            } catch (UnknownHostException e) {
                early.add(ProbeResult.notReady(value, null, 0, "does not resolve", "origin " + value
                        + " does not resolve: visitors of " + domain + " would get a DNS error", 0));
                continue;
            }
            for (InetAddress a : addresses) {
                String shown = literal ? value : value + " (" + a.getHostAddress() + ")";
                String unreachable = policy.unreachable(a);
                if (unreachable != null) {
                    early.add(ProbeResult.notReady(shown, null, 0, unreachable.replaceFirst("^an? ", ""), "origin " + shown + " is "
                            + unreachable + ": visitors on the Internet cannot reach it (LIFELINE_ORIGIN_ALLOW lists the ranges to accept)", 0));
                    continue;
                }
                for (String scheme : schemes) p.probes.add(new Probe(shown, a, scheme));
            }
        }
        p.early = early;
        if (p.probes.isEmpty()) p.ready = combine(k, domain, early);
        return p;
    }

    private CompletableFuture<Readiness> probeAll(String domain, Prepared p) {
        List<CompletableFuture<ProbeResult>> running = new ArrayList<>();
        for (Probe x : p.probes) running.add(CompletableFuture.supplyAsync(() -> probe.probe(domain, x.shown, x.address, x.scheme), pool));
        return CompletableFuture.allOf(running.toArray(new CompletableFuture[0])).thenApply(v -> {
            List<ProbeResult> all = new ArrayList<>(p.early);
            for (CompletableFuture<ProbeResult> f : running) all.add(f.join());
            return combine(p.knowledge, domain, all);
        });
    }

    /** Ready when every probe is: visitors are spread over every address DNS holds. */
    private static Readiness combine(CdnKnowledge k, String domain, List<ProbeResult> results) {
        for (ProbeResult r : results) {
            if (r.isReady()) continue;
            return Readiness.notReady(r.why() + hint(k, domain, r), results, k.assumptions());
        }
        return new Readiness(true, null, results, k.assumptions());
    }

    /** What the CDN knew that explains a failure: it fetched over HTTP only, or sent another Host. */
    private static String hint(CdnKnowledge k, String domain, ProbeResult r) {
        if ("https".equals(r.scheme()) && !k.fetchedOverHttps()) return " (the CDN fetched from this origin over HTTP only)";
        if (r.scheme() != null && k.originHost() != null && !k.originHost().equalsIgnoreCase(domain)
                && r.outcome().matches("\\d{3}.*")) {
            return " (the CDN sent it Host: " + k.originHost() + ")";
        }
        return "";
    }

    /** The domain's origins that the values come from (their ports say how the CDN reached them). */
    private static List<Origin> inUse(AcceleratedDomain detail, List<String> values) {
        List<Origin> out = new ArrayList<>();
        for (Origin o : detail.origins()) {
            if (!o.enabled()) continue;
            String c = DnsRecord.normalizeHost(o.content().trim()).toLowerCase(Locale.ROOT);
            for (String v : values) {
                if (DnsRecord.normalizeHost(v).toLowerCase(Locale.ROOT).equals(c)) {
                    out.add(o);
                    break;
                }
            }
        }
        return out;
    }

    private static final class Probe {
        final String shown;
        final InetAddress address;
        final String scheme;

        Probe(String shown, InetAddress address, String scheme) {
            this.shown = shown;
            this.address = address;
            this.scheme = scheme;
        }
    }

    private static final class Prepared {
        final CdnKnowledge knowledge;
        final List<Probe> probes = new ArrayList<>();
        List<ProbeResult> early = List.of();
        Readiness ready;

        Prepared(CdnKnowledge knowledge) {
            this.knowledge = knowledge;
        }
    }
}
