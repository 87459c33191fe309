package io.cdnlifeline.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EventBridge's PutEvents (REST, its own signature) and the OSS objects the functions keep their memory in, through a
 * client written here from the documentation (api-examples/eventbridge/PutEvents.json; OSS's header signature and
 * x-oss-forbid-overwrite), not through the functions' code.
 */
class EventBridgeAndOssTest {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Sandbox sandbox;
    private static Path jar;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        sandbox = Sandbox.start(0, null);
        jar = dir.resolve("echo.jar");
        Files.write(jar, HandlerJar.build(dir));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void fresh() {
        sandbox.replaceState(Sandbox.demoSeed());
        // the bus lifeline setup makes, through EventBridge's control plane
        assertEquals(200, new RawClient(sandbox).call("eventbridge", "CreateEventBus", "EventBusName", "cdn-lifeline").status);
    }

    private static String hmacSha1(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    /** PutEvents as the reference documents it: POST /openapi/putEvents, signed acs:AK:HMAC-SHA1(method, md5, type, date, x-acs-*, path). */
    private static HttpResponse<String> putEvents(String body, String secret) throws Exception {
        return putEvents(body, secret, "acs:");
    }

    /** The same, with the Authorization header's prefix before the key id given (EventBridge's SDK writes "acs:"). */
    private static HttpResponse<String> putEvents(String body, String secret, String prefix) throws Exception {
        String date = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        String type = "application/cloudevents-batch+json;charset=UTF-8";
        String signature = hmacSha1(secret, "POST\n\n" + type + "\n" + date + "\n/openapi/putEvents");
        HttpRequest r = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/openapi/putEvents"))
                .header("Date", date).header("x-eventbridge-version", "2020-04-01").header("Content-Type", type)
                .header("Authorization", prefix + "sandbox-ak:" + signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject documented() throws Exception {
        return JsonParser.parseString(ContractTest.resource("/api-examples/eventbridge/PutEvents.json")).getAsJsonObject();
    }

    private static Set<String> keys(JsonObject o) {
        return new TreeSet<>(o.keySet());
    }

    @Test
    void putEventsAnswersInTheDocumentedShapeAndNamesTheEventsOfABusThatDoesNotExist() throws Exception {
        // given the documented request body, once on its own bus "mybus" (not in this account) and once on cdn-lifeline
        JsonObject doc = documented();
        JsonArray body = doc.getAsJsonObject("request").getAsJsonArray("body").deepCopy();
        JsonObject second = body.get(0).getAsJsonObject().deepCopy();
        second.addProperty("aliyuneventbusname", "cdn-lifeline");
        second.addProperty("id", "second-event");
        body.add(second);
        // when it is published
        HttpResponse<String> answer = putEvents(body.toString(), "sandbox-secret");
        // then the answer has the documented fields, one entry per event, and counts the one on the missing bus as failed
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject out = JsonParser.parseString(answer.body()).getAsJsonObject();
        assertEquals(keys(doc.getAsJsonObject("response")), keys(out));
        assertEquals(1, out.get("FailedEntryCount").getAsInt());
        JsonArray entries = out.getAsJsonArray("EntryList");
        assertEquals(2, entries.size());
        assertEquals("EventBusNotExist", entries.get(0).getAsJsonObject().get("ErrorCode").getAsString());
        assertEquals("second-event", entries.get(1).getAsJsonObject().get("EventId").getAsString());
        assertTrue(keys(entries.get(1).getAsJsonObject()).containsAll(keys(doc.getAsJsonObject("response").getAsJsonArray("EntryList").get(0).getAsJsonObject())));
        // and only the accepted event is on the bus
        List<JsonObject> published = sandbox.publishedEvents();
        assertEquals("second-event", published.get(published.size() - 1).get("id").getAsString());
        assertTrue(published.stream().noneMatch(e -> e.get("aliyuneventbusname").getAsString().equals("mybus")));
    }

    @Test
    void aBusTheControlPlaneDidNotMakeOrNoLongerHasRefusesTheEvent() throws Exception {
        // given a bus setup never made, and cdn-lifeline taken away again (as uninstall's DeleteEventBus does)
        String other = event("a", "DomainOffline").replace("\"cdn-lifeline\"", "\"never-made\"");
        sandbox.update(s -> s.eventBridge.find(s.accountIdOrDefault()).buses.clear());
        int before = sandbox.publishedEvents().size();
        // when an event is published to each
        JsonObject out = JsonParser.parseString(putEvents("[" + other + "," + event("b", "DomainOffline") + "]", "sandbox-secret").body())
                .getAsJsonObject();
        // then both fail with EventBridge's EventBusNotExist and nothing is on any bus
        assertEquals(2, out.get("FailedEntryCount").getAsInt());
        for (int i = 0; i < 2; i++) {
            assertEquals("EventBusNotExist", out.getAsJsonArray("EntryList").get(i).getAsJsonObject().get("ErrorCode").getAsString());
        }
        assertEquals(before, sandbox.publishedEvents().size());
    }

    @Test
    void onlyTheSdksAuthorizationFormIsTaken() throws Exception {
        // given an event on the bus, signed correctly
        String events = "[" + event("a", "DomainOffline") + "]";
        // when the header is written "acs AK:sig" (the reference's examples) instead of the SDK's "acs:AK:sig"
        HttpResponse<String> spaced = putEvents(events, "sandbox-secret", "acs ");
        // then it is refused, and the SDK's form is taken
        assertEquals(403, spaced.statusCode(), spaced.body());
        assertEquals("SignatureDoesNotMatch", JsonParser.parseString(spaced.body()).getAsJsonObject().get("code").getAsString());
        assertEquals(200, putEvents(events, "sandbox-secret", "acs:").statusCode());
    }

    @Test
    void aWrongSignatureAndAMissingRequiredFieldAreRefused() throws Exception {
        // given an event without its type
        JsonObject event = documented().getAsJsonObject("request").getAsJsonArray("body").get(0).getAsJsonObject().deepCopy();
        event.addProperty("aliyuneventbusname", "cdn-lifeline");
        // when it is signed with the wrong secret, then the request is refused as a whole
        HttpResponse<String> wrong = putEvents("[" + event + "]", "not-the-secret");
        assertEquals(403, wrong.statusCode());
        assertEquals("SignatureDoesNotMatch", JsonParser.parseString(wrong.body()).getAsJsonObject().get("code").getAsString());
        // when the type is missing, then that event fails and nothing is published
        int before = sandbox.publishedEvents().size();
        event.remove("type");
        JsonObject out = JsonParser.parseString(putEvents("[" + event + "]", "sandbox-secret").body()).getAsJsonObject();
        assertEquals(1, out.get("FailedEntryCount").getAsInt());
        assertEquals(before, sandbox.publishedEvents().size());
    }

    @Test
    void aPublishedEventReachesTheTriggerOnItsBusWhosePatternMatchesAndNoOther() throws Exception {
        // given the rule setup makes on cdn-lifeline (DomainOffline to the function echo), through the control plane
        assertEquals(200, new RawClient(sandbox).call("eventbridge", "CreateRule", "EventBusName", "cdn-lifeline", "RuleName", "echo-offline",
                "FilterPattern", "{\"type\":[\"lifeline:Notification:DomainOffline\"]}",
                "EventTargets", "[{\"Id\":\"echo\",\"Type\":\"acs.fc.function\",\"Endpoint\":\"acs:fc:cn-hangzhou:1234567890123456:functions/echo\"}]").status);
        // and a function with two EventBridge triggers: one bound to that rule, one on the default bus
        sandbox.update(s -> {
            FcFunction f = echo();
            f.triggers.add(trigger("offline", "acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/cdn-lifeline/rule/echo-offline",
                    "{\"type\":[\"lifeline:Notification:DomainOffline\"]}"));
            f.triggers.add(trigger("default-bus", null, "{\"type\":[\"lifeline:Notification:DomainOffline\"]}"));
            s.fc.functions.add(f);
        });
        // when DomainOffline and DomainOnline are published to cdn-lifeline
        String events = "[" + event("a", "DomainOffline") + "," + event("b", "DomainOnline") + "]";
        assertEquals(200, putEvents(events, "sandbox-secret").statusCode());
        // then exactly one invocation: the cdn-lifeline trigger with the DomainOffline event, data as JSON
        long deadline = System.currentTimeMillis() + 60_000;
        while (sandbox.fcInvocations().stream().anyMatch(i -> !"Succeeded".equals(i.status) && !"Failed".equals(i.status))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        List<FcInvocation> calls = sandbox.fcInvocations();
        assertEquals(1, calls.size(), String.valueOf(calls));
        assertEquals("eventbridge:offline", calls.get(0).source);
        JsonObject delivered = JsonParser.parseString(calls.get(0).payload).getAsJsonObject();
        assertEquals("a", delivered.get("id").getAsString());
        assertEquals("www.example.com", delivered.getAsJsonObject("data").getAsJsonArray("domains").get(0).getAsString());
    }

    @Test
    void withoutItsRuleAnEventOnTheBusReachesNoFunctionAndASwitchedOffTriggerStopsTheRule() throws Exception {
        // given a function whose trigger names the rule echo-offline on cdn-lifeline, which the control plane never made
        sandbox.update(s -> {
            FcFunction f = echo();
            JsonObject t = trigger("offline", "acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/cdn-lifeline/rule/echo-offline",
                    "{\"type\":[\"lifeline:Notification:DomainOffline\"]}");
            JsonObject config = JsonParser.parseString(t.get("triggerConfig").getAsString()).getAsJsonObject();
            config.addProperty("triggerEnable", false);
            t.addProperty("triggerConfig", config.toString());
            f.triggers.add(t);
            s.fc.functions.add(f);
        });
        int before = sandbox.fcInvocations().size();
        // when DomainOffline is published: accepted, but no rule sends it anywhere
        assertEquals(0, JsonParser.parseString(putEvents("[" + event("a", "DomainOffline") + "]", "sandbox-secret").body()).getAsJsonObject()
                .get("FailedEntryCount").getAsInt());
        // and when the rule exists but the trigger bound to it is switched off (lifeline pause)
        sandbox.update(s -> s.eventBridge.find(s.accountIdOrDefault()).bus("cn-hangzhou", "cdn-lifeline")
                .addRule("echo-offline", "{\"type\":[\"lifeline:Notification:DomainOffline\"]}", "acs:fc:cn-hangzhou:1234567890123456:functions/echo"));
        putEvents("[" + event("b", "DomainOffline") + "]", "sandbox-secret");
        // then nothing was invoked, either time
        assertEquals(before, sandbox.fcInvocations().size(), String.valueOf(sandbox.fcInvocations()));
    }

    /** The function echo (the test jar's handler), deployed without triggers. */
    private static FcFunction echo() {
        FcFunction f = new FcFunction();
        f.config.addProperty("functionName", "echo");
        f.config.addProperty("runtime", "java11");
        f.config.addProperty("handler", "demo.Echo::handleRequest");
        f.config.addProperty("timeout", 20);
        f.config.addProperty("memorySize", 256);
        f.config.addProperty("functionArn", "acs:fc:cn-hangzhou:1234567890123456:functions/echo");
        f.codeFile = jar.toString();
        return f;
    }

    private static JsonObject trigger(String name, String sourceArn, String pattern) {
        JsonObject t = new JsonObject();
        t.addProperty("triggerName", name);
        t.addProperty("triggerType", "eventbridge");
        if (sourceArn != null) t.addProperty("sourceArn", sourceArn);
        JsonObject config = new JsonObject();
        config.addProperty("eventRuleFilterPattern", pattern);
        t.addProperty("triggerConfig", config.toString());
        return t;
    }

    private static String event(String id, String kind) {
        JsonObject e = new JsonObject();
        e.addProperty("id", id);
        e.addProperty("source", "cdn-lifeline/watch");
        e.addProperty("specversion", "1.0");
        e.addProperty("type", "lifeline:Notification:" + kind);
        e.addProperty("time", "2026-12-02T10:00:00Z");
        e.addProperty("datacontenttype", "application/json");
        e.addProperty("aliyuneventbusname", "cdn-lifeline");
        // sent as the SDK sends it: data as a JSON string
        e.addProperty("data", "{\"domains\":[\"www.example.com\"]}");
        return e.toString();
    }

    /** OSS's header signature over method, md5, type, date, x-oss-* headers and /bucket/object. */
    private static HttpResponse<String> oss(String method, String object, String body, boolean forbidOverwrite) throws Exception {
        String date = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        String type = body == null ? "" : "text/plain";
        String canonical = forbidOverwrite ? "x-oss-forbid-overwrite:true\n" : "";
        String signature = hmacSha1("sandbox-secret", method + "\n\n" + type + "\n" + date + "\n" + canonical
                + "/cdn-lifeline-1234567890123456/" + object);
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/cdn-lifeline-1234567890123456/" + object))
                .header("Date", date).header("Authorization", "OSS sandbox-ak:" + signature);
        if (forbidOverwrite) r.header("x-oss-forbid-overwrite", "true");
        if (body != null) r.header("Content-Type", type);
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void forbidOverwriteCreatesOnceAndTheSecondWriteIsFileAlreadyExists() throws Exception {
        // given no object yet: a read is NoSuchKey
        HttpResponse<String> missing = oss("GET", "watch/gen/1.json", null, false);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("<Code>NoSuchKey</Code>"), missing.body());
        // when two conditional writes of the same key are made
        assertEquals(200, oss("PUT", "watch/gen/1.json", "first", true).statusCode());
        HttpResponse<String> second = oss("PUT", "watch/gen/1.json", "second", true);
        // then the second is refused as OSS documents it and the first stays
        assertEquals(409, second.statusCode());
        assertTrue(second.body().contains("<Code>FileAlreadyExists</Code>"), second.body());
        assertEquals("first", oss("GET", "watch/gen/1.json", null, false).body());
        // and a plain write overwrites, a delete removes
        assertEquals(200, oss("PUT", "watch/gen/1.json", "third", false).statusCode());
        assertEquals("third", oss("GET", "watch/gen/1.json", null, false).body());
        assertEquals(204, oss("DELETE", "watch/gen/1.json", null, false).statusCode());
        assertEquals(404, oss("GET", "watch/gen/1.json", null, false).statusCode());
    }
}
