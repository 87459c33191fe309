package io.cdnlifeline.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole emulated account, in the seed format of DESIGN.md. Lists are public so tests can build and read
 * state directly; lookups by name and id go through indexes that {@link #reindex()} rebuilds, because the
 * benchmark loads tens of thousands of domains and records.
 */
public final class SandboxState {
    /** The account id STS GetCallerIdentity answers; null means {@code 1234567890123456}. */
    public String accountId;
    public List<AccessKey> accessKeys = new ArrayList<>();
    public Account account = new Account();
    public List<Domain> cdn = new ArrayList<>();
    public List<Domain> dcdn = new ArrayList<>();
    /** ApsaraVideo VOD domains: the keys of a {@code cdn} entry (no {@code cdnType}). */
    public List<Domain> vod = new ArrayList<>();
    /** ApsaraVideo Live domains: the keys of a {@code cdn} entry without {@code sources}, plus {@code liveDomainType} and {@code region}. */
    public List<Domain> live = new ArrayList<>();
    public List<DnsZone> dns = new ArrayList<>();
    public Limits limits = new Limits();
    public Faults faults = new Faults();
    /** The local Function Compute: deployed functions, triggers, async settings (LocalFc). Central account only. */
    public LocalFc fc = new LocalFc();
    /** RAM of every account: roles, custom policies and their versions (RamApi; what lifeline setup makes). */
    public RamState ram = new RamState();
    /** EventBridge's control plane of every account: custom buses and rules (EventBridgeApi). */
    public EventBridgeState eventBridge = new EventBridgeState();
    /** Log Service's control plane of every account: projects and logstores (LogServiceApi; what lifeline setup makes). */
    public LogServiceState logService = new LogServiceState();
    /**
     * The account's OSS buckets that functions keep objects in (the watch's state, the notify memory). Absent in a
     * seed: one bucket, {@code cdn-lifeline-<accountId>}, the name template.yml's LIFELINE_STATE defaults to.
     */
    public List<OssBucket> oss;

    /** The bucket of that name, or null. */
    public OssBucket ossBucket(String name) {
        if (oss == null) return null;
        for (OssBucket b : oss) {
            if (name.equals(b.bucket)) return b;
        }
        return null;
    }

    /**
     * The member accounts of the central account's Resource Directory (seed {@code members}): each an account of its own
     * ({@code accountId}, the single-account keys) with the {@code role} the central account assumes into it. Central
     * account only; a member has none. The top-level {@code limits} and {@code faults} apply to every account.
     */
    public List<SandboxState> members;
    /** A member's role (seed {@code members[].role}); null on the central account. */
    public MemberRole role;
    /** A member's Resource Directory tags (seed {@code members[].tags}, optional), which ListAccounts shows with IncludeTags. */
    public Map<String, String> tags;

    private transient Map<String, Domain> cdnByName = new HashMap<>();
    private transient Map<String, Domain> dcdnByName = new HashMap<>();
    private transient Map<String, Domain> vodByName = new HashMap<>();
    private transient Map<String, Domain> liveByName = new HashMap<>();
    private transient Map<String, DnsZone> zoneByName = new HashMap<>();
    private transient Map<String, DnsRecord> recordById = new HashMap<>();
    private transient Map<String, DnsZone> zoneByRecordId = new HashMap<>();
    private transient long lastRecordId;
    private transient long lastDomainId;

    /** This account's id: {@code accountId}, or {@code 1234567890123456} when the seed names none. */
    public String accountIdOrDefault() {
        return accountId == null ? StsApi.DEFAULT_ACCOUNT_ID : accountId;
    }

    /** The member account with this id, or null. */
    public SandboxState member(String memberAccountId) {
        if (members == null || memberAccountId == null) return null;
        for (SandboxState m : members) {
            if (memberAccountId.equals(m.accountId)) return m;
        }
        return null;
    }

    /** This account and its members, central first. */
    public List<SandboxState> accounts() {
        List<SandboxState> all = new ArrayList<>();
        all.add(this);
        if (members != null) all.addAll(members);
        return all;
    }

    /** The account (this one or a member) that holds the access key {@code keyId}, or null. */
    public SandboxState accountOfKey(String keyId) {
        for (SandboxState a : accounts()) {
            for (AccessKey k : a.accessKeys) {
                if (k.id != null && k.id.equals(keyId)) return a;
            }
        }
        return null;
    }

    /** The account (this one or a member) that has the domain under any product, or null. */
    public SandboxState accountOfDomain(String name) {
        for (SandboxState a : accounts()) {
            if (a.cdnDomain(name) != null || a.dcdnDomain(name) != null || a.vodDomain(name) != null || a.liveDomain(name) != null) {
                return a;
            }
        }
        return null;
    }

    public Domain cdnDomain(String name) {
        return name == null ? null : cdnByName.get(name.toLowerCase());
    }

    public Domain dcdnDomain(String name) {
        return name == null ? null : dcdnByName.get(name.toLowerCase());
    }

    public Domain vodDomain(String name) {
        return name == null ? null : vodByName.get(name.toLowerCase());
    }

    public Domain liveDomain(String name) {
        return name == null ? null : liveByName.get(name.toLowerCase());
    }

    public DnsZone zone(String name) {
        return name == null ? null : zoneByName.get(name.toLowerCase());
    }

    public DnsRecord record(String recordId) {
        return recordId == null ? null : recordById.get(recordId);
    }

    public DnsZone zoneOfRecord(String recordId) {
        return recordId == null ? null : zoneByRecordId.get(recordId);
    }

    /** The longest hosted zone that is {@code host} or a parent of it; null when none. */
    public DnsZone zoneFor(String host) {
        String h = host.toLowerCase();
        while (true) {
            DnsZone z = zoneByName.get(h);
            if (z != null) {
                return z;
            }
            int dot = h.indexOf('.');
            if (dot < 0) {
                return null;
            }
            h = h.substring(dot + 1);
        }
    }

    /** Adds a record with a fresh numeric id and returns it. */
    public DnsRecord addRecord(DnsZone zone, DnsRecord record) {
        record.recordId = String.valueOf(++lastRecordId);
        zone.records.add(record);
        recordById.put(record.recordId, record);
        zoneByRecordId.put(record.recordId, zone);
        return record;
    }

    public void removeRecord(String recordId) {
        DnsZone zone = zoneByRecordId.remove(recordId);
        DnsRecord record = recordById.remove(recordId);
        if (zone != null && record != null) {
            zone.records.remove(record);
        }
    }

    /** Fills defaults the seed may omit and rebuilds every index, of the members too. Call after changing the lists directly. */
    public void reindex() {
        if (accessKeys == null || accessKeys.isEmpty()) {
            accessKeys = new ArrayList<>(List.of(new AccessKey(Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET)));
        }
        if (limits == null) {
            limits = new Limits();
        }
        if (faults == null) {
            faults = new Faults();
        }
        if (fc == null) {
            fc = new LocalFc();
        }
        fc.normalise();
        if (oss == null) {
            oss = new ArrayList<>(List.of(new OssBucket("cdn-lifeline-" + accountIdOrDefault())));
        }
        for (OssBucket b : oss) {
            if (b.objects == null) b.objects = new java.util.TreeMap<>();
        }
        if (members != null) {
            for (SandboxState m : members) {
                m.reindexMember(accountIdOrDefault());
            }
        }
        reindexAccount();
    }

    /**
     * A member: reached only through AssumeRole, so no default key (the keys STS hands out are added as they are); no
     * limits, faults or local FC of its own (the central account's apply); its role trusts the central account unless the
     * seed says whom.
     */
    private void reindexMember(String centralAccountId) {
        if (accessKeys == null) {
            accessKeys = new ArrayList<>();
        }
        if (role.trusts == null || role.trusts.isEmpty()) {
            role.trusts = new ArrayList<>(List.of(centralAccountId));
        }
        limits = null;
        faults = null;
        fc = null;
        members = null;
        oss = null;
        reindexAccount();
    }

    private void reindexAccount() {
        if (account == null) {
            account = new Account();
        }
        if (ram == null) {
            ram = new RamState();
        }
        if (eventBridge == null) {
            eventBridge = new EventBridgeState();
        }
        if (logService == null) {
            logService = new LogServiceState();
        }
        cdn = cdn == null ? new ArrayList<>() : cdn;
        dcdn = dcdn == null ? new ArrayList<>() : dcdn;
        vod = vod == null ? new ArrayList<>() : vod;
        live = live == null ? new ArrayList<>() : live;
        dns = dns == null ? new ArrayList<>() : dns;
        Map<String, Domain> cdnIndex = new HashMap<>();
        Map<String, Domain> dcdnIndex = new HashMap<>();
        Map<String, DnsZone> zoneIndex = new HashMap<>();
        Map<String, DnsRecord> recordIndex = new HashMap<>();
        Map<String, DnsZone> recordZoneIndex = new HashMap<>();
        long maxDomainId = Math.max(lastDomainId, 10_000_000L);
        for (List<Domain> list : List.of(cdn, dcdn, vod, live)) {
            for (Domain d : list) {
                if (d.domainId != null) {
                    maxDomainId = Math.max(maxDomainId, d.domainId);
                }
            }
        }
        for (Domain d : cdn) {
            maxDomainId = normalise(d, maxDomainId, "web");
            cdnIndex.put(d.domain.toLowerCase(), d);
        }
        for (Domain d : dcdn) {
            maxDomainId = normalise(d, maxDomainId, null);
            dcdnIndex.put(d.domain.toLowerCase(), d);
        }
        Map<String, Domain> vodIndex = new HashMap<>();
        for (Domain d : vod) {
            maxDomainId = normalise(d, maxDomainId, null, ".w.alikunlun.net");
            vodIndex.put(d.domain.toLowerCase(), d);
        }
        Map<String, Domain> liveIndex = new HashMap<>();
        for (Domain d : live) {
            if (d.sources != null && !d.sources.isEmpty()) {
                throw new IllegalArgumentException("the live domain " + d.domain + " has sources, but a Live domain has no customer "
                        + "origin: remove its \"sources\"");
            }
            if (d.liveDomainType != null && !d.liveDomainType.equals("liveVideo") && !d.liveDomainType.equals("liveEdge")) {
                throw new IllegalArgumentException("the live domain " + d.domain + " has liveDomainType '" + d.liveDomainType
                        + "'; expected liveVideo or liveEdge");
            }
            maxDomainId = normalise(d, maxDomainId, null, ".w.alikunlun.net");
            d.sources = null;
            if (d.liveDomainType == null) {
                d.liveDomainType = "liveVideo";
            }
            if (d.region == null) {
                d.region = "cn-shanghai";
            }
            liveIndex.put(d.domain.toLowerCase(), d);
        }
        long maxRecordId = Math.max(lastRecordId, 100_000L);
        List<DnsRecord> withoutId = new ArrayList<>();
        for (DnsZone z : dns) {
            if (z.records == null) {
                z.records = new ArrayList<>();
            }
            if (z.tags == null) {
                z.tags = new LinkedHashMap<>();
            }
            zoneIndex.put(z.zone.toLowerCase(), z);
            for (DnsRecord r : z.records) {
                if (r.line == null) {
                    r.line = "default";
                }
                if (r.status == null) {
                    r.status = "Enable";
                }
                if (r.remark == null) {
                    r.remark = "";
                }
                if (r.recordId == null) {
                    withoutId.add(r);
                } else {
                    try {
                        maxRecordId = Math.max(maxRecordId, Long.parseLong(r.recordId));
                    } catch (NumberFormatException notNumeric) {
                        // kept as given; fresh ids simply continue from the numeric ones
                    }
                }
            }
        }
        for (DnsRecord r : withoutId) {
            r.recordId = String.valueOf(++maxRecordId);
        }
        for (DnsZone z : dns) {
            for (DnsRecord r : z.records) {
                recordIndex.put(r.recordId, r);
                recordZoneIndex.put(r.recordId, z);
            }
        }
        cdnByName = cdnIndex;
        dcdnByName = dcdnIndex;
        vodByName = vodIndex;
        liveByName = liveIndex;
        zoneByName = zoneIndex;
        recordById = recordIndex;
        zoneByRecordId = recordZoneIndex;
        lastRecordId = maxRecordId;
        lastDomainId = maxDomainId;
    }

    private static long normalise(Domain d, long maxDomainId, String defaultCdnType) {
        return normalise(d, maxDomainId, defaultCdnType, defaultCdnType == null ? ".w.kunluncan.com" : ".w.kunlunsl.com");
    }

    private static long normalise(Domain d, long maxDomainId, String defaultCdnType, String cnameSuffix) {
        if (d.domainId == null) {
            d.domainId = ++maxDomainId;
        }
        if (d.tags == null) {
            d.tags = new LinkedHashMap<>();
        }
        if (d.sources == null) {
            d.sources = new ArrayList<>();
        }
        if (d.status == null) {
            d.status = "online";
        }
        if (d.coverage == null) {
            d.coverage = "domestic";
        }
        if (d.cdnType == null && defaultCdnType != null) {
            d.cdnType = defaultCdnType;
        }
        if (d.cname == null) {
            d.cname = d.domain + cnameSuffix;
        }
        if (d.gmtCreated == null) {
            d.gmtCreated = "2024-01-01T00:00:00Z";
        }
        if (d.gmtModified == null) {
            d.gmtModified = d.gmtCreated;
        }
        return maxDomainId;
    }
}
