package io.cdnlifeline.cloud;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The narrow port to CDN (2018-05-10), DCDN (2018-01-15), ApsaraVideo VOD (2017-03-21) and ApsaraVideo Live (2016-11-01)
 * that the remedies and detectors use. An operation a product does not document ({@link Product#can()}) is refused with
 * an IllegalArgumentException before any call.
 * Every method is one API call (or one call per batch of at most {@link #BATCH} names), so callers can
 * reason about call counts. Implementations retry throttling and server errors; what they throw
 * is final.
 */
public interface CdnApi {
    /** The most names one batch call takes (BatchStop/BatchStart, TagResources, DescribeTagResources). */
    int BATCH = 50;
    /** The largest page the domain lists serve. */
    int MAX_PAGE_SIZE = 500;

    /**
     * One page of {@code DescribeUserDomains} / {@code DescribeDcdnUserDomains} / {@code DescribeVodUserDomains} /
     * {@code DescribeLiveUserDomains} (at most {@link Product.Capabilities#maxPageSize()} a page: 500, VOD and Live 50).
     * @param statusFilter a DomainStatus value to filter on, or null for all
     */
    DomainPage listDomains(Product product, int pageNumber, int pageSize, String statusFilter) throws CloudException;

    /**
     * The named domains of one product as the domain list reports them (status, CNAME, coverage where the
     * list carries it), for runs that name their domains: the status comes from the list, never from one
     * detail call per domain. Names the product does not have are simply absent. This default pages
     * {@link #listDomains} ({@link #MAX_PAGE_SIZE} a page) and stops once every name was seen: at most
     * N/500 calls for an account of N domains. An adapter may override it with the list's
     * {@code DomainName} filter (up to 50 names a call, {@code full_match}).
     * @param names lower-case domain names
     */
    default List<AcceleratedDomain> findDomains(Product product, Collection<String> names) throws CloudException {
        Set<String> wanted = new HashSet<>(names);
        List<AcceleratedDomain> found = new ArrayList<>();
        int page = 1;
        while (!wanted.isEmpty()) {
            DomainPage dp = listDomains(product, page, product.can().maxPageSize(), null);
            for (AcceleratedDomain d : dp.domains()) {
                if (wanted.remove(d.name().toLowerCase(java.util.Locale.ROOT))) found.add(d);
            }
            if (!dp.hasNext()) break;
            page++;
        }
        return found;
    }

    /**
     * {@code DescribeCdnDomainDetail} / {@code DescribeDcdnDomainDetail} / {@code DescribeVodDomainDetail} /
     * {@code DescribeLiveDomainDetail} (no origins: Live has none): CNAME, Scope (coverage),
     * status and origins with their enabled flag. Throws with code {@code InvalidDomain.NotFound} for an unknown domain.
     */
    AcceleratedDomain describeDomain(Product product, String domain) throws CloudException;

    /** {@code StopCdnDomain} / {@code StopDcdnDomain} / {@code StopLiveDomain} (VOD has only the batch stop). */
    void stopDomain(Product product, String domain) throws CloudException;

    /** {@code StartCdnDomain} / {@code StartDcdnDomain} / {@code StartLiveDomain} (VOD has only the batch start). */
    void startDomain(Product product, String domain) throws CloudException;

    /** {@code BatchStopCdnDomain} / {@code BatchStopDcdnDomain} / {@code BatchStopVodDomain} (at most {@link #BATCH}); Live has no batch API and rejects this. */
    void batchStopDomains(Product product, List<String> domains) throws CloudException;

    /** {@code BatchStartCdnDomain} / {@code BatchStartDcdnDomain} / {@code BatchStartVodDomain} (at most {@link #BATCH}); Live has no batch API and rejects this. */
    void batchStartDomains(Product product, List<String> domains) throws CloudException;

    /**
     * {@code ModifyCdnDomainSchdmByProperty} / {@code ModifyDCdnDomainSchdmByProperty} / {@code ModifyLiveDomainSchdmByProperty}
     * with {@code {"coverage": ...}} (VOD documents none).
     */
    void setCoverage(Product product, String domain, String coverage) throws CloudException;

    /**
     * {@code DescribeTagResources} / {@code DescribeDcdnTagResources} / {@code DescribeLiveTagResources} for at most
     * {@link #BATCH} domains: domain -> tags (VOD documents no tag API).
     * Every domain asked for is a key; an untagged (or unknown) one maps to an empty map.
     */
    Map<String, Map<String, String>> tags(Product product, Collection<String> domains) throws CloudException;

    /** {@code TagResources} / {@code TagDcdnResources} / {@code TagLiveResources} on at most {@link #BATCH} domains. */
    void tag(Product product, Collection<String> domains, Map<String, String> tags) throws CloudException;

    /**
     * {@code UntagResources} / {@code UntagDcdnResources} / {@code UnTagLiveResources} on at most {@link #BATCH} domains; no
     * keys sends nothing (never {@code All=true}).
     */
    void untag(Product product, Collection<String> domains, Collection<String> keys) throws CloudException;

    /**
     * {@code CheckCdnDomainICP} (CDN only): true when the filing is valid ({@code DomainIsRegistration}),
     * false for {@code DomainNotRegistration}.
     */
    boolean icpValid(String domain) throws CloudException;
}
