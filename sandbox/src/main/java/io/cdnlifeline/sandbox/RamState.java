package io.cdnlifeline.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RAM (Resource Access Management) of every emulated account: roles, custom policies with their versions, and which
 * policies are attached to which role. Keyed by account id; each account's state (the central one, each member) holds
 * its own, and a call acts on the account of the key that signed it ({@link RamApi#callerAccount}).
 */
public final class RamState {
    /** Account id -> its RAM entities. */
    public Map<String, Account> accounts = new LinkedHashMap<>();

    /** The RAM entities of one account. */
    public static final class Account {
        /** Role name (case as created) -> role; names are compared case-insensitively, as RAM does. */
        public Map<String, Role> roles = new LinkedHashMap<>();
        /** Custom policy name -> policy. */
        public Map<String, Policy> policies = new LinkedHashMap<>();

        public Role role(String name) {
            for (Map.Entry<String, Role> e : roles.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
            }
            return null;
        }

        public Policy policy(String name) {
            for (Map.Entry<String, Policy> e : policies.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
            }
            return null;
        }
    }

    /** A RAM role: its trust policy and the custom or system policies attached to it. */
    public static final class Role {
        public String roleName;
        public String roleId;
        public String description = "";
        public String assumeRolePolicyDocument;
        public int maxSessionDuration = 3600;
        public String createDate;
        public String updateDate;
        /** Attached policies, in the order they were attached. */
        public List<Attachment> attached = new ArrayList<>();
    }

    /** One policy attached to a role. */
    public static final class Attachment {
        public String policyName;
        public String policyType;
        public String attachDate;
    }

    /** A custom policy and its versions (at most {@link RamApi#MAX_POLICY_VERSIONS}), oldest first. */
    public static final class Policy {
        public String policyName;
        public String description = "";
        public String createDate;
        public String updateDate;
        /** The number of the last version made: version ids are v1, v2, ... and never reused. */
        public int lastVersion;
        public List<PolicyVersion> versions = new ArrayList<>();

        public PolicyVersion defaultVersion() {
            for (PolicyVersion v : versions) if (v.isDefaultVersion) return v;
            return null;
        }
    }

    /** One version of a custom policy. */
    public static final class PolicyVersion {
        public String versionId;
        public String policyDocument;
        public boolean isDefaultVersion;
        public String createDate;
    }

    /** The entities of an account, or null when it has none (reads must not create them: they run under the read lock). */
    public Account find(String accountId) {
        return accounts == null ? null : accounts.get(accountId);
    }

    /** The entities of an account, made empty when it has none (writes only). */
    public Account account(String accountId) {
        if (accounts == null) accounts = new LinkedHashMap<>();
        return accounts.computeIfAbsent(accountId, id -> new Account());
    }
}
