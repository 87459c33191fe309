package io.cdnlifeline.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Log Service (SLS) control plane of every emulated account: projects and their logstores, what {@code lifeline setup}
 * makes for the audit log. Keyed by account id like {@link RamState}; each account's state holds its own. Project names
 * are unique across all accounts (SLS: globally unique in a region), so a name another account holds cannot be made.
 */
public final class LogServiceState {
    /** Account id -> its projects. */
    public Map<String, Account> accounts = new LinkedHashMap<>();

    /** The projects of one account, by name. */
    public static final class Account {
        public Map<String, Project> projects = new LinkedHashMap<>();
    }

    /** A project: where it is, and its logstores by name. */
    public static final class Project {
        public String projectName;
        public String description = "";
        public String region;
        public String owner;
        public String status = "Normal";
        /** Epoch seconds, as GetProject answers them. */
        public long createTime;
        public long lastModifyTime;
        public Map<String, Logstore> logstores = new LinkedHashMap<>();
    }

    /** A logstore: retention (days) and shards. */
    public static final class Logstore {
        public String logstoreName;
        public int ttl;
        public int shardCount;
        public boolean autoSplit;
        public int maxSplitShard;
        public boolean appendMeta;
        public long createTime;
        public long lastModifyTime;
    }

    /** The projects of an account, or null when it has none (reads must not create them). */
    public Account find(String accountId) {
        return accounts == null ? null : accounts.get(accountId);
    }

    /** The projects of an account, made empty when it has none (writes only). */
    public Account account(String accountId) {
        if (accounts == null) accounts = new LinkedHashMap<>();
        return accounts.computeIfAbsent(accountId, id -> new Account());
    }
}
