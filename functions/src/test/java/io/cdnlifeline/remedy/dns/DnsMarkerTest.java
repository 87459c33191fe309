package io.cdnlifeline.remedy.dns;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsMarkerTest {
    @Test
    void switchedMarkerKeepsTheOriginalRemarkExactly() {
        Marker m = Marker.switched("A", "203.0.113.10", "main site, 主站");
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
        Marker back = Marker.parse(Marker.switched("CNAME", "origin.example.net", "").encode());
        assertEquals("", back.original());
        assertFalse(back.truncated());
    }

    @Test
    void originalRemarkColonsAndTildesSurvive() {
        String original = "a:b~c:";
        assertEquals(original, Marker.parse(Marker.switched("A", "192.0.2.1", original).encode()).original());
    }

    @Test
    void aLongOriginalRemarkIsCutToFitAndSaysSo() {
        String original = "x".repeat(Marker.MAX_KEPT + 5);
        Marker m = Marker.switched("A", "192.0.2.1", original);
        assertTrue(m.encode().length() <= Marker.MAX_REMARK);
        Marker back = Marker.parse(m.encode());
        assertTrue(back.truncated());
        assertTrue(original.startsWith(back.original()));
        assertEquals(Marker.MAX_KEPT - 1, back.original().length());
        // exactly MAX_KEPT still fits whole
        String fits = "y".repeat(Marker.MAX_KEPT);
        Marker whole = Marker.parse(Marker.switched("A", "192.0.2.1", fits).encode());
        assertFalse(whole.truncated());
        assertEquals(fits, whole.original());
        assertEquals(Marker.MAX_REMARK, Marker.switched("A", "192.0.2.1", fits).encode().length());
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
        Marker m = Marker.switched("A", "203.0.113.10", "");
        assertFalse(m.wrote("A", "203.0.113.11"));
        assertFalse(m.wrote("CNAME", "www.example.com.w.kunlunsl.com"));
        assertTrue(Marker.switched("CNAME", "Origin.Example.NET.", "").wrote("CNAME", "origin.example.net"));
    }

    @Test
    void retargetKeepsTheOriginal() {
        Marker m = Marker.switched("A", "203.0.113.10", "keep me");
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
}
