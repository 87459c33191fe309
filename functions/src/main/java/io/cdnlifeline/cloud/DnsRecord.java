package io.cdnlifeline.cloud;

import java.util.Locale;
import java.util.Objects;

/**
 * One Alidns resolution record. {@code status} is kept exactly as the cloud wrote it ("Enable" is
 * documented, "ENABLE" is seen): compare with {@link #isEnabled()}, never with equals.
 */
public final class DnsRecord {
    private final String recordId;
    private final String zone;
    private final String rr;
    private final String type;
    private final String value;
    private final long ttl;
    private final String line;
    private final String status;
    private final boolean locked;
    private final String remark;

    public DnsRecord(String recordId, String zone, String rr, String type, String value, long ttl, String line,
                     String status, boolean locked, String remark) {
        this.recordId = Objects.requireNonNull(recordId, "recordId");
        this.zone = zone;
        this.rr = rr;
        this.type = type;
        this.value = value;
        this.ttl = ttl;
        this.line = line == null ? "default" : line;
        this.status = status;
        this.locked = locked;
        this.remark = remark == null ? "" : remark;
    }

    public String recordId() { return recordId; }
    public String zone() { return zone; }
    public String rr() { return rr; }
    public String type() { return type; }
    public String value() { return value; }
    public long ttl() { return ttl; }
    public String line() { return line; }
    public String status() { return status; }
    public boolean locked() { return locked; }
    public String remark() { return remark; }

    public boolean isEnabled() { return status == null || "enable".equals(status.toLowerCase(Locale.ROOT)); }

    /** DNS names compare case-insensitively and with or without the trailing dot. */
    public boolean valueIsHost(String host) {
        return host != null && value != null && normalizeHost(value).equals(normalizeHost(host));
    }

    public static String normalizeHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    public DnsRecord with(String newType, String newValue, String newRemark) {
        return new DnsRecord(recordId, zone, rr, newType, newValue, ttl, line, status, locked, newRemark);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DnsRecord)) return false;
        DnsRecord x = (DnsRecord) o;
        return ttl == x.ttl && locked == x.locked && recordId.equals(x.recordId) && Objects.equals(zone, x.zone)
                && Objects.equals(rr, x.rr) && Objects.equals(type, x.type) && Objects.equals(value, x.value)
                && line.equals(x.line) && Objects.equals(status, x.status) && remark.equals(x.remark);
    }

    @Override
    public int hashCode() { return Objects.hash(recordId, zone, rr, type, value, ttl, line, status, locked, remark); }

    @Override
    public String toString() {
        return recordId + " " + rr + "." + zone + " " + line + " " + type + " " + value + " ttl=" + ttl + " " + status
                + (locked ? " locked" : "") + (remark.isEmpty() ? "" : " remark=" + remark);
    }
}
