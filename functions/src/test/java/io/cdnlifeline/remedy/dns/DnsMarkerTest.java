package io.cdnlifeline.remedy.dns;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsMarkerTest {
    private static final Instant AT = Instant.parse("2026-11-22T06:07:00Z");
    @Test
    void switchedMarkerKeepsTheOriginalRemarkExactly() {
        Marker m = Marker.switched("A", "203.0.113.10", "main site, 主站", AT);
        String text = m.encode();
        assertTrue(text.startsWith("lifeline:switched:"), text);
        assertTrue(text.length() <= Marker.MAX_REMARK, text);
        Marker back = Marker.parse(text);
        assertEquals(m, back);
        assertEquals(Marker.Kind.SWITCHED, back.kind());
        assertEquals("main site, 主站", back.original());
        assertFalse(back.truncated());
        assertTrue(back.wrote("A", "203.0.113.10"));
    }

    @Test
    void anEmptyOriginalRemarkComesBackEmpty() {
        Marker back = Marker.parse(Marker.switched("CNAME", "origin.example.net", "", AT).encode());
        assertEquals("", back.original());
        assertFalse(back.truncated());
    }

    @Test
    void originalRemarkColonsAndTildesSurvive() {
        String original = "a:b~c:";
        assertEquals(original, Marker.parse(Marker.switched("A", "192.0.2.1", original, AT).encode()).original());
    }

    @Test
    void aLongOriginalRemarkIsCutToFitAndSaysSo() {
        String original = "x".repeat(Marker.MAX_KEPT + 5);
        Marker m = Marker.switched("A", "192.0.2.1", original, AT);
        assertTrue(m.encode().length() <= Marker.MAX_REMARK);
        Marker back = Marker.parse(m.encode());
        assertTrue(back.truncated());
        assertTrue(original.startsWith(back.original()));
        assertEquals(Marker.MAX_KEPT - 1, back.original().length());
        // exactly MAX_KEPT still fits whole
        String fits = "y".repeat(Marker.MAX_KEPT);
        Marker whole = Marker.parse(Marker.switched("A", "192.0.2.1", fits, AT).encode());
        assertFalse(whole.truncated());
        assertEquals(fits, whole.original());
        assertTrue(Marker.switched("A", "192.0.2.1", fits, AT).encode().length() < Marker.MAX_REMARK);
        // the restoring form is the longer one: it is what the limit is fitted to
        assertEquals(Marker.MAX_REMARK, Marker.switched("A", "192.0.2.1", fits, AT).restoring(AT).encode().length());
    }

    @Test
    void addedMarkerTellsItselfFromASwitchedOne() {
        Marker a = Marker.parse(Marker.added("AAAA", "2001:db8::1").encode());
        assertEquals(Marker.Kind.ADDED, a.kind());
        assertTrue(a.wrote("AAAA", "2001:db8::1"));
        assertTrue(a.wrote("aaaa", "2001:DB8:0:0:0:0:0:1"), "the same address written another way");
        assertFalse(a.wrote("A", "192.0.2.1"));
    }

    @Test
    void aValueAPersonChangedNoLongerMatches() {
        Marker m = Marker.switched("A", "203.0.113.10", "", AT);
        assertFalse(m.wrote("A", "203.0.113.11"));
        assertFalse(m.wrote("CNAME", "www.example.com.w.kunlunsl.com"));
        assertTrue(Marker.switched("CNAME", "Origin.Example.NET.", "", AT).wrote("CNAME", "origin.example.net"));
    }

    @Test
    void retargetKeepsTheOriginal() {
        Marker m = Marker.switched("A", "203.0.113.10", "keep me", AT);
        Marker r = m.retarget("A", "203.0.113.20");
        assertNotEquals(m, r);
        assertEquals("keep me", r.original());
        assertTrue(r.wrote("A", "203.0.113.20"));
    }

    @Test
    void remarksThatAreNotMarkers() {
        assertNull(Marker.parse(""));
        assertNull(Marker.parse(null));
        assertNull(Marker.parse("office router"));
        assertNull(Marker.parse("lifeline:"));
        assertNull(Marker.parse("lifeline:switched:zzzzzz:x"));
        assertNull(Marker.parse("lifeline:switched:abc123"));
        assertNull(Marker.parse("lifeline:added:ABC123"));
        assertTrue(Marker.claims("lifeline:whatever"));
        assertFalse(Marker.claims("Lifeline:x"));
    }

    @Test
    void theTimeTheMarkerWasWrittenComesBackToTheMinute() {
        // given a marker written at 06:07:42
        Marker m = Marker.switched("A", "203.0.113.10", "keep me", AT.plusSeconds(42));
        // when it is encoded and read back
        String text = m.encode();
        Marker back = Marker.parse(text);
        // then it says when, to the minute, in five base-36 digits after the hash
        assertEquals(AT, back.at());
        assertTrue(text.matches("lifeline:switched:[0-9a-f]{6}\\.[0-9a-z]{5}:keep me"), text);
        assertEquals(Marker.Kind.SWITCHED, back.kind());
    }

    @Test
    void theRestoringMarkerKeepsHashAndOriginalAndTakesItsOwnTime() {
        // given a switched marker of a long original remark
        String original = "z".repeat(Marker.MAX_KEPT + 3);
        Marker switched = Marker.switched("A", "203.0.113.10", original, AT);
        // when dns-to-cdn turns it into its restoring marker ten minutes later, and it is read back
        Instant later = AT.plusSeconds(600);
        Marker restoring = Marker.parse(switched.restoring(later).encode());
        // then it is a restoring marker of that time, for the same value, with the same kept original
        assertEquals(Marker.Kind.RESTORING, restoring.kind());
        assertTrue(restoring.encode().startsWith("lifeline:restoring:"), restoring.encode());
        assertEquals(later, restoring.at());
        assertTrue(restoring.wrote("A", "203.0.113.10"));
        assertEquals(switched.original(), restoring.original());
        assertTrue(restoring.truncated());
        // and taken over as switched again it is the switched marker of the new time
        assertEquals(Marker.switched("A", "203.0.113.10", original, later), restoring.switchedAt(later));
    }

    @Test
    void aSwitchedMarkerOfTheFormatBeforeTimesIsReadWithoutATime() {
        // given a marker an earlier version wrote (no time) keeping a 25-character original
        String old = "lifeline:switched:" + Marker.hash("A", "203.0.113.10") + ":" + "o".repeat(25);
        // when it is read
        Marker m = Marker.parse(old);
        // then it is a switched marker without a time (so never taken for a run in flight) and its original whole
        assertEquals(Marker.Kind.SWITCHED, m.kind());
        assertNull(m.at());
        assertEquals("o".repeat(25), m.original());
        // and its restoring form fits the limit, keeping what fits and saying it was cut
        Marker r = Marker.parse(m.restoring(AT).encode());
        assertTrue(m.restoring(AT).encode().length() <= Marker.MAX_REMARK);
        assertTrue(r.truncated());
        assertTrue("o".repeat(25).startsWith(r.original()));
    }

    @Test
    void restoringMarkersWithoutATimeOrWithABadOneAreNotMarkers() {
        String h = Marker.hash("A", "203.0.113.10");
        assertNull(Marker.parse("lifeline:restoring:" + h + ":orig"));
        assertNull(Marker.parse("lifeline:restoring:" + h + ".0A1b2:orig"));
        assertNull(Marker.parse("lifeline:switched:" + h + ".0ab:"));
        assertTrue(Marker.claims("lifeline:restoring:" + h + ":orig"));
    }
}
