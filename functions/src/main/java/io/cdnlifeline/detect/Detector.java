package io.cdnlifeline.detect;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DomainPage;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeError;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.report.Skip;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Finds the domains a function acts on: the named ones or every domain of the account, both from the
 * paged domain lists (500 a page; never a detail call per domain just to learn its status), minus those
 * out of scope (checked first: an out-of-scope domain is never read beyond the list; named domains out
 * of scope are not read at all). Named domains found in a list get one detail call each for their
 * origins (enabled flags) and DCDN coverage, which a named run's remedies need. It then reads the
 * conditions the selector needs in order of cost (status from the list: free; debt: once per run;
 * markers: batched; ICP: one call per candidate), dropping each domain as soon as its verdict is decided.
 * A condition that cannot be read is UNKNOWN and never selects a domain (fail closed); the read failure
 * is reported as a failed "read" change, so the handler throws and FC's retry reads again.
 * <p>One Detector serves one run: the account's debt is read at most once.
 */
public final class Detector {
    /** Cheapest first: later conditions are read only for domains still undecided. */
    private static final Condition[] ORDER = {Condition.ALWAYS, Condition.OFFLINE, Condition.ONLINE,
            Condition.IN_DEBT, Condition.REMEDIATED, Condition.ICP_INVALID};
    /** The run-wide note for a product without an ICP check (timers: nothing is acted on by a guess). */
    static String icpNotAvailable(Product p) {
        return "the ICP check (CheckCdnDomainICP) is a CDN API and is not available for " + p.can().title() + " domains:"
                + " icp-invalid is never true for them, and their filing is never proven valid";
    }

    private final Cloud cloud;
    private final Settings settings;
    private AccountDebt debt;
    /** The Request of a run that names its domains: its statement about a filing the cloud cannot check. */
    private volatile Request statement;

    public Detector(Cloud cloud, Settings settings) {
        this.cloud = cloud;
        this.settings = settings;
    }

    public Detection detect(Request request, Selector selector, MarkerProbe probe, Report.Builder report) {
        return detect(request, selector, probe, p -> null, report);
    }

    /**
     * As {@link #detect(Request, Selector, MarkerProbe, Report.Builder)}, but a domain of a product the function cannot act
     * on ({@code cannot} gives the reason, null when it can) is skipped with that reason before any condition is read.
     */
    public Detection detect(Request request, Selector selector, MarkerProbe probe, java.util.function.Function<Product, String> cannot,
                            Report.Builder report) {
        List<AcceleratedDomain> candidates = new ArrayList<>();
        // An account-wide run does not even list a product the function cannot act on: one note says why.
        Set<Product> notListed = EnumSet.noneOf(Product.class);
        if (request.domains().isEmpty()) {
            for (Product p : request.products()) {
                String why = cannot.apply(p);
                if (why == null) continue;
                notListed.add(p);
                report.note(p.id() + " domains not looked at: " + why);
            }
        }
        List<AcceleratedDomain> found = request.domains().isEmpty() ? accountDomains(request, notListed, report) : namedDomains(request, report);
        for (AcceleratedDomain d : found) {
            String why = cannot.apply(d.product());
            if (why == null) candidates.add(d);
            else report.skip(new Skip(d.name(), d.product().id(), why));
        }
        boolean named = !request.domains().isEmpty();
        statement = named ? request : null;
        List<Target> targets = new ArrayList<>();
        for (Assessment a : assess(candidates, selector, probe, report)) {
            AcceleratedDomain d = a.domain();
            if (a.verdict() == Truth.TRUE) {
                targets.add(new Target(d, a.state()));
            } else if (a.verdict() == Truth.UNKNOWN) {
                report.skip(new Skip(d.name(), d.product().id(), "not acted on: " + a.whyUnknown()));
            } else if (named) {
                report.skip(new Skip(d.name(), d.product().id(), "conditions not met (" + selector + "): " + describe(a.state())));
            }
        }
        return new Detection(targets, candidates.size());
    }

    /**
     * The domains in scope: the named ones (looked up in the lists of the request's products) or every
     * domain of those products. Out-of-scope and unknown names are reported as skipped.
     */
    public List<AcceleratedDomain> candidates(Request request, Report.Builder report) {
        return request.domains().isEmpty() ? accountDomains(request, Set.of(), report) : namedDomains(request, report);
    }

