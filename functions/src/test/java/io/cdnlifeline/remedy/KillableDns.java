package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsApi;
import io.cdnlifeline.cloud.DnsRecord;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Our own DnsApi port, passed through to the real adapter, that plays a function instance dying after
 * {@code allowed} writes: every later write fails as the write of a dead process would never happen.
 * (A decorator of our port, not a mock of the SDK: every call that happens goes through the SDK.)
 */
final class KillableDns implements DnsApi {
    /** What a killed run's later writes throw. */
    static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("the function instance was killed");
        }
    }

    private final DnsApi real;
    private final int allowed;
    private final AtomicInteger writes = new AtomicInteger();

    KillableDns(DnsApi real, int allowed) {
        this.real = real;
        this.allowed = allowed;
    }

    private void write() {
        if (writes.incrementAndGet() > allowed) throw new Killed();
    }

    @Override public List<String> zones() throws CloudException { return real.zones(); }
    @Override public List<DnsRecord> subDomainRecords(String zone, String host) throws CloudException { return real.subDomainRecords(zone, host); }
    @Override public List<DnsRecord> zoneRecords(String zone) throws CloudException { return real.zoneRecords(zone); }

    @Override
    public String addRecord(String zone, String rr, String type, String value, long ttl, String line) throws CloudException {
        write();
        return real.addRecord(zone, rr, type, value, ttl, line);
    }

    @Override
    public void updateRecord(String recordId, String rr, String type, String value, long ttl, String line) throws CloudException {
        write();
        real.updateRecord(recordId, rr, type, value, ttl, line);
    }

    @Override
    public void deleteRecord(String recordId) throws CloudException {
        write();
        real.deleteRecord(recordId);
    }

    @Override
    public void setRemark(String recordId, String remark) throws CloudException {
        write();
        real.setRemark(recordId, remark);
    }
}
