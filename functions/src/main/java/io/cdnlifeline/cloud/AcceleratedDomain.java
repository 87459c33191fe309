package io.cdnlifeline.cloud;

import java.util.List;
import java.util.Objects;

/**
 * An accelerated domain as one of the domain APIs reports it. Built from the paged lists
 * ({@code DescribeUserDomains} / {@code DescribeDcdnUserDomains}) or from the detail APIs.
 * {@code coverage} is null when the source does not carry it (the DCDN list has no Coverage field:
 * only {@code DescribeDcdnDomainDetail.Scope} has it). {@code origins} may be empty when the list
 * did not carry them; the detail APIs always do, with the {@code enabled} flag.
 */
public final class AcceleratedDomain {
    private final Product product;
    private final String name;
    private final String status;
    private final String cname;
    private final String coverage;
    private final List<Origin> origins;
    private final Boolean edgeHttps;

    public AcceleratedDomain(Product product, String name, String status, String cname, String coverage, List<Origin> origins) {
        this(product, name, status, cname, coverage, origins, null);
    }

    private AcceleratedDomain(Product product, String name, String status, String cname, String coverage, List<Origin> origins,
                              Boolean edgeHttps) {
        this.product = Objects.requireNonNull(product, "product");
        this.name = Objects.requireNonNull(name, "name");
        this.status = status;
        this.cname = cname;
        this.coverage = coverage;
        this.origins = origins == null ? List.of() : List.copyOf(origins);
        this.edgeHttps = edgeHttps;
    }

    /** This domain as the API also said whether its edge serves HTTPS ({@code on}: true, {@code off}: false, absent: null). */
    public AcceleratedDomain withEdgeHttps(Boolean on) {
        return new AcceleratedDomain(product, name, status, cname, coverage, origins, on);
    }

    public Product product() { return product; }
    public String name() { return name; }
    /** {@code online}, {@code offline}, {@code configuring}, ... exactly as the API wrote it. */
    public String status() { return status; }
    /** The CNAME Alibaba Cloud assigned (e.g. {@code www.example.com.w.kunlunsl.com}); may be null for domains under review. */
    public String cname() { return cname; }
    /** {@code domestic}, {@code overseas}, {@code global}, or null when unknown from this source. */
    public String coverage() { return coverage; }
    public List<Origin> origins() { return origins; }
    /**
     * Whether the edge serves HTTPS for this domain: CDN {@code ServerCertificateStatus} / {@code SslProtocol}, DCDN
     * {@code SSLProtocol}; null when the source did not say.
     */
    public Boolean edgeHttps() { return edgeHttps; }

    public boolean isOnline() { return "online".equals(status); }
    public boolean isOffline() { return "offline".equals(status); }

    @Override
    public String toString() { return product.id() + ":" + name + "[" + status + ", " + coverage + ", " + cname + "]"; }
}
