package io.cdnlifeline.detect;

import io.cdnlifeline.event.Condition;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static io.cdnlifeline.detect.Selector.allOf;
import static io.cdnlifeline.detect.Selector.anyOf;
import static io.cdnlifeline.detect.Selector.is;
import static io.cdnlifeline.detect.Selector.not;
import static io.cdnlifeline.event.Condition.ALWAYS;
import static io.cdnlifeline.event.Condition.ICP_INVALID;
import static io.cdnlifeline.event.Condition.IN_DEBT;
import static io.cdnlifeline.event.Condition.OFFLINE;
import static io.cdnlifeline.event.Condition.ONLINE;
import static io.cdnlifeline.event.Condition.REMEDIATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The selector's three-valued logic: UNKNOWN never selects, in either polarity. */
class SelectorTest {
    // The timer defaults of issue 5, as the remedies declare them.
    static final Selector DNS_TO_ORIGIN = anyOf(is(OFFLINE), is(IN_DEBT));
    static final Selector DNS_TO_CDN = allOf(is(ONLINE), not(IN_DEBT), is(REMEDIATED));
    static final Selector SWITCH_TO_OVERSEAS = anyOf(is(ICP_INVALID));
    static final Selector RESTORE_COVERAGE = allOf(is(REMEDIATED), not(ICP_INVALID));
    static final Selector ENABLE_DOMAIN = allOf(is(REMEDIATED), not(IN_DEBT));

    @Test
    void disjunctionSelectsWhenOneConditionHoldsEvenIfAnotherIsUnknown() {
        // given an offline domain whose debt could not be read
        ConditionState s = new ConditionState().set(OFFLINE, true).unknown(IN_DEBT, "DescribeUserCdnStatus failed");
        // when / then
        assertEquals(Truth.TRUE, DNS_TO_ORIGIN.evaluate(s));
    }

    @Test
    void disjunctionIsUnknownWhenNothingHoldsAndSomethingWasUnreadable() {
        ConditionState s = new ConditionState().set(OFFLINE, false).unknown(IN_DEBT, "DescribeUserCdnStatus failed");
        assertEquals(Truth.UNKNOWN, DNS_TO_ORIGIN.evaluate(s));
        assertEquals("DescribeUserCdnStatus failed", DNS_TO_ORIGIN.whyUnknown(s));
    }

    @Test
    void negatedUnknownIsNotTrue() {
        // given an online, remediated domain whose debt could not be read
        ConditionState s = new ConditionState().set(ONLINE, true).set(REMEDIATED, true).unknown(IN_DEBT, "locks unreadable");
        // then "not in-debt" does not hold: dns-to-cdn must not act
        assertEquals(Truth.UNKNOWN, DNS_TO_CDN.evaluate(s));
        assertEquals(Truth.UNKNOWN, ENABLE_DOMAIN.evaluate(s));
    }

    @Test
    void conjunctionIsFalseAsSoonAsOneTermFails() {
        ConditionState s = new ConditionState().set(ONLINE, false).unknown(IN_DEBT, "x").set(REMEDIATED, true);
        assertEquals(Truth.FALSE, DNS_TO_CDN.evaluate(s));
    }

    @Test
    void dnsToCdnSelectsOnlyOnlineSolventRemediatedDomains() {
        ConditionState s = new ConditionState().set(ONLINE, true).set(IN_DEBT, false).set(REMEDIATED, true);
        assertEquals(Truth.TRUE, DNS_TO_CDN.evaluate(s));
        s.set(IN_DEBT, true);
        assertEquals(Truth.FALSE, DNS_TO_CDN.evaluate(s));
    }

    @Test
    void overseasDomainIsNotIcpInvalidButNotProvenValidEither() {
        // given a domain switch-to-overseas moved (overseas now, marker present), filing not checked
        ConditionState s = new ConditionState().set(REMEDIATED, true).icpNotChecked("coverage is overseas");
        // then switch-to-overseas does not select it, and restore-coverage does not restore it blindly
        assertEquals(Truth.FALSE, SWITCH_TO_OVERSEAS.evaluate(s));
        assertEquals(Truth.UNKNOWN, RESTORE_COVERAGE.evaluate(s));
    }

