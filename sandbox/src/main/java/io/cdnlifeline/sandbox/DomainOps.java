package io.cdnlifeline.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Behaviour CDN and DCDN share: listing with filters and paging, stop/start, coverage changes, tags. */
final class DomainOps {
    static final Set<String> COVERAGES = Set.of("domestic", "overseas", "global");
    static final Set<String> STATUSES = Set.of("online", "offline", "configuring", "configure_failed", "checking",
            "check_failed", "stopping", "deleting");

    private DomainOps() {
    }

    /** One page of a domain list, with the total before paging. */
    static final class Page {
        final List<Domain> items;
        final int total;
        final int pageNumber;
        final int pageSize;

        Page(List<Domain> items, int total, int pageNumber, int pageSize) {
            this.items = items;
            this.total = total;
            this.pageNumber = pageNumber;
            this.pageSize = pageSize;
        }

        /**
         * The answer of a Describe*UserDomains call, the envelope every product shares: {@code PageNumber},
         * {@code TotalCount}, {@code PageSize} and {@code Domains.PageData}, each domain of the page as {@code item} writes it.
         */
        com.google.gson.JsonObject answer(java.util.function.Function<Domain, com.google.gson.JsonObject> item) {
            com.google.gson.JsonArray data = new com.google.gson.JsonArray();
            for (Domain d : items) data.add(item.apply(d));
            com.google.gson.JsonObject out = new com.google.gson.JsonObject();
            out.addProperty("PageNumber", pageNumber);
            out.addProperty("TotalCount", total);
            out.addProperty("PageSize", pageSize);
            out.add("Domains", Json.wrap("PageData", data));
            return out;
        }
    }

    static Page list(List<Domain> all, Params p, boolean cdn) {
        return list(all, p, cdn, 500);
    }

    /** {@code maxPageSize}: 500 for CDN and DCDN, 50 for VOD and Live. */
    static Page list(List<Domain> all, Params p, boolean cdn, int maxPageSize) {
        int pageSize = p.intIn("PageSize", 20, 1, maxPageSize, "InvalidPageSize.ValueNotSupported",
                "The specified value of parameter PageSize is not supported.");
        int pageNumber = p.intIn("PageNumber", 1, 1, 100_000, "InvalidPageNumber.ValueNotSupported",
                "The specified value of parameter PageNumber is not supported.");
        String status = p.get("DomainStatus");
        if (status != null && !STATUSES.contains(status)) {
            throw new ApiError(400, "InvalidDomainStatus.ValueNotSupported",
                    "The specified value of parameter DomainStatus is not supported.");
        }
        String searchType = p.get("DomainSearchType", "full_match");
        if (!Set.of("fuzzy_match", "pre_match", "suf_match", "full_match").contains(searchType)) {
            throw new ApiError(400, "InvalidDomainSearchType.ValueNotSupported",
                    "The specified value of parameter DomainSearchType is not supported.");
        }
        List<String> names = new ArrayList<>();
        if (p.get("DomainName") != null) {
            for (String n : p.get("DomainName").split(",")) {
                if (!n.trim().isEmpty()) {
                    names.add(n.trim().toLowerCase());
                }
            }
        }
        if (names.size() > 50) {
            throw new ApiError(400, "InvalidDomainName.Malformed", "The specific value of parameter DomainName is malformed.");
        }
        Set<String> cdnTypes = p.get("CdnType") == null ? null : new LinkedHashSet<>(Arrays.asList(p.get("CdnType").split(",")));
        String coverage = p.get("Coverage");
        Map<String, String> tagFilter = p.tags();
        Instant changedFrom = instant(p, "ChangeStartTime");
        Instant changedTo = instant(p, "ChangeEndTime");
        if (changedFrom != null && changedTo != null && !changedTo.isAfter(changedFrom)) {
            throw ApiError.invalid("ChangeEndTime");
        }
        List<Domain> matched = new ArrayList<>();
        for (Domain d : all) {
            if (status != null && !status.equals(d.status)) {
                continue;
            }
            if (!names.isEmpty() && !nameMatches(d.domain.toLowerCase(), names, searchType)) {
                continue;
            }
            if (cdn && cdnTypes != null && !cdnTypes.contains(d.cdnType)) {
                continue;
            }
            if (coverage != null && !coverage.equals(d.coverage)) {
                continue;
            }
            if (!hasTags(d, tagFilter)) {
                continue;
            }
            if (changedFrom != null || changedTo != null) {
                Instant modified = parseOrNull(d.gmtModified);
                if (modified != null && ((changedFrom != null && modified.isBefore(changedFrom))
                        || (changedTo != null && modified.isAfter(changedTo)))) {
                    continue;
                }
            }
            matched.add(d);
        }
        int from = (int) Math.min((long) (pageNumber - 1) * pageSize, matched.size());
        int to = Math.min(from + pageSize, matched.size());
        return new Page(new ArrayList<>(matched.subList(from, to)), matched.size(), pageNumber, pageSize);
    }

