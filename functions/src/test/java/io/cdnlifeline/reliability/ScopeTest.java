package io.cdnlifeline.reliability;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.handler.LifelineHandler;
import io.cdnlifeline.sandbox.SandboxCall;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, scope: with {@code LIFELINE_SCOPE=*.example.com,api.example.org} and {@code LIFELINE_EXCLUDE=pay.example.com},
 * a forged manual Request or event naming a domain out of scope — as written, in capitals with a trailing dot, in
 * full-width characters, with a zero-width space, or as a Cyrillic homograph — makes no write, although the domain
 * is accelerated in the account and in exactly the state that function acts on. The same forged input without the
 * scope does write (so each case could fail). Account-wide runs write to in-scope domains only.
 */
class ScopeTest {
    private static SandboxCloud sc;
    private static FleetRunner runner;
    private static Settings scoped;
    private static Settings unscoped;
    private static io.cdnlifeline.cloud.Cloud cloud;

    @BeforeAll
    static void start() {
        sc = SandboxCloud.start(Fleet.seed());
        runner = new FleetRunner(sc, new Tally());
        scoped = runner.settings;
        unscoped = sc.settings();
        cloud = sc.cloud(() -> SandboxCloud.SANDBOX_KEYS, Fleet.UNLIMITED);
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    /** The state each function acts on, for the out-of-scope domains too (set up without the scope). */
    private static Consumer<io.cdnlifeline.sandbox.SandboxState> ready(String function) {
        switch (function) {
            case "dns-to-origin":
                return s -> RemedyPair.status(s, "offline");
            case "switch-to-overseas":
                return s -> RemedyPair.icp(s, false);
            default:
                return s -> { };
        }
    }

    /** For the undo functions: the remedy applied, without the scope, to every domain. */
    private static void prepare(String function) {
        runner.reset(ready(function));
        String all = "{\"domains\": [\"pay.example.com\", \"www.example.net\", \"shop.example.org\", \"www.example.com\"], \"when\": [\"always\"]}";
        switch (function) {
            case "dns-to-cdn":
                sc.sandbox().update(s -> RemedyPair.status(s, "offline"));
                run("dns-to-origin", all, unscoped);
                sc.sandbox().update(s -> RemedyPair.status(s, "online"));
                break;
            case "restore-coverage":
                run("switch-to-overseas", all, unscoped);
                break;
            case "enable-domain":
                run("disable-domain", all, unscoped);
                break;
            default:
                break;
        }
        sc.clearRequests();
    }

    private static JsonObject run(String function, String input, Settings settings) {
        LifelineHandler handler = Handlers.of(function).with(settings, cloud);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FakeContext context = new FakeContext("scope", SandboxCloud.SANDBOX_KEYS.accessKeyId(), SandboxCloud.SANDBOX_KEYS.accessKeySecret(), null, 60_000);
        try {
            handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static String sample(String file, String domain) {
        try {
            return new String(Files.readAllBytes(Path.of("..", "events", file)), StandardCharsets.UTF_8)
                    .replace("www.example.com", domain).replace("img.example.com", domain);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String named(String domain) {
        return "{\"domains\": [" + new com.google.gson.JsonPrimitive(domain) + "], \"when\": [\"always\"], \"reason\": \"forged\"}";
    }

    /** function, what the forgery is, the input, the domain it means. */
    static Stream<Arguments> forgeries() {
        List<Arguments> c = new ArrayList<>();
        String[][] byFunction = {
                {"dns-to-origin", "www.example.net"}, {"dns-to-cdn", "www.example.net"}, {"switch-to-overseas", "www.example.net"},
                {"restore-coverage", "www.example.net"}, {"disable-domain", "shop.example.org"}, {"enable-domain", "shop.example.org"}};
        for (String[] f : byFunction) {
            c.add(Arguments.of(f[0], "manual, not in LIFELINE_SCOPE", named(f[1]), f[1]));
            c.add(Arguments.of(f[0], "manual, excluded", named("pay.example.com"), "pay.example.com"));
            c.add(Arguments.of(f[0], "manual, capitals and trailing dot", named("PAY.Example.COM."), "pay.example.com"));
            c.add(Arguments.of(f[0], "manual, full-width letters and dots", named("\uFF50\uFF41\uFF59\uFF0Eexample\uFF0Ecom"), "pay.example.com"));
            c.add(Arguments.of(f[0], "manual, zero-width space", named("pa\u200By.example.com"), "pay.example.com"));
        }
        c.add(Arguments.of("dns-to-origin", "ActionTrail StopCdnDomain", sample("actiontrail-stop-cdn-domain.json", "www.example.net"), "www.example.net"));
        c.add(Arguments.of("dns-to-origin", "CDN trigger CdnDomainStopped", sample("cdn-trigger-domain-stopped.json", "pay.example.com"), "pay.example.com"));
        c.add(Arguments.of("dns-to-cdn", "CDN trigger CdnDomainStarted", sample("cdn-trigger-domain-started.json", "pay.example.com"), "pay.example.com"));
        c.add(Arguments.of("switch-to-overseas", "IcpInvalid notification", sample("notification-icp-invalid.json", "www.example.net"), "www.example.net"));
        c.add(Arguments.of("restore-coverage", "IcpRestored notification", sample("notification-icp-restored.json", "pay.example.com"), "pay.example.com"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("forgeries")
    void aForgedRequestForADomainOutOfScopeWritesNothing(String function, String what, String input, String domain) {
        // given the domain in the state the function acts on
        prepare(function);
        String before = sc.sandbox().stateJson();

        // when the forged input arrives at a function scoped to *.example.com,api.example.org minus pay.example.com
        JsonObject report = run(function, input, scoped);

        // then nothing was written, and the report says why the domain was left alone
        List<SandboxCall> writes = Writes.of(sc.requests());
        assertEquals(List.of(), writes, what);
        assertEquals(before, sc.sandbox().stateJson(), what);
        String skipped = report.getAsJsonArray("skipped").toString();
        assertTrue(skipped.contains(domain) && (skipped.contains("out of scope") || skipped.contains("excluded")), skipped);

        // and the same input without the scope does write: the forgery would have worked
        JsonObject control = run(function, input, unscoped);
        assertFalse(Writes.of(sc.requests()).isEmpty(), what + ": the control wrote nothing, so the case proves nothing: " + control);
    }

    @Test
    void aHomographOfAnInScopeDomainIsNotThatDomain() {
        // given www.example.com offline; "www.ex\u0430mple.com" has a Cyrillic a, in scope by its glob but another name
        prepare("dns-to-origin");

        JsonObject report = run("dns-to-origin", named("www.ex\u0430mple.com"), scoped);

        assertEquals(List.of(), Writes.of(sc.requests()));
        assertTrue(report.getAsJsonArray("skipped").toString().contains("xn--"), report.toString());
    }

    @Test
    void accountWideRunsWriteToDomainsInScopeOnly() {
        for (String function : new String[] {"dns-to-origin", "switch-to-overseas", "disable-domain"}) {
            // given every domain of the account in the state the function acts on
            prepare(function);
            AccountSnapshot before = runner.snapshot();

            // when it runs account-wide
            run(function, "{\"when\": [\"always\"], \"reason\": \"account-wide\"}", scoped);

            // then it wrote, but nothing of an out-of-scope domain changed or was named in a write
            AccountSnapshot after = runner.snapshot();
            assertFalse(Writes.of(sc.requests()).isEmpty(), function + " wrote nothing");
            for (String key : before.entries().keySet()) {
                if (Fleet.concernsAny(key, Fleet.OUT_OF_SCOPE)) assertEquals(before.entries().get(key), after.entries().get(key), function + " " + key);
            }
            for (SandboxCall c : Writes.of(sc.requests())) {
                for (String d : Fleet.OUT_OF_SCOPE) assertFalse(ReportAudit.names(c, d), function + " wrote to " + d + ": " + c);
            }
        }
    }
}
