package io.cdnlifeline.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Alidns 2015-01-09: zones and resolution records. The rules that matter to cdn-lifeline are the cloud's: a CNAME
 * cannot share its host and line with any other record, an update that changes nothing is a duplicate, and locked
 * records refuse every change.
 */
final class AlidnsApi implements ProductApi {
    static final Set<String> TYPES = Set.of("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA", "REDIRECT_URL", "FORWARD_URL");

    @Override
    public String product() {
        return "alidns";
    }

    @Override
    public String hostId() {
        return "alidns.aliyuncs.com";
    }

    @Override
    public JsonObject call(String action, Params p, SandboxState s) {
        switch (action) {
            case "DescribeDomains":
                return describeDomains(p, s);
            case "DescribeDomainRecords":
                return describeDomainRecords(p, s);
            case "DescribeSubDomainRecords":
                return describeSubDomainRecords(p, s);
            case "DescribeDomainRecordInfo":
                return describeDomainRecordInfo(p, s);
            case "AddDomainRecord":
                return addDomainRecord(p, s);
            case "UpdateDomainRecord":
                return updateDomainRecord(p, s);
            case "DeleteDomainRecord":
                return deleteDomainRecord(p, s);
            case "SetDomainRecordStatus":
                return setDomainRecordStatus(p, s);
            case "UpdateDomainRecordRemark":
                return updateDomainRecordRemark(p, s);
            case "GetMainDomainName":
                return getMainDomainName(p, s);
            default:
                throw ProductApi.unknownAction();
        }
    }

    private static ApiError incorrectDomainUser() {
        return new ApiError(400, "IncorrectDomainUser", "The domain name does not belong to this user.");
    }

    /**
     * What the record queries answer today for a zone outside the account (seen in real answers: 400, HostId
     * alidns.aliyuncs.com). The 2016-2018 docs said IncorrectDomainUser, which AddDomainRecord still uses here.
     */
    private static ApiError zoneDoesNotExist() {
        return new ApiError(400, "InvalidDomainName.NoExist", "The specified domain name does not exist. Refresh the page and try again.");
    }

    private static ApiError notBelongToUser() {
        return new ApiError(400, "DomainRecordNotBelongToUser", "The domain record does not belong to this user.");
    }

    private static ApiError locked() {
        return new ApiError(400, "DomainRecordLocked", "The domain record has been locked.");
    }

    private static ApiError duplicate() {
        return new ApiError(400, "DomainRecordDuplicate", "The domain record is duplicated.");
    }

    private static ApiError conflict() {
        return new ApiError(400, "DomainRecordConflict", "The domain record is conflict with other records.");
    }

    private static DnsZone zone(Params p, SandboxState s, ApiError whenAbsent) {
        DnsZone z = s.zone(p.require("DomainName"));
        if (z == null) {
            throw whenAbsent;
        }
        return z;
    }

    private static DnsRecord ownRecord(Params p, SandboxState s) {
        DnsRecord r = s.record(p.require("RecordId"));
        if (r == null) {
            throw notBelongToUser();
        }
        return r;
    }

    private static int pageSize(Params p, int max) {
        return p.intIn("PageSize", 20, 1, max, "InvalidPageSize", "The specified value of parameter PageSize is invalid.");
    }

    private static int pageNumber(Params p) {
        return p.intIn("PageNumber", 1, 1, Integer.MAX_VALUE, "InvalidPageNumber", "The specified value of parameter PageNumber is invalid.");
    }

