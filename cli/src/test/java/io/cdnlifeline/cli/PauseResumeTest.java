package io.cdnlifeline.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.cloud.aliyun.AliyunCloud;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.sandbox.FcInvocation;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * lifeline pause / resume against the sandbox's local FC with the eight functions deployed: the triggers' own
 * switches go off and on through UpdateTrigger, the record of who paused and since when is on the triggers and
 * inspect, doctor and invoke tell it, and while paused the timers on a sped-up clock and the ActionTrail events leave
 * a domain that went offline exactly as it is.
 */
class PauseResumeTest {
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, null);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void thePauseRecordReadsBackAndKeepsTheDescriptionBeforeIt() {
        // given a record written in front of a description
        Automation.PauseRecord r = new Automation.PauseRecord("ops alice", Instant.parse("2026-12-02T10:00:00Z"), "incident | 4711");
        String description = r.encode() + "Finds offline domains.";
        // when it is read back
        Automation.PauseRecord read = Automation.PauseRecord.parse(description);
        // then who, since when and why survive, and the original description comes back whole
        assertNotNull(read);
        assertEquals("ops_alice", read.by);
        assertEquals(Instant.parse("2026-12-02T10:00:00Z"), read.since);
        assertEquals("incident / 4711", read.reason);
        assertEquals("Finds offline domains.", Automation.PauseRecord.original(description));
        assertNull(Automation.PauseRecord.parse("Finds offline domains."));
        assertEquals("lifeline:paused by=x", Automation.PauseRecord.original("lifeline:paused by=x"));
    }

    @Test
    void whilePausedTimersAndEventsLeaveAnOfflineDomainAsItIsAndResumeBringsThemBack() throws Exception {
        assumeTrue(LocalFcDeploy.jarBuilt(), LocalFcDeploy.JAR + " is not built yet (mvn verify builds it before the cli's tests)");
        // given the eight functions deployed to the local FC with every trigger of template.yml
        new LocalFcDeploy(sandbox).deploy(LocalFcDeploy.jar(), 0);

        // when the automation is paused
        CommandRun pause = shown("pause", "--by", "ops-alice", "--reason", "incident 4711", "--endpoint", sandbox.endpoint());

        // then every timer and event trigger that was on is off, the one that was off before is left so
        assertEquals(0, pause.status, pause::toString);
        assertEquals(15, count(pause.out, "on -> off"), pause::toString);
        assertTrue(pause.out.contains("enable-domain/every-6-hours") && pause.out.contains("off before the pause"), pause::toString);
        assertTrue(pause.out.contains("PAUSED by ops-alice since "), pause::toString);
        // and doctor, inspect and a manual run say who paused, since when and why
        CommandRun doctor = shown("doctor", "--endpoint", sandbox.endpoint());
        assertTrue(doctor.out.contains("automation\n  PAUSED by ops-alice since "), doctor::toString);

        // when a domain goes offline through the CDN API (an ActionTrail event) and two hours pass on FC's clock
        String before = records();
        int invocations = sandbox.fcInvocations().size();
        AliyunCloud.create(Settings.builder().endpoint(sandbox.endpoint()).build(),
                () -> new CloudCredentials("sandbox-ak", "sandbox-secret", null)).cdn().stopDomain(Product.CDN, "www.example.com");
        List<String> fired = sandbox.fcAdvanceClock(Duration.ofHours(2));

        // then nothing ran and the domain's DNS is exactly as it was
        assertEquals(List.of(), fired);
        assertEquals(invocations, sandbox.fcInvocations().size(), () -> sandbox.fcInvocations().toString());
        assertEquals(before, records());
        assertEquals("offline", sandbox.read(s -> s.cdnDomain("www.example.com").status));

        // and inspect shows the domain offline, what the timers would do, and that they are paused
        Transcript.note("www.example.com stopped through the CDN API (ActionTrail event), then FC's clock moved 2 hours: "
                + fired.size() + " timer invocations, " + (sandbox.fcInvocations().size() - invocations) + " event invocations");
        CommandRun inspect = shown("inspect", "--endpoint", sandbox.endpoint());
        assertEquals(0, inspect.status, inspect::toString);
        assertTrue(inspect.err.contains("automation PAUSED by ops-alice since ") && inspect.err.contains("(incident 4711)"), inspect::toString);
        assertTrue(inspect.out.contains("dns-to-origin"), inspect::toString);
        // and a manual run still works, with the warning
        CommandRun manual = shown("invoke", "dns-to-origin", "--payload", "{\"domains\":[\"www.example.com\"]}", "--dry-run",
                "--output", "table", "--endpoint", sandbox.endpoint());
        assertEquals(0, manual.status, manual::toString);
        assertTrue(manual.err.contains("automation PAUSED by ops-alice") && manual.err.contains("this manual run went ahead"), manual::toString);

        // when the automation resumes
        CommandRun resume = shown("resume", "--endpoint", sandbox.endpoint());
        assertEquals(0, resume.status, resume::toString);
        assertEquals(15, count(resume.out, "off -> on"), resume::toString);
        assertTrue(resume.out.contains("running: 15 of 16 triggers on"), resume::toString);
        // then the descriptions are as deployed, the 6-hour timer still off
        for (JsonObject t : new LocalFcDeploy(sandbox).fc().triggers("enable-domain")) {
            assertFalse(JsonParser.parseString(t.get("triggerConfig").getAsString()).getAsJsonObject().get("enable").getAsBoolean());
        }
        for (JsonObject t : new LocalFcDeploy(sandbox).fc().triggers("dns-to-origin")) {
            assertTrue(t.get("description").getAsString().startsWith("as template.yml: "), t::toString);
        }
        // and the next 5-minute timer takes the offline domain to its origin: the timers were only held back
        List<String> next = sandbox.fcAdvanceClock(Duration.ofMinutes(5));
        assertFalse(next.isEmpty());
        for (String id : next) {
            FcInvocation done = awaitDone(id);
            assertEquals("Succeeded", done.status, () -> done.output + done.log);
        }
        for (String id : next) {
            FcInvocation i = awaitDone(id);
            Transcript.note("after resume, FC's clock +5 min: " + i.functionName + " (" + i.source + ") " + i.status);
        }
        String wwwType = sandbox.read(s -> s.zone("example.com").records.stream().filter(r -> r.rr.equals("www")).findFirst().get().type);
        assertEquals("A", wwwType);
    }

    @Test
    void pauseWithNothingDeployedSaysSoAndChangesNothing() {
        // given a sandbox with no function deployed
        // when pause and resume run
        CommandRun pause = CommandRun.of("pause", "--endpoint", sandbox.endpoint());
        CommandRun resume = shown("resume", "--endpoint", sandbox.endpoint());
        // then both say there is nothing, with exit 1
        assertEquals(1, pause.status, pause::toString);
        assertTrue(pause.err.contains("no lifeline function is deployed at " + sandbox.endpoint()), pause::toString);
        assertEquals(1, resume.status, resume::toString);
        assertTrue(sandbox.requests().stream().noneMatch(c -> c.action.startsWith("Update")), () -> sandbox.requests().toString());
    }

    @Test
    void theLocalDeployUsesTemplateYmlsTimers() throws Exception {
        // given template.yml
        String template = Files.readString(Path.of("..", "template.yml"));
        // then each timer the local deploy makes is there with the same cron and payload
        for (String[] t : LocalFcDeploy.TIMERS) {
            assertTrue(template.contains("- triggerName: " + t[1]), t[1]);
            assertTrue(template.contains("cronExpression: " + t[2]), t[2]);
            assertTrue(template.contains("payload: '" + t[3] + "'"), t[3]);
        }
        assertTrue(template.contains("enableDomainTimer: false"));
        for (String[] a : LocalFcDeploy.ACTIONTRAIL) {
            assertTrue(template.contains("- triggerName: " + a[1]), a[1]);
            assertTrue(template.contains(a[2]), a[2]);
        }
        for (String[] n : LocalFcDeploy.NOTIFICATIONS) assertTrue(template.contains("rule/" + n[2]), n[2]);
        // and it makes every trigger template.yml has, no fewer (a trigger missing here would be missing from pause)
        int inTemplate = template.split("\n\\s*- triggerName: ", -1).length - 1;
        assertEquals(inTemplate, LocalFcDeploy.TIMERS.size() + LocalFcDeploy.ACTIONTRAIL.size() + LocalFcDeploy.NOTIFICATIONS.size(),
                "triggers in template.yml vs the local deploy's");
    }

    private static CommandRun shown(String... args) {
        return Transcript.print(CommandRun.of(args), args);
    }

    private String records() {
        return sandbox.read(s -> new com.google.gson.Gson().toJson(s.dns));
    }

    private FcInvocation awaitDone(String id) throws InterruptedException {
        for (int n = 0; n < 1200; n++) {
            FcInvocation done = sandbox.fcInvocations().stream().filter(x -> x.requestId.equals(id) && !"Running".equals(x.status)).findFirst().orElse(null);
            if (done != null) return done;
            Thread.sleep(100);
        }
        throw new AssertionError("invocation " + id + " did not finish in 120 s");
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }

    static Map<String, String> noEnv() {
        return Map.of();
    }
}
