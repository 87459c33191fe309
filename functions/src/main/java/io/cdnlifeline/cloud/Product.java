package io.cdnlifeline.cloud;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The acceleration products cdn-lifeline looks after, each a value with what its documented APIs can do
 * ({@link Capabilities}): a remedy asks "can this product do X" here, once, and a cell of the per-product table
 * that cannot be done is a skip with {@link Capabilities}' reason, never a guess or an undocumented call.
 */
public enum Product {
    /** CDN 2018-05-10. */
    CDN(Capabilities.builder("CDN").listCarriesCoverage().stopsOneByOne().stopsInBatches().changesCoverage().tags()
            .originKinds(Set.of("ipaddr", "domain", "oss")).checksIcp().serviceLocks().build()),
    /** DCDN 2018-01-15: stop/start one by one and in batches (BatchStop/BatchStartDcdnDomain), no coverage in its list, no ICP check. */
    DCDN(Capabilities.builder("DCDN").stopsOneByOne().stopsInBatches().changesCoverage().tags()
            .originKinds(Set.of("ipaddr", "domain", "oss")).serviceLocks().build()),
    /**
     * ApsaraVideo VOD 2017-03-21: lists of at most 50 without Scope, stop and start in batches only, no documented API to
     * change the acceleration region, no documented tag API, an {@code oss} origin is VOD's own storage, no ICP check.
     */
    VOD(Capabilities.builder("ApsaraVideo VOD").maxPageSize(50).stopsInBatches()
            .withoutCoverageChange("ApsaraVideo VOD has no documented API to change a domain's acceleration region, so cdn-lifeline "
                    + "makes no call for it: change it by hand in the ApsaraVideo VOD console (Configuration Management > CDN "
                    + "Configuration > Domain Names > the domain's Configure > Basic Information > Acceleration Region)")
            .withoutTags("ApsaraVideo VOD documents no tag API for its domains, so cdn-lifeline can leave no marker on them and "
                    + "hold no lock flag")
            .originKinds(Set.of("ipaddr", "domain"))
            .whyNoOrigins("its origin is ApsaraVideo VOD's own storage (origin type oss), not a server of yours that visitors "
                    + "could reach without the CDN: its DNS is left pointing at the CDN CNAME")
            .build()),
    /**
     * ApsaraVideo Live 2016-11-01: lists of at most 50 (status {@code LiveDomainStatus}, no Scope), stop and start one by
     * one, coverage change and tags as CDN's, no customer origin, no ICP check.
     */
    LIVE(Capabilities.builder("ApsaraVideo Live").maxPageSize(50).stopsOneByOne().changesCoverage().tags()
            .whyNoOrigins("an ApsaraVideo Live domain has no origin of yours (streams are pushed to and pulled from ApsaraVideo "
                    + "Live itself): there is nothing to point visitors at, so its DNS is left pointing at the CDN CNAME")
            .build());

    private final Capabilities can;

    Product(Capabilities can) {
        this.can = can;
    }

    /** The lower-case name used in Requests, Reports and resource names. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What this product's documented APIs can do. */
    public Capabilities can() {
        return can;
    }

