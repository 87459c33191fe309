package io.cdnlifeline.remedy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What becomes of a Request's reason on its way into the lifeline:disabled tag. */
class DisableReasonTagValueTest {
    @Test
    void noReasonIsManual() {
        assertEquals("manual", Markers.tagValue(null));
        assertEquals("manual", Markers.tagValue("  \t\n"));
        assertEquals("manual", Markers.tagValue("!!!"));
    }

    @Test
    void plainReasonsStayAsWritten() {
        assertEquals("ICP filing revoked: ticket INC-4711", Markers.tagValue("ICP filing revoked: ticket INC-4711"));
        assertEquals("备案失效", Markers.tagValue("备案失效"));
    }

    @Test
    void urlsSchemesAndOddCharactersAreDroppedAndSpacesCollapsed() {
        String v = Markers.tagValue("see https://example.com/ticket?id=1 <urgent>\n\n  now");
        assertFalse(v.contains("http"), v);
        assertFalse(v.contains("?") || v.contains("<") || v.contains("\n"), v);
        assertEquals("see example.com/ticket id=1 urgent now", v);
    }

    @Test
    void longReasonsAreCutTo128Characters() {
        String v = Markers.tagValue("x".repeat(300));
        assertEquals(128, v.length());
        String emoji = "a".repeat(127) + "\uD83D\uDE00";
        String cut = Markers.tagValue(emoji);
        assertTrue(cut.length() <= 128 && !Character.isHighSurrogate(cut.charAt(cut.length() - 1)), cut);
    }
}
