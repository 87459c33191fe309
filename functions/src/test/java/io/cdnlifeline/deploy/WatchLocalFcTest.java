package io.cdnlifeline.deploy;

import com.google.gson.JsonObject;
import io.cdnlifeline.sandbox.FcFunction;
import io.cdnlifeline.sandbox.FcInvocation;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole path in the sandbox's local FC, with the function jar FC would run (each invocation in its own JVM):
 * the cloud takes a domain offline, the watch's 1-minute timer fires, the watch publishes DomainOffline with PutEvents,
 * the sandbox's EventBridge delivers it to dns-to-origin's trigger, and the domain's record answers with its origin.
 * The clock is moved by the test (a minute at a time); bench/run measures the same path in wall-clock time.
 * Runs only in `mvn verify`, after `package` (functions/pom.xml, {@code lifeline.requireBuiltJar}); a plain test run skips it.
 */
class WatchLocalFcTest {
    private static final String ACCOUNT = "1234567890123456";
    private static Sandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        Path jar = RepoRoot.find().resolve("functions/target/lifeline-functions.jar");
        // Only in verify, after this build's package: in the test phase the jar there (if any) is the previous build's,
        // whose code may no longer match the sandbox's (a changed signature failed here that way).
        assumeTrue(Boolean.getBoolean("lifeline.requireBuiltJar"), "runs after package, against the built jar");
        assertTrue(Files.isRegularFile(jar), jar + " was not built");
        sandbox = Sandbox.start(0, null);
        Map<String, String> env = new TreeMap<>();
        env.put("LIFELINE_STATE", "oss://cdn-lifeline-" + ACCOUNT + "/lifeline");
        env.put("LIFELINE_NOTIFICATION_BUS", "cdn-lifeline");
        env.put("LIFELINE_ORIGIN_CHECK", "off");
        env.put("JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC -Dlifeline.origin.loopbackOnly=true");
        sandbox.update(s -> {
            s.fc.functions.add(FcFunction.java(ACCOUNT, "watch", "io.cdnlifeline.handler.WatchHandler", 60, jar.toString(), env)
                    .timer("every-minute", "0 * * * * *", "{\"reason\":\"every minute: the watch polls once for every remedy\"}"));
            s.fc.functions.add(FcFunction.java(ACCOUNT, "dns-to-origin", "io.cdnlifeline.handler.DnsToOriginHandler", 600, jar.toString(), env)
                    .eventBridge("notification-domain-offline", ACCOUNT, "cdn-lifeline", "{\"type\":[\"lifeline:Notification:DomainOffline\"]}"));
            // what lifeline setup makes: the bus, and the rule the trigger names (FcFunction.eventBridge: <function>-<trigger>)
            s.eventBridge.account(ACCOUNT).addBus(s.fc.region, "cdn-lifeline").addRule("dns-to-origin-notification-domain-offline",
                    "{\"type\":[\"lifeline:Notification:DomainOffline\"]}", "acs:fc:cn-hangzhou:" + ACCOUNT + ":functions/dns-to-origin");
        });
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) sandbox.close();
    }

    private static void settle() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (sandbox.fcInvocations().stream().noneMatch(i -> "Running".equals(i.status))) return;
            Thread.sleep(200);
        }
        throw new AssertionError("invocations still running: " + sandbox.fcInvocations());
    }

    private static String wwwTarget() {
        return sandbox.read(s -> s.zone("example.com").records.stream().filter(r -> r.rr.equals("www"))
                .map(r -> r.type + " " + r.value).collect(Collectors.joining(", ")));
    }

    @Test
    void aDomainTakenOfflineReachesItsOriginThroughWatchEventAndDnsToOrigin() throws Exception {
        // given the watch's first minute, which records the account as it is
        sandbox.fcAdvanceClock(Duration.ofSeconds(60));
        settle();
        assertEquals("CNAME www.example.com.w.kunlunsl.com", wwwTarget());
        // when the cloud takes www.example.com offline and the next minute comes
        sandbox.play("/_sandbox/domains/www.example.com/offline", null);
        sandbox.fcAdvanceClock(Duration.ofSeconds(60));
        settle();
        // then the watch published DomainOffline, EventBridge invoked dns-to-origin with it, and www answers with the origin
        List<JsonObject> events = sandbox.publishedEvents();
        assertEquals(1, events.size(), String.valueOf(events));
        assertEquals("lifeline:Notification:DomainOffline", events.get(0).get("type").getAsString());
        List<FcInvocation> calls = sandbox.fcInvocations();
        FcInvocation remedy = calls.stream().filter(i -> i.functionName.equals("dns-to-origin")).findFirst().orElseThrow();
        assertEquals("eventbridge:notification-domain-offline", remedy.source);
        assertEquals("Succeeded", remedy.status, remedy.log);
        assertTrue(wwwTarget().contains("A 203.0.113.10") && !wwwTarget().contains("CNAME"), wwwTarget());
        // and a third minute publishes nothing more
        sandbox.fcAdvanceClock(Duration.ofSeconds(60));
        settle();
        assertEquals(1, sandbox.publishedEvents().size());
        assertTrue(sandbox.fcInvocations().stream().filter(i -> i.functionName.equals("watch")).allMatch(i -> "Succeeded".equals(i.status)));
    }
}
