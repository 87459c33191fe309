package io.cdnlifeline.cloud;

import java.util.List;

/** One page of an account's accelerated domains, with the total the API reported. */
public final class DomainPage {
    private final List<AcceleratedDomain> domains;
    private final int pageNumber;
    private final int pageSize;
    private final long totalCount;

    public DomainPage(List<AcceleratedDomain> domains, int pageNumber, int pageSize, long totalCount) {
        this.domains = List.copyOf(domains);
        this.pageNumber = pageNumber;
        this.pageSize = pageSize;
        this.totalCount = totalCount;
    }

    public List<AcceleratedDomain> domains() { return domains; }
    public int pageNumber() { return pageNumber; }
    public int pageSize() { return pageSize; }
    public long totalCount() { return totalCount; }

    public boolean hasNext() { return (long) pageNumber * pageSize < totalCount && !domains.isEmpty(); }
}
