package io.cdnlifeline.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * RAM 2015-05-01 (RPC, {@code ram.aliyuncs.com}): the roles and custom policies {@code lifeline setup} makes, in the
 * shapes of {@code src/test/resources/api-examples/ram}. Stateful per account ({@link RamState}); the error codes,
 * HTTP statuses and messages are RAM's documented ones (its error-code page), except where {@code README.md} says
 * the wording is ours. Policy documents are checked the way RAM refuses them: valid JSON, {@code Version} "1", a
 * non-empty {@code Statement} list whose entries have {@code Effect} Allow or Deny, {@code Action} (or
 * {@code NotAction}) and, in a permission policy, {@code Resource}; a trust policy needs a {@code Principal}; at most
 * 6144 characters. A custom policy keeps at most 5 versions.
 */
final class RamApi implements ProductApi {
    static final String VERSION = "2015-05-01";
    static final int MAX_POLICY_VERSIONS = 5;
    static final int MAX_DOCUMENT_CHARS = 6144;
    /** RAM's limit of custom policies attached to one role. */
    static final int MAX_CUSTOM_POLICIES_PER_ROLE = 5;
    static final String ROTATE = "DeleteOldestNonDefaultVersionWhenLimitExceeded";
    private static final Set<String> DOCUMENT_KEYS = Set.of("Version", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
            "Principal", "Condition");

    @Override
    public String product() {
        return "ram";
    }

    @Override
    public String hostId() {
        return "ram.aliyuncs.com";
    }

    /** Whose RAM a call acts on: the account whose state the call runs in (the sandbox picks it by the signing key). */
    static String callerAccount(SandboxState s, Params p) {
        return s.accountIdOrDefault();
    }

    @Override
    public JsonObject call(String action, Params p, SandboxState s) {
        String account = callerAccount(s, p);
        switch (action) {
            case "CreateRole":
                return createRole(account, p, s);
            case "GetRole":
                return roleAnswer(account, existingRole(s.ram.find(account), p.require("RoleName")));
            case "UpdateRole":
                return updateRole(account, p, s);
            case "CreatePolicy":
                return createPolicy(p, s.ram, account);
            case "GetPolicy":
                return getPolicy(p, s.ram.find(account));
            case "CreatePolicyVersion":
                return createPolicyVersion(p, s.ram.find(account));
            case "ListPolicyVersions":
                return listPolicyVersions(p, s.ram.find(account));
            case "DeletePolicyVersion":
                return deletePolicyVersion(p, s.ram.find(account));
            case "SetDefaultPolicyVersion":
                return setDefaultPolicyVersion(p, s.ram.find(account));
            case "AttachPolicyToRole":
                return attachPolicyToRole(p, s.ram.find(account));
            case "ListPoliciesForRole":
                return listPoliciesForRole(p, s.ram.find(account));
            case "DetachPolicyFromRole":
                return detachPolicyFromRole(p, s.ram.find(account));
            case "DeletePolicy":
                return deletePolicy(p, s.ram.find(account));
            case "DeleteRole":
                return deleteRole(p, s.ram.find(account));
            default:
                throw ProductApi.unknownAction();
        }
    }

    // ---- roles ----

    private static JsonObject createRole(String account, Params p, SandboxState s) {
        String name = roleName(p.require("RoleName"));
        String trust = p.require("AssumeRolePolicyDocument");
        checkDocument(trust, true);
        int session = p.intIn("MaxSessionDuration", 3600, 3600, 43200, "InvalidParameter.MaxSessionDuration",
                "The parameter - \"MaxSessionDuration\" MUST be in the range of 3600 and 43200.");
        String description = description(p.get("Description", ""));
        RamState.Account a = s.ram.account(account);
        if (a.role(name) != null) {
            throw new ApiError(409, "EntityAlreadyExists.Role", "The role does already EXIST.");
        }
        RamState.Role r = new RamState.Role();
        r.roleName = name;
        r.roleId = digits(account + "/role/" + name);
        r.assumeRolePolicyDocument = trust;
        r.maxSessionDuration = session;
        r.description = description;
        r.createDate = now();
        r.updateDate = r.createDate;
        a.roles.put(name, r);
        JsonObject out = roleAnswer(account, r);
        out.getAsJsonObject("Role").remove("UpdateDate");
        return out;
    }