    public static Product fromId(String id) {
        for (Product p : values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown product '" + id + "', expected one of " + ids());
    }

    /** Every product id, for messages: {@code cdn, dcdn}. */
    public static String ids() {
        StringBuilder b = new StringBuilder();
        for (Product p : values()) {
            if (b.length() > 0) b.append(", ");
            b.append(p.id());
        }
        return b.toString();
    }

    /**
     * What one product's documented APIs allow. A capability it lacks carries the reason a remedy reports when it skips
     * a domain for it (set with the {@code without...} builder methods), so every skip says why in the product's terms.
     */
    public static final class Capabilities {
        private static final Set<String> KNOWN_ORIGIN_KINDS = Set.of("ipaddr", "domain", "oss");
        private final String title;
        private final int maxPageSize;
        private final boolean listCarriesCoverage;
        private final boolean stopsOneByOne;
        private final boolean stopsInBatches;
        private final String noCoverageChange;
        private final String noTags;
        private final Set<String> originKinds;
        private final String noOrigins;
        private final boolean checksIcp;
        private final boolean serviceLocks;

        private Capabilities(Builder b) {
            this.title = b.title;
            this.maxPageSize = b.maxPageSize;
            this.listCarriesCoverage = b.listCarriesCoverage;
            this.stopsOneByOne = b.stopsOneByOne;
            this.stopsInBatches = b.stopsInBatches;
            this.noCoverageChange = b.changesCoverage ? null : Objects.requireNonNull(b.noCoverageChange, "why no coverage change");
            this.noTags = b.tags ? null : Objects.requireNonNull(b.noTags, "why no tags");
            this.originKinds = Set.copyOf(b.originKinds);
            this.noOrigins = b.originKinds.isEmpty() ? Objects.requireNonNull(b.noOrigins, "why no origins") : b.noOrigins;
            this.checksIcp = b.checksIcp;
            this.serviceLocks = b.serviceLocks;
            if (!stopsOneByOne && !stopsInBatches) throw new IllegalArgumentException(title + ": a product stops one by one or in batches");
        }

        static Builder builder(String title) {
            return new Builder(title);
        }

        /** The product's name in messages: {@code CDN}, {@code DCDN}. */
        public String title() { return title; }
        /** The largest page its domain list serves. */
        public int maxPageSize() { return maxPageSize; }
        /** Whether its domain list says the acceleration region (else only its detail does). */
        public boolean listCarriesCoverage() { return listCarriesCoverage; }
        /** Whether it has a stop and a start API for one domain. */
        public boolean stopsOneByOne() { return stopsOneByOne; }
        /** Whether it has batch stop and start APIs (at most {@link CdnApi#BATCH} names a call). */
        public boolean stopsInBatches() { return stopsInBatches; }
        /** Whether a documented API changes its acceleration region. */
        public boolean changesCoverage() { return noCoverageChange == null; }
        /** Why not, in words for a skip (null when it can). */
        public String whyNoCoverageChange() { return noCoverageChange; }
        /** Whether its domains take tags (the domain remedies' markers and lock flags). */
        public boolean tags() { return noTags == null; }
        /** Why not, in words for a skip (null when it can). */
        public String whyNoTags() { return noTags; }
        /** The origin types the DNS remedies may point visitors at ({@code ipaddr}, {@code domain}, {@code oss}); may be empty. */
        public Set<String> originKinds() { return originKinds; }
        /**
         * Why a domain has no origin the DNS remedies may point at, in words for a skip: the product's own reason
         * (no customer origin, its own storage), or null for the generic one.
         */
        public String whyNoOrigins() { return noOrigins; }
        /**
         * Whether dns-to-origin may point visitors at an origin of this type: one of {@link #originKinds()}; a type
         * none of the products documents (a newer one) is taken as a host name, as before, when the product has any.
         */
        public boolean dnsMayPointAt(String originType) {
            String t = originType == null ? "" : originType.toLowerCase(Locale.ROOT);
            if (KNOWN_ORIGIN_KINDS.contains(t)) return originKinds.contains(t);
            return !originKinds.isEmpty();
        }

        /** Whether it has an ICP filing check ({@code CheckCdnDomainICP}). */
        public boolean checksIcp() { return checksIcp; }
        /** Whether its service description carries operation locks (a {@code financial} one: the account is overdue). */
        public boolean serviceLocks() { return serviceLocks; }

        static final class Builder {
            private final String title;
            private int maxPageSize = CdnApi.MAX_PAGE_SIZE;
            private boolean listCarriesCoverage;
            private boolean stopsOneByOne;
            private boolean stopsInBatches;
            private boolean changesCoverage;
            private String noCoverageChange;
            private boolean tags;
            private String noTags;
            private Set<String> originKinds = Set.of();
            private String noOrigins;
            private boolean checksIcp;
            private boolean serviceLocks;

            private Builder(String title) {
                this.title = title;
            }

            Builder maxPageSize(int n) { maxPageSize = n; return this; }
            Builder listCarriesCoverage() { listCarriesCoverage = true; return this; }
            Builder stopsOneByOne() { stopsOneByOne = true; return this; }
            Builder stopsInBatches() { stopsInBatches = true; return this; }
            Builder changesCoverage() { changesCoverage = true; return this; }
            Builder withoutCoverageChange(String why) { noCoverageChange = why; return this; }
            Builder tags() { tags = true; return this; }
            Builder withoutTags(String why) { noTags = why; return this; }
            Builder originKinds(Set<String> kinds) { originKinds = kinds; return this; }
            Builder whyNoOrigins(String why) { noOrigins = why; return this; }
            Builder checksIcp() { checksIcp = true; return this; }
            Builder serviceLocks() { serviceLocks = true; return this; }

            Capabilities build() { return new Capabilities(this); }
        }
    }
}
