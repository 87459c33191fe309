package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local FC through the generic Tea client (ROA, signed ACS3-HMAC-SHA256, as {@code @alicloud/fc20230330}
 * signs): the control plane stores and validates like FC, and InvokeFunction runs the uploaded handler in its own
 * JVM with the function's environment, timeout and memory.
 */
class LocalFcTest {
    private static Sandbox sandbox;
    private static String zipFile;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        sandbox = Sandbox.start(0, null);
        zipFile = Base64.getEncoder().encodeToString(HandlerJar.build(dir));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void fresh() {
        sandbox.replaceState(Sandbox.demoSeed());
    }

    private static Map<String, ?> call(String method, String path, Object body) throws Exception {
        Config config = new Config().setAccessKeyId("sandbox-ak").setAccessKeySecret("sandbox-secret")
                .setEndpoint("127.0.0.1:" + sandbox.port()).setProtocol("HTTP");
        com.aliyun.teaopenapi.Client client = new com.aliyun.teaopenapi.Client(config);
        Params params = new Params().setAction("FcCall").setVersion("2023-03-30").setProtocol("HTTP").setMethod(method)
                .setAuthType("AK").setStyle("ROA").setPathname(path).setReqBodyType("json").setBodyType("json");
        OpenApiRequest request = new OpenApiRequest().setBody(body);
        @SuppressWarnings("unchecked")
        Map<String, ?> out = (Map<String, ?>) client.callApi(params, request, new RuntimeOptions()).get("body");
        return out;
    }

