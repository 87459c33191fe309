package io.cdnlifeline.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lifeline demo}, in-process: the story, its progress lines, and the proof that the account ends as it began. */
class DemoCommandTest {
    private static final Pattern PROGRESS = Pattern.compile("^\\[\\s*(\\d+)/(\\d+)] .+");

    @Test
    void theDemoTellsTheWholeStoryAndEndsWithTheAccountAsItBegan() {
        // when
        long start = System.nanoTime();
        CommandRun run = CommandRun.of("demo");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        // then
        assertEquals(0, run.status, run::toString);
        List<String> progress = run.out.lines().filter(l -> PROGRESS.matcher(l).matches()).collect(Collectors.toList());
        assertTrue(progress.size() >= 10, "a progress line per step\n" + run);
        for (int i = 0; i < progress.size(); i++) {
            Matcher m = PROGRESS.matcher(progress.get(i));
            assertTrue(m.matches());
            assertEquals(i + 1, Integer.parseInt(m.group(1)), "steps numbered in order: " + progress);
            assertEquals(progress.size(), Integer.parseInt(m.group(2)), "each line says how many steps there are");
        }
        for (String function : new String[] {"switch-to-overseas", "dns-to-origin", "dns-to-cdn", "restore-coverage", "enable-domain"}) {
            assertTrue(progress.stream().anyMatch(l -> l.contains("] " + function + " ")), function + " runs in the story\n" + run);
        }
        assertTrue(progress.stream().anyMatch(l -> l.contains("--event events/notification-overdue-payment.json")), run::toString);
        assertTrue(run.out.contains("BEFORE") && run.out.contains("AFTER"), "before and after side by side\n" + run);
        assertTrue(run.out.contains("identical:"), run::toString);
        // one domain is held back: its origin (an OSS bucket it is not bound to) cannot serve its visitors
        assertTrue(run.out.contains("held back, origin not ready (LIFELINE_ORIGIN_CHECK=require): img.example.com"), run::toString);
        assertTrue(run.out.contains("left alone: img.example.com: origin not ready, left on its CDN CNAME: origin "
                + "img-example.oss-cn-hangzhou.aliyuncs.com (127.0.0.12) is an OSS bucket"), run::toString);
        assertTrue(run.out.contains("demo done"), run::toString);
        assertEquals("", run.err, "without --verbose the demo writes nothing on stderr");
        assertTrue(seconds < 60, "the demo runs in seconds, took " + seconds);
    }

    @Test
    void verboseAddsTheFunctionsAuditTrailOnStderr() {
        CommandRun run = CommandRun.of("demo", "--verbose");
        assertEquals(0, run.status, run::toString);
        assertTrue(run.err.lines().anyMatch(l -> l.contains("\"audit\":\"lifeline\"") && l.contains("\"function\":\"dns-to-origin\"")),
                run::toString);
        assertTrue(run.out.lines().noneMatch(l -> l.contains("\"audit\"")), "the audit trail stays off stdout");
    }
}