    private static JsonObject updateRole(String account, Params p, SandboxState s) {
        RamState.Role r = existingRole(s.ram.find(account), p.require("RoleName"));
        String trust = p.get("NewAssumeRolePolicyDocument");
        if (trust != null) checkDocument(trust, true);
        int session = p.intIn("NewMaxSessionDuration", r.maxSessionDuration, 3600, 43200, "InvalidParameter.MaxSessionDuration",
                "The parameter - \"MaxSessionDuration\" MUST be in the range of 3600 and 43200.");
        String description = p.get("NewDescription");
        if (trust != null) r.assumeRolePolicyDocument = trust;
        r.maxSessionDuration = session;
        if (description != null) r.description = description(description);
        r.updateDate = now();
        return roleAnswer(account, r);
    }

    /** DeleteRole: refused with {@code DeleteConflict.Role.Policy} while a policy is attached to it. */
    private static JsonObject deleteRole(Params p, RamState.Account a) {
        RamState.Role role = existingRole(a, p.require("RoleName"));
        if (!role.attached.isEmpty()) {
            throw new ApiError(409, "DeleteConflict.Role.Policy", "The role has been attached some policies.");
        }
        a.roles.remove(role.roleName);
        return new JsonObject();
    }

    private static RamState.Role existingRole(RamState.Account a, String name) {
        RamState.Role r = a == null ? null : a.role(name);
        if (r == null) throw DocumentedErrors.of("EntityNotExist.Role");
        return r;
    }

    private static JsonObject roleAnswer(String account, RamState.Role r) {
        JsonObject role = new JsonObject();
        role.addProperty("AssumeRolePolicyDocument", r.assumeRolePolicyDocument);
        role.addProperty("UpdateDate", r.updateDate);
        role.addProperty("Description", r.description);
        role.addProperty("MaxSessionDuration", r.maxSessionDuration);
        role.addProperty("RoleName", r.roleName);
        role.addProperty("CreateDate", r.createDate);
        role.addProperty("RoleId", r.roleId);
        role.addProperty("Arn", "acs:ram::" + account + ":role/" + r.roleName);
        JsonObject out = new JsonObject();
        out.add("Role", role);
        return out;
    }

    // ---- policies ----

    private static JsonObject createPolicy(Params p, RamState ram, String account) {
        String name = policyName(p.require("PolicyName"));
        String document = p.require("PolicyDocument");
        checkDocument(document, false);
        String description = description(p.get("Description", ""));
        RamState.Account a = ram.account(account);
        if (a.policy(name) != null) {
            throw new ApiError(409, "EntityAlreadyExists.Policy", "The policy does already EXIST.");
        }
        RamState.Policy policy = new RamState.Policy();
        policy.policyName = name;
        policy.description = description;
        policy.createDate = now();
        policy.updateDate = policy.createDate;
        a.policies.put(name, policy);
        addVersion(policy, document, true);
        JsonObject o = new JsonObject();
        o.addProperty("DefaultVersion", policy.defaultVersion().versionId);
        o.addProperty("Description", policy.description);
        o.addProperty("PolicyName", policy.policyName);
        o.addProperty("CreateDate", policy.createDate);
        o.addProperty("PolicyType", "Custom");
        JsonObject out = new JsonObject();
        out.add("Policy", o);
        return out;
    }

    private static JsonObject getPolicy(Params p, RamState.Account a) {
        RamState.Policy policy = existingPolicy(p, a);
        JsonObject o = new JsonObject();
        o.addProperty("DefaultVersion", policy.defaultVersion().versionId);
        o.addProperty("UpdateDate", policy.updateDate);
        o.addProperty("Description", policy.description);
        // "deprecated" in the reference; the example still carries it
        o.addProperty("PolicyDocument", policy.defaultVersion().policyDocument);
        o.addProperty("AttachmentCount", attachments(a, policy.policyName));
        o.addProperty("PolicyName", policy.policyName);
        o.addProperty("CreateDate", policy.createDate);
        o.addProperty("PolicyType", "Custom");
        JsonObject out = new JsonObject();
        out.add("Policy", o);
        out.add("DefaultPolicyVersion", versionAnswer(policy.defaultVersion()));
        return out;
    }