    private static Map<String, Object> function(String name) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("functionName", name);
        f.put("runtime", "java11");
        f.put("handler", "demo.Echo::handleRequest");
        f.put("memorySize", 256);
        f.put("cpu", 0.25);
        f.put("timeout", 20);
        f.put("code", Map.of("zipFile", zipFile));
        f.put("environmentVariables", Map.of("GREETING", "hello"));
        f.put("instanceLifecycleConfig", Map.of("initializer", Map.of("handler", "demo.Echo::init", "timeout", 10)));
        return f;
    }

    private static TeaException refused(String method, String path, Object body) {
        return assertThrows(TeaException.class, () -> call(method, path, body));
    }

    @Test
    void createdFunctionIsReadBackWithItsCodeChecksumAndASecondCreateConflicts() throws Exception {
        // given / when a function is created
        Map<String, ?> created = call("POST", "/2023-03-30/functions", function("echo"));
        // then GetFunction answers what was stored, with FC's own fields
        Map<String, ?> read = call("GET", "/2023-03-30/functions/echo", null);
        assertEquals("echo", read.get("functionName"));
        assertEquals("demo.Echo::handleRequest", read.get("handler"));
        assertEquals(created.get("codeChecksum"), read.get("codeChecksum"));
        assertEquals("acs:fc:cn-hangzhou:1234567890123456:functions/echo", read.get("functionArn"));
        assertEquals("Active", read.get("state"));
        // and a second create is FunctionAlreadyExists, an unknown one FunctionNotFound
        assertEquals("FunctionAlreadyExists", refused("POST", "/2023-03-30/functions", function("echo")).getCode());
        assertEquals("FunctionNotFound", refused("GET", "/2023-03-30/functions/nope", null).getCode());
    }

    @Test
    void answersUseOnlyTheFieldsOfTheFc20230330Models() throws Exception {
        // given the model field lists the fc3 component parses answers with (api-examples/fc/models.json)
        JsonObject models = JsonParser.parseString(ContractTest.resource("/api-examples/fc/models.json")).getAsJsonObject();
        sandbox.update(s -> s.fc.serviceLinkedRoles.add(FcReferences.EVENTBRIDGE_SEND_TO_FC));
        // when a function, a trigger and an async config are created
        Map<String, ?> f = call("POST", "/2023-03-30/functions", function("echo"));
        Map<String, ?> t = call("POST", "/2023-03-30/functions/echo/triggers", Map.of("triggerName", "t", "triggerType", "timer",
                "triggerConfig", "{\"cronExpression\":\"0 */5 * * * *\",\"enable\":true}"));
        Map<String, ?> a = call("PUT", "/2023-03-30/functions/echo/async-invoke-config", Map.of("maxAsyncRetryAttempts", 3));
        // then every field of each answer is one the model has
        for (Object[] pair : new Object[][] {{"Function", f}, {"Trigger", t}, {"AsyncConfig", a}}) {
            java.util.Set<String> known = new java.util.TreeSet<>();
            models.getAsJsonArray((String) pair[0]).forEach(e -> known.add(e.getAsString()));
            java.util.Set<String> unknown = new java.util.TreeSet<>(((Map<String, ?>) pair[1]).keySet());
            unknown.removeAll(known);
            assertEquals(java.util.Set.of(), unknown, pair[0] + " fields the model does not have");
        }
    }

    @Test
    void invalidFunctionsAreRefusedWithTheFieldNamed() {
        Map<String, Object> f = function("bad");
        f.put("handler", "demo.Echo");
        assertTrue(refused("POST", "/2023-03-30/functions", f).getMessage().contains("must be [package.]Class::method"));
        f = function("bad");
        f.put("runtime", "java17");
        assertTrue(refused("POST", "/2023-03-30/functions", f).getMessage().contains("runtime \"java17\" is not one of"));
        f = function("bad");
        f.put("memorySize", 300);
        assertTrue(refused("POST", "/2023-03-30/functions", f).getMessage().contains("multiple of 64"));
        f = function("bad");
        f.put("cpu", 2);
        assertTrue(refused("POST", "/2023-03-30/functions", f).getMessage().contains("1 to 4 times the vCPUs"));
        f = function("bad");
        f.put("timeout", 0);
        assertTrue(refused("POST", "/2023-03-30/functions", f).getMessage().contains("timeout 0 must be an integer from 1 to 86400"));
        f = function("bad");
        f.remove("code");
        assertEquals("InvalidArgument", refused("POST", "/2023-03-30/functions", f).getCode());
        // and nothing of them was stored
        assertEquals(0, (int) sandbox.read(s -> s.fc.functions.size()));
    }

    @Test
    void aTimerNeedsASixFieldCronAndAnEventBridgeTriggerItsServiceLinkedRole() throws Exception {
        call("POST", "/2023-03-30/functions", function("echo"));
        Map<String, Object> timer = Map.of("triggerName", "t", "triggerType", "timer",
                "triggerConfig", "{\"cronExpression\":\"*/5 * * * *\",\"enable\":true}");
        TeaException five = refused("POST", "/2023-03-30/functions/echo/triggers", timer);
        assertEquals("InvalidArgument", five.getCode());
        assertTrue(five.getMessage().contains("has 5 fields"), five.getMessage());
        Map<String, Object> eb = Map.of("triggerName", "eb", "triggerType", "eventbridge", "triggerConfig",
                "{\"eventRuleFilterPattern\":\"{}\",\"eventSourceConfig\":{\"eventSourceType\":\"Default\"}}");
        assertEquals("AccessDenied", refused("POST", "/2023-03-30/functions/echo/triggers", eb).getCode());
        // given the role, both are created
        sandbox.update(s -> s.fc.serviceLinkedRoles.add(FcReferences.EVENTBRIDGE_SEND_TO_FC));
        call("POST", "/2023-03-30/functions/echo/triggers", eb);
        call("POST", "/2023-03-30/functions/echo/triggers", Map.of("triggerName", "t", "triggerType", "timer",
                "triggerConfig", "{\"cronExpression\":\"0 */5 * * * *\",\"enable\":true}"));
        assertEquals(2, ((List<?>) call("GET", "/2023-03-30/functions/echo/triggers", null).get("triggers")).size());
    }

    @Test
    void asyncConfigRetriesAreBoundedAndTheDestinationIsAnArn() throws Exception {
        call("POST", "/2023-03-30/functions", function("echo"));
        assertTrue(refused("PUT", "/2023-03-30/functions/echo/async-invoke-config", Map.of("maxAsyncRetryAttempts", 9))
                .getMessage().contains("from 0 to 8"));
        Map<String, ?> put = call("PUT", "/2023-03-30/functions/echo/async-invoke-config", Map.of("maxAsyncRetryAttempts", 2,
                "destinationConfig", Map.of("onFailure", Map.of("destination", "acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages"))));
        assertEquals(2, ((Number) put.get("maxAsyncRetryAttempts")).intValue());
        assertEquals(put, call("GET", "/2023-03-30/functions/echo/async-invoke-config", null));
    }

    @Test
    void invokeRunsTheHandlerInItsOwnJvmWithTheFunctionsSettings() throws Exception {
        call("POST", "/2023-03-30/functions", function("echo"));
        // when invoked synchronously
        FcApi.Answer a = invoke("echo", "ping", "Sync");
        // then the handler saw the event, its environment, the sandbox endpoint, the role's STS key and its settings
        JsonObject out = JsonParser.parseString(new String(a.body, StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(null, a.headers.get("x-fc-error-type"), out::toString);
        assertEquals("ping", out.get("event").getAsString());
        assertEquals("hello", out.get("greeting").getAsString());
        assertEquals(sandbox.endpoint(), out.get("endpoint").getAsString());
        assertEquals(FcInvoker.ROLE_KEY_ID, out.get("key").getAsString());
        assertEquals("echo", out.get("function").getAsString());
        assertEquals(20, out.get("timeout").getAsInt());
        assertEquals(1, out.get("initialized").getAsInt());
        assertTrue(out.get("maxHeapMb").getAsInt() <= 256, out.toString());
        assertEquals(a.headers.get("x-fc-request-id"), out.get("requestId").getAsString());
    }

    @Test
    void aThrowingHandlerATimeoutAndAMissingClassAreFcErrors() throws Exception {
        Map<String, Object> f = function("echo");
        f.put("timeout", 2);
        f.remove("instanceLifecycleConfig");
        call("POST", "/2023-03-30/functions", f);
        FcApi.Answer failed = invoke("echo", "fail", "Sync");
        assertEquals("UnhandledInvocationError", failed.headers.get("x-fc-error-type"));
        assertTrue(new String(failed.body, StandardCharsets.UTF_8).contains("asked to fail"), new String(failed.body, StandardCharsets.UTF_8));
        FcApi.Answer slow = invoke("echo", "sleep", "Sync");
        assertTrue(new String(slow.body, StandardCharsets.UTF_8).contains("Function timed out after 2 seconds"));
        Map<String, Object> missing = function("missing");
        missing.put("handler", "demo.Nope::handleRequest");
        missing.remove("instanceLifecycleConfig");
        call("POST", "/2023-03-30/functions", missing);
        FcApi.Answer none = invoke("missing", "ping", "Sync");
        assertTrue(new String(none.body, StandardCharsets.UTF_8).contains("ClassNotFoundException"), new String(none.body, StandardCharsets.UTF_8));
    }

    @Test
    void anAsyncInvocationAnswersAtOnceAndRunsInTheBackground() throws Exception {
        call("POST", "/2023-03-30/functions", function("echo"));
        FcApi.Answer a = invoke("echo", "ping", "Async");
        assertEquals(202, a.status);
        String id = a.headers.get("x-fc-request-id");
        FcInvocation done = null;
        for (int i = 0; i < 300 && done == null; i++) {
            done = sandbox.fcInvocations().stream().filter(x -> x.requestId.equals(id) && !"Running".equals(x.status)).findFirst().orElse(null);
            if (done == null) Thread.sleep(100);
        }
        assertNotNull(done, "the async invocation did not finish in 30 s");
        assertEquals("Succeeded", done.status, done.output + done.log);
        assertTrue(done.output.contains("\"event\":\"ping\""));
    }

    @Test
    void timersFireOnTheirCronWhenTheClockMovesAndOnDemand() throws Exception {
        // given a function with an enabled 5-minute timer and a disabled hourly one
        call("POST", "/2023-03-30/functions", function("echo"));
        call("POST", "/2023-03-30/functions/echo/triggers", Map.of("triggerName", "every-5", "triggerType", "timer",
                "triggerConfig", "{\"cronExpression\":\"0 */5 * * * *\",\"enable\":true,\"payload\":\"tick\"}"));
        call("POST", "/2023-03-30/functions/echo/triggers", Map.of("triggerName", "hourly-off", "triggerType", "timer",
                "triggerConfig", "{\"cronExpression\":\"0 0 * * * *\",\"enable\":false}"));
        // when the clock moves ten minutes, and one timer is fired by hand
        List<String> fired = sandbox.fcAdvanceClock(java.time.Duration.ofMinutes(10));
        String byHand = sandbox.fcFireTimer("echo", "hourly-off");
        // then the 5-minute timer fired twice, the disabled one only by hand, each with FC's timer event
        assertEquals(2, fired.size());
        for (String id : fired) {
            FcInvocation i = awaitDone(id);
            assertEquals("timer:every-5", i.source);
            assertTrue(i.payload.contains("\"triggerName\":\"every-5\"") && i.payload.contains("\"payload\":\"tick\""), i.payload);
            assertEquals("Succeeded", i.status, i.output + i.log);
        }
        assertEquals("timer:hourly-off", awaitDone(byHand).source);
    }

    @Test
    void aStopCdnDomainCallReachesExactlyTheTriggersWhosePatternMatches() throws Exception {
        // given two functions, one listening to StopCdnDomain on the default bus, one to StartCdnDomain
        sandbox.update(s -> s.fc.serviceLinkedRoles.add(FcReferences.EVENTBRIDGE_SEND_TO_FC));
        for (String[] f : new String[][] {{"on-stop", "StopCdnDomain"}, {"on-start", "StartCdnDomain"}}) {
            call("POST", "/2023-03-30/functions", function(f[0]));
            call("POST", "/2023-03-30/functions/" + f[0] + "/triggers", Map.of("triggerName", "actiontrail", "triggerType", "eventbridge",
                    "triggerConfig", "{\"eventRuleFilterPattern\":\"{\\\"type\\\":[\\\"cdn:ActionTrail:ApiCall\\\"],\\\"data\\\":{\\\"eventName\\\":[\\\"" + f[1]
                            + "\\\"]}}\",\"eventSourceConfig\":{\"eventSourceType\":\"Default\"}}"));
        }
        int before = sandbox.fcInvocations().size();
        // when a domain is stopped through the CDN API
        Config config = new Config().setAccessKeyId("sandbox-ak").setAccessKeySecret("sandbox-secret")
                .setEndpoint("127.0.0.1:" + sandbox.port()).setProtocol("HTTP");
        Params params = new Params().setAction("StopCdnDomain").setVersion("2018-05-10").setProtocol("HTTP").setMethod("POST")
                .setAuthType("AK").setStyle("RPC").setPathname("/").setReqBodyType("formData").setBodyType("json");
        new com.aliyun.teaopenapi.Client(config).callApi(params, new OpenApiRequest().setQuery(Map.of("DomainName", "www.example.com")), new RuntimeOptions());
        // then only on-stop is invoked, with the ActionTrail event
        List<FcInvocation> started = sandbox.fcInvocations().subList(before, sandbox.fcInvocations().size());
        assertEquals(1, started.size(), started::toString);
        FcInvocation i = awaitDone(started.get(0).requestId);
        assertEquals("on-stop", i.functionName);
        assertEquals("eventbridge:actiontrail", i.source);
        JsonObject event = JsonParser.parseString(i.payload).getAsJsonObject();
        assertEquals("StopCdnDomain", event.getAsJsonObject("data").get("eventName").getAsString());
        assertEquals("www.example.com", event.getAsJsonObject("data").getAsJsonObject("requestParameters").get("DomainName").getAsString());
    }

    @Test
    void triggersSwitchedOffByUpdateTriggerNeitherFireNorReceiveEvents() throws Exception {
        // given a function with a 5-minute timer and an ActionTrail trigger for StopCdnDomain, both on
        sandbox.update(s -> s.fc.serviceLinkedRoles.add(FcReferences.EVENTBRIDGE_SEND_TO_FC));
        call("POST", "/2023-03-30/functions", function("guarded"));
        String timerOn = "{\"cronExpression\":\"0 */5 * * * *\",\"enable\":true,\"payload\":\"tick\"}";
        String eventsOn = "{\"triggerEnable\":true,\"eventRuleFilterPattern\":\"{\\\"type\\\":[\\\"cdn:ActionTrail:ApiCall\\\"]}\","
                + "\"eventSourceConfig\":{\"eventSourceType\":\"Default\"}}";
        call("POST", "/2023-03-30/functions/guarded/triggers", Map.of("triggerName", "timer", "triggerType", "timer", "triggerConfig", timerOn));
        call("POST", "/2023-03-30/functions/guarded/triggers", Map.of("triggerName", "events", "triggerType", "eventbridge", "triggerConfig", eventsOn));
        // when both are switched off through UpdateTrigger, the clock moves an hour and a domain is stopped
        call("PUT", "/2023-03-30/functions/guarded/triggers/timer", Map.of("triggerConfig", timerOn.replace("\"enable\":true", "\"enable\":false")));
        call("PUT", "/2023-03-30/functions/guarded/triggers/events", Map.of("triggerConfig", eventsOn.replace("\"triggerEnable\":true", "\"triggerEnable\":false")));
        int before = sandbox.fcInvocations().size();
        List<String> fired = sandbox.fcAdvanceClock(java.time.Duration.ofHours(1));
        stopCdnDomain("www.example.com");
        // then nothing ran
        assertEquals(List.of(), fired);
        assertEquals(before, sandbox.fcInvocations().size());
        // and when they are switched on again, both work again
        call("PUT", "/2023-03-30/functions/guarded/triggers/timer", Map.of("triggerConfig", timerOn));
        call("PUT", "/2023-03-30/functions/guarded/triggers/events", Map.of("triggerConfig", eventsOn));
        assertEquals(1, sandbox.fcAdvanceClock(java.time.Duration.ofMinutes(5)).size());
        stopCdnDomain("img.example.com");
        assertEquals(before + 2, sandbox.fcInvocations().size());
        // and a switch that is not a boolean is refused, as FC refuses it
        TeaException bad = refused("PUT", "/2023-03-30/functions/guarded/triggers/events",
                Map.of("triggerConfig", eventsOn.replace("\"triggerEnable\":true", "\"triggerEnable\":\"no\"")));
        assertTrue(bad.getMessage().contains("triggerEnable"), bad.getMessage());
    }

    private static void stopCdnDomain(String domain) throws Exception {
        Config config = new Config().setAccessKeyId("sandbox-ak").setAccessKeySecret("sandbox-secret")
                .setEndpoint("127.0.0.1:" + sandbox.port()).setProtocol("HTTP");
        Params params = new Params().setAction("StopCdnDomain").setVersion("2018-05-10").setProtocol("HTTP").setMethod("POST")
                .setAuthType("AK").setStyle("RPC").setPathname("/").setReqBodyType("formData").setBodyType("json");
        new com.aliyun.teaopenapi.Client(config).callApi(params, new OpenApiRequest().setQuery(Map.of("DomainName", domain)), new RuntimeOptions());
    }

    private static FcInvocation awaitDone(String id) throws InterruptedException {
        for (int n = 0; n < 600; n++) {
            FcInvocation done = sandbox.fcInvocations().stream().filter(x -> x.requestId.equals(id) && !"Running".equals(x.status)).findFirst().orElse(null);
            if (done != null) return done;
            Thread.sleep(100);
        }
        throw new AssertionError("invocation " + id + " did not finish in 60 s");
    }

    /** InvokeFunction as the data plane answers it (status, x-fc-* headers, raw body). */
    private static FcApi.Answer invoke(String function, String payload, String type) throws Exception {
        // signed like every other call: through the Tea client's V3 signer, raw body
        Config config = new Config().setAccessKeyId("sandbox-ak").setAccessKeySecret("sandbox-secret")
                .setEndpoint("127.0.0.1:" + sandbox.port()).setProtocol("HTTP");
        com.aliyun.teaopenapi.Client client = new com.aliyun.teaopenapi.Client(config);
        Params params = new Params().setAction("InvokeFunction").setVersion("2023-03-30").setProtocol("HTTP").setMethod("POST")
                .setAuthType("AK").setStyle("ROA").setPathname("/2023-03-30/functions/" + function + "/invocations")
                .setReqBodyType("binary").setBodyType("byte");
        OpenApiRequest request = new OpenApiRequest().setHeaders(Map.of("x-fc-invocation-type", type))
                .setStream(new java.io.ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)));
        Map<String, ?> r = client.callApi(params, request, new RuntimeOptions().setReadTimeout(60_000));
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) r.get("headers");
        byte[] body = r.get("body") instanceof byte[] ? (byte[]) r.get("body") : new byte[0];
        FcApi.Answer a = new FcApi.Answer(((Number) r.get("statusCode")).intValue(), "InvokeFunction", body, null);
        a.headers.putAll(headers);
        return a;
    }
}
