package io.cdnlifeline.state;

import io.cdnlifeline.watch.WatchSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateLocationTest {
    @Test
    void ossDirectoryAndNothingAreTheThreeKindsAndAMalformedValueIsAStartUpError() {
        StateLocation oss = StateLocation.parse("oss://cdn-lifeline-1234567890123456/lifeline/");
        assertEquals("cdn-lifeline-1234567890123456", oss.bucket());
        assertEquals("lifeline/", oss.prefix());
        assertEquals("/var/lib/lifeline", StateLocation.parse("/var/lib/lifeline").directory());
        assertTrue(StateLocation.parse("  ").isInstance());
        for (String bad : new String[] {"oss://Bad_Bucket/x", "oss://ab", "https://example.com/state", "oss://bucket-1/../x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateLocation.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("LIFELINE_STATE"), e.getMessage());
        }
    }

    @Test
    void theWatchSettingsNameTheVariableThatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WatchSettings.fromMap(Map.of("LIFELINE_BALANCE_WARN", "lots")))
                .getMessage().startsWith("LIFELINE_BALANCE_WARN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WatchSettings.fromMap(Map.of("LIFELINE_NOTIFICATION_BUS", "a bus")))
                .getMessage().startsWith("LIFELINE_NOTIFICATION_BUS"));
        WatchSettings ws = WatchSettings.fromMap(Map.of("LIFELINE_BALANCE_WARN", "250.50"));
        assertEquals("250.50", ws.balanceWarn().toPlainString());
        assertEquals("cdn-lifeline", ws.bus());
        assertNull(WatchSettings.fromMap(Map.of()).balanceWarn());
    }

    @Test
    void aDirectoryCreatesAnObjectOnceAndOverwritesOnPut(@TempDir Path dir) throws Exception {
        DirectoryStore store = new DirectoryStore(dir);
        assertNull(store.get("watch/gen/1.json"));
        assertTrue(store.create("watch/gen/1.json", "first"));
        assertFalse(store.create("watch/gen/1.json", "second"));
        assertEquals("first", store.get("watch/gen/1.json"));
        store.put("watch/gen/1.json", "third");
        assertEquals("third", store.get("watch/gen/1.json"));
        store.delete("watch/gen/1.json");
        assertNull(store.get("watch/gen/1.json"));
        assertThrows(IllegalArgumentException.class, () -> store.get("../outside"));
    }
}
