package io.cdnlifeline.cloud.aliyun;

import com.aliyuncs.alidns.model.v20150109.AddDomainRecordRequest;
import com.aliyuncs.alidns.model.v20150109.AddDomainRecordResponse;
import com.aliyuncs.alidns.model.v20150109.DeleteDomainRecordRequest;
import com.aliyuncs.alidns.model.v20150109.DescribeDomainRecordsRequest;
import com.aliyuncs.alidns.model.v20150109.DescribeDomainRecordsResponse;
import com.aliyuncs.alidns.model.v20150109.DescribeDomainsRequest;
import com.aliyuncs.alidns.model.v20150109.DescribeDomainsResponse;
import com.aliyuncs.alidns.model.v20150109.DescribeDomainRecordInfoRequest;
import com.aliyuncs.alidns.model.v20150109.DescribeDomainRecordInfoResponse;
import com.aliyuncs.alidns.model.v20150109.DescribeSubDomainRecordsRequest;
import com.aliyuncs.alidns.model.v20150109.DescribeSubDomainRecordsResponse;
import com.aliyuncs.alidns.model.v20150109.UpdateDomainRecordRemarkRequest;
import com.aliyuncs.alidns.model.v20150109.UpdateDomainRecordRequest;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsApi;
import io.cdnlifeline.cloud.DnsRecord;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link DnsApi} on the classic SDK {@code aliyun-java-sdk-alidns} 3.0.7. Record {@code Status} is kept
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
        List<DescribeDomainsResponse.Domain> domains = allPages(ZONES_PAGE, p -> caller.call(AliyunApi.DESCRIBE_DOMAINS, () -> {
            DescribeDomainsRequest q = new DescribeDomainsRequest();
            q.setPageNumber(p);
            q.setPageSize(ZONES_PAGE);
            return q;
        }), r -> new Page<>(r.getDomains(), r.getPageSize(), r.getTotalCount()));
        for (DescribeDomainsResponse.Domain d : domains) {
            if (d.getDomainName() != null && !d.getDomainName().isBlank()) out.add(zoneName(d.getDomainName()));
        }
        return List.copyOf(out);
    }

    @Override
    public List<DnsRecord> subDomainRecords(String zone, String host) throws CloudException {
        Objects.requireNonNull(host, "host");
        List<DescribeSubDomainRecordsResponse.Record> records = allPages(SUB_DOMAIN_PAGE,
                p -> caller.call(AliyunApi.DESCRIBE_SUB_DOMAIN_RECORDS, () -> {
                    DescribeSubDomainRecordsRequest q = new DescribeSubDomainRecordsRequest();
                    q.setSubDomain(host);
                    if (zone != null) q.setDomainName(zone);
                    q.setPageNumber(p);
                    q.setPageSize(SUB_DOMAIN_PAGE);
                    return q;
                }), r -> new Page<>(r.getDomainRecords(), r.getPageSize(), r.getTotalCount()));
        List<DnsRecord> out = new ArrayList<>();
        for (DescribeSubDomainRecordsResponse.Record x : records) {
            if (x.getRecordId() == null) continue;
            out.add(record(x.getRecordId(), x.getDomainName(), zone, x.getRR(), x.getType(), x.getValue(), x.getTTL(),
                    x.getLine(), x.getStatus(), x.getLocked(), x.getRemark()));
        }
        return out;
    }

    @Override
    public DnsRecord record(String recordId) throws CloudException {
        Objects.requireNonNull(recordId, "recordId");
        DescribeDomainRecordInfoResponse x;
        try {
            x = caller.call(AliyunApi.DESCRIBE_DOMAIN_RECORD_INFO, () -> {
                DescribeDomainRecordInfoRequest q = new DescribeDomainRecordInfoRequest();
                q.setRecordId(recordId);
                return q;
            });
        } catch (CloudException e) {
            if ("DomainRecordNotBelongToUser".equals(e.code())) return null; // deleted (or never ours)
            throw e;
        }
        return record(x.getRecordId() == null ? recordId : x.getRecordId(), x.getDomainName(), null, x.getRR(), x.getType(),
                x.getValue(), x.getTTL(), x.getLine(), x.getStatus(), x.getLocked(), x.getRemark());
    }

    @Override
    public List<DnsRecord> zoneRecords(String zone) throws CloudException {
        Objects.requireNonNull(zone, "zone");
        List<DescribeDomainRecordsResponse.Record> records = allPages(ZONE_RECORDS_PAGE,
                p -> caller.call(AliyunApi.DESCRIBE_DOMAIN_RECORDS, () -> {
                    DescribeDomainRecordsRequest q = new DescribeDomainRecordsRequest();
                    q.setDomainName(zone);
                    q.setPageNumber(p);
                    q.setPageSize(ZONE_RECORDS_PAGE);
                    return q;
                }), r -> new Page<>(r.getDomainRecords(), r.getPageSize(), r.getTotalCount()));
        List<DnsRecord> out = new ArrayList<>();
        for (DescribeDomainRecordsResponse.Record x : records) {
            if (x.getRecordId() == null) continue;
            out.add(record(x.getRecordId(), x.getDomainName(), zone, x.getRR(), x.getType(), x.getValue(), x.getTTL(),
                    x.getLine(), x.getStatus(), x.getLocked(), x.getRemark()));
        }
        return out;
    }

    @Override
    public String addRecord(String zone, String rr, String type, String value, long ttl, String line) throws CloudException {
        AddDomainRecordResponse r = caller.call(AliyunApi.ADD_DOMAIN_RECORD, () -> {
            AddDomainRecordRequest q = new AddDomainRecordRequest();
            q.setDomainName(Objects.requireNonNull(zone, "zone"));
            q.setRR(Objects.requireNonNull(rr, "rr"));
            q.setType(Objects.requireNonNull(type, "type"));
            q.setValue(Objects.requireNonNull(value, "value"));
            if (ttl > 0) q.setTTL(ttl);
            if (line != null) q.setLine(line);
            return q;
        });
        if (r.getRecordId() == null || r.getRecordId().isBlank()) {
            throw CloudErrors.unexpected(AliyunApi.ADD_DOMAIN_RECORD, r.getRequestId(), 200, "a RecordId");
        }
        return r.getRecordId();
    }

    @Override
    public void updateRecord(String recordId, String rr, String type, String value, long ttl, String line) throws CloudException {
        caller.call(AliyunApi.UPDATE_DOMAIN_RECORD, () -> {
            UpdateDomainRecordRequest q = new UpdateDomainRecordRequest();
            q.setRecordId(Objects.requireNonNull(recordId, "recordId"));
            q.setRR(Objects.requireNonNull(rr, "rr"));
            q.setType(Objects.requireNonNull(type, "type"));
            q.setValue(Objects.requireNonNull(value, "value"));
            if (ttl > 0) q.setTTL(ttl);
            if (line != null) q.setLine(line);
            return q;
        });
    }

    @Override
    public void deleteRecord(String recordId) throws CloudException {
        caller.call(AliyunApi.DELETE_DOMAIN_RECORD, () -> {
            DeleteDomainRecordRequest q = new DeleteDomainRecordRequest();
            q.setRecordId(Objects.requireNonNull(recordId, "recordId"));
            return q;
        });
    }

    @Override
    public void setRemark(String recordId, String remark) throws CloudException {
        caller.call(AliyunApi.UPDATE_DOMAIN_RECORD_REMARK, () -> {
            UpdateDomainRecordRemarkRequest q = new UpdateDomainRecordRemarkRequest();
            q.setRecordId(Objects.requireNonNull(recordId, "recordId"));
            // An empty Remark clears it; sent explicitly rather than left out.
            q.setRemark(remark == null ? "" : remark);
            return q;
        });
    }

    /** Lower-case, trimmed (the docs' own example has a trailing newline), no trailing dot. */
    static String zoneName(String raw) {
        String z = raw.trim().toLowerCase(Locale.ROOT);
        return z.endsWith(".") ? z.substring(0, z.length() - 1) : z;
    }

    /** What the paging loop needs of one page's answer: its items and what it says about the paging. */
    private static final class Page<I> {
        final List<I> items;
        final Long servedPageSize;
        final Long totalCount;

        Page(List<I> items, Long servedPageSize, Long totalCount) {
            this.items = nonNull(items);
            this.servedPageSize = servedPageSize;
            this.totalCount = totalCount;
        }
    }

    /** One page of a list call, by page number (from 1). */
    private interface PageCall<R> {
        R call(long pageNumber) throws CloudException;
    }

    /** The items of every page, read from page 1 until {@link #isLastPage} says so, at most {@link #MAX_PAGES} pages. */
    private static <R, I> List<I> allPages(long pageSize, PageCall<R> call, Function<R, Page<I>> page) throws CloudException {
        List<I> out = new ArrayList<>();
        for (long p = 1; p <= MAX_PAGES; p++) {
            Page<I> got = page.apply(call.call(p));
            out.addAll(got.items);
            if (isLastPage(p, got.servedPageSize, pageSize, got.items.size(), got.totalCount)) break;
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

    /**
     * One record from the fields every SDK record class carries (the three record APIs answer with three
     * classes of the same shape); {@code zone} stands in when the answer names no domain.
     */
    private static DnsRecord record(String id, String domain, String zone, String rr, String type, String value, Long ttl,
                                    String line, String status, Boolean locked, String remark) {
        return new DnsRecord(id, domain == null ? zone : domain, rr, type, value, ttl(ttl), line, status,
                Boolean.TRUE.equals(locked), remark);
    }

    private static long ttl(Long ttl) {
        return ttl == null ? 0 : ttl;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
