package io.cdnlifeline.cloud;

import java.util.List;

/**
 * The narrow port to Alibaba Cloud DNS (Alidns 2015-01-09). Reads return every page; writes are
 * one call each. Implementations retry throttling and server errors; what they throw is final.
 */
public interface DnsApi {
    /** Every zone (Alidns domain) of the account: {@code DescribeDomains}, all pages. Lower-case, no trailing dot. */
    List<String> zones() throws CloudException;

    /** {@code DescribeSubDomainRecords} for one host name (e.g. {@code www.example.com}), all pages. */
    List<DnsRecord> subDomainRecords(String zone, String host) throws CloudException;

    /**
     * {@code DescribeDomainRecordInfo}: one record as it is now, or null when it no longer exists. The remedies read
     * it right before the first write of a line, to see whether a concurrent run moved the line since the plan.
     */
    DnsRecord record(String recordId) throws CloudException;

    /** {@code DescribeDomainRecords} of a whole zone, all pages (500 a page). */
    List<DnsRecord> zoneRecords(String zone) throws CloudException;

    /** {@code AddDomainRecord}; returns the new RecordId. */
    String addRecord(String zone, String rr, String type, String value, long ttl, String line) throws CloudException;

    /** {@code UpdateDomainRecord}, same RecordId. */
    void updateRecord(String recordId, String rr, String type, String value, long ttl, String line) throws CloudException;

    /** {@code DeleteDomainRecord}. */
    void deleteRecord(String recordId) throws CloudException;

    /** {@code UpdateDomainRecordRemark}; an empty remark clears it. */
    void setRemark(String recordId, String remark) throws CloudException;
}
