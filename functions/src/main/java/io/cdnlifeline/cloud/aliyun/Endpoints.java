package io.cdnlifeline.cloud.aliyun;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * THE endpoint table: which host each product's calls go to for the configured region, and which
 * {@code RegionId} they sign. One row per rule; the first row of a product whose regions match wins, and
 * a product with no matching row is called at its central endpoint ({@link AliyunService#endpoint()}).
 * docs/endpoints.md shows the same table; {@code lifeline doctor --region R} prints what it gives for R.
 * <p>Rows come from the SDKs' endpoint tables (api-examples README section 2, cdn/, dcdn/, sts/, vod/ and
 * live/README-notes.md):
 * <ul>
 * <li>CDN (Go SDK cdn-20180510 v9.0.0): regions outside mainland China go to {@code cdn.ap-southeast-1.aliyuncs.com},
 *     every other region to the central {@code cdn.aliyuncs.com};</li>
 * <li>DCDN (Go SDK dcdn-20180115 v4.0.0): every region to {@code dcdn.aliyuncs.com};</li>
 * <li>VOD (endpoint page and the domain operations' pages): {@code vod.cn-shanghai.aliyuncs.com}, RegionId cn-shanghai;</li>
 * <li>Live (Go SDK live-20161101 v2.7.4): every public region to {@code live.aliyuncs.com};</li>
 * <li>Alidns (Tea SDK alidns-20150109, rule "central"): the international regions it maps go to their regional host,
 *     the rest (mainland China) to the central {@code alidns.aliyuncs.com} the classic SDK table gives;</li>
 * <li>STS (Go SDK sts-20150401, rule "regional"): {@code sts.<region>.aliyuncs.com};</li>
 * <li>RAM (the OpenAPI metadata's endpoint table for 2015-05-01: every region): {@code ram.aliyuncs.com};</li>
 * <li>EventBridge (2020-04-01, regional): {@code eventbridge.<region>.aliyuncs.com}.</li>
 * </ul>
 * Adding a product is adding its {@link AliyunService} and its rows here; a row may fix the RegionId its calls sign, as
 * VOD's does.
 */
public final class Endpoints {
    /** Matches every region. */
    static final String ANY = "*";
    /** Regions outside mainland China, as the CDN SDK's map sends them abroad (ap-*, eu-*, us-*, me-*). */
    static final String INTERNATIONAL = "ap-*,eu-*,us-*,me-*";

    private static final List<Row> TABLE = List.of(
            row(AliyunService.CDN, INTERNATIONAL, "cdn.ap-southeast-1.aliyuncs.com", null),
            row(AliyunService.CDN, ANY, "cdn.aliyuncs.com", null),
            row(AliyunService.DCDN, ANY, "dcdn.aliyuncs.com", null),
            // VOD's domain operations are "only available in China (Shanghai)", whatever the account's region
            row(AliyunService.VOD, ANY, "vod.cn-shanghai.aliyuncs.com", "cn-shanghai"),
            row(AliyunService.LIVE, ANY, "live.aliyuncs.com", null),
            row(AliyunService.ALIDNS, "ap-northeast-1,ap-south-1,ap-southeast-1,ap-southeast-2,ap-southeast-3,ap-southeast-5,"
                    + "cn-hongkong,eu-central-1,eu-west-1,me-east-1,us-east-1,us-west-1", "alidns.{region}.aliyuncs.com", null),
            row(AliyunService.ALIDNS, ANY, "alidns.aliyuncs.com", null),
            row(AliyunService.STS, ANY, "sts.{region}.aliyuncs.com", null),
            row(AliyunService.RESOURCE_MANAGER, ANY, "resourcemanager.aliyuncs.com", null),
            row(AliyunService.RAM, ANY, "ram.aliyuncs.com", null),
            row(AliyunService.EVENTBRIDGE, ANY, "eventbridge.{region}.aliyuncs.com", null),
            // api-examples/README.md: business.aliyuncs.com (China site), business.ap-southeast-1.aliyuncs.com (international)
            row(AliyunService.BSS, INTERNATIONAL, "business.ap-southeast-1.aliyuncs.com", null),
            row(AliyunService.BSS, ANY, "business.aliyuncs.com", null));

    private Endpoints() {
    }

    /** Where one product's calls go for a region: the host, and the {@code RegionId} they sign. */
    public static final class Endpoint {
        private final String product;
        private final String host;
        private final String regionId;

        Endpoint(String product, String host, String regionId) {
            this.product = product;
            this.host = host;
            this.regionId = regionId;
        }

        /** The product's lower-case name: {@code cdn}, {@code dcdn}, {@code alidns}, {@code sts}. */
        public String product() { return product; }
        /** The host, always called over HTTPS. */
        public String host() { return host; }
        /** The RegionId the calls sign (the configured region unless a product lives in one region only). */
        public String regionId() { return regionId; }

        @Override
        public String toString() {
            return product + " " + host + " (RegionId " + regionId + ")";
        }
    }

    /** Every product's endpoint for {@code region}, in the order of {@link AliyunService}. */
    public static List<Endpoint> forRegion(String region) {
        List<Endpoint> out = new ArrayList<>();
        for (AliyunService s : AliyunService.values()) out.add(of(s, region));
        return Collections.unmodifiableList(out);
    }

    static Endpoint of(AliyunService service, String region) {
        return resolve(service, checkedRegion(region));
    }

    /** As {@link #of} for a region already checked (no pattern match per call). */
    static Endpoint resolve(AliyunService service, String r) {
        for (Row row : TABLE) {
            if (row.service == service && row.matches(r)) {
                return new Endpoint(name(service), row.host.replace("{region}", r), row.regionId == null ? r : row.regionId);
            }
        }
        return new Endpoint(name(service), service.endpoint(), r);
    }

    static String checkedRegion(String region) {
        Objects.requireNonNull(region, "region");
        String r = region.trim().toLowerCase(Locale.ROOT);
        if (!r.matches("[a-z]{2,}(-[a-z0-9]+)+")) {
            throw new IllegalArgumentException("a region looks like cn-hangzhou or ap-southeast-1; got '" + region + "'");
        }
        return r;
    }

    private static String name(AliyunService service) {
        return service.name().toLowerCase(Locale.ROOT);
    }

    private static Row row(AliyunService service, String regions, String host, String regionId) {
        return new Row(service, regions, host, regionId);
    }

    private static final class Row {
        final AliyunService service;
        final List<String> regions;
        final String host;
        final String regionId;

        Row(AliyunService service, String regions, String host, String regionId) {
            this.service = service;
            this.regions = List.of(regions.split(","));
            this.host = host;
            this.regionId = regionId;
        }

        boolean matches(String region) {
            for (String pattern : regions) {
                if (pattern.equals(ANY) || pattern.equals(region)
                        || (pattern.endsWith("*") && region.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                    return true;
                }
            }
            return false;
        }
    }
}
