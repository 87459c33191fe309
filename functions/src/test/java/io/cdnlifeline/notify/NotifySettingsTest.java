package io.cdnlifeline.notify;

import io.cdnlifeline.config.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LIFELINE_NOTIFY_* variables: off by default, every channel from its URL, malformed values refused by name. */
class NotifySettingsTest {

    @Test
    void nothingSetMeansNoChannelAndTheDocumentedDefaults() {
        NotifySettings s = Settings.fromMap(Map.of()).notifications();
        assertFalse(s.enabled());
        assertEquals(Duration.ofHours(6), s.repeat());
        assertEquals(Duration.ofSeconds(5), s.timeout());
        assertNull(s.memoryFile());
        assertEquals(0, s.asyncRetries());
    }

    @Test
    void everyChannelIsReadFromItsVariableAndEmptyMeansOff() {
        Map<String, String> env = new HashMap<>();
        env.put("LIFELINE_NOTIFY_DINGTALK", "https://oapi.example.invalid/robot/send?access_token=t");
        env.put("LIFELINE_NOTIFY_DINGTALK_SECRET", "SECabc");
        env.put("LIFELINE_NOTIFY_WECOM", "https://qyapi.example.invalid/cgi-bin/webhook/send?key=k");
        env.put("LIFELINE_NOTIFY_FEISHU", "https://open.example.invalid/open-apis/bot/v2/hook/x");
        env.put("LIFELINE_NOTIFY_SLACK", "  ");
        env.put("LIFELINE_NOTIFY_WEBHOOK", "https://ops.example.invalid/lifeline");
        env.put("LIFELINE_NOTIFY_REPEAT", "90m");
        env.put("LIFELINE_NOTIFY_TIMEOUT", "1500ms");
        env.put("LIFELINE_ASYNC_RETRIES", "3");
        NotifySettings s = Settings.fromMap(env).notifications();
        assertEquals("[dingtalk, wecom, feishu, webhook]", s.channels().toString());
        assertEquals(Duration.ofMinutes(90), s.repeat());
        assertEquals(Duration.ofMillis(1500), s.timeout());
        assertEquals(3, s.asyncRetries());
    }

    @Test
    void aMalformedSettingIsAnErrorThatNamesTheVariableButNeverRepeatsAUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromMap(Map.of("LIFELINE_NOTIFY_SLACK", "hooks.slack.invalid/services/T0/B0/secret-token")));
        assertTrue(e.getMessage().startsWith("LIFELINE_NOTIFY_SLACK must be an https:// URL"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-token"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Settings.fromMap(Map.of(
                "LIFELINE_NOTIFY_DINGTALK", "https://oapi.example.invalid/robot/send?access_token=t", "LIFELINE_NOTIFY_DINGTALK_SECRET", "abc")));
        assertTrue(e.getMessage().contains("starts with SEC") && !e.getMessage().contains("abc"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Settings.fromMap(Map.of("LIFELINE_NOTIFY_FEISHU_SECRET", "s")));
        assertTrue(e.getMessage().contains("LIFELINE_NOTIFY_FEISHU (the bot's URL) is not"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Settings.fromMap(Map.of("LIFELINE_NOTIFY_REPEAT", "six hours")));
        assertTrue(e.getMessage().startsWith("LIFELINE_NOTIFY_REPEAT must be a duration"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Settings.fromMap(Map.of("LIFELINE_NOTIFY_TIMEOUT", "10m")));
        assertTrue(e.getMessage().startsWith("LIFELINE_NOTIFY_TIMEOUT must be a duration"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Settings.fromMap(Map.of("LIFELINE_ASYNC_RETRIES", "9")));
        assertTrue(e.getMessage().startsWith("LIFELINE_ASYNC_RETRIES must be"), e.getMessage());
    }

    @Test
    void theSettingsKeepTheirChannelsThroughToBuilder() {
        Settings s = Settings.fromMap(Map.of("LIFELINE_NOTIFY_WECOM", "https://qyapi.example.invalid/x?key=k")).toBuilder().dryRun(true).build();
        assertEquals("[wecom]", s.notifications().channels().toString());
    }
}
