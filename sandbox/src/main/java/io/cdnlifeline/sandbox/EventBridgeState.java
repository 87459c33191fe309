package io.cdnlifeline.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EventBridge's control plane of every emulated account: custom event buses per region and their rules. Keyed by
 * account id like {@link RamState}. This is the one record of the custom buses: PutEvents to a bus that is not here
 * answers {@code EventBusNotExist}, and an event on a custom bus reaches a function only through an enabled rule here
 * whose pattern matches and whose target is that function ({@link FcTriggers#publish}). The default bus always exists
 * and is not listed (its ActionTrail events reach the triggers' own rules, {@link FcTriggers}).
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

        /** The bus, made empty when the account has none of that name (what CreateEventBus does; for seeds written in Java). */
        public Bus addBus(String region, String name) {
            Bus b = bus(region, name);
            if (b != null) return b;
            b = new Bus();
            b.region = region;
            b.eventBusName = name;
            b.createTimestamp = System.currentTimeMillis();
            buses.add(b);
            return b;
        }
    }

    /** A custom event bus and its rules. */
    public static final class Bus {
        public String region;
        public String eventBusName;
        public String description = "";
        public long createTimestamp;
        public Map<String, Rule> rules = new LinkedHashMap<>();

        /**
         * Adds (or replaces) an enabled rule with one target, the function {@code functionArn}
         * ({@code acs:fc:<region>:<account>:functions/<name>}), as {@code lifeline setup} makes them; returns this bus.
         */
        public Bus addRule(String ruleName, String filterPattern, String functionArn) {
            Rule r = new Rule();
            r.ruleName = ruleName;
            r.filterPattern = filterPattern;
            r.createdTimestamp = System.currentTimeMillis();
            com.google.gson.JsonObject target = new com.google.gson.JsonObject();
            target.addProperty("Id", functionArn.substring(functionArn.lastIndexOf('/') + 1));
            target.addProperty("Type", FC_TARGET);
            target.addProperty("Endpoint", functionArn);
            r.targets.add(target);
            rules.put(ruleName, r);
            return this;
        }
    }

    /** The target type of a Function Compute function (an EventTargets entry's {@code Type}). */
    public static final String FC_TARGET = "acs.fc.function";

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