    private static JsonObject createPolicyVersion(Params p, RamState.Account a) {
        RamState.Policy policy = existingPolicy(p, a);
        String document = p.require("PolicyDocument");
        checkDocument(document, false);
        boolean setAsDefault = "true".equalsIgnoreCase(p.get("SetAsDefault", "false"));
        String rotate = p.get("RotateStrategy", "None");
        if (!rotate.equals("None") && !rotate.equals(ROTATE)) throw ApiError.invalid("RotateStrategy");
        if (policy.versions.size() >= MAX_POLICY_VERSIONS) {
            if (!rotate.equals(ROTATE)) {
                throw new ApiError(409, "LimitExceeded.Policy.Version", "The count of policy version beyond the current limits.");
            }
            for (Iterator<RamState.PolicyVersion> it = policy.versions.iterator(); it.hasNext(); ) {
                if (!it.next().isDefaultVersion) {
                    it.remove();
                    break;
                }
            }
        }
        RamState.PolicyVersion v = addVersion(policy, document, setAsDefault);
        JsonObject out = new JsonObject();
        out.add("PolicyVersion", versionAnswer(v));
        return out;
    }

    private static JsonObject listPolicyVersions(Params p, RamState.Account a) {
        RamState.Policy policy = existingPolicy(p, a);
        JsonArray list = new JsonArray();
        for (RamState.PolicyVersion v : policy.versions) list.add(versionAnswer(v));
        JsonObject versions = new JsonObject();
        versions.add("PolicyVersion", list);
        JsonObject out = new JsonObject();
        out.add("PolicyVersions", versions);
        return out;
    }

    private static JsonObject deletePolicyVersion(Params p, RamState.Account a) {
        RamState.Policy policy = existingPolicy(p, a);
        RamState.PolicyVersion v = existingVersion(policy, p.require("VersionId"));
        if (v.isDefaultVersion) {
            throw new ApiError(409, "DeleteConflict.Policy.Version.Default", "The default policy version CAN NOT been deleted directly.");
        }
        policy.versions.remove(v);
        return new JsonObject();
    }

    private static JsonObject setDefaultPolicyVersion(Params p, RamState.Account a) {
        RamState.Policy policy = existingPolicy(p, a);
        RamState.PolicyVersion v = existingVersion(policy, p.require("VersionId"));
        for (RamState.PolicyVersion x : policy.versions) x.isDefaultVersion = x == v;
        policy.updateDate = now();
        return new JsonObject();
    }

    private static RamState.PolicyVersion existingVersion(RamState.Policy policy, String versionId) {
        if (!versionId.matches("v[0-9]+")) {
            throw new ApiError(400, "InvalidParameter.VersionId.Format", "The format of the parameter - \"VersionId\" is incorrect.");
        }
        for (RamState.PolicyVersion v : policy.versions) {
            if (v.versionId.equals(versionId)) return v;
        }
        throw new ApiError(404, "EntityNotExist.Policy.Version", "The policy version does not exist.");
    }

    private static RamState.PolicyVersion addVersion(RamState.Policy policy, String document, boolean setAsDefault) {
        RamState.PolicyVersion v = new RamState.PolicyVersion();
        v.versionId = "v" + (++policy.lastVersion);
        v.policyDocument = document;
        v.createDate = now();
        v.isDefaultVersion = setAsDefault || policy.versions.isEmpty();
        if (v.isDefaultVersion) {
            for (RamState.PolicyVersion x : policy.versions) x.isDefaultVersion = false;
            policy.updateDate = v.createDate;
        }
        policy.versions.add(v);
        return v;
    }

    private static JsonObject versionAnswer(RamState.PolicyVersion v) {
        JsonObject o = new JsonObject();
        o.addProperty("IsDefaultVersion", v.isDefaultVersion);
        o.addProperty("PolicyDocument", v.policyDocument);
        o.addProperty("VersionId", v.versionId);
        o.addProperty("CreateDate", v.createDate);
        return o;
    }

    /** PolicyType must be Custom (System policies are Alibaba Cloud's, which the sandbox does not hold). */
    private static RamState.Policy existingPolicy(Params p, RamState.Account a) {
        String name = p.require("PolicyName");
        String type = p.get("PolicyType", "Custom");
        if (!type.equals("Custom") && !type.equals("System")) {
            throw new ApiError(400, "InvalidParameter.PolicyType", "The parameter - \"PolicyType\" is incorrect.");
        }
        RamState.Policy policy = type.equals("Custom") && a != null ? a.policy(name) : null;
        if (policy == null) throw new ApiError(404, "EntityNotExist.Policy", "The policy does not exist.");
        return policy;
    }