    /** A {@code yyyy-MM-ddTHH:mm:ssZ} (UTC) parameter, or null when absent. */
    private static Instant instant(Params p, String name) {
        String v = p.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiError.invalid(name);
        }
    }

    private static Instant parseOrNull(String timestamp) {
        try {
            return timestamp == null ? null : Instant.parse(timestamp);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static boolean nameMatches(String name, List<String> wanted, String searchType) {
        for (String w : wanted) {
            boolean hit;
            switch (searchType) {
                case "fuzzy_match":
                    hit = name.contains(w);
                    break;
                case "pre_match":
                    hit = name.startsWith(w);
                    break;
                case "suf_match":
                    hit = name.endsWith(w);
                    break;
                default:
                    hit = name.equals(w);
            }
            if (hit) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasTags(Domain d, Map<String, String> filter) {
        for (Map.Entry<String, String> f : filter.entrySet()) {
            String v = d.tags.get(f.getKey());
            if (v == null || (!f.getValue().isEmpty() && !f.getValue().equals(v))) {
                return false;
            }
        }
        return true;
    }

    static Domain find(Function<String, Domain> lookup, String name) {
        Domain d = lookup.apply(name.trim());
        if (d == null) {
            throw ApiError.domainNotFound();
        }
        return d;
    }

    /**
     * The domains {@code DomainNames} names (comma-separated, at most 50) for a batch stop or start: every one must be a
     * domain of the product, else {@code notFound} is the answer and nothing changes.
     */
    static List<Domain> batch(Function<String, Domain> lookup, Params p, java.util.function.Supplier<ApiError> notFound) {
        String[] names = p.require("DomainNames").split(",");
        if (names.length > 50) {
            throw ApiError.invalid("DomainNames");
        }
        List<Domain> out = new ArrayList<>();
        for (String n : names) {
            Domain d = lookup.apply(n.trim());
            if (d == null) {
                throw notFound.get();
            }
            out.add(d);
        }
        return out;
    }

    static void stop(Domain d) {
        d.status = "offline";
        touch(d);
    }

    /**
     * The docs say a domain cannot be enabled while the account has an overdue payment, but name no error code
     * for it and none could be found in the public references. The code below is our choice, in the style of the
     * CDN general errors (403 for a refused operation): change it here if the real answer turns up.
     */
    static void start(Domain d, Account account) {
        if (account.inDebt || account.inDebtOverdue) {
            throw new ApiError(403, "Forbidden.InDebt", "Your account has an overdue payment, so the domain cannot be enabled.");
        }
        if (!"online".equals(d.status) && !"offline".equals(d.status)) {
            throw new ApiError(403, "ServiceBusy", "The specified Domain is configuring, please retry later.");
        }
        d.status = "online";
        touch(d);
    }

    /** Applies {@code Property={"coverage":"..."}}; mainland coverage needs a valid ICP filing. */
    static void modifyCoverage(Domain d, String property, String beianInvalidMessage) {
        String coverage;
        try {
            JsonObject o = JsonParser.parseString(property).getAsJsonObject();
            coverage = o.has("coverage") ? o.get("coverage").getAsString() : null;
        } catch (JsonSyntaxException | IllegalStateException | UnsupportedOperationException e) {
            throw ApiError.invalid("Property");
        }
        if (coverage == null || !COVERAGES.contains(coverage)) {
            throw ApiError.invalid("Property");
        }
        if (!"overseas".equals(coverage) && !d.icp) {
            throw new ApiError(400, "Domain.BeianInvalid", beianInvalidMessage);
        }
        d.coverage = coverage;
        touch(d);
    }

    static void tag(Function<String, Domain> lookup, Params p, String notExistMessage) {
        List<Domain> domains = resources(lookup, p, notExistMessage);
        Map<String, String> tags = p.tags();
        if (tags.isEmpty()) {
            throw ApiError.missing("Tag.1.Key");
        }
        if (tags.size() > 20) {
            throw new ApiError(400, "TagIsInvalid", "The number of Tag exceeds 20.");
        }
        for (String key : tags.keySet()) {
            if (key.trim().isEmpty() || key.startsWith("acs:") || key.startsWith("aliyun")) {
                throw new ApiError(400, "TagKeyIsInvalid", "The specified TagKey is invalid.");
            }
        }
        for (Domain d : domains) {
            Set<String> keys = new LinkedHashSet<>(d.tags.keySet());
            keys.addAll(tags.keySet());
            if (keys.size() > 20) {
                throw new ApiError(400, "TooManyTags", "Too many tags.");
            }
        }
        for (Domain d : domains) {
            d.tags.putAll(tags);
        }
    }

    static void untag(Function<String, Domain> lookup, Params p, String notExistMessage) {
        List<Domain> domains = resources(lookup, p, notExistMessage);
        List<String> keys = p.list("TagKey");
        if (keys.size() > 20) {
            throw new ApiError(400, "TagIsInvalid", "The number of Tag exceeds 20.");
        }
        if (new LinkedHashSet<>(keys).size() != keys.size()) {
            throw new ApiError(400, "TagKeyRepeated", "The specified TagKey is duplicated.");
        }
        boolean all = "true".equalsIgnoreCase(p.get("All"));
        for (Domain d : domains) {
            if (all) {
                d.tags.clear();
            } else {
                keys.forEach(d.tags::remove);
            }
        }
    }

    /** Bare {@code TagResources: [{ResourceId, Tag: [{Key, Value}]}]} (no wrapper: the classic SDK hides the item name). */
    static JsonArray describeTags(Function<String, Domain> lookup, Params p) {
        String type = p.require("ResourceType");
        if (!"DOMAIN".equalsIgnoreCase(type)) {
            throw ApiError.invalid("ResourceType");
        }
        List<String> ids = p.list("ResourceId");
        if (ids.size() > 50) {
            throw new ApiError(400, "ResourceIdIsInvalid", "The number of ResourceId exceeds 50.");
        }
        Map<String, String> filter = p.tags();
        JsonArray out = new JsonArray();
        for (String id : ids) {
            Domain d = lookup.apply(id);
            if (d == null || !hasTags(d, filter)) {
                continue;
            }
            JsonArray tags = new JsonArray();
            for (Map.Entry<String, String> t : d.tags.entrySet()) {
                if (filter.isEmpty() || filter.containsKey(t.getKey())) {
                    JsonObject tag = new JsonObject();
                    tag.addProperty("Key", t.getKey());
                    tag.addProperty("Value", t.getValue());
                    tags.add(tag);
                }
            }
            JsonObject item = new JsonObject();
            item.addProperty("ResourceId", d.domain);
            item.add("Tag", tags);
            out.add(item);
        }
        return out;
    }

    private static List<Domain> resources(Function<String, Domain> lookup, Params p, String notExistMessage) {
        String type = p.require("ResourceType");
        if (!"DOMAIN".equalsIgnoreCase(type)) {
            throw ApiError.invalid("ResourceType");
        }
        List<String> ids = p.list("ResourceId");
        if (ids.isEmpty()) {
            throw ApiError.missing("ResourceId.1");
        }
        if (ids.size() > 50) {
            throw new ApiError(400, "ResourceIdIsInvalid", "The number of ResourceId exceeds 50.");
        }
        List<Domain> domains = new ArrayList<>();
        for (String id : ids) {
            Domain d = lookup.apply(id);
            if (d == null) {
                throw new ApiError(400, "Resource.NotExist", notExistMessage);
            }
            domains.add(d);
        }
        return domains;
    }

    /**
     * The fields of a domain list entry that CDN and DCDN write alike, from Description to ResourceGroupId; each
     * product writes its own fields around them (the lists keep their keys in alphabetical order).
     */
    static void addListFields(JsonObject o, Domain d) {
        o.addProperty("Description", "");
        o.addProperty("DomainId", d.domainId);
        o.addProperty("DomainName", d.domain);
        o.addProperty("DomainStatus", d.status);
        o.addProperty("GmtCreated", d.gmtCreated);
        o.addProperty("GmtModified", d.gmtModified);
        o.addProperty("ResourceGroupId", "rg-sandbox");
    }

    /** A domain's origins as the domain lists write them (no enabled flag: the lists do not have it). */
    static JsonArray listSources(Domain d) {
        JsonArray sources = new JsonArray();
        for (Source src : d.sources) {
            sources.add(sourceJson(src, false));
        }
        return sources;
    }

    /** A domain's origins as the detail actions write them, enabled flag included, in their key order. */
    static JsonArray detailSources(Domain d) {
        JsonArray sources = new JsonArray();
        for (Source src : d.sources) {
            JsonObject so = new JsonObject();
            so.addProperty("Type", src.type);
            so.addProperty("Weight", src.weight);
            so.addProperty("Enabled", src.enabled);
            so.addProperty("Priority", src.priority);
            so.addProperty("Port", src.port);
            so.addProperty("Content", src.content);
            sources.add(so);
        }
        return sources;
    }

    static JsonObject sourceJson(Source s, boolean withEnabled) {
        JsonObject o = new JsonObject();
        o.addProperty("Content", s.content);
        o.addProperty("Port", s.port);
        o.addProperty("Priority", s.priority);
        o.addProperty("Type", s.type);
        o.addProperty("Weight", s.weight);
        if (withEnabled) {
            o.addProperty("Enabled", s.enabled);
        }
        return o;
    }

    static JsonObject operationLocks(Account account) {
        JsonArray locks = new JsonArray();
        if (account.inDebtOverdue) {
            JsonObject lock = new JsonObject();
            lock.addProperty("LockReason", "financial");
            locks.add(lock);
        }
        return Json.wrap("LockReason", locks);
    }

    private static void touch(Domain d) {
        d.gmtModified = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code DescribeUserCdnStatus} / {@code DescribeUserDcdnStatus}: the same four flags, from the account. */
    static JsonObject userStatus(Account account) {
        JsonObject out = new JsonObject();
        out.addProperty("InDebt", account.inDebt);
        out.addProperty("OnService", !account.inDebtOverdue);
        out.addProperty("InDebtOverdue", account.inDebtOverdue);
        out.addProperty("Enabled", true);
        return out;
    }
}
