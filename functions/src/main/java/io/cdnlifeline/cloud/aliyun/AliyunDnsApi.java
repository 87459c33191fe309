package io.cdnlifeline.cloud.aliyun;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsApi;
import io.cdnlifeline.cloud.DnsRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@link DnsApi} on the Alidns 2015-01-09 RPC API, with the parameters the classic SDK
 * {@code aliyun-java-sdk-alidns} 3.0.7 sends and its documented JSON answers. Record {@code Status} is kept
 * exactly as the cloud wrote it ({@code Enable} is documented, {@code ENABLE} is seen). Reads follow
 * the pages until TotalCount is reached or a page comes back short, with a hard page cap so a cloud
 * that misreports TotalCount cannot loop us forever.
 */
final class AliyunDnsApi implements DnsApi {
    static final long ZONES_PAGE = 100;
    /** DescribeSubDomainRecords: current docs say at most 100 (older ones 500). */
    static final long SUB_DOMAIN_PAGE = 100;
    static final long ZONE_RECORDS_PAGE = 500;
    static final int MAX_PAGES = 1000;

    private final AcsCaller caller;

    AliyunDnsApi(AcsCaller caller) {
        this.caller = caller;
    }

    @Override
    public List<String> zones() throws CloudException {
        Set<String> out = new LinkedHashSet<>();
        for (JsonObject d : allPages(AliyunApi.DESCRIBE_DOMAINS, Map.of(), ZONES_PAGE, "Domains", "Domain")) {
            String name = AnswerJson.text(d, "DomainName");
            if (name != null && !name.isBlank()) out.add(zoneName(name));
        }
        return List.copyOf(out);
    }

    @Override
    public List<DnsRecord> subDomainRecords(String zone, String host) throws CloudException {
        Objects.requireNonNull(host, "host");
        Map<String, String> q = new HashMap<>();
        q.put("SubDomain", host);
        if (zone != null) q.put("DomainName", zone);
        return records(allPages(AliyunApi.DESCRIBE_SUB_DOMAIN_RECORDS, q, SUB_DOMAIN_PAGE, "DomainRecords", "Record"), zone);
    }

    @Override
    public DnsRecord record(String recordId) throws CloudException {
        Objects.requireNonNull(recordId, "recordId");
        try {
            return caller.call(AliyunApi.DESCRIBE_DOMAIN_RECORD_INFO, Map.of("RecordId", recordId), x -> {
                String id = AnswerJson.text(x, "RecordId");
                return record(x, id == null ? recordId : id, null);
            });
        } catch (CloudException e) {
            if ("DomainRecordNotBelongToUser".equals(e.code())) return null; // deleted (or never ours)
            throw e;
        }
    }

    @Override
    public List<DnsRecord> zoneRecords(String zone) throws CloudException {
        Objects.requireNonNull(zone, "zone");
        return records(allPages(AliyunApi.DESCRIBE_DOMAIN_RECORDS, Map.of("DomainName", zone), ZONE_RECORDS_PAGE, "DomainRecords", "Record"),
                zone);
    }

    @Override
    public String addRecord(String zone, String rr, String type, String value, long ttl, String line) throws CloudException {
        Map<String, String> q = recordFields(rr, type, value, ttl, line);
        q.put("DomainName", Objects.requireNonNull(zone, "zone"));
        return caller.call(AliyunApi.ADD_DOMAIN_RECORD, q, r -> {
            String id = AnswerJson.text(r, "RecordId");
            if (id == null || id.isBlank()) {
                throw CloudErrors.unexpected(AliyunApi.ADD_DOMAIN_RECORD, AnswerJson.text(r, "RequestId"), 200, "a RecordId");
            }
            return id;
        });
    }

    @Override
    public void updateRecord(String recordId, String rr, String type, String value, long ttl, String line) throws CloudException {
        Map<String, String> q = recordFields(rr, type, value, ttl, line);
        q.put("RecordId", Objects.requireNonNull(recordId, "recordId"));
        caller.call(AliyunApi.UPDATE_DOMAIN_RECORD, q);
    }