    @Test
    void checkedFilingDecidesBothSides() {
        ConditionState overseasValid = new ConditionState().set(REMEDIATED, true).icpChecked(true, false);
        assertEquals(Truth.TRUE, RESTORE_COVERAGE.evaluate(overseasValid));
        assertEquals(Truth.FALSE, SWITCH_TO_OVERSEAS.evaluate(overseasValid));

        ConditionState overseasInvalid = new ConditionState().set(REMEDIATED, true).icpChecked(false, false);
        assertEquals(Truth.FALSE, RESTORE_COVERAGE.evaluate(overseasInvalid));
        assertEquals(Truth.FALSE, SWITCH_TO_OVERSEAS.evaluate(overseasInvalid), "already overseas: nothing to switch");

        ConditionState domesticInvalid = new ConditionState().icpChecked(false, true);
        assertEquals(Truth.TRUE, SWITCH_TO_OVERSEAS.evaluate(domesticInvalid));
    }

    @Test
    void requestWhenIsADisjunctionOfItsConditions() {
        Selector when = anyOf(EnumSet.of(ICP_INVALID, IN_DEBT));
        assertEquals(Truth.TRUE, when.evaluate(new ConditionState().set(IN_DEBT, true).unknown(ICP_INVALID, "x")));
        assertEquals(Truth.FALSE, when.evaluate(new ConditionState().set(IN_DEBT, false).icpChecked(true, true)));
        assertEquals(EnumSet.of(ICP_INVALID, IN_DEBT), when.needs());
    }

    @Test
    void alwaysSelectsWithoutReadingAnything() {
        Selector always = anyOf(EnumSet.of(ALWAYS));
        ConditionState nothingRead = new ConditionState();
        assertEquals(Truth.TRUE, always.evaluate(nothingRead));
        assertTrue(always.decided(nothingRead));
    }

    @Test
    void unreadConditionsAreUnknown() {
        assertEquals(Truth.UNKNOWN, DNS_TO_ORIGIN.evaluate(new ConditionState()));
        assertEquals(Truth.UNKNOWN, DNS_TO_CDN.evaluate(new ConditionState()));
    }

    @Test
    void decidedStopsReadingWhenTheVerdictCannotChange() {
        // disjunction: one term holds -> decided; a false term with others unread -> not yet
        assertTrue(DNS_TO_ORIGIN.decided(new ConditionState().set(OFFLINE, true)));
        assertFalse(DNS_TO_ORIGIN.decided(new ConditionState().set(OFFLINE, false)));
        assertFalse(DNS_TO_ORIGIN.decided(new ConditionState().unknown(OFFLINE, "x")));
        assertTrue(DNS_TO_ORIGIN.decided(new ConditionState().set(OFFLINE, false).set(IN_DEBT, false)));
        // conjunction: a failing or unknown term can never become TRUE -> decided, so costlier reads are spared
        assertTrue(DNS_TO_CDN.decided(new ConditionState().set(ONLINE, false)));
        assertTrue(DNS_TO_CDN.decided(new ConditionState().set(ONLINE, true).unknown(IN_DEBT, "x")));
        assertFalse(DNS_TO_CDN.decided(new ConditionState().set(ONLINE, true).set(IN_DEBT, false)));
        assertTrue(DNS_TO_CDN.decided(new ConditionState().set(ONLINE, true).set(IN_DEBT, false).set(REMEDIATED, false)));
    }

    @Test
    void negatesTellsWhetherAConditionMustBeDisproved() {
        assertTrue(RESTORE_COVERAGE.negates(ICP_INVALID));
        assertFalse(SWITCH_TO_OVERSEAS.negates(ICP_INVALID));
    }

    @Test
    void emptySelectorsAreRefusedRatherThanSelectingEverything() {
        assertThrows(IllegalArgumentException.class, () -> allOf());
        assertThrows(IllegalArgumentException.class, () -> anyOf(EnumSet.noneOf(Condition.class)));
    }

    @Test
    void readsLikeTheDesign() {
        assertEquals("online and not in-debt and remediated", DNS_TO_CDN.toString());
        assertEquals("offline or in-debt", DNS_TO_ORIGIN.toString());
    }
}
