package io.cdnlifeline.run;

import io.cdnlifeline.detect.ConditionState;
import io.cdnlifeline.detect.Selector;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.remedy.Remedy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.cdnlifeline.detect.Selector.allOf;
import static io.cdnlifeline.detect.Selector.anyOf;
import static io.cdnlifeline.detect.Selector.is;
import static io.cdnlifeline.detect.Selector.not;
import static io.cdnlifeline.event.Condition.ICP_INVALID;
import static io.cdnlifeline.event.Condition.IN_DEBT;
import static io.cdnlifeline.event.Condition.OFFLINE;
import static io.cdnlifeline.event.Condition.ONLINE;
import static io.cdnlifeline.event.Condition.REMEDIATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Each timer function's default {@code when} (issue 5), checked on the remedies themselves: they must select
 * exactly what the issue says on every combination of condition values, UNKNOWN included.
 */
class SelectorDefaultsTest {
    private static final Map<String, Selector> ISSUE = new LinkedHashMap<>();

    static {
        ISSUE.put("dns-to-origin", anyOf(is(OFFLINE), is(IN_DEBT)));
        ISSUE.put("dns-to-cdn", allOf(is(ONLINE), not(IN_DEBT), is(REMEDIATED)));
        ISSUE.put("switch-to-overseas", anyOf(is(ICP_INVALID)));
        ISSUE.put("restore-coverage", allOf(is(REMEDIATED), not(ICP_INVALID)));
        ISSUE.put("enable-domain", allOf(is(REMEDIATED), not(IN_DEBT)));
    }

    /** Every assignment of TRUE / FALSE / UNKNOWN to the five conditions, plus the overseas ICP case. */
    private static List<ConditionState> allStates() {
        Condition[] cs = {OFFLINE, ONLINE, IN_DEBT, REMEDIATED, ICP_INVALID};
        List<ConditionState> out = new ArrayList<>();
        int n = (int) Math.pow(4, cs.length);
        for (int k = 0; k < n; k++) {
            ConditionState s = new ConditionState();
            int x = k;
            for (Condition c : cs) {
                int v = x % 4;
                x /= 4;
                if (v == 0) s.set(c, true);
                else if (v == 1) s.set(c, false);
                else if (v == 2) s.unknown(c, "unreadable");
                else if (c == ICP_INVALID) s.icpNotChecked("overseas");
                else s.set(c, true);
            }
            out.add(s);
        }
        return out;
    }

    @Test
    void everyTimerDefaultSelectsWhatTheIssueSays() {
        List<Remedy> timers = InspectFunction.timerRemedies();
        List<String> names = new ArrayList<>();
        for (Remedy r : timers) names.add(r.function());
        assertEquals(new ArrayList<>(ISSUE.keySet()), names, "the timer functions, in DESIGN.md order");
        for (Remedy r : timers) {
            Selector expected = ISSUE.get(r.function());
            for (ConditionState s : allStates()) {
                assertEquals(expected.evaluate(s), r.defaultSelector().evaluate(s), r.function() + " on " + s.values());
            }
        }
    }

    @Test
    void disableDomainHasNoTimerDefault() {
        Remedy disable = ((RemedyFunction) Functions.byName("disable-domain")).remedy();
        assertFalse(disable.allowsAccountWideDefault());
    }
}
