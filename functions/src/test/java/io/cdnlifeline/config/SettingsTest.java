package io.cdnlifeline.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        Settings s = Settings.fromMap(Map.of());
        assertEquals("*", s.scope());
        assertEquals(50, s.maxChanges());
        assertEquals(50, s.outageUndoFrom());
        assertEquals(200, Settings.fromMap(Map.of("LIFELINE_OUTAGE_UNDO_FROM", "200")).outageUndoFrom());
        assertFalse(s.dryRun());
        assertNull(s.endpoint());
        assertEquals("cn-hangzhou", s.region());
        assertTrue(s.inScope("anything.example.com"));
    }

    @Test
    void scopeGlobsAndExcludesDecideWhatIsInScope() {
        // given a scope of two zones with one host excluded
        Settings s = Settings.fromMap(Map.of("LIFELINE_SCOPE", "*.example.com, example.com", "LIFELINE_EXCLUDE", "admin.example.com"));

        // then
        assertTrue(s.inScope("www.example.com"));
        assertTrue(s.inScope("Example.COM"));
        assertFalse(s.inScope("admin.example.com"));
        assertFalse(s.inScope("www.example.org"));
        assertTrue(s.outOfScopeReason("admin.example.com").contains("LIFELINE_EXCLUDE"));
        assertTrue(s.outOfScopeReason("www.example.org").contains("LIFELINE_SCOPE"));
    }

    @Test
    void globCharactersOtherThanStarAndQuestionMarkAreLiteral() {
        Settings s = Settings.fromMap(Map.of("LIFELINE_SCOPE", "a.b.com"));
        assertTrue(s.inScope("a.b.com"));
        assertFalse(s.inScope("axb.com"));
    }

    @Test
    void malformedValuesAreErrorsNotSilentDefaults() {
        assertThrows(IllegalArgumentException.class, () -> Settings.fromMap(Map.of("LIFELINE_MAX_CHANGES", "lots")));
        assertThrows(IllegalArgumentException.class, () -> Settings.fromMap(Map.of("LIFELINE_DRY_RUN", "maybe")));
        assertThrows(IllegalArgumentException.class, () -> Settings.fromMap(Map.of("LIFELINE_CONCURRENCY", "0")));
        assertThrows(IllegalArgumentException.class, () -> Settings.fromMap(Map.of("LIFELINE_OUTAGE_UNDO_FROM", "0")));
    }
}
