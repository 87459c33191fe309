package io.cdnlifeline.detect;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.AccountApi;
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
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the domains a function acts on: the named ones or every domain of the account (paged lists,
 * 500 a page), minus those out of scope, then reads the conditions the selector needs in order of
 * cost (status from the list: free; debt: once per run; markers: batched; ICP: one call per
 * candidate), dropping each domain as soon as its verdict is decided. A condition that cannot be
 * read is UNKNOWN and never selects a domain (fail closed); the read failure is reported.
 */
public final class Detector {
    /** Cheapest first: later conditions are read only for domains still undecided. */
    private static final Condition[] ORDER = {Condition.ALWAYS, Condition.OFFLINE, Condition.ONLINE,
            Condition.IN_DEBT, Condition.REMEDIATED, Condition.ICP_INVALID};

    private final Cloud cloud;
    private final Settings settings;

    public Detector(Cloud cloud, Settings settings) {
        this.cloud = cloud;
        this.settings = settings;
    }

    public Detection detect(Request request, Selector selector, MarkerProbe probe, Report.Builder report) {
        List<AcceleratedDomain> candidates = request.domains().isEmpty()
                ? accountDomains(request, report) : namedDomains(request, report);
        Map<AcceleratedDomain, ConditionState> states = new IdentityHashMap<>();
        for (AcceleratedDomain d : candidates) states.put(d, new ConditionState());

        Set<Condition> needs = selector.needs();
        List<AcceleratedDomain> undecided = new ArrayList<>(candidates);
        java.util.EnumSet<Condition> read = java.util.EnumSet.noneOf(Condition.class);
        for (Condition c : ORDER) {
            if (!needs.contains(c) || undecided.isEmpty()) continue;
            readCondition(c, undecided, states, probe, report);
            read.add(c);
            undecided.removeIf(d -> decided(selector, states.get(d), read));
        }

        List<Target> targets = new ArrayList<>();
        boolean named = !request.domains().isEmpty();
        for (AcceleratedDomain d : candidates) {
            ConditionState s = states.get(d);
            Truth verdict = selector.evaluate(s);
            if (verdict == Truth.TRUE) {
                targets.add(new Target(d, s));
            } else if (verdict == Truth.UNKNOWN) {
                report.skip(new Skip(d.name(), d.product().id(), "not acted on: " + selector.whyUnknown(s)));
            } else if (named) {
                report.skip(new Skip(d.name(), d.product().id(), "conditions not met (" + selector + "): " + describe(s)));
            }
        }
        return new Detection(targets, candidates.size());
    }

    /** True when the terms read so far already fix the selector's verdict. */
    static boolean decided(Selector selector, ConditionState s, Set<Condition> read) {
        boolean all = selector.isConjunction();
        boolean allRead = true;
        for (Selector.Term t : selector.terms()) {
            if (t.condition() == Condition.ALWAYS) {
                if (!all) return true;
                continue;
            }
            if (!read.contains(t.condition())) {
                allRead = false;
                continue;
            }
            Truth v = s.get(t.condition());
            if (v == Truth.UNKNOWN) continue;
            boolean holds = (v == Truth.TRUE) == t.expected();
            if (all && !holds) return true;
            if (!all && holds) return true;
        }
        return allRead;
    }

    private void readCondition(Condition c, List<AcceleratedDomain> domains, Map<AcceleratedDomain, ConditionState> states,
                               MarkerProbe probe, Report.Builder report) {
        switch (c) {
            case ALWAYS:
                break;
            case OFFLINE:
                for (AcceleratedDomain d : domains) states.get(d).set(Condition.OFFLINE, d.isOffline());
                break;
            case ONLINE:
                for (AcceleratedDomain d : domains) states.get(d).set(Condition.ONLINE, d.isOnline());
                break;
            case IN_DEBT:
                readDebt(domains, states, report);
                break;
            case REMEDIATED:
                readMarkers(domains, states, probe, report);
                break;
            case ICP_INVALID:
                readIcp(domains, states, report);
                break;
            default:
                throw new AssertionError(c);
        }
    }

    private void readDebt(List<AcceleratedDomain> domains, Map<AcceleratedDomain, ConditionState> states, Report.Builder report) {
        Boolean inDebt;
        String why = null;
        try {
            inDebt = AccountDebt.read(cloud.account(), products(domains));
        } catch (CloudException e) {
            inDebt = null;
            why = "could not read whether the account is in debt: " + e;
            report.change(readFailure("account", null, "account:debt", e));
        }
        for (AcceleratedDomain d : domains) {
            if (inDebt == null) states.get(d).unknown(Condition.IN_DEBT, why);
            else states.get(d).set(Condition.IN_DEBT, inDebt);
        }
    }