    private static JsonObject describeDomains(Params p, SandboxState s) {
        int size = pageSize(p, 100);
        int number = pageNumber(p);
        String keyword = p.get("KeyWord");
        boolean exact = "EXACT".equalsIgnoreCase(p.get("SearchMode"));
        List<DnsZone> matched = new ArrayList<>();
        for (DnsZone z : s.dns) {
            if (keyword == null || (exact ? z.zone.equalsIgnoreCase(keyword) : z.zone.toLowerCase().contains(keyword.toLowerCase()))) {
                matched.add(z);
            }
        }
        JsonArray items = new JsonArray();
        for (DnsZone z : page(matched, number, size)) {
            JsonObject o = new JsonObject();
            o.addProperty("Remark", "");
            o.addProperty("CreateTime", "2024-01-01T00:00Z");
            o.addProperty("RecordCount", z.records.size());
            JsonArray tags = new JsonArray();
            for (Map.Entry<String, String> t : z.tags.entrySet()) {
                JsonObject tag = new JsonObject();
                tag.addProperty("Key", t.getKey());
                tag.addProperty("Value", t.getValue());
                tags.add(tag);
            }
            o.add("Tags", Json.wrap("Tag", tags));
            o.addProperty("InstanceId", "dns-sandbox-" + Math.abs(z.zone.hashCode()));
            o.addProperty("DomainName", z.zone);
            o.addProperty("DomainId", "sandbox-" + Math.abs(z.zone.hashCode()));
            o.addProperty("AliDomain", true);
            o.addProperty("GroupId", "");
            o.addProperty("GroupName", "");
            o.addProperty("ResourceGroupId", "rg-sandbox");
            o.addProperty("InstanceEndTime", "2099-12-31T16:00Z");
            o.addProperty("InstanceExpired", false);
            o.addProperty("VersionName", "Alibaba Cloud DNS Free Edition");
            JsonArray servers = new JsonArray();
            servers.add("ns1.alidns.com");
            servers.add("ns2.alidns.com");
            o.add("DnsServers", Json.wrap("DnsServer", servers));
            o.addProperty("VersionCode", "mianfei");
            o.addProperty("PunyCode", z.zone);
            o.addProperty("RegistrantEmail", "");
            o.addProperty("CreateTimestamp", 1704067200000L);
            o.addProperty("Starmark", false);
            o.addProperty("DomainLoggingSwitchStatus", "CLOSE");
            o.addProperty("SlaveDnsStatus", "");
            items.add(o);
        }
        JsonObject out = new JsonObject();
        out.add("Domains", Json.wrap("Domain", items));
        out.addProperty("TotalCount", matched.size());
        out.addProperty("PageSize", size);
        out.addProperty("PageNumber", number);
        return out;
    }

    private static JsonObject describeDomainRecords(Params p, SandboxState s) {
        DnsZone z = zone(p, s, zoneDoesNotExist());
        int size = pageSize(p, 500);
        int number = pageNumber(p);
        String mode = p.get("SearchMode", "LIKE").toUpperCase(Locale.ROOT);
        String keyword = lower(p.get("KeyWord"));
        String rrKeyword = lower(p.get("RRKeyWord"));
        String typeKeyword = p.get("TypeKeyWord");
        String valueKeyword = lower(p.get("ValueKeyWord"));
        String type = p.get("Type");
        String line = p.get("Line");
        String status = p.get("Status");
        Predicate<DnsRecord> filter = r -> {
            String rr = r.rr.toLowerCase();
            String value = r.value.toLowerCase();
            if (keyword != null) {
                boolean hit = "EXACT".equals(mode) ? rr.equals(keyword) : rr.contains(keyword) || value.contains(keyword);
                if (!hit) {
                    return false;
                }
            }
            if (rrKeyword != null && !("EXACT".equals(mode) ? rr.equals(rrKeyword) : rr.contains(rrKeyword))) {
                return false;
            }
            if (typeKeyword != null && !r.type.equalsIgnoreCase(typeKeyword)) {
                return false;
            }
            if (valueKeyword != null && !("EXACT".equals(mode) ? value.equals(valueKeyword) : value.contains(valueKeyword))) {
                return false;
            }
            if (type != null && !r.type.equalsIgnoreCase(type)) {
                return false;
            }
            if (line != null && !r.line.equals(line)) {
                return false;
            }
            return status == null || r.status.equalsIgnoreCase(status);
        };
        return recordPage(z, filter, number, size);
    }

    private static JsonObject describeSubDomainRecords(Params p, SandboxState s) {
        String sub = p.require("SubDomain").toLowerCase();
        DnsZone z = p.get("DomainName") != null ? s.zone(p.get("DomainName")) : s.zoneFor(sub);
        if (z == null || !(sub.equals(z.zone.toLowerCase()) || sub.endsWith("." + z.zone.toLowerCase()))) {
            throw zoneDoesNotExist();
        }
        String rr = sub.equals(z.zone.toLowerCase()) ? "@" : sub.substring(0, sub.length() - z.zone.length() - 1);
        String type = p.get("Type");
        String line = p.get("Line");
        // the current docs cap this query at 100 per page (the 2021 revision said 500)
        int size = pageSize(p, 100);
        int number = pageNumber(p);
        return recordPage(z, r -> r.rr.equalsIgnoreCase(rr)
                && (type == null || r.type.equalsIgnoreCase(type))
                && (line == null || r.line.equals(line)), number, size);
    }

