package io.cdnlifeline.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CDN, DCDN, VOD or Live accelerated domain. Field names are the seed format of DESIGN.md; a Live domain has no
 * {@code sources} (no customer origin) and adds {@code liveDomainType} and {@code region}.
 */
public final class Domain {
    public String domain;
    public String cname;
    /** {@code online}, {@code offline}, {@code configuring}, ... (lowercase, as the API). */
    public String status = "online";
    /** {@code domestic}, {@code overseas} or {@code global}. */
    public String coverage = "domestic";
    /** CDN only: {@code web}, {@code download} or {@code video}. */
    public String cdnType;
    /** Whether the domain has a valid ICP filing (needed for any coverage that includes the mainland). */
    public boolean icp = true;
    public Map<String, String> tags = new LinkedHashMap<>();
    public List<Source> sources = new ArrayList<>();
    /** Live only: {@code liveVideo} (streaming domain) or {@code liveEdge} (edge ingest domain). */
    public String liveDomainType;
    /** Live only: the region of the domain, e.g. {@code cn-shanghai}. */
    public String region;
    /** Optional; the sandbox assigns one when absent. */
    public Long domainId;
    public String gmtCreated;
    public String gmtModified;

    public Domain() {
    }

    public Domain(String domain, String cname, String status, String coverage) {
        this.domain = domain;
        this.cname = cname;
        this.status = status;
        this.coverage = coverage;
    }

    public Domain source(Source source) {
        sources.add(source);
        return this;
    }
}
