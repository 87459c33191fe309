package io.cdnlifeline.detect;

import io.cdnlifeline.event.Condition;

import java.util.EnumMap;
import java.util.Map;

/** The conditions read for one domain, with the reason for every one that could not be read. */
public final class ConditionState {
    private final Map<Condition, Truth> values = new EnumMap<>(Condition.class);
    private final Map<Condition, String> unknownWhy = new EnumMap<>(Condition.class);

    public ConditionState set(Condition c, boolean value) {
        values.put(c, Truth.of(value));
        unknownWhy.remove(c);
        return this;
    }

    public ConditionState unknown(Condition c, String why) {
        values.put(c, Truth.UNKNOWN);
        unknownWhy.put(c, why);
        return this;
    }

    /** UNKNOWN for a condition never read. */
    public Truth get(Condition c) {
        if (c == Condition.ALWAYS) return Truth.TRUE;
        return values.getOrDefault(c, Truth.UNKNOWN);
    }

    public String whyUnknown(Condition c) {
        return unknownWhy.getOrDefault(c, c.id() + " was not read");
    }

    public Map<Condition, Truth> values() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
