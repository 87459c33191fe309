package io.cdnlifeline.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.aliyun.ControlPlane;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code lifeline uninstall} removes of what {@code lifeline setup} made, planned from what the account has now
 * (the same reads as {@link SetupPlanner}, plus OSS ListObjectsV2), in an order the cloud accepts: the six rules, then
 * their bus; the state bucket's objects under the watch's prefix, then the bucket when nothing else is in it; the audit
 * log's logstore and project (only when asked: the audit log is the record of every change lifeline made); the policy's
 * attachment, its versions other than the default, the policy, then the role. Reads only; each removal that finds its
 * resource already gone (another run, a lost answer) counts as done, so a run after a refusal carries on where it stopped.
 * In a member account: only the member role and its policy.
 */
final class TeardownPlanner {
    private final ControlPlane cloud;
    private final LogServiceClient logService;
    private final OssBucketClient oss;
    private final SetupSettings s;
    private final boolean deleteLogs;

    /** @param logService, oss null in a member account */
    TeardownPlanner(ControlPlane cloud, LogServiceClient logService, OssBucketClient oss, SetupSettings settings, boolean deleteLogs) {
        this.cloud = cloud;
        this.logService = logService;
        this.oss = oss;
        this.s = settings;
        this.deleteLogs = deleteLogs;
        if ((logService == null || oss == null) && !settings.member()) {
            throw new IllegalArgumentException("the central account's teardown needs Log Service and OSS");
        }
    }

    /** @throws CloudException when a read is refused */
    SetupPlan plan() throws CloudException {
        SetupPlan plan = new SetupPlan();
        if (!s.member()) {
            planBusAndRules(plan);
            planStateBucket(plan);
            planLogs(plan);
        }
        planRam(plan);
        return plan;
    }

    // ---- EventBridge ----

    private void planBusAndRules(SetupPlan plan) throws CloudException {
        JsonObject bus = SetupPlanner.readOrNull(() -> cloud.eventBridge("GetEventBus", Map.of("EventBusName", s.busName)), "EventBusNotExist");
        if (bus == null) {
            plan.note("event bus " + s.busName + " and its rules: not there (nothing to remove)");
            return;
        }
        for (NotificationRules.Rule r : NotificationRules.ALL) {
            JsonObject rule = SetupPlanner.readOrNull(() -> cloud.eventBridge("GetRule", Map.of("EventBusName", s.busName, "RuleName", r.name)),
                    "EventRuleNotExisted");
            if (rule == null) continue;
            plan.change("rule " + s.busName + "/" + r.name + ": delete (its target, function " + r.function + ", goes with it)", () -> {
                try {
                    JsonObject answer = cloud.eventBridge("DeleteRule", Map.of("EventBusName", s.busName, "RuleName", r.name));
                    JsonElement m = answer.get("Message");
                    return m != null && m.getAsString().contains("not existed") ? "already gone" : "deleted";
                } catch (CloudException e) {
                    if ("EventRuleNotExisted".equals(e.code()) || "EventBusNotExist".equals(e.code())) return "already gone";
                    throw e;
                }
            });
        }
        plan.change("event bus " + s.busName + " in " + s.region + ": delete (the notifications' bus and the failure destination)", () -> {
            try {
                cloud.eventBridge("DeleteEventBus", Map.of("EventBusName", s.busName));
                return "deleted";
            } catch (CloudException e) {
                if ("EventBusNotExist".equals(e.code())) return "already gone";
                throw e;
            }
        });
    }

    // ---- OSS ----

    private void planStateBucket(SetupPlan plan) throws CloudException {
        String bucket = s.stateBucket;
        if (oss.bucketAcl(bucket) == null) {
            plan.note("OSS bucket " + bucket + ": not there (nothing to remove)");
            return;
        }
        List<String> ours = oss.listKeys(bucket, s.statePrefix, OssBucketClient.MAX_KEYS);
        List<String> others = new ArrayList<>();
        for (String k : oss.listKeys(bucket, "", OssBucketClient.MAX_KEYS)) if (!k.startsWith(s.statePrefix)) others.add(k);
        if (!ours.isEmpty()) {
            plan.change("OSS bucket " + bucket + ": delete the " + (ours.size() >= OssBucketClient.MAX_KEYS ? "1000 or more" : ours.size())
                    + " object(s) under " + s.statePrefix + " (the watch's last state, the notify memory)", () -> {
                int deleted = 0;
                // list again: the watch may have written more before it was paused; each page is deleted, then listed again
                for (List<String> page = oss.listKeys(bucket, s.statePrefix, OssBucketClient.MAX_KEYS); !page.isEmpty();
                     page = oss.listKeys(bucket, s.statePrefix, OssBucketClient.MAX_KEYS)) {
                    for (String k : page) {
                        oss.deleteObject(bucket, k);
                        deleted++;
                    }
                }
                return deleted + " deleted";
            });
        }
        if (!others.isEmpty()) {
            plan.unchanged("OSS bucket " + bucket + ": left, it holds " + others.size() + (others.size() >= OssBucketClient.MAX_KEYS ? " or more" : "")
                    + " object(s) outside " + s.statePrefix + " (not lifeline's; e.g. " + others.get(0) + ")");
            return;
        }
        plan.change("OSS bucket " + bucket + ": delete (empty once lifeline's objects are gone)", () -> {
            try {
                oss.deleteBucket(bucket);
                return "deleted";
            } catch (CloudException e) {
                if ("NoSuchBucket".equals(e.code())) return "already gone";
                // written to since the plan by someone else: not lifeline's to delete
                if ("BucketNotEmpty".equals(e.code())) return "LEFT: objects were written to it since the plan (not lifeline's); delete them and it by hand";
                throw e;
            }
        });
    }