    /** Reads, in order of cost, the conditions the selector needs and evaluates it for every candidate. */
    public List<Assessment> assess(List<AcceleratedDomain> candidates, Selector selector, MarkerProbe probe, Report.Builder report) {
        Map<AcceleratedDomain, ConditionState> states = new LinkedHashMap<>();
        for (AcceleratedDomain d : candidates) states.put(d, new ConditionState());
        Set<Condition> needs = selector.needs();
        List<AcceleratedDomain> undecided = new ArrayList<>(candidates);
        for (Condition c : ORDER) {
            if (!needs.contains(c) || undecided.isEmpty()) continue;
            readCondition(c, undecided, candidates, states, selector, probe, report);
            undecided.removeIf(d -> selector.decided(states.get(d)));
        }
        List<Assessment> out = new ArrayList<>();
        for (Map.Entry<AcceleratedDomain, ConditionState> e : states.entrySet()) {
            Truth verdict = selector.evaluate(e.getValue());
            out.add(new Assessment(e.getKey(), e.getValue(), verdict,
                    verdict == Truth.UNKNOWN ? selector.whyUnknown(e.getValue()) : null));
        }
        return out;
    }

    /**
     * The account's debt, read at most once per Detector (one run): asks the services of the candidates'
     * products only. Sources that failed are reported as failed reads, once.
     */
    public synchronized AccountDebt debt(List<AcceleratedDomain> candidates, Report.Builder report) {
        if (debt == null) {
            debt = AccountDebt.read(cloud.account(), products(candidates));
            for (AccountDebt.Failure f : debt.failures()) {
                report.change(readFailure("account", f.product(), "account:debt/" + f.source(), f.error()));
            }
        }
        return debt;
    }

    private void readCondition(Condition c, List<AcceleratedDomain> undecided, List<AcceleratedDomain> all,
                               Map<AcceleratedDomain, ConditionState> states, Selector selector, MarkerProbe probe,
                               Report.Builder report) {
        switch (c) {
            case ALWAYS:
                break;
            case OFFLINE:
                for (AcceleratedDomain d : undecided) states.get(d).set(Condition.OFFLINE, d.isOffline());
                break;
            case ONLINE:
                for (AcceleratedDomain d : undecided) states.get(d).set(Condition.ONLINE, d.isOnline());
                break;
            case IN_DEBT:
                AccountDebt account = debt(all, report);
                for (AcceleratedDomain d : undecided) account.applyTo(states.get(d));
                break;
            case REMEDIATED:
                readMarkers(undecided, states, probe, report);
                break;
            case ICP_INVALID:
                readIcp(undecided, states, selector.negates(Condition.ICP_INVALID), report);
                break;
            default:
                throw new AssertionError(c);
        }
    }

    private static void readMarkers(List<AcceleratedDomain> domains, Map<AcceleratedDomain, ConditionState> states,
                                    MarkerProbe probe, Report.Builder report) {
        for (Product p : Product.values()) {
            List<AcceleratedDomain> ofProduct = new ArrayList<>();
            for (AcceleratedDomain d : domains) if (d.product() == p) ofProduct.add(d);
            if (ofProduct.isEmpty()) continue;
            try {
                Set<String> marked = probe.marked(ofProduct);
                for (AcceleratedDomain d : ofProduct) states.get(d).set(Condition.REMEDIATED, marked.contains(d.name()));
            } catch (CloudException e) {
                report.change(readFailure(p.id() + " domains", p, p.id() + ":markers", e));
                for (AcceleratedDomain d : ofProduct) {
                    states.get(d).unknown(Condition.REMEDIATED, "could not read the lifeline markers: " + e);
                }
            }
        }
    }

