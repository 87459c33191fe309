package io.cdnlifeline.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules lifeline setup makes are the ones template.yml's notification triggers name, with their patterns. */
class NotificationRulesTest {
    @Test
    void everyNotificationTriggerOfTheTemplateHasItsRule() throws Exception {
        String template = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("template.yml"));
        int triggers = template.split("eventbus/\\$\\{vars.notificationBus}/rule/", -1).length - 1;
        assertEquals(NotificationRules.ALL.size(), triggers, "template.yml has " + triggers + " notification triggers");
        for (NotificationRules.Rule r : NotificationRules.ALL) {
            int at = template.indexOf("eventbus/${vars.notificationBus}/rule/" + r.name + "\n");
            assertTrue(at > 0, "template.yml names no rule " + r.name);
            String trigger = template.substring(at, template.indexOf("eventSourceConfig", at));
            assertTrue(trigger.contains("eventRuleFilterPattern: '" + r.filterPattern + "'"), r.name + ": the template's pattern differs");
            int function = template.lastIndexOf("functionName: ", at);
            assertTrue(template.startsWith("functionName: " + r.function + "\n", function), r.name + " is not " + r.function + "'s");
        }
    }
}