    private void readMarkers(List<AcceleratedDomain> domains, Map<AcceleratedDomain, ConditionState> states,
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

    private void readIcp(List<AcceleratedDomain> domains, Map<AcceleratedDomain, ConditionState> states, Report.Builder report) {
        for (AcceleratedDomain d : domains) {
            ConditionState s = states.get(d);
            if (d.product() == Product.DCDN) {
                report.note("the ICP check (CheckCdnDomainICP) is a CDN API: it is not available for DCDN domains, so icp-invalid is never true for them");
                s.unknown(Condition.ICP_INVALID, "the ICP check is not available for DCDN domains");
                continue;
            }
            String coverage = d.coverage() == null ? "" : d.coverage().toLowerCase(Locale.ROOT);
            if (coverage.equals("overseas")) {
                // No mainland nodes, no filing needed: the filing cannot stop this domain.
                s.set(Condition.ICP_INVALID, false);
                continue;
            }
            try {
                s.set(Condition.ICP_INVALID, !cloud.cdn().icpValid(d.name()));
            } catch (CloudException e) {
                report.change(readFailure(d.name(), d.product(), d.product().id() + ":" + d.name() + "/icp", e));
                s.unknown(Condition.ICP_INVALID, "could not read the ICP filing state: " + e);
            }
        }
    }

    private static Set<Product> products(List<AcceleratedDomain> domains) {
        Set<Product> ps = java.util.EnumSet.noneOf(Product.class);
        for (AcceleratedDomain d : domains) ps.add(d.product());
        return ps;
    }

    /** A read that failed is a failed change, so the handler throws and FC's retry reads again. */
    static Change readFailure(String domain, Product product, String resource, CloudException e) {
        return Change.planned(domain, product == null ? null : product.id(), resource, "read", null, null)
                .failed(ChangeError.of(e));
    }

    private List<AcceleratedDomain> namedDomains(Request request, Report.Builder report) {
        List<AcceleratedDomain> out = new ArrayList<>();
        for (String name : request.domains()) {
            if (!settings.inScope(name)) {
                report.skip(new Skip(name, null, settings.outOfScopeReason(name)));
                continue;
            }
            boolean found = false;
            boolean failed = false;
            for (Product p : request.products()) {
                try {
                    out.add(cloud.cdn().describeDomain(p, name));
                    found = true;
                } catch (CloudException e) {
                    if (isNotFound(e)) continue;
                    failed = true;
                    report.change(readFailure(name, p, p.id() + ":" + name, e));
                }
            }
            if (!found && !failed) {
                report.skip(new Skip(name, null, "not an accelerated domain of this account (looked in " + productList(request.products()) + ")"));
            }
        }
        return out;
    }

    private List<AcceleratedDomain> accountDomains(Request request, Report.Builder report) {
        List<AcceleratedDomain> out = new ArrayList<>();
        for (Product p : request.products()) {
            int page = 1;
            while (true) {
                DomainPage dp;
                try {
                    dp = cloud.cdn().listDomains(p, page, CdnApi.MAX_PAGE_SIZE, null);
                } catch (CloudException e) {
                    report.change(readFailure(p.id() + " domains", p, p.id() + ":domains/page-" + page, e));
                    break;
                }
                for (AcceleratedDomain d : dp.domains()) {
                    if (settings.inScope(d.name())) out.add(d);
                    else report.skip(new Skip(d.name(), p.id(), settings.outOfScopeReason(d.name())));
                }
                if (!dp.hasNext()) break;
                page++;
            }
        }
        return out;
    }

    static boolean isNotFound(CloudException e) {
        String code = e.code() == null ? "" : e.code();
        return code.startsWith("InvalidDomain.NotFound") || code.equals("InvalidDomainName.NoExist") || e.httpStatus() == 404 && !code.startsWith("InvalidAccessKeyId");
    }

    private static String productList(Set<Product> ps) {
        StringBuilder b = new StringBuilder();
        for (Product p : ps) {
            if (b.length() > 0) b.append(" and ");
            b.append(p.id().toUpperCase(Locale.ROOT));
        }
        return b.toString();
    }

    private static String describe(ConditionState s) {
        JsonObject o = new JsonObject();
        for (Map.Entry<Condition, Truth> e : new LinkedHashMap<>(s.values()).entrySet()) {
            o.addProperty(e.getKey().id(), e.getValue().name().toLowerCase(Locale.ROOT));
        }
        return o.toString();
    }
}
