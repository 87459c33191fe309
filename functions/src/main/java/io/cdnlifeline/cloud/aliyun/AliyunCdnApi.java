package io.cdnlifeline.cloud.aliyun;

import com.aliyuncs.cdn.model.v20180510.BatchStartCdnDomainRequest;
import com.aliyuncs.cdn.model.v20180510.BatchStopCdnDomainRequest;
import com.aliyuncs.cdn.model.v20180510.DescribeCdnDomainDetailRequest;
import com.aliyuncs.cdn.model.v20180510.DescribeCdnDomainDetailResponse;
import com.aliyuncs.cdn.model.v20180510.DescribeTagResourcesRequest;
import com.aliyuncs.cdn.model.v20180510.DescribeTagResourcesResponse;
import com.aliyuncs.cdn.model.v20180510.DescribeUserDomainsRequest;
import com.aliyuncs.cdn.model.v20180510.DescribeUserDomainsResponse;
import com.aliyuncs.cdn.model.v20180510.ModifyCdnDomainSchdmByPropertyRequest;
import com.aliyuncs.cdn.model.v20180510.StartCdnDomainRequest;
import com.aliyuncs.cdn.model.v20180510.StopCdnDomainRequest;
import com.aliyuncs.cdn.model.v20180510.TagResourcesRequest;
import com.aliyuncs.cdn.model.v20180510.UntagResourcesRequest;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnDomainDetailRequest;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnDomainDetailResponse;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnTagResourcesRequest;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnTagResourcesResponse;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnUserDomainsRequest;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnUserDomainsResponse;
import com.aliyuncs.dcdn.model.v20180115.ModifyDCdnDomainSchdmByPropertyRequest;
import com.aliyuncs.dcdn.model.v20180115.StartDcdnDomainRequest;
import com.aliyuncs.dcdn.model.v20180115.StopDcdnDomainRequest;
import com.aliyuncs.dcdn.model.v20180115.TagDcdnResourcesRequest;
import com.aliyuncs.dcdn.model.v20180115.UntagDcdnResourcesRequest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DomainPage;
import io.cdnlifeline.cloud.Origin;
import io.cdnlifeline.cloud.Product;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@link CdnApi} on the classic SDKs {@code aliyun-java-sdk-cdn} 3.8.8 and {@code -dcdn} 2.1.2, plus
 * {@code CheckCdnDomainICP} through CommonRequest (the classic CDN SDK has no class for it).
 * <p>Quirks handled here: the acceleration region is {@code Coverage} in the CDN list but {@code Scope}
 * in both detail APIs, and the DCDN list has none (coverage null). List entries carry origins without an
 * enabled flag: they are reported enabled; only the detail APIs say which are not.
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
        if (product == Product.CDN) {
            DescribeUserDomainsResponse r = caller.call(AliyunApi.DESCRIBE_USER_DOMAINS, () -> {
                DescribeUserDomainsRequest q = new DescribeUserDomainsRequest();
                q.setPageNumber(pageNumber);
                q.setPageSize(pageSize);
                if (statusFilter != null) q.setDomainStatus(statusFilter);
                return q;
            });
            return cdnPage(r, pageNumber, pageSize);
        }
        DescribeDcdnUserDomainsResponse r = caller.call(AliyunApi.DESCRIBE_DCDN_USER_DOMAINS, () -> {
            DescribeDcdnUserDomainsRequest q = new DescribeDcdnUserDomainsRequest();
            q.setPageNumber(pageNumber);
            q.setPageSize(pageSize);
            if (statusFilter != null) q.setDomainStatus(statusFilter);
            return q;
        });
        return dcdnPage(r, pageNumber, pageSize);
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
        if (product == Product.CDN) {
            DescribeUserDomainsResponse r = caller.call(AliyunApi.DESCRIBE_USER_DOMAINS, () -> {
                DescribeUserDomainsRequest q = new DescribeUserDomainsRequest();
                q.setPageNumber(1);
                q.setPageSize(MAX_PAGE_SIZE);
                q.setDomainName(filter);
                q.setDomainSearchType("full_match");
                return q;
            });
            return cdnPage(r, 1, MAX_PAGE_SIZE);
        }
        DescribeDcdnUserDomainsResponse r = caller.call(AliyunApi.DESCRIBE_DCDN_USER_DOMAINS, () -> {
            DescribeDcdnUserDomainsRequest q = new DescribeDcdnUserDomainsRequest();
            q.setPageNumber(1);
            q.setPageSize(MAX_PAGE_SIZE);
            q.setDomainName(filter);
            q.setDomainSearchType("full_match");
            return q;
        });
        return dcdnPage(r, 1, MAX_PAGE_SIZE);
    }

    @Override
    public AcceleratedDomain describeDomain(Product product, String domain) throws CloudException {
        Objects.requireNonNull(domain, "domain");
        if (product == Product.CDN) {
            DescribeCdnDomainDetailResponse r = caller.call(AliyunApi.DESCRIBE_CDN_DOMAIN_DETAIL, () -> {
                DescribeCdnDomainDetailRequest q = new DescribeCdnDomainDetailRequest();
                q.setDomainName(domain);
                return q;
            });
            AcceleratedDomain d = cdnDetail(r);
            if (d == null) throw notFound(AliyunApi.DESCRIBE_CDN_DOMAIN_DETAIL, domain, r.getRequestId());
            return d;
        }
        DescribeDcdnDomainDetailResponse r = caller.call(AliyunApi.DESCRIBE_DCDN_DOMAIN_DETAIL, () -> {
            DescribeDcdnDomainDetailRequest q = new DescribeDcdnDomainDetailRequest();
            q.setDomainName(domain);
            return q;
        });
        AcceleratedDomain d = dcdnDetail(r);
        if (d == null) throw notFound(AliyunApi.DESCRIBE_DCDN_DOMAIN_DETAIL, domain, r.getRequestId());
        return d;
    }

    @Override
    public void stopDomain(Product product, String domain) throws CloudException {
        Objects.requireNonNull(domain, "domain");
        if (product == Product.CDN) {
            caller.call(AliyunApi.STOP_CDN_DOMAIN, () -> {
                StopCdnDomainRequest q = new StopCdnDomainRequest();
                q.setDomainName(domain);
                return q;
            });
        } else {
            caller.call(AliyunApi.STOP_DCDN_DOMAIN, () -> {
                StopDcdnDomainRequest q = new StopDcdnDomainRequest();
                q.setDomainName(domain);
                return q;
            });
        }
    }

    @Override
    public void startDomain(Product product, String domain) throws CloudException {
        Objects.requireNonNull(domain, "domain");
        if (product == Product.CDN) {
            caller.call(AliyunApi.START_CDN_DOMAIN, () -> {
                StartCdnDomainRequest q = new StartCdnDomainRequest();
                q.setDomainName(domain);
                return q;
            });
        } else {
            caller.call(AliyunApi.START_DCDN_DOMAIN, () -> {
                StartDcdnDomainRequest q = new StartDcdnDomainRequest();
                q.setDomainName(domain);
                return q;
            });
        }
    }

    @Override
    public void batchStopDomains(Product product, List<String> domains) throws CloudException {
        String names = batchNames(product, domains, "BatchStopCdnDomain");
        if (names.isEmpty()) return;
        caller.call(AliyunApi.BATCH_STOP_CDN_DOMAIN, () -> {
            BatchStopCdnDomainRequest q = new BatchStopCdnDomainRequest();
            q.setDomainNames(names);
            return q;
        });
    }

    @Override
    public void batchStartDomains(Product product, List<String> domains) throws CloudException {
        String names = batchNames(product, domains, "BatchStartCdnDomain");
        if (names.isEmpty()) return;
        caller.call(AliyunApi.BATCH_START_CDN_DOMAIN, () -> {
            BatchStartCdnDomainRequest q = new BatchStartCdnDomainRequest();
            q.setDomainNames(names);
            return q;
        });
    }

    @Override
    public void setCoverage(Product product, String domain, String coverage) throws CloudException {
        Objects.requireNonNull(domain, "domain");
        String property = coverageProperty(coverage);
        if (product == Product.CDN) {
            caller.call(AliyunApi.MODIFY_CDN_DOMAIN_SCHDM, () -> {
                ModifyCdnDomainSchdmByPropertyRequest q = new ModifyCdnDomainSchdmByPropertyRequest();
                q.setDomainName(domain);
                q.setProperty(property);
                return q;
            });
        } else {
            caller.call(AliyunApi.MODIFY_DCDN_DOMAIN_SCHDM, () -> {
                ModifyDCdnDomainSchdmByPropertyRequest q = new ModifyDCdnDomainSchdmByPropertyRequest();
                q.setDomainName(domain);
                q.setProperty(property);
                return q;
            });
        }
    }

    @Override
    public Map<String, Map<String, String>> tags(Product product, Collection<String> domains) throws CloudException {
        List<String> ids = batch(domains, "DescribeTagResources");
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) return out;
        for (String id : ids) out.put(id, new LinkedHashMap<>());
        if (product == Product.CDN) {
            DescribeTagResourcesResponse r = caller.call(AliyunApi.DESCRIBE_TAG_RESOURCES, () -> {
                DescribeTagResourcesRequest q = new DescribeTagResourcesRequest();
                q.setResourceType(DOMAIN);
                q.setResourceIds(ids);
                return q;
            });
            for (DescribeTagResourcesResponse.TagResource res : nonNull(r.getTagResources())) {
                Map<String, String> tags = out.computeIfAbsent(res.getResourceId(), k -> new LinkedHashMap<>());
                for (DescribeTagResourcesResponse.TagResource.TagItem t : nonNull(res.getTag())) {
                    if (t.getKey() != null) tags.put(t.getKey(), t.getValue() == null ? "" : t.getValue());
                }
            }
        } else {
            DescribeDcdnTagResourcesResponse r = caller.call(AliyunApi.DESCRIBE_DCDN_TAG_RESOURCES, () -> {
                DescribeDcdnTagResourcesRequest q = new DescribeDcdnTagResourcesRequest();
                q.setResourceType(DOMAIN);
                q.setResourceIds(ids);
                return q;
            });
            for (DescribeDcdnTagResourcesResponse.TagResource res : nonNull(r.getTagResources())) {
                Map<String, String> tags = out.computeIfAbsent(res.getResourceId(), k -> new LinkedHashMap<>());
                for (DescribeDcdnTagResourcesResponse.TagResource.TagItem t : nonNull(res.getTag())) {
                    if (t.getKey() != null) tags.put(t.getKey(), t.getValue() == null ? "" : t.getValue());
                }
            }
        }
        return out;
    }

    @Override
    public void tag(Product product, Collection<String> domains, Map<String, String> tags) throws CloudException {
        List<String> ids = batch(domains, "TagResources");
        if (ids.isEmpty() || tags.isEmpty()) return;
        if (tags.size() > 20) throw new IllegalArgumentException("at most 20 tags per call; got " + tags.size());
        if (product == Product.CDN) {
            List<TagResourcesRequest.Tag> list = new ArrayList<>();
            for (Map.Entry<String, String> e : tags.entrySet()) {
                TagResourcesRequest.Tag t = new TagResourcesRequest.Tag();
                t.setKey(e.getKey());
                t.setValue(e.getValue());
                list.add(t);
            }
            caller.call(AliyunApi.TAG_RESOURCES, () -> {
                TagResourcesRequest q = new TagResourcesRequest();
                q.setResourceType(DOMAIN);
                q.setResourceIds(ids);
                q.setTags(list);
                return q;
            });
        } else {
            List<TagDcdnResourcesRequest.Tag> list = new ArrayList<>();
            for (Map.Entry<String, String> e : tags.entrySet()) {
                TagDcdnResourcesRequest.Tag t = new TagDcdnResourcesRequest.Tag();
                t.setKey(e.getKey());
                t.setValue(e.getValue());
                list.add(t);
            }
            caller.call(AliyunApi.TAG_DCDN_RESOURCES, () -> {
                TagDcdnResourcesRequest q = new TagDcdnResourcesRequest();
                q.setResourceType(DOMAIN);
                q.setResourceIds(ids);
                q.setTags(list);
                return q;
            });
        }
    }

    @Override
    public void untag(Product product, Collection<String> domains, Collection<String> keys) throws CloudException {
        List<String> ids = batch(domains, "UntagResources");
        // No keys means nothing to remove: never send All=true, which would drop tags we did not create.
        if (ids.isEmpty() || keys.isEmpty()) return;
        List<String> tagKeys = List.copyOf(keys);
        if (product == Product.CDN) {
            caller.call(AliyunApi.UNTAG_RESOURCES, () -> {
                UntagResourcesRequest q = new UntagResourcesRequest();
                q.setResourceType(DOMAIN);
                q.setResourceIds(ids);
                q.setTagKeys(tagKeys);
                return q;
            });
        } else {
            caller.call(AliyunApi.UNTAG_DCDN_RESOURCES, () -> {
                UntagDcdnResourcesRequest q = new UntagDcdnResourcesRequest();
                q.setResourceType(DOMAIN);
                q.setResourceIds(ids);
                q.setTagKeys(tagKeys);
                return q;
            });
        }
    }

    @Override
    public boolean icpValid(String domain) throws CloudException {
        Objects.requireNonNull(domain, "domain");
        JsonObject r = caller.callCommon(AliyunApi.CHECK_CDN_DOMAIN_ICP, Map.of("DomainName", domain));
        return icpStatus(r);
    }

    // ---- mapping, package-private for the unit tests ----

    static DomainPage cdnPage(DescribeUserDomainsResponse r, int pageNumber, int pageSize) {
        List<AcceleratedDomain> out = new ArrayList<>();
        for (DescribeUserDomainsResponse.PageData p : nonNull(r.getDomains())) {
            if (p.getDomainName() == null) continue;
            List<Origin> origins = new ArrayList<>();
            for (DescribeUserDomainsResponse.PageData.Source s : nonNull(p.getSources())) {
                addOrigin(origins, s.getType(), s.getContent(), s.getPort(), s.getPriority(), s.getWeight(), null);
            }
            out.add(new AcceleratedDomain(Product.CDN, p.getDomainName(), p.getDomainStatus(), p.getCname(), p.getCoverage(), origins));
        }
        return new DomainPage(out, number(r.getPageNumber(), pageNumber), number(r.getPageSize(), pageSize), total(r.getTotalCount(), out));
    }

    static DomainPage dcdnPage(DescribeDcdnUserDomainsResponse r, int pageNumber, int pageSize) {
        List<AcceleratedDomain> out = new ArrayList<>();
        for (DescribeDcdnUserDomainsResponse.PageData p : nonNull(r.getDomains())) {
            if (p.getDomainName() == null) continue;
            List<Origin> origins = new ArrayList<>();
            for (DescribeDcdnUserDomainsResponse.PageData.Source s : nonNull(p.getSources())) {
                addOrigin(origins, s.getType(), s.getContent(), s.getPort(), s.getPriority(), s.getWeight(), null);
            }
            // The DCDN list carries no Coverage: only DescribeDcdnDomainDetail.Scope does.
            out.add(new AcceleratedDomain(Product.DCDN, p.getDomainName(), p.getDomainStatus(), p.getCname(), null, origins));
        }
        return new DomainPage(out, number(r.getPageNumber(), pageNumber), number(r.getPageSize(), pageSize), total(r.getTotalCount(), out));
    }

    /** Null when the answer has no domain in it. */
    static AcceleratedDomain cdnDetail(DescribeCdnDomainDetailResponse r) {
        DescribeCdnDomainDetailResponse.GetDomainDetailModel m = r.getGetDomainDetailModel();
        if (m == null || m.getDomainName() == null) return null;
        List<Origin> origins = new ArrayList<>();
        for (DescribeCdnDomainDetailResponse.GetDomainDetailModel.SourceModel s : nonNull(m.getSourceModels())) {
            addOrigin(origins, s.getType(), s.getContent(), s.getPort(), s.getPriority(), s.getWeight(), s.getEnabled());
        }
        return new AcceleratedDomain(Product.CDN, m.getDomainName(), m.getDomainStatus(), m.getCname(), m.getScope(), origins);
    }

    /** Null when the answer has no domain in it. */
    static AcceleratedDomain dcdnDetail(DescribeDcdnDomainDetailResponse r) {
        DescribeDcdnDomainDetailResponse.DomainDetail m = r.getDomainDetail();
        if (m == null || m.getDomainName() == null) return null;
        List<Origin> origins = new ArrayList<>();
        for (DescribeDcdnDomainDetailResponse.DomainDetail.Source s : nonNull(m.getSources())) {
            addOrigin(origins, s.getType(), s.getContent(), s.getPort(), s.getPriority(), s.getWeight(), s.getEnabled());
        }
        return new AcceleratedDomain(Product.DCDN, m.getDomainName(), m.getDomainStatus(), m.getCname(), m.getScope(), origins);
    }

    static boolean icpStatus(JsonObject r) throws CloudException {
        JsonElement s = r.get("Status");
        String status = s == null || !s.isJsonPrimitive() ? null : s.getAsString();
        if ("DomainIsRegistration".equals(status)) return true;
        if ("DomainNotRegistration".equals(status)) return false;
        JsonElement id = r.get("RequestId");
        // Fail closed: an answer we do not understand is not a valid filing, nor an invalid one.
        throw CloudErrors.unexpected(AliyunApi.CHECK_CDN_DOMAIN_ICP, id == null ? null : id.getAsString(), 200,
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
        JsonObject p = new JsonObject();
        p.addProperty("coverage", coverage);
        return p.toString();
    }

    private static void addOrigin(List<Origin> out, String type, String content, Integer port, String priority, String weight,
                                  String enabled) {
        if (content == null || content.isBlank()) return;
        out.add(new Origin(type == null ? "" : type, content, port == null ? 80 : port, priority, weight, originEnabled(enabled)));
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

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
