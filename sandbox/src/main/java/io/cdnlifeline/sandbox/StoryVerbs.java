package io.cdnlifeline.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.List;
import java.util.Locale;

/**
 * What the cloud does to an account in an incident, one verb each, so a story can be played without editing the
 * state by hand: take a domain offline or bring it back, invalidate or approve its ICP filing, put the account in
 * debt or pay it. Each verb answers the fields it changed, before and after ({@code {"changed": [...]}}).
 */
final class StoryVerbs {
    /** The verbs on one domain: {@code POST /_sandbox/domains/{domain}/{verb}}. */
    static final List<String> DOMAIN_VERBS = List.of("offline", "online", "icp-invalid", "icp-valid");
    /** The verbs on the account: {@code POST /_sandbox/account/{verb}}. */
    static final List<String> ACCOUNT_VERBS = List.of("debt", "pay");
    /** What an overdue account's balance shows when the body does not say. */
    static final String OVERDUE_BALANCE = "-100.00";
    static final String PAID_BALANCE = "100.00";
    /** The products whose domains the verbs find, in the order they are looked in. */
    private static final List<String> PRODUCTS = List.of("cdn", "dcdn", "vod", "live");

    private StoryVerbs() {
    }

    /** Unknown verb or domain: the admin API answers 404 with this message. */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    static JsonObject onDomain(SandboxState s, String name, String verb) {
        String d = name.toLowerCase(Locale.ROOT);
        Domain domain = null;
        String product = null;
        for (String p : PRODUCTS) {
            domain = domains(s, p).stream().filter(x -> x.domain.equalsIgnoreCase(d)).findFirst().orElse(null);
            if (domain != null) {
                product = p;
                break;
            }
        }
        if (domain == null) throw new NotFound("no CDN, DCDN, VOD or Live domain '" + name + "' in the sandbox's account");
        JsonArray changed = new JsonArray();
        switch (verb) {
            case "offline":
            case "online":
                changed.add(change(domain.domain, product, "status", domain.status, verb));
                domain.status = verb;
                break;
            case "icp-invalid":
            case "icp-valid":
                boolean valid = verb.equals("icp-valid");
                changed.add(change(domain.domain, product, "icp", String.valueOf(domain.icp), String.valueOf(valid)));
                domain.icp = valid;
                break;
            default:
                throw new NotFound("no domain verb '" + verb + "'; the verbs are " + String.join(", ", DOMAIN_VERBS));
        }
        return result(changed);
    }

    /**
     * @param allDomains debt: also take every online domain offline (what the cloud does to an overdue account);
     *                   pay: also bring every offline domain back online
     */
    static JsonObject onAccount(SandboxState s, String verb, boolean allDomains, String balance) {
        JsonArray changed = new JsonArray();
        boolean debt;
        switch (verb) {
            case "debt":
                debt = true;
                break;
            case "pay":
                debt = false;
                break;
            default:
                throw new NotFound("no account verb '" + verb + "'; the verbs are " + String.join(", ", ACCOUNT_VERBS));
        }
        Account a = s.account;
        String amount = balance != null ? balance : debt ? OVERDUE_BALANCE : PAID_BALANCE;
        changed.add(change(null, null, "account.inDebt", String.valueOf(a.inDebt), String.valueOf(debt)));
        changed.add(change(null, null, "account.inDebtOverdue", String.valueOf(a.inDebtOverdue), String.valueOf(debt)));
        changed.add(change(null, null, "account.availableAmount", a.availableAmount, amount));
        a.inDebt = debt;
        a.inDebtOverdue = debt;
        a.availableAmount = amount;
        if (allDomains) {
            String from = debt ? "online" : "offline";
            String to = debt ? "offline" : "online";
            for (String product : PRODUCTS) {
                for (Domain d : domains(s, product)) {
                    if (!from.equals(d.status)) continue;
                    changed.add(change(d.domain, product, "status", d.status, to));
                    d.status = to;
                }
            }
        }
        return result(changed);
    }

    private static List<Domain> domains(SandboxState s, String product) {
        List<Domain> ds;
        switch (product) {
            case "cdn": ds = s.cdn; break;
            case "dcdn": ds = s.dcdn; break;
            case "vod": ds = s.vod; break;
            default: ds = s.live;
        }
        return ds == null ? List.of() : ds;
    }

    private static JsonObject change(String domain, String product, String field, String before, String after) {
        JsonObject c = new JsonObject();
        if (domain != null) c.addProperty("domain", domain);
        if (product != null) c.addProperty("product", product);
        c.addProperty("field", field);
        c.addProperty("before", before);
        c.addProperty("after", after);
        return c;
    }

    private static JsonObject result(JsonArray changed) {
        JsonObject o = new JsonObject();
        o.add("changed", changed);
        return o;
    }
}