    // ---- Log Service ----

    private void planLogs(SetupPlan plan) throws CloudException {
        String project = s.logProject;
        if (logService.getProject(project) == null) {
            plan.note("log project " + project + ": not there (nothing to remove)");
            return;
        }
        JsonObject store = logService.getLogstore(project, s.logstore);
        if (!deleteLogs) {
            plan.unchanged("log project " + project + (store == null ? "" : " with logstore " + s.logstore)
                    + ": KEPT, the audit log (one line per change lifeline made: the record of what it did); --delete-logs deletes it");
            return;
        }
        if (store != null) {
            plan.change("logstore " + project + "/" + s.logstore + ": delete, WITH THE AUDIT LOG IN IT (--delete-logs; it cannot be undone)", () -> {
                try {
                    logService.deleteLogstore(project, s.logstore);
                    return "deleted";
                } catch (CloudException e) {
                    if ("LogStoreNotExist".equals(e.code()) || "ProjectNotExist".equals(e.code())) return "already gone";
                    throw e;
                }
            });
        }
        plan.change("log project " + project + " in " + s.region + ": delete (--delete-logs; every logstore still in it goes with it)", () -> {
            try {
                logService.deleteProject(project);
                return "deleted";
            } catch (CloudException e) {
                if ("ProjectNotExist".equals(e.code())) return "already gone";
                throw e;
            }
        });
    }

    // ---- RAM ----

    private void planRam(SetupPlan plan) throws CloudException {
        JsonObject role = SetupPlanner.readOrNull(() -> cloud.ram("GetRole", Map.of("RoleName", s.roleName)), "EntityNotExist.Role");
        JsonObject policy = SetupPlanner.readOrNull(() -> cloud.ram("GetPolicy", Map.of("PolicyType", "Custom", "PolicyName", s.policyName)),
                "EntityNotExist.Policy");
        if (role != null && policy != null) {
            JsonObject listed = cloud.ram("ListPoliciesForRole", Map.of("RoleName", s.roleName));
            for (JsonElement e : listed.getAsJsonObject("Policies").getAsJsonArray("Policy")) {
                JsonObject p = e.getAsJsonObject();
                if (!"Custom".equals(p.get("PolicyType").getAsString()) || !s.policyName.equalsIgnoreCase(p.get("PolicyName").getAsString())) continue;
                plan.change("detach policy " + s.policyName + " from role " + s.roleName, () -> {
                    try {
                        cloud.ram("DetachPolicyFromRole", Map.of("PolicyType", "Custom", "PolicyName", s.policyName, "RoleName", s.roleName));
                        return "detached";
                    } catch (CloudException x) {
                        if (x.code() != null && x.code().startsWith("EntityNotExist")) return "already detached";
                        throw x;
                    }
                });
            }
        }
        if (policy != null) {
            JsonObject listed = cloud.ram("ListPolicyVersions", Map.of("PolicyType", "Custom", "PolicyName", s.policyName));
            for (JsonElement e : listed.getAsJsonObject("PolicyVersions").getAsJsonArray("PolicyVersion")) {
                JsonObject v = e.getAsJsonObject();
                if (v.get("IsDefaultVersion").getAsBoolean()) continue;
                String id = v.get("VersionId").getAsString();
                plan.change("RAM policy " + s.policyName + ": delete version " + id + " (RAM deletes a policy only with its default version alone)", () -> {
                    try {
                        cloud.ram("DeletePolicyVersion", Map.of("PolicyName", s.policyName, "VersionId", id));
                        return "deleted";
                    } catch (CloudException x) {
                        if ("EntityNotExist.Policy.Version".equals(x.code()) || "EntityNotExist.Policy".equals(x.code())) return "already gone";
                        throw x;
                    }
                });
            }
            plan.change("RAM policy " + s.policyName + ": delete", () -> {
                try {
                    cloud.ram("DeletePolicy", Map.of("PolicyName", s.policyName));
                    return "deleted";
                } catch (CloudException x) {
                    if ("EntityNotExist.Policy".equals(x.code())) return "already gone";
                    throw x;
                }
            });
        } else {
            plan.note("RAM policy " + s.policyName + ": not there (nothing to remove)");
        }
        if (role != null) {
            plan.change("RAM role " + s.roleName + ": delete" + (s.member() ? " (the central account's functions can no longer reach this account)" : ""), () -> {
                try {
                    cloud.ram("DeleteRole", Map.of("RoleName", s.roleName));
                    return "deleted";
                } catch (CloudException x) {
                    if ("EntityNotExist.Role".equals(x.code())) return "already gone";
                    throw x;
                }
            });
        } else {
            plan.note("RAM role " + s.roleName + ": not there (nothing to remove)");
        }
    }
}
