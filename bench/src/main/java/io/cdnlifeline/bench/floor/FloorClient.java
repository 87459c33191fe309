package io.cdnlifeline.bench.floor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cold-start floor: the API calls {@code dns-to-origin} makes for one domain, made with the JDK alone
 * (HttpURLConnection, javax.crypto, a 100-line JSON reader), so the benchmark can say what the function's
 * libraries, static initialisation and SDK cost on top of the unavoidable JVM + TLS-free HTTP + HMAC work.
 * It makes the same calls in the same order, with the same parameters that matter, and no retries (the
 * cold-start runs have no throttling and no faults).
 * <p>Usage: {@code FloorClient ENDPOINT DOMAIN SWITCHED_REMARK ADDED_REMARK} (the markers the function wrote), credentials from {@code ALIBABA_CLOUD_ACCESS_KEY_ID} /
 * {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}. Prints one line: the calls made and the records switched.
 */
public final class FloorClient {
    static final String CDN = "2018-05-10";
    static final String DCDN = "2018-01-15";
    static final String ALIDNS = "2015-01-09";

    private FloorClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: FloorClient ENDPOINT DOMAIN SWITCHED_REMARK ADDED_REMARK");
            System.exit(2);
        }
        RpcClient api = new RpcClient(args[0], System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"),
                System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
        String domain = args[1].toLowerCase(Locale.ROOT);
        int switched = switchToOrigin(api, domain, args[2], args[3]);
        System.out.println("{\"floor\":\"dns-to-origin\",\"domain\":\"" + domain + "\",\"calls\":" + api.calls()
                + ",\"switched\":" + switched + "}");
    }

    /**
     * The dns-to-origin sequence for one named domain, call for call as the function makes it (the runner
     * compares the two request logs): product, status and origins from the detail (CDN first, DCDN on
     * NotFound), the zone from the account's zones, the
     * host's records; then per record pointing at the CNAME: marker first, then the in-place switch, then
     * the extra origin IPs, each marked. Returns how many records were switched.
     */
    static int switchToOrigin(RpcClient api, String domain, String switchedRemark, String addedRemark) throws Exception {
        // 1. product, status, CNAME and enabled origins: the CDN detail, the DCDN detail only when CDN does not know the name
        Map<String, Object> detail;
        List<Object> sources;
        try {
            detail = Json.object(api.call(CDN, "DescribeCdnDomainDetail", "DomainName", domain).get("GetDomainDetailModel"));
            sources = Json.list(Json.object(detail.get("SourceModels")).get("SourceModel"));
        } catch (RpcClient.ApiError notCdn) {
            if (!notCdn.code.endsWith("NotFound")) throw notCdn;
            try {
                detail = Json.object(api.call(DCDN, "DescribeDcdnDomainDetail", "DomainName", domain).get("DomainDetail"));
            } catch (RpcClient.ApiError notDcdn) {
                if (notDcdn.code.endsWith("NotFound")) return 0;
                throw notDcdn;
            }
            sources = Json.list(Json.object(detail.get("Sources")).get("Source"));
        }
        Map<String, Object> listed = detail;
        String cname = (String) detail.get("Cname");
        // 2. the default condition is offline or in debt: the debt is read only when the status does not decide
        if (!"offline".equals(listed.get("DomainStatus"))) {
            Map<String, Object> status = api.call(CDN, "DescribeUserCdnStatus");
            if (!Boolean.TRUE.equals(status.get("InDebt")) && !Boolean.TRUE.equals(status.get("InDebtOverdue"))) return 0;
        }
        // 3. the origins to point at: the enabled ones of the highest priority (lowest number)
        List<Map<String, Object>> origins = highestPriorityEnabled(sources);
        if (origins.isEmpty()) return 0;
        // 4. the zone: the longest Alidns domain of the account that is a suffix of the name
        String zone = null;
        Map<String, Object> zones = api.call(ALIDNS, "DescribeDomains", "PageSize", "100", "PageNumber", "1");
        for (Object z : Json.list(Json.object(zones.get("Domains")).get("Domain"))) {
            String name = ((String) Json.object(z).get("DomainName")).trim().toLowerCase(Locale.ROOT);
            if ((domain.equals(name) || domain.endsWith("." + name)) && (zone == null || name.length() > zone.length())) zone = name;
        }
        if (zone == null) return 0;
        String rr = domain.equals(zone) ? "@" : domain.substring(0, domain.length() - zone.length() - 1);
        // 5. the records of the host that point at the CNAME: marked, switched in place, extra IPs added and marked
        Map<String, Object> records = api.call(ALIDNS, "DescribeSubDomainRecords", "PageSize", "100", "DomainName", zone,
                "SubDomain", domain, "PageNumber", "1");
        int switched = 0;
        for (Object o : Json.list(Json.object(records.get("DomainRecords")).get("Record"))) {
            Map<String, Object> r = Json.object(o);
            if (!"CNAME".equalsIgnoreCase((String) r.get("Type")) || !cname.equalsIgnoreCase(trimDot((String) r.get("Value")))) continue;
            String id = (String) r.get("RecordId");
            String line = (String) r.get("Line");
            String ttl = String.valueOf(((Number) r.get("TTL")).longValue());
            Map<String, Object> first = origins.get(0);
            String type = originRecordType(first);
            // the fresh check before a line's first write (a concurrent run may have moved the record)
            api.call(ALIDNS, "DescribeDomainRecordInfo", "RecordId", id);
            api.call(ALIDNS, "UpdateDomainRecordRemark", "RecordId", id, "Remark", switchedRemark);
            api.call(ALIDNS, "UpdateDomainRecord", "RR", rr, "TTL", ttl, "Line", line, "Type", type,
                    "Value", (String) first.get("Content"), "RecordId", id);
            if (type.equals("A") || type.equals("AAAA")) {
                for (int i = 1; i < origins.size(); i++) {
                    Map<String, Object> extra = origins.get(i);
                    Map<String, Object> added = api.call(ALIDNS, "AddDomainRecord", "RR", rr, "DomainName", zone, "TTL", ttl,
                            "Line", line, "Type", originRecordType(extra), "Value", (String) extra.get("Content"));
                    api.call(ALIDNS, "UpdateDomainRecordRemark", "RecordId", (String) added.get("RecordId"), "Remark", addedRemark);
                }
            }
            switched++;
        }
        return switched;
    }

    private static List<Map<String, Object>> highestPriorityEnabled(List<Object> sources) {
        List<Map<String, Object>> best = new ArrayList<>();
        int bestPriority = Integer.MAX_VALUE;
        for (Object o : sources) {
            Map<String, Object> s = Json.object(o);
            Object enabled = s.get("Enabled");
            if (enabled != null && !"online".equalsIgnoreCase(String.valueOf(enabled))) continue;
            int p = Integer.parseInt(String.valueOf(s.getOrDefault("Priority", "20")).trim());
            if (p < bestPriority) {
                best.clear();
                bestPriority = p;
            }
            if (p == bestPriority) best.add(s);
        }
        return best;
    }

    private static String originRecordType(Map<String, Object> source) {
        if (!"ipaddr".equals(source.get("Type"))) return "CNAME";
        return ((String) source.get("Content")).indexOf(':') >= 0 ? "AAAA" : "A";
    }

    private static String trimDot(String s) {
        return s != null && s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