    @Override
    public void deleteRecord(String recordId) throws CloudException {
        caller.call(AliyunApi.DELETE_DOMAIN_RECORD, Map.of("RecordId", Objects.requireNonNull(recordId, "recordId")));
    }

    @Override
    public void setRemark(String recordId, String remark) throws CloudException {
        // An empty Remark clears it; sent explicitly rather than left out.
        caller.call(AliyunApi.UPDATE_DOMAIN_RECORD_REMARK,
                Map.of("RecordId", Objects.requireNonNull(recordId, "recordId"), "Remark", remark == null ? "" : remark));
    }

    private static Map<String, String> recordFields(String rr, String type, String value, long ttl, String line) {
        Map<String, String> q = new HashMap<>();
        q.put("RR", Objects.requireNonNull(rr, "rr"));
        q.put("Type", Objects.requireNonNull(type, "type"));
        q.put("Value", Objects.requireNonNull(value, "value"));
        if (ttl > 0) q.put("TTL", Long.toString(ttl));
        if (line != null) q.put("Line", line);
        return q;
    }

    /** Lower-case, trimmed (the docs' own example has a trailing newline), no trailing dot. */
    static String zoneName(String raw) {
        String z = raw.trim().toLowerCase(Locale.ROOT);
        return z.endsWith(".") ? z.substring(0, z.length() - 1) : z;
    }

    /**
     * The items of every page ({@code <list>.<item>[]}), read from page 1 until {@link #isLastPage} says so,
     * at most {@link #MAX_PAGES} pages.
     */
    private List<JsonObject> allPages(AliyunApi api, Map<String, String> params, long pageSize, String list, String item)
            throws CloudException {
        List<JsonObject> out = new ArrayList<>();
        for (long p = 1; p <= MAX_PAGES; p++) {
            Map<String, String> q = new HashMap<>(params);
            q.put("PageNumber", Long.toString(p));
            q.put("PageSize", Long.toString(pageSize));
            long page = p;
            boolean last = caller.call(api, q, r -> {
                List<JsonObject> items = AnswerJson.list(r, list, item);
                out.addAll(items);
                return isLastPage(page, AnswerJson.number(r, "PageSize"), pageSize, items.size(), AnswerJson.number(r, "TotalCount"));
            });
            if (last) break;
        }
        return out;
    }

    /**
     * Paging by what the API says it served (it may cap the page size below what we asked): past
     * TotalCount, or an empty page, or, without a TotalCount, a short page ends it.
     */
    static boolean isLastPage(long page, Long servedPageSize, long askedPageSize, int received, Long totalCount) {
        if (received == 0) return true;
        long size = servedPageSize != null && servedPageSize > 0 ? servedPageSize : askedPageSize;
        if (totalCount != null) return page * size >= totalCount;
        return received < size;
    }

    /** The records of a list answer, those without a RecordId left out. */
    private static List<DnsRecord> records(List<JsonObject> items, String zone) {
        List<DnsRecord> out = new ArrayList<>();
        for (JsonObject x : items) {
            String id = AnswerJson.text(x, "RecordId");
            if (id != null) out.add(record(x, id, zone));
        }
        return out;
    }

    /**
     * One record from the fields the three record APIs' answers share; {@code zone} stands in when the
     * answer names no domain.
     */
    static DnsRecord record(JsonObject x, String id, String zone) {
        String domain = AnswerJson.text(x, "DomainName");
        Long ttl = AnswerJson.number(x, "TTL");
        return new DnsRecord(id, domain == null ? zone : domain, AnswerJson.text(x, "RR"), AnswerJson.text(x, "Type"),
                AnswerJson.text(x, "Value"), ttl == null ? 0 : ttl, AnswerJson.text(x, "Line"), AnswerJson.text(x, "Status"),
                Boolean.TRUE.equals(AnswerJson.flag(x, "Locked")), AnswerJson.text(x, "Remark"));
    }
}
