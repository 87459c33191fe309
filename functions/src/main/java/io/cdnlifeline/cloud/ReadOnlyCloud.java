package io.cdnlifeline.cloud;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read-only snapshot of the account for {@code inspect}: every read is made at most once (a failure
 * too: one snapshot, one answer) and every write throws {@link WriteRefusedException} before it reaches
 * the cloud. Inspect reads everything itself and then asks each remedy's marker probe and the detector,
 * whose reads then come from here instead of costing calls again.
 */
public final class ReadOnlyCloud {
    private final Cloud delegate;
    private final Map<String, Object> memo = new ConcurrentHashMap<>();
    /** product:domain -> its tags, filled batch by batch. */
    private final Map<String, Object> tagsByDomain = new ConcurrentHashMap<>();

    private ReadOnlyCloud(Cloud delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** A Cloud whose reads are memoised and whose writes are refused. */
    public static Cloud of(Cloud delegate) {
        ReadOnlyCloud r = new ReadOnlyCloud(delegate);
        return new Cloud(r.new Cdn(), r.new Dns(), r.new Account());
    }

    @FunctionalInterface
    private interface Read<T> {
        T get() throws CloudException;
    }

    @SuppressWarnings("unchecked")
    private <T> T once(String key, Read<T> read) throws CloudException {
        Object v = memo.get(key);
        if (v == null) {
            synchronized (memo) {
                v = memo.get(key);
                if (v == null) {
                    try {
                        v = read.get();
                    } catch (CloudException e) {
                        v = e;
                    }
                    memo.put(key, v);
                }
            }
        }
        if (v instanceof CloudException) throw (CloudException) v;
        return (T) v;
    }

    private final class Cdn implements CdnApi {
        private final CdnApi d = delegate.cdn();

        @Override
        public DomainPage listDomains(Product product, int pageNumber, int pageSize, String statusFilter) throws CloudException {
            return once("list/" + product + "/" + pageNumber + "/" + pageSize + "/" + statusFilter,
                    () -> d.listDomains(product, pageNumber, pageSize, statusFilter));
        }

        @Override
        public AcceleratedDomain describeDomain(Product product, String domain) throws CloudException {
            return once("detail/" + product + "/" + domain, () -> d.describeDomain(product, domain));
        }

        @Override
        public Map<String, Map<String, String>> domainConfigs(Product product, String domain, List<String> functionNames)
                throws CloudException {
            return once("configs/" + product + "/" + domain + "/" + functionNames, () -> d.domainConfigs(product, domain, functionNames));
        }

        @Override
        public boolean icpValid(String domain) throws CloudException {
            return once("icp/" + domain, () -> d.icpValid(domain));
        }

        /** Per domain: only the domains not read before are asked for, in batches of {@link #BATCH}. */
        @Override
        public Map<String, Map<String, String>> tags(Product product, Collection<String> domains) throws CloudException {
            List<String> missing = new ArrayList<>();
            for (String name : domains) if (!tagsByDomain.containsKey(product + ":" + name)) missing.add(name);
            for (int i = 0; i < missing.size(); i += BATCH) {
                List<String> batch = missing.subList(i, Math.min(i + BATCH, missing.size()));
                Map<String, Map<String, String>> read = Map.of();
                CloudException failed = null;
                try {
                    read = d.tags(product, batch);
                } catch (CloudException e) {
                    failed = e;
                }
                for (String name : batch) {
                    tagsByDomain.putIfAbsent(product + ":" + name, failed != null ? failed : read.getOrDefault(name, Map.of()));
                }
            }
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            for (String name : domains) {
                Object v = tagsByDomain.get(product + ":" + name);
                if (v instanceof CloudException) throw (CloudException) v;
                @SuppressWarnings("unchecked")
                Map<String, String> tags = (Map<String, String>) v;
                if (!tags.isEmpty()) out.put(name, tags);
            }
            return out;
        }

        @Override
        public void stopDomain(Product product, String domain) { throw new WriteRefusedException("stop " + domain); }

        @Override
        public void startDomain(Product product, String domain) { throw new WriteRefusedException("start " + domain); }

        @Override
        public void batchStopDomains(Product product, List<String> domains) { throw new WriteRefusedException("batch stop"); }

        @Override
        public void batchStartDomains(Product product, List<String> domains) { throw new WriteRefusedException("batch start"); }

        @Override
        public void setCoverage(Product product, String domain, String coverage) { throw new WriteRefusedException("set coverage of " + domain); }

        @Override
        public void tag(Product product, Collection<String> domains, Map<String, String> tags) { throw new WriteRefusedException("tag"); }

        @Override
        public void untag(Product product, Collection<String> domains, Collection<String> keys) { throw new WriteRefusedException("untag"); }
    }

    private final class Dns implements DnsApi {
        private final DnsApi d = delegate.dns();

        @Override
        public List<String> zones() throws CloudException {
            return once("zones", d::zones);
        }

        /** From the zone's records when they were read already; else one call, memoised. */
        @Override
        public List<DnsRecord> subDomainRecords(String zone, String host) throws CloudException {
            Object zoneRecords = memo.get("zone/" + zone);
            if (zoneRecords instanceof List) {
                String h = DnsRecord.normalizeHost(host);
                List<DnsRecord> out = new ArrayList<>();
                for (Object o : (List<?>) zoneRecords) {
                    DnsRecord r = (DnsRecord) o;
                    String fqdn = "@".equals(r.rr()) ? DnsRecord.normalizeHost(zone) : DnsRecord.normalizeHost(r.rr() + "." + zone);
                    if (fqdn.equals(h)) out.add(r);
                }
                return out;
            }
            return once("sub/" + zone + "/" + host, () -> d.subDomainRecords(zone, host));
        }

        @Override
        public DnsRecord record(String recordId) throws CloudException {
            return d.record(recordId);
        }

        @Override
        public List<DnsRecord> zoneRecords(String zone) throws CloudException {
            return once("zone/" + zone, () -> d.zoneRecords(zone));
        }

        @Override
        public String addRecord(String zone, String rr, String type, String value, long ttl, String line) {
            throw new WriteRefusedException("add record " + rr + "." + zone);
        }

        @Override
        public void updateRecord(String recordId, String rr, String type, String value, long ttl, String line) {
            throw new WriteRefusedException("update record " + recordId);
        }

        @Override
        public void deleteRecord(String recordId) { throw new WriteRefusedException("delete record " + recordId); }

        @Override
        public void setRemark(String recordId, String remark) { throw new WriteRefusedException("set remark of record " + recordId); }
    }

    private final class Account implements AccountApi {
        private final AccountApi d = delegate.account();

        @Override
        public UserCdnStatus userCdnStatus() throws CloudException {
            return once("userCdnStatus", d::userCdnStatus);
        }

        @Override
        public UserCdnStatus userStatus(Product product) throws CloudException {
            if (product == Product.CDN) return userCdnStatus();
            return once("userStatus/" + product, () -> d.userStatus(product));
        }

        @Override
        public List<String> serviceLocks(Product product) throws CloudException {
            return once("locks/" + product, () -> d.serviceLocks(product));
        }

        @Override
        public Balance balance() throws CloudException {
            return once("balance", d::balance);
        }
    }
}
