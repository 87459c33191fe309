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
 * {@link CdnApi} on the CDN 2018-05-10, DCDN 2018-01-15, ApsaraVideo VOD 2017-03-21 and ApsaraVideo Live 2016-11-01 RPC
 * APIs: the parameters the classic SDKs ({@code aliyun-java-sdk-cdn} 3.8.8, {@code -dcdn} 2.1.2) send, the JSON answers
 * read by their documented field names (api-examples). An operation a product does not document is never called: the
 * adapter refuses it with the product's name, and the remedies never ask (they read {@link Product#can()} first).
 * <p>Quirks handled here: the acceleration region is {@code Coverage} in the CDN list but {@code Scope}
 * in both detail APIs, and the DCDN list has none (coverage null). List entries carry origins without an
 * enabled flag: they are reported enabled; only the detail APIs say which are not. The tag queries answer with bare arrays
 * ({@code TagResources[].Tag[]}), every other list is wrapped once ({@code Domains.PageData[]}).
 */
final class AliyunCdnApi implements CdnApi {
    static final String NOT_FOUND = "InvalidDomain.NotFound";
    private static final String DOMAIN = "DOMAIN";

    /**
     * The operations of one product (null where its API has none: its {@link Product#can()} says so) and where its
     * answers differ: the list's status field, the detail's wrapper and its origins' wrapper.
     */
    private static final class Ops {
        final AliyunApi list;
        final AliyunApi detail;
        final AliyunApi stop;
        final AliyunApi start;
        final AliyunApi batchStop;
        final AliyunApi batchStart;
        final AliyunApi coverage;
        final AliyunApi tag;
        final AliyunApi untag;
        final AliyunApi describeTags;
        final String listStatus;
        final String detailWrapper;
        final String[] detailSources;
        /** Parameters every call of the product sends (VOD's domain operations exist in cn-shanghai only). */
        final Map<String, String> fixed;

        Ops(AliyunApi[] apis, String listStatus, String detailWrapper, String[] detailSources, Map<String, String> fixed) {
            this.list = apis[0];
            this.detail = apis[1];
            this.stop = apis[2];
            this.start = apis[3];
            this.batchStop = apis[4];
            this.batchStart = apis[5];
            this.coverage = apis[6];
            this.tag = apis[7];
            this.untag = apis[8];
            this.describeTags = apis[9];
            this.listStatus = listStatus;
            this.detailWrapper = detailWrapper;
            this.detailSources = detailSources;
            this.fixed = fixed;
        }
    }

    private static final Map<Product, Ops> OPS = new java.util.EnumMap<>(Product.class);

    static {
        String[] sources = {"Sources", "Source"};
        OPS.put(Product.CDN, new Ops(new AliyunApi[]{AliyunApi.DESCRIBE_USER_DOMAINS, AliyunApi.DESCRIBE_CDN_DOMAIN_DETAIL,
                AliyunApi.STOP_CDN_DOMAIN, AliyunApi.START_CDN_DOMAIN, AliyunApi.BATCH_STOP_CDN_DOMAIN, AliyunApi.BATCH_START_CDN_DOMAIN,
                AliyunApi.MODIFY_CDN_DOMAIN_SCHDM, AliyunApi.TAG_RESOURCES, AliyunApi.UNTAG_RESOURCES, AliyunApi.DESCRIBE_TAG_RESOURCES},
                "DomainStatus", "GetDomainDetailModel", new String[]{"SourceModels", "SourceModel"}, Map.of()));
        OPS.put(Product.DCDN, new Ops(new AliyunApi[]{AliyunApi.DESCRIBE_DCDN_USER_DOMAINS, AliyunApi.DESCRIBE_DCDN_DOMAIN_DETAIL,
                AliyunApi.STOP_DCDN_DOMAIN, AliyunApi.START_DCDN_DOMAIN, AliyunApi.BATCH_STOP_DCDN_DOMAIN,
                AliyunApi.BATCH_START_DCDN_DOMAIN, AliyunApi.MODIFY_DCDN_DOMAIN_SCHDM,
                AliyunApi.TAG_DCDN_RESOURCES, AliyunApi.UNTAG_DCDN_RESOURCES, AliyunApi.DESCRIBE_DCDN_TAG_RESOURCES},
                "DomainStatus", "DomainDetail", sources, Map.of()));
        OPS.put(Product.VOD, new Ops(new AliyunApi[]{AliyunApi.DESCRIBE_VOD_USER_DOMAINS, AliyunApi.DESCRIBE_VOD_DOMAIN_DETAIL,
                null, null, AliyunApi.BATCH_STOP_VOD_DOMAIN, AliyunApi.BATCH_START_VOD_DOMAIN, null, null, null, null},
                "DomainStatus", "DomainDetail", sources, Map.of("RegionId", "cn-shanghai")));
        OPS.put(Product.LIVE, new Ops(new AliyunApi[]{AliyunApi.DESCRIBE_LIVE_USER_DOMAINS, AliyunApi.DESCRIBE_LIVE_DOMAIN_DETAIL,
                AliyunApi.STOP_LIVE_DOMAIN, AliyunApi.START_LIVE_DOMAIN, null, null, AliyunApi.MODIFY_LIVE_DOMAIN_SCHDM,
                AliyunApi.TAG_LIVE_RESOURCES, AliyunApi.UNTAG_LIVE_RESOURCES, AliyunApi.DESCRIBE_LIVE_TAG_RESOURCES},
                "LiveDomainStatus", "DomainDetail", sources, Map.of()));
    }

