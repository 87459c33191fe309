package io.cdnlifeline.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EventBridge's control plane of every emulated account: custom event buses per region and their rules. Keyed by
 * account id like {@link RamState}. Nothing is delivered through these buses: they are what {@code lifeline setup}
 * makes and checks (the ActionTrail events of the default bus are {@link FcTriggers}'s).
 */
public final class EventBridgeState {
    /** Account id -> its buses. */
    public Map<String, Account> accounts = new LinkedHashMap<>();

    /** The buses of one account, in every region. */
    public static final class Account {
        public List<Bus> buses = new ArrayList<>();

        public Bus bus(String region, String name) {
            for (Bus b : buses) {
                if (b.region.equals(region) && b.eventBusName.equals(name)) return b;
            }
            return null;
        }
    }

    /** A custom event bus and its rules. */
    public static final class Bus {
        public String region;
        public String eventBusName;
        public String description = "";
        public long createTimestamp;
        public Map<String, Rule> rules = new LinkedHashMap<>();
    }

    /** A rule: its filter pattern (JSON text, as given) and targets (each the JSON object given in EventTargets). */
    public static final class Rule {
        public String ruleName;
        public String description = "";
        public String status = "ENABLE";
        public String filterPattern;
        public long createdTimestamp;
        public List<com.google.gson.JsonObject> targets = new ArrayList<>();
    }

    /** The buses of an account, or null (reads must not create: they run under the read lock). */
    public Account find(String accountId) {
        return accounts == null ? null : accounts.get(accountId);
    }

    /** The buses of an account, made empty when it has none (writes only). */
    public Account account(String accountId) {
        if (accounts == null) accounts = new LinkedHashMap<>();
        return accounts.computeIfAbsent(accountId, id -> new Account());
    }
}
