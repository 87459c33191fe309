package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsRecord;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.remedy.RunContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reads of one run of a DNS remedy, each made at most once: the account's zones, a host's records
 * ({@code DescribeSubDomainRecords}), or a whole zone's records ({@code DescribeDomainRecords}) when the
 * marker probe found several candidates in one zone (one call per 500 records instead of one per host),
 * and a domain's detail when the detector's list did not carry what the remedy needs.
 */
public final class DnsReads {
    private final RunContext ctx;
    private final Set<String> wholeZones = ConcurrentHashMap.newKeySet();

    private DnsReads(RunContext ctx) {
        this.ctx = ctx;
    }

    /** This run's reads. */
    public static DnsReads of(RunContext ctx) throws CloudException {
        return ctx.once("alidns:reads", () -> new DnsReads(ctx));
    }

    public List<String> zones() throws CloudException {
        return ctx.once("alidns:zones", () -> List.copyOf(ctx.cloud().dns().zones()));
    }

    /** The domain's host in the account's zones, or null when its DNS is not in this account. */
    public DnsHost locate(String domain) throws CloudException {
        return DnsHost.locate(domain, zones());
    }

    /** Reads the whole zone once, so that every host of it is answered from that read. */
    public void readZone(String zone) throws CloudException {
        ctx.once("alidns:zone-records:" + zone, () -> List.copyOf(ctx.cloud().dns().zoneRecords(zone)));
        wholeZones.add(zone);
    }

    /** The host's records, from the zone read when there was one, else one DescribeSubDomainRecords. */
    public List<DnsRecord> records(DnsHost host) throws CloudException {
        if (wholeZones.contains(host.zone())) {
            List<DnsRecord> all = ctx.once("alidns:zone-records:" + host.zone(), () -> List.copyOf(ctx.cloud().dns().zoneRecords(host.zone())));
            List<DnsRecord> out = new ArrayList<>();
            for (DnsRecord r : all) if (r.rr() != null && r.rr().equalsIgnoreCase(host.rr())) out.add(r);
            return out;
        }
        return ctx.once("alidns:host-records:" + host, () -> List.copyOf(ctx.cloud().dns().subDomainRecords(host.zone(), host.fqdn())));
    }

    /**
     * The domain with its CNAME and (when {@code needOrigins}) its origins with their enabled flag. A named
     * domain came from the detail API already (the detector read it); an account-wide run's domains came
     * from the paged list, which has no enabled flag, so the detail is read once here.
     */
    public AcceleratedDomain detail(Target t, boolean needOrigins) throws CloudException {
        AcceleratedDomain d = t.domain();
        boolean fromDetail = !ctx.request().domains().isEmpty();
        if (d.cname() != null && (fromDetail || !needOrigins)) return d;
        return ctx.once("detail:" + t.product().id() + ":" + t.name(), () -> ctx.cloud().cdn().describeDomain(t.product(), t.name()));
    }
}