    /** True for a coverage that includes mainland China; an unknown coverage is assumed to. */
    public static boolean coversMainland(String coverage) {
        return coverage == null || !"overseas".equals(coverage.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * One CheckCdnDomainICP per CDN candidate whose coverage includes mainland China (run on the
     * LIFELINE_CONCURRENCY pool). An overseas domain is checked only when the selector must prove the
     * filing valid ({@code not icp-invalid}): it is the state of a domain switch-to-overseas moved.
     */
    private void readIcp(List<AcceleratedDomain> domains, Map<AcceleratedDomain, ConditionState> states,
                         boolean mustProveValid, Report.Builder report) {
        List<AcceleratedDomain> toCheck = new ArrayList<>();
        for (AcceleratedDomain d : domains) {
            ConditionState s = states.get(d);
            if (!coversMainland(d.coverage()) && !mustProveValid) {
                s.icpNotChecked("coverage is overseas: the ICP filing was not checked");
            } else if (!d.product().can().checksIcp() && statement != null) {
                // The cloud cannot tell this filing's state; the run that names the domain (a notification, an operator) says it.
                boolean valid = mustProveValid;
                s.icpChecked(valid, coversMainland(d.coverage()));
                report.note("the ICP filing of " + d.name() + " (" + d.product().can().title() + ", which has no ICP check) is taken as "
                        + (valid ? "valid" : "invalid") + " on the statement of " + statement.source()
                        + ", which named the domain; timers, which have no such statement, never act on a guess");
            } else if (!d.product().can().checksIcp()) {
                report.note(icpNotAvailable(d.product()));
                s.unknown(Condition.ICP_INVALID, "the ICP check is not available for " + d.product().can().title() + " domains");
            } else {
                toCheck.add(d);
            }
        }
        forEachConcurrently(toCheck, d -> {
            ConditionState s = states.get(d);
            try {
                s.icpChecked(cloud.cdn().icpValid(d.name()), coversMainland(d.coverage()));
            } catch (CloudException e) {
                report.change(readFailure(d.name(), d.product(), d.product().id() + ":" + d.name() + "/icp", e));
                s.unknown(Condition.ICP_INVALID, "could not read the ICP filing state: " + e);
            }
        });
    }

    private interface Read<T> {
        void run(T item);
    }

    private <T> void forEachConcurrently(List<T> items, Read<T> read) {
        int threads = Math.max(1, Math.min(settings.concurrency(), items.size()));
        if (threads <= 1) {
            for (T d : items) read.run(d);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lifeline-detect");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (T d : items) fs.add(pool.submit(() -> read.run(d)));
            for (Future<?> f : fs) f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a condition read failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading conditions", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Set<Product> products(List<AcceleratedDomain> domains) {
        Set<Product> ps = EnumSet.noneOf(Product.class);
        for (AcceleratedDomain d : domains) ps.add(d.product());
        return ps;
    }

    /** A read that failed is a failed change, so the handler throws and FC's retry reads again. */
    public static Change readFailure(String domain, Product product, String resource, CloudException e) {
        return Change.planned(domain, product == null ? null : product.id(), resource, "read", null, null)
                .failed(ChangeError.of(e));
    }

    /**
     * Named domains, each read with its product's detail API: one call says whether the name is a domain of that
     * product and gives its status, CNAME, coverage and origins with their enabled flag (the lists carry no enabled
     * flag, and the DCDN list no coverage). Products are asked in the Request's order, the next only when the
     * previous does not know the name (a name is a domain of one product at most): a named CDN domain costs one
     * call. A domain whose detail cannot be read is not acted on (fail closed) and the failed read is reported.
     */
    private List<AcceleratedDomain> namedDomains(Request request, Report.Builder report) {
        List<String> inScope = new ArrayList<>();
        for (String name : request.domains()) {
            if (settings.inScope(name)) inScope.add(name);
            else report.skip(new Skip(name, null, settings.outOfScopeReason(name)));
        }
        Map<String, AcceleratedDomain> found = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, String> failed = new java.util.concurrent.ConcurrentHashMap<>();
        forEachConcurrently(inScope, name -> {
            for (Product p : request.products()) {
                try {
                    found.put(name, cloud.cdn().describeDomain(p, name));
                    return;
                } catch (CloudException e) {
                    if (isNotFound(e) || leftOut(request, p, e, report)) continue;
                    report.change(readFailure(name, p, p.id() + ":" + name + "/detail", e));
                    failed.put(name, e.toString());
                    return;
                }
            }
        });
        List<AcceleratedDomain> out = new ArrayList<>();
        for (String name : inScope) {
            AcceleratedDomain d = found.get(name);
            if (d != null) {
                out.add(d);
            } else if (failed.containsKey(name)) {
                report.skip(new Skip(name, null, "not acted on: could not read its configuration: " + failed.get(name)));
            } else {
                report.skip(new Skip(name, null, "not an accelerated domain of this account (looked in "
                        + productList(request.products()) + ")"));
            }
        }
        return out;
    }

    /**
     * True when a product the Request did not name is one the account has not activated, or the function role may not
     * read: the account does not use it (as far as this run can know), so it is left out with one note instead of a
     * failed read. A product the Request named fails as any other read.
     */
    private static boolean leftOut(Request request, Product p, CloudException e, Report.Builder report) {
        String why = unavailable(e);
        if (why == null || request.productsNamed()) return false;
        report.note(p.id() + " left out: " + why + " (" + e.code() + "); name it in \"products\" to have this fail the run instead");
        return true;
    }

    /**
     * Why a product's answer means the account does not use it, or null: not activated ({@code OperationDenied}, VOD's
     * and CDN's "Your account does not open ... service yet"; Live's {@code InvalidIdentity.ServiceDisabled}) or not
     * readable by the role ({@code Forbidden}, {@code Forbidden.RAM}, {@code NoPermission}, a bare HTTP 401).
     */
    static String unavailable(CloudException e) {
        String code = e.code() == null ? "" : e.code();
        if (code.equals("OperationDenied") || code.equals("InvalidIdentity.ServiceDisabled")) return "the account has not activated it";
        // Live answers Forbidden with HTTP 401; the JDK's HTTP client drops the body of a 401 to a streamed POST, so the
        // adapters see only the status (Http401)
        if (code.equals("Forbidden") || code.equals("Forbidden.RAM") || code.equals("NoPermission") || code.equals("Http401")) {
            return "the function role may not read it";
        }
        return null;
    }

    /**
     * The detail APIs' answer for a name that is not a domain of that product: {@code InvalidDomain.NotFound} as
     * documented, and the spellings other CDN operations use for it ("does not belong to you", "does not exist").
     */
    static boolean isNotFound(CloudException e) {
        String code = e.code() == null ? "" : e.code();
        return code.endsWith(".NotFound") && code.startsWith("InvalidDomain") || code.contains("NotBelong") || code.endsWith("NotExist");
    }

    private List<AcceleratedDomain> accountDomains(Request request, Set<Product> notListed, Report.Builder report) {
        // Keyed by product and name: a domain added while we page can shift another onto the next page twice.
        Map<String, AcceleratedDomain> out = new LinkedHashMap<>();
        for (Product p : request.products()) {
            if (notListed.contains(p)) continue;
            int page = 1;
            while (true) {
                DomainPage dp;
                try {
                    dp = cloud.cdn().listDomains(p, page, p.can().maxPageSize(), null);
                } catch (CloudException e) {
                    if (leftOut(request, p, e, report)) break;
                    // The domains of the pages not read are not known, so nothing is done to them.
                    report.change(readFailure(p.id() + " domains", p, p.id() + ":domains/page-" + page, e));
                    break;
                }
                for (AcceleratedDomain d : dp.domains()) {
                    if (settings.inScope(d.name())) out.putIfAbsent(key(d), d);
                    else report.skip(new Skip(d.name(), p.id(), settings.outOfScopeReason(d.name())));
                }
                if (!dp.hasNext()) break;
                page++;
            }
        }
        return new ArrayList<>(out.values());
    }

    private static String key(AcceleratedDomain d) {
        return d.product().id() + ":" + d.name().toLowerCase(Locale.ROOT);
    }

    private static String productList(Set<Product> ps) {
        StringBuilder b = new StringBuilder();
        for (Product p : ps) {
            if (b.length() > 0) b.append(" and ");
            b.append(p.can().title());
        }
        return b.toString();
    }

    private static String describe(ConditionState s) {
        JsonObject o = new JsonObject();
        for (Map.Entry<Condition, Truth> e : s.values().entrySet()) {
            o.addProperty(e.getKey().id(), e.getValue().name().toLowerCase(Locale.ROOT));
        }
        return o.toString();
    }
}
