package io.cdnlifeline.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a RAM role's trust policy ({@code AssumeRolePolicyDocument}) lets a caller assume it, as STS decides it for
 * the forms {@code lifeline setup} and the RAM console write: an {@code Allow} statement on {@code sts:AssumeRole} whose
 * {@code Principal.RAM} names the caller's account ({@code acs:ram::<id>:root} or the bare id) or the role the caller's
 * STS key is of ({@code acs:ram::<id>:role/<name>}), and whose {@code Condition}, when present, is
 * {@code StringEquals} on {@code sts:ExternalId} with the id the call sends. A {@code Deny} statement that names the
 * caller wins. Any other condition key or operator makes the statement not apply (the sandbox cannot evaluate it, so it
 * does not grant what it cannot check); service and federated principals never match a RAM caller.
 */
final class TrustPolicy {
    private TrustPolicy() {
    }

    /**
     * @param document      the role's trust policy
     * @param callerAccount the account of the key that signed AssumeRole
     * @param callerRole    the role the caller's STS key is of, or null (a RAM user or the account's own key)
     * @param externalId    AssumeRole's {@code ExternalId}, or null
     */
    static boolean admits(String document, String callerAccount, String callerRole, String externalId) {
        JsonObject doc;
        try {
            doc = JsonParser.parseString(document).getAsJsonObject();
        } catch (RuntimeException e) {
            return false;
        }
        boolean allowed = false;
        for (JsonElement e : list(doc.get("Statement"))) {
            if (!e.isJsonObject()) continue;
            JsonObject st = e.getAsJsonObject();
            if (!actionMatches(st.get("Action")) || !principalMatches(st.get("Principal"), callerAccount, callerRole)) continue;
            String effect = st.has("Effect") ? st.get("Effect").getAsString() : "";
            if ("Deny".equals(effect)) return false;
            if ("Allow".equals(effect) && conditionHolds(st.get("Condition"), externalId)) allowed = true;
        }
        return allowed;
    }

    private static boolean actionMatches(JsonElement action) {
        for (JsonElement a : list(action)) {
            String s = a.getAsString().toLowerCase(Locale.ROOT);
            if (s.equals("sts:assumerole") || s.equals("sts:*") || s.equals("*")) return true;
        }
        return false;
    }

    private static boolean principalMatches(JsonElement principal, String account, String role) {
        if (principal == null || !principal.isJsonObject()) return false;
        for (JsonElement p : list(principal.getAsJsonObject().get("RAM"))) {
            String s = p.getAsString();
            if (s.equals(account) || s.equals("acs:ram::" + account + ":root")) return true;
            if (role != null && s.equalsIgnoreCase("acs:ram::" + account + ":role/" + role)) return true;
        }
        return false;
    }

    private static boolean conditionHolds(JsonElement condition, String externalId) {
        if (condition == null || condition.isJsonNull()) return true;
        if (!condition.isJsonObject()) return false;
        for (Map.Entry<String, JsonElement> op : condition.getAsJsonObject().entrySet()) {
            if (!"StringEquals".equals(op.getKey()) || !op.getValue().isJsonObject()) return false;
            for (Map.Entry<String, JsonElement> key : op.getValue().getAsJsonObject().entrySet()) {
                if (!"sts:ExternalId".equalsIgnoreCase(key.getKey()) || externalId == null) return false;
                boolean any = false;
                for (JsonElement v : list(key.getValue())) any |= externalId.equals(v.getAsString());
                if (!any) return false;
            }
        }
        return true;
    }

    private static List<JsonElement> list(JsonElement e) {
        List<JsonElement> out = new ArrayList<>();
        if (e == null || e.isJsonNull()) return out;
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) out.add(x);
        } else {
            out.add(e);
        }
        return out;
    }
}
