package io.cdnlifeline.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.aliyun.ControlPlane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the account has (RAM GetRole, GetPolicy, ListPolicyVersions, ListPoliciesForRole; EventBridge
 * GetEventBus, GetRule; Log Service GetProject, GetLogStore; OSS GetBucketInfo) and plans what is missing or different. Reads only: nothing changes until
 * {@link SetupPlan.Step#change} runs. A change that finds its resource already made (another run, a lost answer)
 * counts as done.
 */
final class SetupPlanner {
    static final int MAX_POLICY_VERSIONS = 5;
    private static final String ROTATE_NOTE = "RAM keeps at most " + MAX_POLICY_VERSIONS + " versions";

    private final ControlPlane cloud;
    private final LogServiceClient logService;
    private final OssBucketClient oss;
    private final SetupSettings s;

    /**
     * @param logService the Log Service client (the audit log's project and logstore); null in a member account
     * @param oss        the OSS client (the watch's state bucket); null in a member account
     */
    SetupPlanner(ControlPlane cloud, LogServiceClient logService, OssBucketClient oss, SetupSettings settings) {
        this.cloud = cloud;
        this.logService = logService;
        this.oss = oss;
        this.s = settings;
        if ((logService == null || oss == null) && !settings.member()) {
            throw new IllegalArgumentException("the central account's setup needs Log Service and OSS");
        }
    }

    /** @throws CloudException when a read is refused (no permission, throttled beyond the retries, ...) */
    SetupPlan plan() throws CloudException {
        SetupPlan plan = new SetupPlan();
        boolean roleExists = planRole(plan);
        boolean policyExists = planPolicy(plan);
        planAttachment(plan, roleExists, policyExists);
        if (!s.member()) {
            boolean busExists = planBus(plan);
            for (NotificationRules.Rule r : NotificationRules.ALL) planRule(plan, r, busExists);
            plan.note("failure destination: the bus " + s.busName + " (" + busArn() + "), where every function's failed async"
                    + " invocations go after FC's retries (template.yml asyncInvokeConfig); nothing more to make");
            plan.note("asynchronous self-invocation (fc:InvokeFunction on the seven functions) is in the policy");
            boolean projectExists = planLogProject(plan);
            planLogstore(plan, projectExists);
            planStateBucket(plan);
        } else {
            plan.note("member of " + s.memberOf + ": only its function role acs:ram::" + s.memberOf + ":role/" + s.centralRole
                    + " may assume " + s.roleName + (s.externalId == null ? "" : ", with the external id given"));
        }
        return plan;
    }

    // ---- RAM ----

    private boolean planRole(SetupPlan plan) throws CloudException {
        String what = "RAM role " + s.roleName;
        JsonObject role = readOrNull(() -> cloud.ram("GetRole", Map.of("RoleName", s.roleName)), "EntityNotExist.Role");
        if (role == null) {
            plan.change(what + ": create, trusted by " + trustedBy(), () -> {
                try {
                    JsonObject made = cloud.ram("CreateRole", Map.of("RoleName", s.roleName, "AssumeRolePolicyDocument", s.trustDocument,
                            "Description", description()));
                    return "created " + made.getAsJsonObject("Role").get("Arn").getAsString();
                } catch (CloudException e) {
                    if ("EntityAlreadyExists.Role".equals(e.code())) return "already there (made meanwhile); run setup again to check its trust policy";
                    throw e;
                }
            });
            return false;
        }
        String trust = role.getAsJsonObject("Role").get("AssumeRolePolicyDocument").getAsString();
        if (PolicyDocuments.same(trust, s.trustDocument)) {
            plan.unchanged(what + " (trusted by " + trustedBy() + ")");
        } else {
            plan.change(what + ": replace its trust policy (it differs from " + s.trustSource + ")", () -> {
                cloud.ram("UpdateRole", Map.of("RoleName", s.roleName, "NewAssumeRolePolicyDocument", s.trustDocument));
                return "trust policy replaced";
            });
        }
        return true;
    }

    private boolean planPolicy(SetupPlan plan) throws CloudException {
        String what = "RAM policy " + s.policyName;
        JsonObject policy = readOrNull(() -> cloud.ram("GetPolicy", Map.of("PolicyType", "Custom", "PolicyName", s.policyName)),
                "EntityNotExist.Policy");
        if (policy == null) {
            plan.change(what + ": create from " + s.policySource, () -> {
                try {
                    cloud.ram("CreatePolicy", Map.of("PolicyName", s.policyName, "PolicyDocument", s.policyDocument,
                            "Description", description()));
                    return "created, version v1";
                } catch (CloudException e) {
                    if ("EntityAlreadyExists.Policy".equals(e.code())) return "already there (made meanwhile); run setup again to compare it";
                    throw e;
                }
            });
            return false;
        }
        JsonObject current = policy.getAsJsonObject("DefaultPolicyVersion");
        String currentId = current.get("VersionId").getAsString();
        if (PolicyDocuments.same(current.get("PolicyDocument").getAsString(), s.policyDocument)) {
            plan.unchanged(what + " (default version " + currentId + " is " + s.policySource + ")");
            return true;
        }
        JsonObject listed = cloud.ram("ListPolicyVersions", Map.of("PolicyType", "Custom", "PolicyName", s.policyName));
        List<JsonObject> versions = new ArrayList<>();
        for (JsonElement e : listed.getAsJsonObject("PolicyVersions").getAsJsonArray("PolicyVersion")) versions.add(e.getAsJsonObject());
        if (versions.size() >= MAX_POLICY_VERSIONS) {
            String oldest = oldestNonDefault(versions);
            plan.change(what + ": delete version " + oldest + " (the oldest that is not the default; " + ROTATE_NOTE + ")", () -> {
                try {
                    cloud.ram("DeletePolicyVersion", Map.of("PolicyName", s.policyName, "VersionId", oldest));
                    return "deleted " + oldest;
                } catch (CloudException e) {
                    if ("EntityNotExist.Policy.Version".equals(e.code())) return "already gone";
                    throw e;
                }
            });
        }
        plan.change(what + ": new version from " + s.policySource + ", set as default (the default " + currentId + " differs)", () -> {
            JsonObject made = cloud.ram("CreatePolicyVersion", Map.of("PolicyName", s.policyName, "PolicyDocument", s.policyDocument,
                    "SetAsDefault", "true"));
            return "version " + made.getAsJsonObject("PolicyVersion").get("VersionId").getAsString() + " is the default now";
        });
        return true;
    }

    /** Versions are v1, v2, ...: the smallest number that is not the default is the oldest. */
    private static String oldestNonDefault(List<JsonObject> versions) {
        String oldest = null;
        int oldestNumber = Integer.MAX_VALUE;
        for (JsonObject v : versions) {
            if (v.get("IsDefaultVersion").getAsBoolean()) continue;
            String id = v.get("VersionId").getAsString();
            int n = id.matches("v[0-9]+") ? Integer.parseInt(id.substring(1)) : Integer.MAX_VALUE - 1;
            if (n < oldestNumber) {
                oldestNumber = n;
                oldest = id;
            }
        }
        if (oldest == null) throw new IllegalStateException("RAM listed " + versions.size() + " versions and none is not the default");
        return oldest;
    }

    private void planAttachment(SetupPlan plan, boolean roleExists, boolean policyExists) throws CloudException {
        String what = "policy " + s.policyName + " attached to role " + s.roleName;
        if (roleExists && policyExists) {
            JsonObject listed = cloud.ram("ListPoliciesForRole", Map.of("RoleName", s.roleName));
            for (JsonElement e : listed.getAsJsonObject("Policies").getAsJsonArray("Policy")) {
                JsonObject p = e.getAsJsonObject();
                if ("Custom".equals(p.get("PolicyType").getAsString()) && s.policyName.equalsIgnoreCase(p.get("PolicyName").getAsString())) {
                    plan.unchanged(what);
                    return;
                }
            }
        }
        plan.change("attach policy " + s.policyName + " to role " + s.roleName, () -> {
            try {
                cloud.ram("AttachPolicyToRole", Map.of("PolicyType", "Custom", "PolicyName", s.policyName, "RoleName", s.roleName));
                return "attached";
            } catch (CloudException e) {
                if ("EntityAlreadyExists.Role.Policy".equals(e.code())) return "already attached";
                throw e;
            }
        });
    }

    // ---- Log Service ----

    private boolean planLogProject(SetupPlan plan) throws CloudException {
        String what = "log project " + s.logProject + " in " + s.region;
        if (logService.getProject(s.logProject) != null) {
            plan.unchanged(what);
            return true;
        }
        plan.change(what + ": create (FC ships the functions' logs, the audit lines among them, to it)", () -> {
            try {
                logService.createProject(s.logProject, "cdn-lifeline audit log (lifeline setup)");
                return "created";
            } catch (CloudException e) {
                if (!"ProjectAlreadyExist".equals(e.code())) throw e;
                // project names are unique in the region: made meanwhile by us, or taken by another account
                if (logService.getProject(s.logProject) != null) return "already there (made meanwhile)";
                throw e;
            }
        });
        return false;
    }

    private void planLogstore(SetupPlan plan, boolean projectExists) throws CloudException {
        String what = "logstore " + s.logProject + "/" + s.logstore;
        JsonObject store = projectExists ? logService.getLogstore(s.logProject, s.logstore) : null;
        if (store != null) {
            plan.unchanged(what + " (" + store.get("ttl").getAsInt() + " days, " + store.get("shardCount").getAsInt() + " shards)");
            if (store.get("ttl").getAsInt() != s.logTtlDays) {
                plan.note("logstore " + s.logstore + " keeps " + store.get("ttl").getAsInt() + " days, not the " + s.logTtlDays
                        + " asked: setup does not change the retention of a logstore that exists (the Log Service console does)");
            }
            return;
        }
        plan.change(what + ": create, " + s.logTtlDays + " days retention, " + s.logShards + " shards (one JSON audit line per change)", () -> {
            try {
                logService.createLogstore(s.logProject, s.logstore, s.logTtlDays, s.logShards);
                return "created";
            } catch (CloudException e) {
                if ("LogStoreAlreadyExist".equals(e.code())) return "already there (made meanwhile)";
                throw e;
            }
        });
    }

    // ---- OSS ----

    /** The watch's state bucket: private, in the functions' region; a bucket that exists is left as it is (its ACL named). */
    private void planStateBucket(SetupPlan plan) throws CloudException {
        String what = "OSS bucket " + s.stateBucket + " in " + s.region;
        String acl = oss.bucketAcl(s.stateBucket);
        if (acl != null) {
            plan.unchanged(what + " (" + acl + "; the watch's state under " + s.statePrefix + ")");
            if (!"private".equals(acl)) {
                plan.note("bucket " + s.stateBucket + " is " + acl + ", not private: setup does not change the ACL of a bucket that"
                        + " exists (the OSS console does); the watch's state needs no public access");
            }
            return;
        }
        plan.change(what + ": create, private (LIFELINE_STATE: the watch's last state and the notify memory under " + s.statePrefix + ")", () -> {
            oss.createPrivateBucket(s.stateBucket);
            return "created";
        });
    }

    // ---- EventBridge ----

    private boolean planBus(SetupPlan plan) throws CloudException {
        String what = "event bus " + s.busName + " in " + s.region;
        JsonObject bus = readOrNull(() -> cloud.eventBridge("GetEventBus", Map.of("EventBusName", s.busName)), "EventBusNotExist");
        if (bus != null) {
            plan.unchanged(what);
            return true;
        }
        plan.change(what + ": create (notifications are published to it; failed invocations land on it)", () -> {
            try {
                JsonObject made = cloud.eventBridge("CreateEventBus", Map.of("EventBusName", s.busName, "Description", description()));
                return "created " + made.getAsJsonObject("Data").get("EventBusARN").getAsString();
            } catch (CloudException e) {
                if (e.code() != null && e.code().startsWith("EventBusAlreadyExist")) return "already there (made meanwhile)";
                throw e;
            }
        });
        return false;
    }

    private void planRule(SetupPlan plan, NotificationRules.Rule r, boolean busExists) throws CloudException {
        String what = "rule " + s.busName + "/" + r.name;
        JsonObject target = target(r);
        JsonObject rule = !busExists ? null : readOrNull(() -> cloud.eventBridge("GetRule", Map.of("EventBusName", s.busName, "RuleName", r.name)),
                "EventRuleNotExisted");
        if (rule == null) {
            plan.change(what + ": create, " + r.filterPattern + " to function " + r.function, () -> {
                JsonArray targets = new JsonArray();
                targets.add(target);
                Map<String, String> p = new LinkedHashMap<>();
                p.put("EventBusName", s.busName);
                p.put("RuleName", r.name);
                p.put("FilterPattern", r.filterPattern);
                p.put("Status", "ENABLE");
                p.put("Description", description());
                p.put("EventTargets", targets.toString());
                try {
                    JsonObject made = cloud.eventBridge("CreateRule", p);
                    return "created " + made.getAsJsonObject("Data").get("RuleARN").getAsString();
                } catch (CloudException e) {
                    if (e.code() != null && e.code().startsWith("EventRuleAlreadyExist")) return "already there (made meanwhile); run setup again to compare it";
                    throw e;
                }
            });
            return;
        }
        JsonObject data = rule.getAsJsonObject("Data");
        boolean samePattern = PolicyDocuments.same(data.get("FilterPattern").getAsString(), r.filterPattern);
        boolean hasTarget = false;
        if (data.has("Targets") && data.get("Targets").isJsonArray()) {
            for (JsonElement e : data.getAsJsonArray("Targets")) {
                JsonObject t = e.getAsJsonObject();
                hasTarget |= target.get("Endpoint").getAsString().equals(t.get("Endpoint").getAsString());
            }
        }
        if (samePattern && hasTarget) {
            plan.unchanged(what + " (to function " + r.function + ")");
            return;
        }
        if (!samePattern) {
            plan.change(what + ": set its filter pattern to " + r.filterPattern, () -> {
                cloud.eventBridge("UpdateRule", Map.of("EventBusName", s.busName, "RuleName", r.name, "FilterPattern", r.filterPattern));
                return "pattern set";
            });
        }
        if (!hasTarget) {
            plan.change(what + ": add function " + r.function + " as its target", () -> {
                JsonArray targets = new JsonArray();
                targets.add(target);
                JsonObject answer = cloud.eventBridge("PutTargets", Map.of("EventBusName", s.busName, "RuleName", r.name, "Targets", targets.toString()));
                JsonObject d = answer.getAsJsonObject("Data");
                if (d != null && d.has("ErrorEntriesCount") && d.get("ErrorEntriesCount").getAsInt() > 0) {
                    throw new CloudException("PutTargets.ErrorEntries", d.get("ErrorEntries").toString(), null, 200, false);
                }
                return "target added";
            });
        }
    }

    /** The rule's target: the function, invoked asynchronously with the event as it came (FC's retries and destination apply). */
    private JsonObject target(NotificationRules.Rule r) {
        JsonObject t = new JsonObject();
        t.addProperty("Id", r.function);
        t.addProperty("Type", "acs.fc.function");
        t.addProperty("Endpoint", "acs:fc:" + s.region + ":" + s.accountId + ":functions/" + r.function);
        t.addProperty("PushRetryStrategy", "BACKOFF_RETRY");
        JsonArray params = new JsonArray();
        params.add(param("functionName", "CONSTANT", r.function));
        params.add(param("qualifier", "CONSTANT", "LATEST"));
        params.add(param("InvocationType", "CONSTANT", "Async"));
        params.add(param("Body", "ORIGINAL", null));
        t.add("ParamList", params);
        return t;
    }

    private static JsonObject param(String key, String form, String value) {
        JsonObject p = new JsonObject();
        p.addProperty("ResourceKey", key);
        p.addProperty("Form", form);
        if (value != null) p.addProperty("Value", value);
        return p;
    }

    String busArn() {
        return "acs:eventbridge:" + s.region + ":" + s.accountId + ":eventbus/" + s.busName;
    }

    private String trustedBy() {
        return s.member() ? "acs:ram::" + s.memberOf + ":role/" + s.centralRole : s.trustSource;
    }

    private static String description() {
        return "cdn-lifeline (lifeline setup)";
    }

    /** One read of the cloud (TeardownPlanner reads the same way). */
    interface Read {
        JsonObject read() throws CloudException;
    }

    /** The answer, or null when the cloud says the thing does not exist ({@code notFoundCode}). */
    static JsonObject readOrNull(Read read, String notFoundCode) throws CloudException {
        try {
            return read.read();
        } catch (CloudException e) {
            if (notFoundCode.equals(e.code())) return null;
            throw e;
        }
    }
}