    private static JsonObject recordPage(DnsZone z, Predicate<DnsRecord> filter, int number, int size) {
        List<DnsRecord> matched = new ArrayList<>();
        for (DnsRecord r : z.records) {
            if (filter.test(r)) {
                matched.add(r);
            }
        }
        JsonArray items = new JsonArray();
        for (DnsRecord r : page(matched, number, size)) {
            items.add(recordJson(z, r));
        }
        JsonObject out = new JsonObject();
        out.addProperty("PageNumber", number);
        out.addProperty("TotalCount", matched.size());
        out.addProperty("PageSize", size);
        out.add("DomainRecords", Json.wrap("Record", items));
        return out;
    }

    private static JsonObject recordJson(DnsZone z, DnsRecord r) {
        JsonObject o = new JsonObject();
        o.addProperty("RR", r.rr);
        o.addProperty("Status", r.status);
        o.addProperty("Value", r.value);
        o.addProperty("RecordId", r.recordId);
        o.addProperty("Type", r.type);
        o.addProperty("DomainName", z.zone);
        o.addProperty("Locked", r.locked);
        o.addProperty("Line", r.line);
        o.addProperty("TTL", r.ttl);
        if (r.priority != null) {
            o.addProperty("Priority", r.priority);
        }
        if (r.weight != null) {
            o.addProperty("Weight", r.weight);
        }
        if (r.remark != null && !r.remark.isEmpty()) {
            o.addProperty("Remark", r.remark);
        }
        return o;
    }

    private static JsonObject describeDomainRecordInfo(Params p, SandboxState s) {
        DnsRecord r = ownRecord(p, s);
        DnsZone z = s.zoneOfRecord(r.recordId);
        JsonObject o = new JsonObject();
        o.addProperty("Status", r.status);
        o.addProperty("RR", r.rr);
        o.addProperty("GroupName", "");
        o.addProperty("DomainName", z.zone);
        if (r.priority != null) {
            o.addProperty("Priority", r.priority);
        }
        o.addProperty("PunyCode", z.zone);
        o.addProperty("TTL", r.ttl);
        o.addProperty("GroupId", "");
        o.addProperty("Line", r.line);
        o.addProperty("Locked", r.locked);
        o.addProperty("Type", r.type);
        o.addProperty("DomainId", "sandbox-" + Math.abs(z.zone.hashCode()));
        o.addProperty("Value", r.value);
        o.addProperty("RecordId", r.recordId);
        if (r.remark != null && !r.remark.isEmpty()) {
            o.addProperty("Remark", r.remark);
        }
        return o;
    }

    /** The record as the request describes it; TTL and Line take their documented defaults. */
    private static DnsRecord fromRequest(Params p) {
        DnsRecord r = new DnsRecord();
        r.rr = p.require("RR");
        r.type = p.require("Type").toUpperCase(Locale.ROOT);
        if (!TYPES.contains(r.type)) {
            throw new ApiError(400, "InvalidParameter", "The specified parameter \"Type\" is not valid.");
        }
        r.value = p.require("Value");
        String ttl = p.get("TTL");
        try {
            r.ttl = ttl == null ? 600 : Long.parseLong(ttl);
        } catch (NumberFormatException e) {
            throw ApiError.invalid("TTL");
        }
        r.line = p.get("Line", "default");
        if ("MX".equals(r.type)) {
            r.priority = (long) p.intIn("Priority", 10, 1, 50, "InvalidParameter", "The specified parameter \"Priority\" is not valid.");
        }
        return r;
    }

    /** Duplicate (same host, type, value and line) beats conflict (a CNAME sharing host and line with anything). */
    private static void checkAgainst(DnsZone z, DnsRecord candidate, String ignoreId) {
        ApiError conflict = null;
        for (DnsRecord r : z.records) {
            if (r.recordId.equals(ignoreId) || !r.rr.equalsIgnoreCase(candidate.rr) || !r.line.equals(candidate.line)) {
                continue;
            }
            if (r.type.equalsIgnoreCase(candidate.type) && r.value.equalsIgnoreCase(candidate.value)) {
                throw duplicate();
            }
            if ("CNAME".equalsIgnoreCase(r.type) || "CNAME".equals(candidate.type)) {
                conflict = conflict();
            }
        }
        if (conflict != null) {
            throw conflict;
        }
    }

