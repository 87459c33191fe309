package io.cdnlifeline.sandbox;

/** One Alidns resolution record. {@code recordId} is a numeric string, as the API returns it. */
public final class DnsRecord {
    public String recordId;
    public String rr;
    public String type;
    public String value;
    public long ttl = 600;
    public String line = "default";
    /** Returned exactly as stored: the API documents {@code Enable}/{@code Disable}, real accounts show {@code ENABLE} too. */
    public String status = "Enable";
    public boolean locked;
    public String remark = "";
    /** MX priority; absent for other types. */
    public Long priority;
    /** Weighted-round-robin weight; absent when not set. */
    public Integer weight;

    public DnsRecord() {
    }

    public DnsRecord(String recordId, String rr, String type, String value) {
        this.recordId = recordId;
        this.rr = rr;
        this.type = type;
        this.value = value;
    }
}
