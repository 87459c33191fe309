package io.cdnlifeline.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsRecord;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.cloud.ReadOnlyCloud;
import io.cdnlifeline.detect.AccountDebt;
import io.cdnlifeline.detect.Assessment;
import io.cdnlifeline.detect.ConditionState;
import io.cdnlifeline.detect.Detector;
import io.cdnlifeline.detect.Selector;
import io.cdnlifeline.detect.Truth;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.remedy.Remedy;
import io.cdnlifeline.remedy.dns.DnsHost;
import io.cdnlifeline.remedy.dns.DnsReads;
import io.cdnlifeline.remedy.RunContext;
import io.cdnlifeline.report.AuditLog;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * inspect: a read-only view of every domain in scope, one row per domain in {@link Report#domains()}:
 * product, status, coverage, ICP filing, account debt, where the DNS records of its host point now
 * (its CDN CNAME, one of its origins, something else, no record, or a zone the account does not hold),
 * the {@code lifeline:} markers it carries, and the remedies a timer would apply next.
 * <p>"Next" is not guessed: each timer remedy's own default selector and marker probe are run through
 * the same {@link Detector} the timers use, over a {@link ReadOnlyCloud} snapshot, so the answer is
 * what the timer would select, and inspect can never write.
 */
public final class InspectFunction implements LifelineFunction {
    static final String MARKER_PREFIX = "lifeline:";

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public Report run(Request request, Invocation inv) {
        long start = System.nanoTime();
        // Nothing is ever written, whatever LIFELINE_DRY_RUN says: the report says so.
        Report.Builder report = Report.builder(name()).requestId(inv.requestId()).dryRun(true);
        report.note("inspect is read-only: it changes nothing");
        Cloud cloud = ReadOnlyCloud.of(inv.cloud());
        Detector detector = new Detector(cloud, inv.settings());

        List<AcceleratedDomain> candidates = withDcdnCoverage(detector.candidates(request, report), cloud, report);
        candidates.sort(Comparator.comparing(AcceleratedDomain::name).thenComparing(d -> d.product().id()));
        if (candidates.isEmpty()) {
            return report.domains(new JsonArray()).durationMs(millisSince(start)).build();
        }

        AccountDebt debt = detector.debt(candidates, report);
        Map<AcceleratedDomain, ConditionState> icp = new HashMap<>();
        for (Assessment a : detector.assess(candidates, Selector.anyOf(Selector.is(Condition.ICP_INVALID)), c -> Set.of(), report)) {
            icp.put(a.domain(), a.state());
        }
        Map<AcceleratedDomain, Map<String, String>> tags = readTags(candidates, cloud, report);
        RunContext ctx = new RunContext(cloud, inv.settings(), request, new AuditLog(inv.log(), name(), inv.requestId()), report,
                inv.deadlineMillis());
        DnsView dns = DnsView.read(candidates, ctx, report);
        Map<AcceleratedDomain, List<ConditionState>> remedyStates = new HashMap<>();
        Map<AcceleratedDomain, JsonObject> next = nextRemedies(candidates, detector, cloud, request, inv, report, remedyStates);

        JsonArray rows = new JsonArray();
        for (AcceleratedDomain d : candidates) {
            JsonObject row = new JsonObject();
            row.addProperty("domain", d.name());
            row.addProperty("product", d.product().id());
            row.addProperty("status", d.status());
            row.addProperty("coverage", d.coverage() == null ? "unknown" : d.coverage());
            if (d.cname() != null) row.addProperty("cname", d.cname());
            addIcp(row, d, icp.get(d), remedyStates.getOrDefault(d, List.of()));
            row.addProperty("debt", debt.inDebt() == Truth.TRUE ? "in-debt" : debt.inDebt() == Truth.FALSE ? "not-in-debt" : "unknown");
            row.add("dns", dns.row(d));
            row.add("markers", markers(tags.get(d), dns.recordsOf(d)));
            JsonObject n = next.get(d);
            row.add("next", n.get("next"));
            if (n.has("undecided")) row.add("undecided", n.get("undecided"));
            rows.add(row);
        }
        return report.domains(rows).durationMs(millisSince(start)).build();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A list without coverage (DCDN's): one detail call per such domain (read-only, inspect only). */
    private static List<AcceleratedDomain> withDcdnCoverage(List<AcceleratedDomain> candidates, Cloud cloud, Report.Builder report) {
        List<AcceleratedDomain> out = new ArrayList<>();
        for (AcceleratedDomain d : candidates) {
            if (d.product().can().listCarriesCoverage() || d.coverage() != null) {
                out.add(d);
                continue;
            }
            try {
                AcceleratedDomain detail = cloud.cdn().describeDomain(d.product(), d.name());
                out.add(new AcceleratedDomain(d.product(), d.name(), d.status(), d.cname() != null ? d.cname() : detail.cname(),
                        detail.coverage(), detail.origins().isEmpty() ? d.origins() : detail.origins()));
            } catch (CloudException e) {
                report.change(Detector.readFailure(d.name(), d.product(), d.product().id() + ":" + d.name() + "/detail", e));
                out.add(d);
            }
        }
        return out;
    }

    /**
     * The filing as inspect read it (CDN with mainland coverage); for an overseas domain a remedy's own
     * pass may have checked it (restore-coverage proves the filing of the domains it would restore).
     */
    private static void addIcp(JsonObject row, AcceleratedDomain d, ConditionState own, List<ConditionState> byRemedies) {
        ConditionState s = own;
        for (ConditionState r : byRemedies) {
            if (s.holds(Condition.ICP_INVALID, false) == Truth.UNKNOWN && r.holds(Condition.ICP_INVALID, false) != Truth.UNKNOWN) s = r;
        }
        Truth invalid = s.holds(Condition.ICP_INVALID, true);
        Truth valid = s.holds(Condition.ICP_INVALID, false);
        String icp;
        if (!d.product().can().checksIcp()) icp = "not-available";
        else if (valid == Truth.TRUE) icp = "valid";
        else if (invalid == Truth.TRUE) icp = "invalid";
        else if (invalid == Truth.FALSE) icp = "not-checked";
        else icp = "unknown";
        row.addProperty("icp", icp);
        if (valid == Truth.UNKNOWN) row.addProperty("icpNote", s.whyUnknown(Condition.ICP_INVALID));
    }

    /** Every domain's tags, {@link CdnApi#BATCH} domains a call per product. A failed batch leaves its domains out. */
    private static Map<AcceleratedDomain, Map<String, String>> readTags(List<AcceleratedDomain> candidates, Cloud cloud, Report.Builder report) {
        Map<AcceleratedDomain, Map<String, String>> out = new HashMap<>();
        for (Product p : Product.values()) {
            List<AcceleratedDomain> ofProduct = new ArrayList<>();
            for (AcceleratedDomain d : candidates) if (d.product() == p) ofProduct.add(d);
            if (!p.can().tags()) {
                // no tag API: such a domain carries no marker (nothing is asked)
                for (AcceleratedDomain d : ofProduct) out.put(d, Map.of());
                continue;
            }
            for (int i = 0; i < ofProduct.size(); i += CdnApi.BATCH) {
                List<AcceleratedDomain> batch = ofProduct.subList(i, Math.min(i + CdnApi.BATCH, ofProduct.size()));
                List<String> names = new ArrayList<>();
                for (AcceleratedDomain d : batch) names.add(d.name());
                try {
                    Map<String, Map<String, String>> tags = cloud.cdn().tags(p, names);
                    for (AcceleratedDomain d : batch) out.put(d, tags.getOrDefault(d.name(), Map.of()));
                } catch (CloudException e) {
                    report.change(Detector.readFailure(p.id() + " domains", p, p.id() + ":tags/" + names.get(0) + "+" + (names.size() - 1), e));
                }
            }
        }
        return out;
    }

    private static JsonArray markers(Map<String, String> tags, List<DnsRecord> records) {
        JsonArray out = new JsonArray();
        if (tags == null) {
            JsonObject unknown = new JsonObject();
            unknown.addProperty("kind", "tags-unreadable");
            out.add(unknown);
        } else {
            for (Map.Entry<String, String> t : new java.util.TreeMap<>(tags).entrySet()) {
                if (!t.getKey().startsWith(MARKER_PREFIX)) continue;
                JsonObject m = new JsonObject();
                m.addProperty("kind", "tag");
                m.addProperty("key", t.getKey());
                m.addProperty("value", t.getValue());
                out.add(m);
            }
        }
        for (DnsRecord r : records) {
            if (!r.remark().startsWith(MARKER_PREFIX)) continue;
            JsonObject m = new JsonObject();
            m.addProperty("kind", "dns-remark");
            m.addProperty("recordId", r.recordId());
            m.addProperty("record", r.rr() + "." + r.zone() + " " + r.type() + " " + r.value());
            m.addProperty("remark", r.remark());
            out.add(m);
        }
        return out;
    }

    /**
     * Runs every timer remedy's default selector and marker probe (through the snapshot) and collects,
     * per domain, the remedies that would select it and those that cannot tell (a condition unreadable).
     * disable-domain has no timer default (it would stop every domain) and is left out.
     */
    private static Map<AcceleratedDomain, JsonObject> nextRemedies(List<AcceleratedDomain> candidates, Detector detector, Cloud cloud,
                                                                   Request request, Invocation inv, Report.Builder report,
                                                                   Map<AcceleratedDomain, List<ConditionState>> states) {
        Map<AcceleratedDomain, JsonObject> out = new LinkedHashMap<>();
        for (AcceleratedDomain d : candidates) {
            JsonObject o = new JsonObject();
            o.add("next", new JsonArray());
            out.put(d, o);
        }
        for (Remedy remedy : timerRemedies()) {
            Report.Builder scratch = Report.builder(remedy.function());
            RunContext ctx = new RunContext(cloud, inv.settings(), request, new AuditLog(line -> { }, remedy.function(), inv.requestId()),
                    scratch, inv.deadlineMillis());
            List<AcceleratedDomain> supported = new ArrayList<>();
            for (AcceleratedDomain d : candidates) if (remedy.supports(d.product())) supported.add(d);
            for (Assessment a : detector.assess(supported, remedy.defaultSelector(), remedy.markerProbe(ctx), scratch)) {
                JsonObject o = out.get(a.domain());
                states.computeIfAbsent(a.domain(), x -> new ArrayList<>()).add(a.state());
                if (a.verdict() == Truth.TRUE) {
                    o.getAsJsonArray("next").add(remedy.function());
                } else if (a.verdict() == Truth.UNKNOWN) {
                    if (!o.has("undecided")) o.add("undecided", new JsonArray());
                    JsonObject u = new JsonObject();
                    u.addProperty("function", remedy.function());
                    u.addProperty("why", a.whyUnknown());
                    o.getAsJsonArray("undecided").add(u);
                }
            }
            keepNewFailures(scratch.build(), report);
        }
        return out;
    }

    /** The remedies a timer runs with their default selector, in the order DESIGN.md lists them. */
    static List<Remedy> timerRemedies() {
        List<Remedy> out = new ArrayList<>();
        for (String name : Functions.names()) {
            LifelineFunction f = Functions.byName(name);
            if (!(f instanceof RemedyFunction)) continue;
            Remedy r = ((RemedyFunction) f).remedy();
            if (r.allowsAccountWideDefault()) out.add(r);
        }
        return out;
    }

    /** A marker probe's failed read joins the report unless inspect already reported that resource. */
    private static void keepNewFailures(Report scratch, Report.Builder report) {
        Set<String> known = new HashSet<>();
        for (Change c : report.build().changes()) known.add(c.resource());
        for (Change c : scratch.changes()) {
            if (c.status() == ChangeStatus.FAILED && known.add(c.resource())) report.change(c);
        }
    }

    /** The account's zones and the records of every inspected domain's host, read the DNS remedies' way. */
    private static final class DnsView {
        private final Map<AcceleratedDomain, DnsHost> hosts = new HashMap<>();
        private final Map<AcceleratedDomain, List<DnsRecord>> records = new HashMap<>();
        private final Map<AcceleratedDomain, String> unreadable = new HashMap<>();

        /** Zones once (100 a page); a zone holding several inspected domains is read whole, else the one host. */
        static DnsView read(List<AcceleratedDomain> candidates, RunContext ctx, Report.Builder report) {
            DnsView v = new DnsView();
            DnsReads reads;
            List<String> zones;
            try {
                reads = DnsReads.of(ctx);
                zones = reads.zones();
            } catch (CloudException e) {
                report.change(Detector.readFailure("account", null, "alidns:zones", e));
                for (AcceleratedDomain d : candidates) v.unreadable.put(d, "could not list the DNS zones: " + e.code());
                return v;
            }
            Map<String, Integer> perZone = new HashMap<>();
            for (AcceleratedDomain d : candidates) {
                DnsHost h = DnsHost.locate(d.name(), zones);
                if (h == null) continue;
                v.hosts.put(d, h);
                perZone.merge(h.zone(), 1, Integer::sum);
            }
            for (AcceleratedDomain d : candidates) {
                DnsHost h = v.hosts.get(d);
                if (h == null) continue;
                try {
                    if (perZone.get(h.zone()) > 1) reads.readZone(h.zone());
                    v.records.put(d, reads.records(h));
                } catch (CloudException ex) {
                    report.change(Detector.readFailure(h.zone(), null, "alidns:" + h.zone() + "/records", ex));
                    v.unreadable.put(d, "could not read the records of " + h.fqdn() + ": " + ex.code());
                }
            }
            return v;
        }

        List<DnsRecord> recordsOf(AcceleratedDomain d) {
            return records.getOrDefault(d, List.of());
        }

        JsonObject row(AcceleratedDomain d) {
            JsonObject o = new JsonObject();
            DnsHost h = hosts.get(d);
            if (h != null) {
                o.addProperty("zone", h.zone());
                o.addProperty("rr", h.rr());
            }
            if (unreadable.containsKey(d)) {
                o.addProperty("points", "unknown");
                o.addProperty("why", unreadable.get(d));
                return o;
            }
            if (h == null) {
                o.addProperty("points", "no-zone");
                return o;
            }
            Set<String> kinds = new TreeSet<>(Comparator.comparingInt(DnsView::rank));
            JsonArray rs = new JsonArray();
            for (DnsRecord r : records.getOrDefault(d, List.of())) {
                String kind = pointsAt(r, d);
                if (kind == null) continue;
                kinds.add(kind);
                JsonObject ro = new JsonObject();
                ro.addProperty("recordId", r.recordId());
                ro.addProperty("type", r.type());
                ro.addProperty("value", r.value());
                ro.addProperty("line", r.line());
                ro.addProperty("status", r.status());
                ro.addProperty("points", kind);
                if (!r.remark().isEmpty()) ro.addProperty("remark", r.remark());
                rs.add(ro);
            }
            o.addProperty("points", kinds.isEmpty() ? "no-record" : String.join("+", kinds));
            o.add("records", rs);
            return o;
        }

        private static int rank(String kind) {
            switch (kind) {
                case "cdn-cname": return 0;
                case "origin": return 1;
                default: return 2;
            }
        }

        /** cdn-cname, origin or other for an address record (A, AAAA, CNAME); null for records that route nothing (TXT, MX, ...). */
        static String pointsAt(DnsRecord r, AcceleratedDomain d) {
            String type = r.type() == null ? "" : r.type().toUpperCase(Locale.ROOT);
            if (!type.equals("A") && !type.equals("AAAA") && !type.equals("CNAME")) return null;
            if (type.equals("CNAME") && r.valueIsHost(d.cname())) return "cdn-cname";
            for (io.cdnlifeline.cloud.Origin origin : d.origins()) {
                if (r.valueIsHost(origin.content())) return "origin";
            }
            return "other";
        }
    }
}