    /**
     * DeletePolicy: refused with {@code DeleteConflict.Policy.Version} while versions other than the default remain, and
     * with {@code DeleteConflict.Policy.Role} while a role has it attached (RAM's codes; users and groups have their own,
     * which the sandbox does not hold).
     */
    private static JsonObject deletePolicy(Params p, RamState.Account a) {
        RamState.Policy policy = existingPolicy(p, a);
        for (RamState.Role r : a.roles.values()) {
            for (RamState.Attachment x : r.attached) {
                if (x.policyType.equals("Custom") && x.policyName.equalsIgnoreCase(policy.policyName)) {
                    throw new ApiError(409, "DeleteConflict.Policy.Role", "The policy has been attached to some roles.");
                }
            }
        }
        if (policy.versions.size() > 1) {
            throw new ApiError(409, "DeleteConflict.Policy.Version", "The policy has some versions which are not the default version.");
        }
        a.policies.remove(policy.policyName);
        return new JsonObject();
    }

    // ---- attachments ----

    private static JsonObject detachPolicyFromRole(Params p, RamState.Account a) {
        String type = p.require("PolicyType");
        RamState.Policy policy = existingPolicy(p, a);
        RamState.Role role = existingRole(a, p.require("RoleName"));
        boolean removed = role.attached.removeIf(x -> x.policyName.equalsIgnoreCase(policy.policyName) && x.policyType.equals(type));
        if (!removed) throw new ApiError(404, "EntityNotExist.Role.Policy", "The role has not been attached this policy.");
        return new JsonObject();
    }

    private static JsonObject attachPolicyToRole(Params p, RamState.Account a) {
        String type = p.require("PolicyType");
        RamState.Policy policy = existingPolicy(p, a);
        RamState.Role role = existingRole(a, p.require("RoleName"));
        int custom = 0;
        for (RamState.Attachment x : role.attached) {
            if (x.policyName.equalsIgnoreCase(policy.policyName) && x.policyType.equals(type)) {
                throw new ApiError(409, "EntityAlreadyExists.Role.Policy", "The role has already been attached this policy.");
            }
            if (x.policyType.equals("Custom")) custom++;
        }
        if (custom >= MAX_CUSTOM_POLICIES_PER_ROLE) {
            throw new ApiError(409, "LimitExceeded.Role.Policy", "The count of policies attached to the role beyond the current limits.");
        }
        RamState.Attachment at = new RamState.Attachment();
        at.policyName = policy.policyName;
        at.policyType = type;
        at.attachDate = now();
        role.attached.add(at);
        return new JsonObject();
    }

    private static JsonObject listPoliciesForRole(Params p, RamState.Account a) {
        RamState.Role role = existingRole(a, p.require("RoleName"));
        JsonArray list = new JsonArray();
        for (RamState.Attachment at : role.attached) {
            RamState.Policy policy = a.policy(at.policyName);
            JsonObject o = new JsonObject();
            o.addProperty("DefaultVersion", policy == null ? "v1" : policy.defaultVersion().versionId);
            o.addProperty("Description", policy == null ? "" : policy.description);
            o.addProperty("PolicyName", at.policyName);
            o.addProperty("AttachDate", at.attachDate);
            o.addProperty("PolicyType", at.policyType);
            list.add(o);
        }
        JsonObject policies = new JsonObject();
        policies.add("Policy", list);
        JsonObject out = new JsonObject();
        out.add("Policies", policies);
        return out;
    }

    private static int attachments(RamState.Account a, String policyName) {
        int n = 0;
        for (RamState.Role r : a.roles.values()) {
            for (RamState.Attachment at : r.attached) {
                if (at.policyType.equals("Custom") && at.policyName.equalsIgnoreCase(policyName)) n++;
            }
        }
        return n;
    }

    // ---- checks ----

    private static String roleName(String name) {
        if (name.length() > 64) throw new ApiError(400, "InvalidParameter.RoleName.Length", "The parameter - \"RoleName\" beyond the length limit.");
        if (!name.matches("[A-Za-z0-9.\\-]+")) {
            throw new ApiError(400, "InvalidParameter.RoleName.InvalidChars", "The parameter - \"RoleName\" contains invalid chars.");
        }
        return name;
    }

    private static String policyName(String name) {
        if (name.length() > 128) throw new ApiError(400, "InvalidParameter.PolicyName.Length", "The parameter - \"PolicyName\" beyond the length limit.");
        if (!name.matches("[A-Za-z0-9\\-]+")) {
            throw new ApiError(400, "InvalidParameter.PolicyName.InvalidChars", "The parameter - \"PolicyName\" contains invalid chars.");
        }
        return name;
    }

