package io.cdnlifeline.detect;

import io.cdnlifeline.event.Condition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Why a run over the whole account selected no domain, in an operator's words: how many domains were looked at
 * and, term by term, how many met it, e.g. "6 domains looked at, none selected (offline or in-debt): none offline;
 * the account is not in debt". A conjunction is counted in the order the detector reads its conditions, each term
 * over the domains that met the ones before (the detector stops reading a domain at its first unmet term).
 */
final class NoneSelected {
    private NoneSelected() {
    }

    static String explain(Selector selector, List<Assessment> assessed, Condition[] readOrder) {
        int n = assessed.size();
        if (n == 0) return "no domain in scope: nothing to look at";
        List<Selector.Term> terms = new ArrayList<>(selector.terms());
        List<Condition> order = Arrays.asList(readOrder);
        terms.sort(Comparator.comparingInt(t -> order.indexOf(t.condition())));
        List<String> parts = new ArrayList<>();
        List<ConditionState> pool = new ArrayList<>();
        for (Assessment a : assessed) pool.add(a.state());
        for (Selector.Term t : terms) {
            int met = 0;
            int unknown = 0;
            List<ConditionState> meeting = new ArrayList<>();
            for (ConditionState s : pool) {
                Truth v = s.holds(t.condition(), t.expected());
                if (v == Truth.TRUE) {
                    met++;
                    meeting.add(s);
                } else if (v == Truth.UNKNOWN && s.wasRead(t.condition())) {
                    unknown++;
                }
            }
            String counted = selector.isConjunction() && pool.size() < n && !parts.isEmpty()
                    ? "of those " + pool.size() + ", " : "";
            String unread = unknown > 0 && t.condition() != Condition.IN_DEBT ? " (" + unknown + " could not be read)" : "";
            parts.add(counted + describe(t, met, unknown, pool.size()) + unread);
            if (selector.isConjunction()) {
                pool = meeting;
                if (pool.isEmpty()) break;
            }
        }
        return n + (n == 1 ? " domain" : " domains") + " looked at, none selected (" + selector + "): " + String.join("; ", parts);
    }

    private static String describe(Selector.Term t, int met, int unknown, int of) {
        if (t.condition() == Condition.IN_DEBT) {
            // One fact of the account, the same for every domain.
            if (met == 0 && unknown > 0) return "the account's debt could not be read";
            return t.expected() == (met > 0) ? "the account is in debt" : "the account is not in debt";
        }
        String count = met == 0 ? "none" : met == of ? (of == 1 ? "it" : "all " + of) : String.valueOf(met);
        switch (t.condition()) {
            case OFFLINE: return count + (t.expected() ? " offline" : " not offline");
            case ONLINE: return count + (t.expected() ? " online" : " not online");
            case REMEDIATED: return count + (t.expected() ? " carrying this function's counterpart's lifeline marker"
                    : " free of the counterpart's lifeline marker");
            case ICP_INVALID: return count + (t.expected() ? " with an invalid ICP filing" : " with an ICP filing proven valid");
            case ALWAYS: return count + " in scope";
            default: return count + " " + t;
        }
    }
}
