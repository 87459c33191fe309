package io.cdnlifeline.detect;

import io.cdnlifeline.event.Condition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which domains a function acts on, over the conditions. A Request's {@code when} is
 * {@link #anyOf}; a function's default may be a conjunction with negations (dns-to-cdn: online and
 * not in-debt and remediated). Fail closed: a term whose condition is UNKNOWN never selects, and a
 * negated UNKNOWN term is not true either.
 */
public final class Selector {
    private final boolean all;
    private final List<Term> terms;

    private Selector(boolean all, List<Term> terms) {
        this.all = all;
        this.terms = Collections.unmodifiableList(new ArrayList<>(terms));
    }

    public static Selector anyOf(Set<Condition> conditions) {
        if (conditions.isEmpty()) throw new IllegalArgumentException("a selector needs at least one condition");
        List<Term> ts = new ArrayList<>();
        for (Condition c : conditions) ts.add(is(c));
        return new Selector(false, ts);
    }

    public static Selector anyOf(Term... terms) {
        if (terms.length == 0) throw new IllegalArgumentException("a selector needs at least one term");
        return new Selector(false, List.of(terms));
    }

    public static Selector allOf(Term... terms) {
        if (terms.length == 0) throw new IllegalArgumentException("a selector needs at least one term");
        return new Selector(true, List.of(terms));
    }

    public static Term is(Condition c) {
        return new Term(c, true);
    }

    public static Term not(Condition c) {
        return new Term(c, false);
    }

    /** The conditions the detector must read to evaluate this selector. */
    public Set<Condition> needs() {
        Set<Condition> s = EnumSet.noneOf(Condition.class);
        for (Term t : terms) s.add(t.condition);
        return s;
    }

    public List<Term> terms() {
        return terms;
    }

    /** True for allOf (and), false for anyOf (or). */
    public boolean isConjunction() {
        return all;
    }

    /** Selected, not selected, or UNKNOWN when the answer depends on a condition that could not be read. */
    public Truth evaluate(ConditionState state) {
        boolean sawUnknown = false;
        for (Term t : terms) {
            Truth v = t.evaluate(state);
            if (all && v == Truth.FALSE) return Truth.FALSE;
            if (!all && v == Truth.TRUE) return Truth.TRUE;
            if (v == Truth.UNKNOWN) sawUnknown = true;
        }
        if (sawUnknown) return Truth.UNKNOWN;
        return all ? Truth.TRUE : Truth.FALSE;
    }

    /**
     * True when the terms read so far fix whether this selector selects: a disjunction once a term holds
     * or all were read; a conjunction once a term does not hold or is UNKNOWN (it can then never select,
     * so reading the costlier conditions would be wasted calls), or all were read.
     */
    public boolean decided(ConditionState state) {
        boolean allRead = true;
        for (Term t : terms) {
            if (!state.wasRead(t.condition)) {
                allRead = false;
                continue;
            }
            Truth v = t.evaluate(state);
            if (!all && v == Truth.TRUE) return true;
            if (all && v != Truth.TRUE) return true;
        }
        return allRead;
    }

    /** True when some term is {@code not c}: the detector must then prove that c does not hold. */
    public boolean negates(Condition c) {
        for (Term t : terms) if (t.condition == c && !t.expected) return true;
        return false;
    }

    /** The first unknown term's reason, for the report. */
    public String whyUnknown(ConditionState state) {
        for (Term t : terms) {
            if (t.evaluate(state) == Truth.UNKNOWN) return state.whyUnknown(t.condition);
        }
        return "unknown";
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Term t : terms) {
            if (b.length() > 0) b.append(all ? " and " : " or ");
            b.append(t);
        }
        return b.toString();
    }

    /** One condition, possibly negated. */
    public static final class Term {
        private final Condition condition;
        private final boolean expected;

        private Term(Condition condition, boolean expected) {
            this.condition = condition;
            this.expected = expected;
        }

        public Condition condition() { return condition; }
        public boolean expected() { return expected; }

        /** Asks the state, not the negation of the positive side: {@code not icp-invalid} is not simply that. */
        Truth evaluate(ConditionState s) {
            return s.holds(condition, expected);
        }

        @Override
        public String toString() { return (expected ? "" : "not ") + condition.id(); }
    }
}