    private static String description(String d) {
        if (d.getBytes(StandardCharsets.UTF_8).length > 1024) {
            throw new ApiError(400, "InvalidParameter.Description.Length", "The parameter - \"Description\" beyond the length limit.");
        }
        return d;
    }

    /** What RAM refuses in a policy document (permission policy, or a role's trust policy). */
    static void checkDocument(String text, boolean trust) {
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new ApiError(400, "InvalidParameter.PolicyDocument.Length",
                    "The parameter - \"PolicyDocument\" beyond the length limit.");
        }
        JsonObject doc;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) throw malformed("the document is not a JSON object");
            doc = e.getAsJsonObject();
        } catch (JsonSyntaxException e) {
            throw malformed("the document is not valid JSON");
        }
        for (String key : doc.keySet()) {
            if (!DOCUMENT_KEYS.contains(key)) throw malformed("unknown element '" + key + "' (a policy document has Version and Statement)");
        }
        JsonElement version = doc.get("Version");
        if (version == null || !version.isJsonPrimitive() || !"1".equals(version.getAsString())) {
            throw malformed("Version must be \"1\"");
        }
        JsonElement statements = doc.get("Statement");
        if (statements == null || !statements.isJsonArray() || statements.getAsJsonArray().size() == 0) {
            throw malformed("Statement must be a non-empty list");
        }
        int n = 0;
        for (JsonElement e : statements.getAsJsonArray()) {
            n++;
            if (!e.isJsonObject()) throw malformed("Statement " + n + " is not an object");
            JsonObject st = e.getAsJsonObject();
            for (String key : st.keySet()) {
                if (!STATEMENT_KEYS.contains(key)) throw malformed("Statement " + n + ": unknown element '" + key + "'");
            }
            String effect = st.has("Effect") && st.get("Effect").isJsonPrimitive() ? st.get("Effect").getAsString() : null;
            if (!"Allow".equals(effect) && !"Deny".equals(effect)) throw malformed("Statement " + n + ": Effect must be Allow or Deny");
            if (!st.has("Action") && !st.has("NotAction")) throw malformed("Statement " + n + ": Action is required");
            checkStrings(st.has("Action") ? st.get("Action") : st.get("NotAction"), "Statement " + n + ": Action");
            if (trust) {
                if (!st.has("Principal") || !st.get("Principal").isJsonObject()) {
                    throw malformed("Statement " + n + ": a trust policy needs a Principal (Service, RAM or Federated)");
                }
                for (Map.Entry<String, JsonElement> pr : st.getAsJsonObject("Principal").entrySet()) {
                    if (!Set.of("Service", "RAM", "Federated").contains(pr.getKey())) {
                        throw malformed("Statement " + n + ": unknown Principal type '" + pr.getKey() + "'");
                    }
                    checkStrings(pr.getValue(), "Statement " + n + ": Principal." + pr.getKey());
                }
            } else {
                if (st.has("Principal")) throw malformed("Statement " + n + ": a permission policy has no Principal");
                if (!st.has("Resource") && !st.has("NotResource")) throw malformed("Statement " + n + ": Resource is required");
                checkStrings(st.has("Resource") ? st.get("Resource") : st.get("NotResource"), "Statement " + n + ": Resource");
            }
            if (st.has("Condition") && !st.get("Condition").isJsonObject()) throw malformed("Statement " + n + ": Condition must be an object");
        }
    }

    private static void checkStrings(JsonElement e, String what) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() && !e.getAsString().isEmpty()) return;
        if (e.isJsonArray() && e.getAsJsonArray().size() > 0) {
            for (JsonElement x : e.getAsJsonArray()) {
                if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString() || x.getAsString().isEmpty()) {
                    throw malformed(what + " must be strings");
                }
            }
            return;
        }
        throw malformed(what + " must be a string or a non-empty list of strings");
    }

    private static ApiError malformed(String details) {
        return new ApiError(400, "MalformedPolicyDocument", details);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A stable 16-digit id, as RAM's role ids look. */
    private static String digits(String seed) {
        long v = FcCodeStore.crc64(seed.getBytes(StandardCharsets.UTF_8)) & Long.MAX_VALUE;
        String s = Long.toString(v);
        return (s + "0000000000000000").substring(0, 16);
    }
}