    private static JsonObject addDomainRecord(Params p, SandboxState s) {
        DnsZone z = zone(p, s, incorrectDomainUser());
        DnsRecord r = fromRequest(p);
        checkAgainst(z, r, null);
        s.addRecord(z, r);
        JsonObject out = new JsonObject();
        out.addProperty("RecordId", r.recordId);
        return out;
    }

    private static JsonObject updateDomainRecord(Params p, SandboxState s) {
        DnsRecord existing = ownRecord(p, s);
        DnsZone z = s.zoneOfRecord(existing.recordId);
        DnsRecord wanted = fromRequest(p);
        if (existing.locked) {
            throw locked();
        }
        if (existing.rr.equalsIgnoreCase(wanted.rr) && existing.type.equalsIgnoreCase(wanted.type)
                && existing.value.equals(wanted.value) && existing.ttl == wanted.ttl && existing.line.equals(wanted.line)
                && (wanted.priority == null || wanted.priority.equals(existing.priority))) {
            throw duplicate();
        }
        checkAgainst(z, wanted, existing.recordId);
        // in place: same RecordId, status and remark kept
        existing.rr = wanted.rr;
        existing.type = wanted.type;
        existing.value = wanted.value;
        existing.ttl = wanted.ttl;
        existing.line = wanted.line;
        existing.priority = wanted.priority;
        JsonObject out = new JsonObject();
        out.addProperty("RecordId", existing.recordId);
        return out;
    }

    private static JsonObject deleteDomainRecord(Params p, SandboxState s) {
        DnsRecord r = ownRecord(p, s);
        if (r.locked) {
            throw locked();
        }
        s.removeRecord(r.recordId);
        JsonObject out = new JsonObject();
        out.addProperty("RecordId", r.recordId);
        return out;
    }

    private static JsonObject setDomainRecordStatus(Params p, SandboxState s) {
        DnsRecord r = ownRecord(p, s);
        String status = p.require("Status");
        String normalised;
        if ("enable".equalsIgnoreCase(status)) {
            normalised = "Enable";
        } else if ("disable".equalsIgnoreCase(status)) {
            normalised = "Disable";
        } else {
            throw new ApiError(400, "InvalidStatus", "The domain record status is invalid.");
        }
        if (r.locked) {
            throw locked();
        }
        r.status = normalised;
        JsonObject out = new JsonObject();
        out.addProperty("RecordId", r.recordId);
        out.addProperty("Status", normalised);
        return out;
    }

    private static JsonObject updateDomainRecordRemark(Params p, SandboxState s) {
        DnsRecord r = ownRecord(p, s);
        String remark = p.asMap().get("Remark");
        r.remark = remark == null ? "" : remark;
        return new JsonObject();
    }

    /** The account's own zone when one is a suffix; otherwise the registrable name (last two labels). */
    private static JsonObject getMainDomainName(Params p, SandboxState s) {
        String input = p.require("InputString").trim().toLowerCase();
        if (input.length() > 128) {
            throw new ApiError(400, "QuotaExceeded.StringLength",
                    "You Can't finish this operation because the input string length has been out of MAX count.");
        }
        String[] labels = input.split("\\.");
        if (labels.length < 2 || input.startsWith(".") || input.endsWith(".")) {
            throw new ApiError(400, "InvalidDomainName.Format", "The format of domain is error.");
        }
        DnsZone z = s.zoneFor(input);
        String main = z != null ? z.zone.toLowerCase() : labels[labels.length - 2] + "." + labels[labels.length - 1];
        String rr = input.equals(main) ? "@" : input.substring(0, input.length() - main.length() - 1);
        JsonObject out = new JsonObject();
        out.addProperty("RR", rr);
        out.addProperty("DomainName", main);
        out.addProperty("DomainLevel", "@".equals(rr) ? 1 : rr.split("\\.").length + 1);
        return out;
    }

    private static <T> List<T> page(List<T> all, int number, int size) {
        long from = Math.min((long) (number - 1) * size, all.size());
        int to = (int) Math.min(from + size, all.size());
        return all.subList((int) from, to);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase();
    }
}
