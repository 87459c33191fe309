package io.cdnlifeline.cloud.aliyun;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DomainPage;
import io.cdnlifeline.cloud.Origin;
import io.cdnlifeline.cloud.Product;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@link CdnApi} on the CDN 2018-05-10 and DCDN 2018-01-15 RPC APIs: the parameters the classic SDKs
 * ({@code aliyun-java-sdk-cdn} 3.8.8, {@code -dcdn} 2.1.2) send, the JSON answers read by their documented
 * field names (api-examples).
 * <p>Quirks handled here: the acceleration region is {@code Coverage} in the CDN list but {@code Scope}
 * in both detail APIs, and the DCDN list has none (coverage null). List entries carry origins without an
 * enabled flag: they are reported enabled; only the detail APIs say which are not. The tag queries answer with bare arrays
 * ({@code TagResources[].Tag[]}), every other list is wrapped once ({@code Domains.PageData[]}).
 */
final class AliyunCdnApi implements CdnApi {
    static final String NOT_FOUND = "InvalidDomain.NotFound";
    private static final String DOMAIN = "DOMAIN";

    private final AcsCaller caller;

    AliyunCdnApi(AcsCaller caller) {
        this.caller = caller;
    }

    @Override
    public DomainPage listDomains(Product product, int pageNumber, int pageSize, String statusFilter) throws CloudException {
        if (pageNumber < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page " + pageNumber + " of size " + pageSize + ": expected page >= 1 and size 1.."
                    + MAX_PAGE_SIZE);
        }
        Map<String, String> q = new HashMap<>();
        q.put("PageNumber", Integer.toString(pageNumber));
        q.put("PageSize", Integer.toString(pageSize));
        if (statusFilter != null) q.put("DomainStatus", statusFilter);
        return page(product, q, pageNumber, pageSize);
    }

    /**
     * Named domains through the lists' {@code DomainName} filter ({@code full_match}) instead of paging the
     * whole account: CDN takes up to {@link #BATCH} comma-separated names a call; the DCDN filter is
     * documented for one name, so DCDN asks one call per name while that is cheaper than paging
     * (at most {@link #DCDN_NAMED_LOOKUPS} names), and pages the list otherwise.
     */
    @Override
    public List<AcceleratedDomain> findDomains(Product product, Collection<String> names) throws CloudException {
        List<String> wanted = new ArrayList<>(new java.util.LinkedHashSet<>(names));
        if (wanted.isEmpty()) return List.of();
        if (product == Product.DCDN && wanted.size() > DCDN_NAMED_LOOKUPS) return CdnApi.super.findDomains(product, names);
        int per = product == Product.CDN ? BATCH : 1;
        java.util.Set<String> want = new java.util.HashSet<>(wanted);
        List<AcceleratedDomain> found = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i += per) {
            String filter = String.join(",", wanted.subList(i, Math.min(wanted.size(), i + per)));
            DomainPage page = namedPage(product, filter);
            for (AcceleratedDomain d : page.domains()) {
                // full_match should return only what was asked; keep exactly the names asked for, once.
                if (want.remove(d.name().toLowerCase(Locale.ROOT))) found.add(d);
            }
        }
        return found;
    }

    /** Above this many names, paging the DCDN list (500 a page) is as cheap as one filtered call per name. */
    static final int DCDN_NAMED_LOOKUPS = 10;

    private DomainPage namedPage(Product product, String filter) throws CloudException {
        Map<String, String> q = new HashMap<>();
        q.put("PageNumber", "1");
        q.put("PageSize", Integer.toString(MAX_PAGE_SIZE));
        q.put("DomainName", filter);
        q.put("DomainSearchType", "full_match");
        return page(product, q, 1, MAX_PAGE_SIZE);
    }

    private DomainPage page(Product product, Map<String, String> q, int pageNumber, int pageSize) throws CloudException {
        if (product == Product.CDN) {
            return caller.call(AliyunApi.DESCRIBE_USER_DOMAINS, q, r -> cdnPage(r, pageNumber, pageSize));
        }
        return caller.call(AliyunApi.DESCRIBE_DCDN_USER_DOMAINS, q, r -> dcdnPage(r, pageNumber, pageSize));
    }

    @Override
    public AcceleratedDomain describeDomain(Product product, String domain) throws CloudException {
        Objects.requireNonNull(domain, "domain");
        AliyunApi api = product == Product.CDN ? AliyunApi.DESCRIBE_CDN_DOMAIN_DETAIL : AliyunApi.DESCRIBE_DCDN_DOMAIN_DETAIL;
        return caller.call(api, Map.of("DomainName", domain), r -> {
            AcceleratedDomain d = product == Product.CDN ? cdnDetail(r) : dcdnDetail(r);
            if (d == null) throw notFound(api, domain, AnswerJson.text(r, "RequestId"));
            return d;
        });
    }

    @Override
    public Map<String, Map<String, String>> domainConfigs(Product product, String domain, List<String> functionNames)
            throws CloudException {
        Objects.requireNonNull(domain, "domain");
        if (functionNames.isEmpty()) throw new IllegalArgumentException("name at least one function to read");
        AliyunApi api = product == Product.CDN ? AliyunApi.DESCRIBE_CDN_DOMAIN_CONFIGS : AliyunApi.DESCRIBE_DCDN_DOMAIN_CONFIGS;
        return caller.call(api, Map.of("DomainName", domain, "FunctionNames", String.join(",", functionNames)), AliyunCdnApi::configs);
    }

    @Override
    public void stopDomain(Product product, String domain) throws CloudException {
        Objects.requireNonNull(domain, "domain");
        caller.call(product == Product.CDN ? AliyunApi.STOP_CDN_DOMAIN : AliyunApi.STOP_DCDN_DOMAIN, Map.of("DomainName", domain));
    }

    @Override
    public void startDomain(Product product, String domain) throws CloudException {
        Objects.requireNonNull(domain, "domain");
        caller.call(product == Product.CDN ? AliyunApi.START_CDN_DOMAIN : AliyunApi.START_DCDN_DOMAIN, Map.of("DomainName", domain));
    }

    @Override
    public void batchStopDomains(Product product, List<String> domains) throws CloudException {
        String names = batchNames(product, domains, "BatchStopCdnDomain");
        if (names.isEmpty()) return;
        caller.call(AliyunApi.BATCH_STOP_CDN_DOMAIN, Map.of("DomainNames", names));
    }

    @Override
    public void batchStartDomains(Product product, List<String> domains) throws CloudException {
        String names = batchNames(product, domains, "BatchStartCdnDomain");
        if (names.isEmpty()) return;
        caller.call(AliyunApi.BATCH_START_CDN_DOMAIN, Map.of("DomainNames", names));
    }

    @Override
    public void setCoverage(Product product, String domain, String coverage) throws CloudException {
        Objects.requireNonNull(domain, "domain");
        String property = coverageProperty(coverage);
        caller.call(product == Product.CDN ? AliyunApi.MODIFY_CDN_DOMAIN_SCHDM : AliyunApi.MODIFY_DCDN_DOMAIN_SCHDM,
                Map.of("DomainName", domain, "Property", property));
    }

    @Override
    public Map<String, Map<String, String>> tags(Product product, Collection<String> domains) throws CloudException {
        List<String> ids = batch(domains, "DescribeTagResources");
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) return out;
        for (String id : ids) out.put(id, new LinkedHashMap<>());
        Map<String, String> q = resources(ids);
        AliyunApi api = product == Product.CDN ? AliyunApi.DESCRIBE_TAG_RESOURCES : AliyunApi.DESCRIBE_DCDN_TAG_RESOURCES;
        caller.call(api, q, r -> {
            readTags(r, out);
            return out;
        });
        return out;
    }

    @Override
    public void tag(Product product, Collection<String> domains, Map<String, String> tags) throws CloudException {
        List<String> ids = batch(domains, "TagResources");
        if (ids.isEmpty() || tags.isEmpty()) return;
        if (tags.size() > 20) throw new IllegalArgumentException("at most 20 tags per call; got " + tags.size());
        Map<String, String> q = resources(ids);
        int n = 1;
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey() != null) q.put("Tag." + n + ".Key", e.getKey());
            if (e.getValue() != null) q.put("Tag." + n + ".Value", e.getValue());
            n++;
        }
        caller.call(product == Product.CDN ? AliyunApi.TAG_RESOURCES : AliyunApi.TAG_DCDN_RESOURCES, q);
    }

    @Override
    public void untag(Product product, Collection<String> domains, Collection<String> keys) throws CloudException {
        List<String> ids = batch(domains, "UntagResources");
        // No keys means nothing to remove: never send All=true, which would drop tags we did not create.
        if (ids.isEmpty() || keys.isEmpty()) return;
        Map<String, String> q = resources(ids);
        int n = 1;
        for (String key : List.copyOf(keys)) q.put("TagKey." + n++, key);
        caller.call(product == Product.CDN ? AliyunApi.UNTAG_RESOURCES : AliyunApi.UNTAG_DCDN_RESOURCES, q);
    }

    @Override
    public boolean icpValid(String domain) throws CloudException {
        Objects.requireNonNull(domain, "domain");
        return caller.call(AliyunApi.CHECK_CDN_DOMAIN_ICP, Map.of("DomainName", domain), AliyunCdnApi::icpStatus);
    }

    // ---- mapping, package-private for the unit tests ----

    static DomainPage cdnPage(JsonObject r, int pageNumber, int pageSize) {
        return listPage(Product.CDN, r, pageNumber, pageSize);
    }

    static DomainPage dcdnPage(JsonObject r, int pageNumber, int pageSize) {
        return listPage(Product.DCDN, r, pageNumber, pageSize);
    }

    /** {@code Domains.PageData[]} with {@code Sources.Source[]}; the DCDN list carries no Coverage (only its detail's Scope does). */
    private static DomainPage listPage(Product product, JsonObject r, int pageNumber, int pageSize) {
        List<AcceleratedDomain> out = new ArrayList<>();
        for (JsonObject p : AnswerJson.list(r, "Domains", "PageData")) {
            String name = AnswerJson.text(p, "DomainName");
            if (name == null) continue;
            List<Origin> origins = new ArrayList<>();
            for (JsonObject s : AnswerJson.list(p, "Sources", "Source")) addOrigin(origins, s, false);
            String coverage = product == Product.CDN ? AnswerJson.text(p, "Coverage") : null;
            // the CDN list spells it SslProtocol, the DCDN list SSLProtocol
            String ssl = AnswerJson.text(p, product == Product.CDN ? "SslProtocol" : "SSLProtocol");
            out.add(new AcceleratedDomain(product, name, AnswerJson.text(p, "DomainStatus"), AnswerJson.text(p, "Cname"), coverage, origins)
                    .withEdgeHttps(onOff(ssl)));
        }
        return new DomainPage(out, number(AnswerJson.number(r, "PageNumber"), pageNumber), number(AnswerJson.number(r, "PageSize"), pageSize),
                total(AnswerJson.number(r, "TotalCount"), out));
    }

    /** {@code GetDomainDetailModel} with {@code SourceModels.SourceModel[]}; null when the answer has no domain in it. */
    static AcceleratedDomain cdnDetail(JsonObject r) {
        JsonObject m = AnswerJson.object(r, "GetDomainDetailModel");
        AcceleratedDomain d = detail(Product.CDN, m, AnswerJson.list(m, "SourceModels", "SourceModel"));
        return d == null ? null : d.withEdgeHttps(onOff(AnswerJson.text(m, "ServerCertificateStatus")));
    }

    /** {@code DomainDetail} with {@code Sources.Source[]}; null when the answer has no domain in it. */
    static AcceleratedDomain dcdnDetail(JsonObject r) {
        JsonObject m = AnswerJson.object(r, "DomainDetail");
        AcceleratedDomain d = detail(Product.DCDN, m, AnswerJson.list(m, "Sources", "Source"));
        return d == null ? null : d.withEdgeHttps(onOff(AnswerJson.text(m, "SSLProtocol")));
    }

    private static AcceleratedDomain detail(Product product, JsonObject m, List<JsonObject> sources) {
        String name = AnswerJson.text(m, "DomainName");
        if (m == null || name == null) return null;
        List<Origin> origins = new ArrayList<>();
        for (JsonObject s : sources) addOrigin(origins, s, true);
        // both detail APIs call the acceleration region Scope
        return new AcceleratedDomain(product, name, AnswerJson.text(m, "DomainStatus"), AnswerJson.text(m, "Cname"),
                AnswerJson.text(m, "Scope"), origins);
    }

    /** {@code DomainConfigs.DomainConfig[]}, each with {@code FunctionArgs.FunctionArg[]}; configs in state {@code failed} left out. */
    static Map<String, Map<String, String>> configs(JsonObject r) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (JsonObject c : AnswerJson.list(r, "DomainConfigs", "DomainConfig")) {
            String function = AnswerJson.text(c, "FunctionName");
            if (function == null || "failed".equalsIgnoreCase(AnswerJson.text(c, "Status"))) continue;
            // A rule-conditioned config (ParentId set) applies to some requests only: the unconditioned one wins.
            boolean conditioned = AnswerJson.text(c, "ParentId") != null && !"-1".equals(AnswerJson.text(c, "ParentId"));
            if (conditioned && out.containsKey(function)) continue;
            Map<String, String> args = new LinkedHashMap<>();
            for (JsonObject a : AnswerJson.list(c, "FunctionArgs", "FunctionArg")) {
                String name = AnswerJson.text(a, "ArgName");
                if (name != null) args.put(name, AnswerJson.text(a, "ArgValue") == null ? "" : AnswerJson.text(a, "ArgValue"));
            }
            out.put(function, args);
        }
        return out;
    }

    /** The bare {@code TagResources[]} of both tag queries, each with its bare {@code Tag[]}. */
    static void readTags(JsonObject r, Map<String, Map<String, String>> out) {
        for (JsonObject res : AnswerJson.list(r, "TagResources", null)) {
            String id = AnswerJson.text(res, "ResourceId");
            Map<String, String> tags = out.computeIfAbsent(id, k -> new LinkedHashMap<>());
            for (JsonObject t : AnswerJson.list(res, "Tag", null)) {
                String key = AnswerJson.text(t, "Key");
                String value = AnswerJson.text(t, "Value");
                if (key != null) tags.put(key, value == null ? "" : value);
            }
        }
    }

    static boolean icpStatus(JsonObject r) throws CloudException {
        String status = AnswerJson.text(r, "Status");
        if ("DomainIsRegistration".equals(status)) return true;
        if ("DomainNotRegistration".equals(status)) return false;
        // Fail closed: an answer we do not understand is not a valid filing, nor an invalid one.
        throw CloudErrors.unexpected(AliyunApi.CHECK_CDN_DOMAIN_ICP, AnswerJson.text(r, "RequestId"), 200,
                "a Status of DomainIsRegistration or DomainNotRegistration (got " + status + ")");
    }

    /** {@code Enabled} is {@code online} in the docs; absent means the API did not say, which we read as enabled. */
    static boolean originEnabled(String enabled) {
        if (enabled == null || enabled.isBlank()) return true;
        String e = enabled.trim().toLowerCase(Locale.ROOT);
        return e.equals("online") || e.equals("true") || e.equals("enable") || e.equals("enabled") || e.equals("on");
    }

    /** {@code on} -> true, {@code off} -> false, anything else (absent) -> null: the API did not say. */
    static Boolean onOff(String v) {
        if (v == null) return null;
        String t = v.trim().toLowerCase(Locale.ROOT);
        return t.equals("on") ? Boolean.TRUE : t.equals("off") ? Boolean.FALSE : null;
    }

    static String coverageProperty(String coverage) {
        if (!("domestic".equals(coverage) || "overseas".equals(coverage) || "global".equals(coverage))) {
            throw new IllegalArgumentException("coverage must be domestic, overseas or global; got " + coverage);
        }
        // the value is one of three plain words: no escaping, and no gson serialiser on the cold path
        return "{\"coverage\":\"" + coverage + "\"}";
    }

    /** One {@code Source}/{@code SourceModel}; the lists carry no {@code Enabled}, so only the details can say an origin is off. */
    private static void addOrigin(List<Origin> out, JsonObject s, boolean hasEnabled) {
        String content = AnswerJson.text(s, "Content");
        if (content == null || content.isBlank()) return;
        String type = AnswerJson.text(s, "Type");
        Long port = AnswerJson.number(s, "Port");
        out.add(new Origin(type == null ? "" : type, content, port == null ? 80 : Math.toIntExact(port), AnswerJson.text(s, "Priority"),
                AnswerJson.text(s, "Weight"), originEnabled(hasEnabled ? AnswerJson.text(s, "Enabled") : null)));
    }

    /** {@code ResourceType=DOMAIN} and {@code ResourceId.1..n}, as the SDK's tag requests send them. */
    private static Map<String, String> resources(List<String> ids) {
        Map<String, String> q = new HashMap<>();
        q.put("ResourceType", DOMAIN);
        int n = 1;
        for (String id : ids) q.put("ResourceId." + n++, id);
        return q;
    }

    private static CloudException notFound(AliyunApi api, String domain, String requestId) {
        return new CloudException(NOT_FOUND, api.action() + " returned no domain for " + domain, requestId, 200, false);
    }

    private static String batchNames(Product product, List<String> domains, String action) {
        if (product != Product.CDN) {
            throw new IllegalArgumentException("DCDN has no " + action.replace("Cdn", "Dcdn") + " API: stop or start DCDN domains one by one");
        }
        return String.join(",", batch(domains, action));
    }

    private static List<String> batch(Collection<String> domains, String action) {
        List<String> ids = List.copyOf(domains);
        if (ids.size() > BATCH) {
            throw new IllegalArgumentException(action + " takes at most " + BATCH + " domains per call; got " + ids.size());
        }
        return ids;
    }

    private static int number(Long fromApi, int asked) {
        return fromApi == null || fromApi <= 0 ? asked : (int) Math.min(Integer.MAX_VALUE, fromApi);
    }

    private static long total(Long fromApi, List<AcceleratedDomain> page) {
        return fromApi == null ? page.size() : fromApi;
    }

}
