package io.cdnlifeline.detect;

import io.cdnlifeline.event.Condition;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The conditions read for one domain, with the reason for every one that could not be read.
 * <p>A condition is normally two-sided: {@code not c} is the negation of {@code c}. {@code icp-invalid}
 * is not: it holds only for a domain whose coverage includes mainland China, so an overseas domain is
 * not icp-invalid without any check; but "ICP valid" ({@code not icp-invalid}, what restore-coverage
 * waits for, on a domain that switch-to-overseas made overseas) holds only when the filing was checked
 * and found valid. Hence each side is kept separately.
 */
public final class ConditionState {
    private final Map<Condition, Truth> holds = new EnumMap<>(Condition.class);
    private final Map<Condition, Truth> holdsNot = new EnumMap<>(Condition.class);
    private final Map<Condition, String> unknownWhy = new EnumMap<>(Condition.class);

    public synchronized ConditionState set(Condition c, boolean value) {
        holds.put(c, Truth.of(value));
        holdsNot.put(c, Truth.of(!value));
        unknownWhy.remove(c);
        return this;
    }

    public synchronized ConditionState unknown(Condition c, String why) {
        holds.put(c, Truth.UNKNOWN);
        holdsNot.put(c, Truth.UNKNOWN);
        unknownWhy.put(c, why);
        return this;
    }

    /** The filing was checked: icp-invalid needs mainland coverage too, "ICP valid" only a valid filing. */
    public synchronized ConditionState icpChecked(boolean filingValid, boolean coversMainland) {
        holds.put(Condition.ICP_INVALID, Truth.of(!filingValid && coversMainland));
        holdsNot.put(Condition.ICP_INVALID, Truth.of(filingValid));
        unknownWhy.remove(Condition.ICP_INVALID);
        return this;
    }

    /** Not checked because the domain has no mainland coverage: not icp-invalid, but not proven valid either. */
    public synchronized ConditionState icpNotChecked(String why) {
        holds.put(Condition.ICP_INVALID, Truth.FALSE);
        holdsNot.put(Condition.ICP_INVALID, Truth.UNKNOWN);
        unknownWhy.put(Condition.ICP_INVALID, why);
        return this;
    }

    /** Whether {@code c} holds; UNKNOWN for a condition never read. */
    public Truth get(Condition c) {
        return holds(c, true);
    }

    /** Whether the term {@code c} (expected true) or {@code not c} (expected false) holds; UNKNOWN when not read. */
    public synchronized Truth holds(Condition c, boolean expected) {
        if (c == Condition.ALWAYS) return Truth.of(expected);
        return (expected ? holds : holdsNot).getOrDefault(c, Truth.UNKNOWN);
    }

    /** True once the condition was read (even when the read failed). */
    public synchronized boolean wasRead(Condition c) {
        return c == Condition.ALWAYS || holds.containsKey(c);
    }

    public synchronized String whyUnknown(Condition c) {
        return unknownWhy.getOrDefault(c, c.id() + " was not read");
    }

    /** Whether each condition read holds (the positive side). */
    public synchronized Map<Condition, Truth> values() {
        return Collections.unmodifiableMap(new EnumMap<>(holds));
    }
}