    /** The operation, or the product's own reason why it has none (never an undocumented call). */
    private static AliyunApi op(Product product, AliyunApi api, String what) {
        if (api == null) throw new IllegalArgumentException(product.can().title() + " has no documented " + what + " API");
        return api;
    }

    private <T> T call(Product product, AliyunApi api, Map<String, String> q, AcsCaller.Reader<T> reader) throws CloudException {
        return caller.call(api, withFixed(product, q), reader);
    }

    private void call(Product product, AliyunApi api, Map<String, String> q) throws CloudException {
        caller.call(api, withFixed(product, q));
    }

    private static Map<String, String> withFixed(Product product, Map<String, String> q) {
        Map<String, String> fixed = OPS.get(product).fixed;
        if (fixed.isEmpty()) return q;
        Map<String, String> out = new HashMap<>(q);
        out.putAll(fixed);
        return out;
    }

    private final AcsCaller caller;

    AliyunCdnApi(AcsCaller caller) {
        this.caller = caller;
    }

    @Override
    public DomainPage listDomains(Product product, int pageNumber, int pageSize, String statusFilter) throws CloudException {
        int max = product.can().maxPageSize();
        if (pageNumber < 1 || pageSize < 1 || pageSize > max) {
            throw new IllegalArgumentException("page " + pageNumber + " of size " + pageSize + ": expected page >= 1 and size 1.."
                    + max + " for " + product.can().title());
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
        if (product != Product.CDN && wanted.size() > DCDN_NAMED_LOOKUPS) return CdnApi.super.findDomains(product, names);
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
        int size = product.can().maxPageSize();
        q.put("PageSize", Integer.toString(size));
        q.put("DomainName", filter);
        q.put("DomainSearchType", "full_match");
        return page(product, q, 1, size);
    }

    private DomainPage page(Product product, Map<String, String> q, int pageNumber, int pageSize) throws CloudException {
        return call(product, OPS.get(product).list, q, r -> listPage(product, r, pageNumber, pageSize));
    }

    @Override
    public AcceleratedDomain describeDomain(Product product, String domain) throws CloudException {
        Objects.requireNonNull(domain, "domain");
        AliyunApi api = OPS.get(product).detail;
        return call(product, api, Map.of("DomainName", domain), r -> {
            AcceleratedDomain d = detailOf(product, r);
            if (d == null) throw notFound(api, domain, AnswerJson.text(r, "RequestId"));
            return d;
        });
    }

    @Override
    public void stopDomain(Product product, String domain) throws CloudException {
        Objects.requireNonNull(domain, "domain");
        call(product, op(product, OPS.get(product).stop, "stop-one-domain"), Map.of("DomainName", domain));
    }

    @Override
    public void startDomain(Product product, String domain) throws CloudException {
        Objects.requireNonNull(domain, "domain");
        call(product, op(product, OPS.get(product).start, "start-one-domain"), Map.of("DomainName", domain));
    }

    @Override
    public void batchStopDomains(Product product, List<String> domains) throws CloudException {
        String names = batchNames(product, domains, "BatchStopCdnDomain");
        if (names.isEmpty()) return;
        call(product, OPS.get(product).batchStop, Map.of("DomainNames", names));
    }

    @Override
    public void batchStartDomains(Product product, List<String> domains) throws CloudException {
        String names = batchNames(product, domains, "BatchStartCdnDomain");
        if (names.isEmpty()) return;
        call(product, OPS.get(product).batchStart, Map.of("DomainNames", names));
    }

    @Override
    public void setCoverage(Product product, String domain, String coverage) throws CloudException {
        Objects.requireNonNull(domain, "domain");
        String property = coverageProperty(coverage);
        call(product, op(product, OPS.get(product).coverage, "acceleration-region"), Map.of("DomainName", domain, "Property", property));
    }

    @Override
    public Map<String, Map<String, String>> tags(Product product, Collection<String> domains) throws CloudException {
        List<String> ids = batch(domains, "DescribeTagResources");
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) return out;
        for (String id : ids) out.put(id, new LinkedHashMap<>());
        Map<String, String> q = resources(ids);
        AliyunApi api = op(product, OPS.get(product).describeTags, "tag");
        call(product, api, q, r -> {
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
        call(product, op(product, OPS.get(product).tag, "tag"), q);
    }

    @Override
    public void untag(Product product, Collection<String> domains, Collection<String> keys) throws CloudException {
        List<String> ids = batch(domains, "UntagResources");
        // No keys means nothing to remove: never send All=true, which would drop tags we did not create.
        if (ids.isEmpty() || keys.isEmpty()) return;
        Map<String, String> q = resources(ids);
        int n = 1;
        for (String key : List.copyOf(keys)) q.put("TagKey." + n++, key);
        call(product, op(product, OPS.get(product).untag, "tag"), q);
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

    static DomainPage vodPage(JsonObject r, int pageNumber, int pageSize) {
        return listPage(Product.VOD, r, pageNumber, pageSize);
    }

    static DomainPage livePage(JsonObject r, int pageNumber, int pageSize) {
        return listPage(Product.LIVE, r, pageNumber, pageSize);
    }

    /**
     * {@code Domains.PageData[]} with {@code Sources.Source[]}; only the CDN list carries Coverage (the others: only their
     * detail's Scope does); the Live list names its status {@code LiveDomainStatus} and has no Sources.
     */
    static DomainPage listPage(Product product, JsonObject r, int pageNumber, int pageSize) {
        List<AcceleratedDomain> out = new ArrayList<>();
        for (JsonObject p : AnswerJson.list(r, "Domains", "PageData")) {
            String name = AnswerJson.text(p, "DomainName");
            if (name == null) continue;
            List<Origin> origins = new ArrayList<>();
            for (JsonObject s : AnswerJson.list(p, "Sources", "Source")) addOrigin(origins, s, false);
            String coverage = product.can().listCarriesCoverage() ? AnswerJson.text(p, "Coverage") : null;
            out.add(new AcceleratedDomain(product, name, AnswerJson.text(p, OPS.get(product).listStatus), AnswerJson.text(p, "Cname"),
                    coverage, origins));
        }
        return new DomainPage(out, number(AnswerJson.number(r, "PageNumber"), pageNumber), number(AnswerJson.number(r, "PageSize"), pageSize),
                total(AnswerJson.number(r, "TotalCount"), out));
    }

    /** {@code GetDomainDetailModel} with {@code SourceModels.SourceModel[]}; null when the answer has no domain in it. */
    static AcceleratedDomain cdnDetail(JsonObject r) {
        JsonObject m = AnswerJson.object(r, "GetDomainDetailModel");
        return detail(Product.CDN, m, AnswerJson.list(m, "SourceModels", "SourceModel"));
    }

    /** {@code DomainDetail} with {@code Sources.Source[]}; null when the answer has no domain in it. */
    static AcceleratedDomain dcdnDetail(JsonObject r) {
        JsonObject m = AnswerJson.object(r, "DomainDetail");
        return detail(Product.DCDN, m, AnswerJson.list(m, "Sources", "Source"));
    }

    /** {@code DomainDetail} of VOD ({@code Sources.Source[]}) and Live (no origins); null when the answer has no domain in it. */
    static AcceleratedDomain detailOf(Product product, JsonObject r) {
        Ops ops = OPS.get(product);
        JsonObject m = AnswerJson.object(r, ops.detailWrapper);
        return detail(product, m, AnswerJson.list(m, ops.detailSources[0], ops.detailSources[1]));
    }

    private static AcceleratedDomain detail(Product product, JsonObject m, List<JsonObject> sources) {
        String name = AnswerJson.text(m, "DomainName");
        if (m == null || name == null) return null;
        List<Origin> origins = new ArrayList<>();
        for (JsonObject s : sources) addOrigin(origins, s, true);
        // every detail API calls the acceleration region Scope
        return new AcceleratedDomain(product, name, AnswerJson.text(m, "DomainStatus"), AnswerJson.text(m, "Cname"),
                AnswerJson.text(m, "Scope"), origins);
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
        if (!product.can().stopsInBatches()) {
            throw new IllegalArgumentException(product.can().title() + " has no batch " + action.replace("Batch", "").replace("CdnDomain", "")
                    + " API: stop or start its domains one by one");
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
