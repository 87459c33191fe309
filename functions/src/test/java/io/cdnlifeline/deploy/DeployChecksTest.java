package io.cdnlifeline.deploy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployment checks catch what they are for: each test breaks one thing and expects it reported. */
class DeployChecksTest {
    private static final String HANDLER = "io.cdnlifeline.handler.DnsToOriginHandler::handleRequest";
    private static final String INIT = "io.cdnlifeline.handler.DnsToOriginHandler::initialize";

    private static Template template(String handler, String initializer, String triggers) {
        return Template.parse("edition: 3.0.0\nresources:\n  dns-to-origin:\n    component: fc3\n    props:\n"
                + "      functionName: dns-to-origin\n      handler: " + handler + "\n"
                + "      instanceLifecycleConfig:\n        initializer:\n          handler: " + initializer + "\n"
                + (triggers == null ? "" : "      triggers:\n" + triggers));
    }

    private static String timer(String name, String cron, String payload) {
        return "        - triggerName: " + name + "\n          triggerType: timer\n          triggerConfig:\n"
                + "            cronExpression: '" + cron + "'\n            enable: true\n            payload: '" + payload + "'\n";
    }

    private static String eventbridge(String name, String pattern) {
        return "        - triggerName: " + name + "\n          triggerType: eventbridge\n          triggerConfig:\n"
                + "            eventRuleFilterPattern: '" + pattern + "'\n";
    }

    private static void assertReported(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), () -> "expected a problem with '" + expected + "', got " + problems);
    }

    private static Path events(Path dir, String index, String... files) throws Exception {
        Files.writeString(dir.resolve("index.json"), index);
        for (int i = 0; i < files.length; i += 2) Files.writeString(dir.resolve(files[i]), files[i + 1]);
        return dir;
    }

    @Test
    void theRealHandlerPassesSoTheFailuresBelowAreTheBreakage() {
        assertEquals(List.of(), DeploymentChecks.handlers(template(HANDLER, INIT, null), getClass().getClassLoader(), "classpath"));
    }

    @Test
    void aHandlerClassThatDoesNotExistIsReported() {
        List<String> problems = DeploymentChecks.handlers(
                template("io.cdnlifeline.handler.DnsToOrginHandler::handleRequest", INIT, null), getClass().getClassLoader(), "classpath");
        assertReported(problems, "class io.cdnlifeline.handler.DnsToOrginHandler is not in classpath");
    }

    @Test
    void anInitializerMethodThatDoesNotExistIsReported() {
        List<String> problems = DeploymentChecks.handlers(
                template(HANDLER, "io.cdnlifeline.handler.DnsToOriginHandler::init", null), getClass().getClassLoader(), "classpath");
        assertReported(problems, "has no public init(Context)");
    }

    @Test
    void anAbstractHandlerIsReported() {
        List<String> problems = DeploymentChecks.handlers(
                template("io.cdnlifeline.handler.LifelineHandler::handleRequest", INIT, null), getClass().getClassLoader(), "classpath");
        assertReported(problems, "not a public concrete class");
    }

    @Test
    void aJarWithoutTheHandlerClassIsReported(@TempDir Path dir) throws Exception {
        // given a "jar" (class folder) holding fc-java-core's Context but none of our classes
        Path ctx = dir.resolve("com/aliyun/fc/runtime/Context.class");
        Files.createDirectories(ctx.getParent());
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("com/aliyun/fc/runtime/Context.class")) {
            Files.write(ctx, in.readAllBytes());
        }
        try (URLClassLoader jar = new URLClassLoader(new URL[]{dir.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            // when the handlers are looked up there / then
            assertReported(DeploymentChecks.handlers(template(HANDLER, INIT, null), jar, "the jar"),
                    "class io.cdnlifeline.handler.DnsToOriginHandler is not in the jar");
        }
    }

    @Test
    void aFunctionNameThatDoesNotMatchItsHandlerIsReported() {
        Template t = Template.parse("resources:\n  x:\n    component: fc3\n    props:\n      functionName: dns-to-cdn\n      handler: " + HANDLER + "\n");
        List<String> problems = DeploymentChecks.functionNames(t, Set.of("dns-to-cdn", "dns-to-origin"));
        assertReported(problems, "function dns-to-cdn is served by DnsToOriginHandler, which runs dns-to-origin");
        assertReported(problems, "function dns-to-origin is not deployed");
    }

    @Test
    void aTimerPayloadThatIsNotAValidRequestIsReported() {
        Template t = template(HANDLER, INIT, timer("often", "0 */5 * * * *", "{\"when\":[\"sometimes\"]}"));
        assertReported(DeploymentChecks.timers(t), "dns-to-origin/often: the payload is not a valid Request");
    }

    @Test
    void aFiveFieldCronIsReported() {
        Template t = template(HANDLER, INIT, timer("often", "*/5 * * * *", "{}"));
        assertReported(DeploymentChecks.timers(t), "does not have 6 fields");
    }

    @Test
    void twoEventBridgeTriggersOnOneRuleAndAPatternThatIsNotJsonAreReported() {
        String arn = "          sourceArn: acs:eventbridge:cn-hangzhou:1:eventbus/b/rule/r\n";
        String one = eventbridge("one", "{\"type\":[\"a\"]}").replace("          triggerType:", arn + "          triggerType:");
        String two = eventbridge("two", "type=a").replace("          triggerType:", arn + "          triggerType:");
        List<String> problems = DeploymentChecks.eventBridge(template(HANDLER, INIT, one + two));
        assertReported(problems, "dns-to-origin/two: sourceArn acs:eventbridge:cn-hangzhou:1:eventbus/b/rule/r is bound to another trigger too");
        assertReported(problems, "dns-to-origin/two: eventRuleFilterPattern is not a JSON object");
        assertReported(problems, "dns-to-origin/one: no eventSourceConfig.eventSourceType");
    }

    @Test
    void aTriggerWithoutASampleIsReported(@TempDir Path dir) throws Exception {
        Template t = template(HANDLER, INIT, timer("often", "0 */5 * * * *", "{}"));
        Path events = events(dir, "{\"samples\":[]}");
        assertReported(DeploymentChecks.samples(t, SampleIndex.read(events), events), "dns-to-origin/often (timer): no sample in events/");
    }

    @Test
    void aTimerSampleWhosePayloadDiffersFromTheTemplateIsReported(@TempDir Path dir) throws Exception {
        Template t = template(HANDLER, INIT, timer("often", "0 */5 * * * *", "{\"when\":[\"offline\"]}"));
        Path events = events(dir,
                "{\"samples\":[{\"file\":\"t.json\",\"function\":\"dns-to-origin\",\"trigger\":\"often\",\"request\":{},\"source\":\"timer:often\"}]}",
                "t.json", "{\"triggerTime\":\"2026-01-01T00:00:00Z\",\"triggerName\":\"often\",\"payload\":\"{}\"}");
        assertReported(DeploymentChecks.samples(t, SampleIndex.read(events), events), "t.json is not what timer dns-to-origin/often sends");
    }

    @Test
    void anEventBridgeSampleTheFilterWouldNotDeliverIsReported(@TempDir Path dir) throws Exception {
        Template t = template(HANDLER, INIT, eventbridge("stops", "{\"type\":[\"cdn:ActionTrail:ApiCall\"],\"data\":{\"eventName\":[\"StopCdnDomain\"]}}"));
        Path events = events(dir,
                "{\"samples\":[{\"file\":\"e.json\",\"function\":\"dns-to-origin\",\"trigger\":\"stops\",\"request\":{},\"source\":\"x\"}]}",
                "e.json", "{\"type\":\"cdn:ActionTrail:ApiCall\",\"data\":{\"eventName\":\"StartCdnDomain\"}}");
        assertReported(DeploymentChecks.samples(t, SampleIndex.read(events), events), "e.json does not match the filter pattern of dns-to-origin/stops");
    }

    @Test
    void aSampleFileMissingFromTheIndexAndAnIndexedFileThatIsMissingAreReported(@TempDir Path dir) throws Exception {
        Template t = template(HANDLER, INIT, null);
        Path events = events(dir,
                "{\"samples\":[{\"file\":\"gone.json\",\"function\":\"dns-to-origin\",\"request\":{},\"source\":\"manual\"}]}",
                "stray.json", "{}");
        List<String> problems = DeploymentChecks.samples(t, SampleIndex.read(events), events);
        assertReported(problems, "events/stray.json is not in events/index.json");
        assertReported(problems, "lists gone.json, which does not exist");
    }

    private static JsonObject policy(String actions) {
        return JsonParser.parseString("{\"AssumeRolePolicyDocument\":{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Principal\":{\"Service\":[\"fc.aliyuncs.com\"]}}]},\"PolicyDocument\":{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[" + actions + "],\"Resource\":\"*\"}]}}").getAsJsonObject();
    }

    @Test
    void anActionTheCodeCallsButThePolicyLacksIsReported() {
        List<String> problems = DeploymentChecks.ramPolicy(policy("\"cdn:StopCdnDomain\""),
                Set.of("cdn:StopCdnDomain", "alidns:UpdateDomainRecordRemark"), template(HANDLER, INIT, null));
        assertEquals(List.of("the code calls alidns:UpdateDomainRecordRemark but ram-policy.json does not grant it"), problems);
    }

    @Test
    void aWildcardActionAndAnActionTheCodeNeverCallsAreReported() {
        List<String> problems = DeploymentChecks.ramPolicy(policy("\"cdn:Describe*\",\"cdn:StopCdnDomain\",\"cdn:DeleteCdnDomain\""),
                Set.of("cdn:StopCdnDomain"), template(HANDLER, INIT, null));
        assertReported(problems, "grants 'cdn:Describe*'");
        assertReported(problems, "grants cdn:DeleteCdnDomain, which the code does not call");
    }

    @Test
    void aTrustPolicyWithoutFunctionComputeIsReported() {
        JsonObject p = policy("\"cdn:StopCdnDomain\"");
        p.getAsJsonObject("AssumeRolePolicyDocument").getAsJsonArray("Statement").get(0).getAsJsonObject()
                .getAsJsonObject("Principal").getAsJsonArray("Service").set(0, new com.google.gson.JsonPrimitive("ecs.aliyuncs.com"));
        assertReported(DeploymentChecks.ramPolicy(p, Set.of("cdn:StopCdnDomain"), template(HANDLER, INIT, null)), "does not let fc.aliyuncs.com assume the role");
    }

    @Test
    void actionsAreFoundInPortJavadocAdapterRequestClassesAndCommonRequestActionsButNotInParameterNames(@TempDir Path cloud) throws Exception {
        // given a port that documents its action and an adapter that calls two more
        Files.writeString(cloud.resolve("CdnApi.java"), "/** {@code DescribeUserDomains}; {@code InvalidDomain.NotFound}; {@code DomainIsRegistration} */ interface CdnApi {}");
        Files.createDirectories(cloud.resolve("aliyun"));
        Files.writeString(cloud.resolve("aliyun/Adapter.java"),
                "import com.aliyuncs.dcdn.model.v20180115.StopDcdnDomainRequest;\n"
                        + "class Adapter { static final String ACTION_REMARK = \"UpdateDomainRecordRemark\";\n"
                        + " void f() { new StopDcdnDomainRequest(); CommonRequest r = new CommonRequest(); r.setSysAction(\"DescribeUserCdnStatus\");"
                        + " r.putQueryParameter(\"CheckDomainShow\", \"true\"); log(\"calling cdn\"); } }", StandardCharsets.UTF_8);
        // when scanned / then exactly those, with their RAM prefixes
        assertEquals(Set.of("cdn:DescribeUserDomains", "dcdn:StopDcdnDomain", "cdn:DescribeUserCdnStatus", "alidns:UpdateDomainRecordRemark"),
                ApiActions.usedBy(cloud));
    }

    @Test
    void eventPatternsMatchValuesSuffixesAndNestedFieldsAndRefuseWhatTheyDoNotKnow() {
        JsonObject pattern = JsonParser.parseString("{\"type\":[{\"suffix\":\":ActionTrail:ApiCall\"}],\"data\":{\"eventName\":[\"StopCdnDomain\"]}}").getAsJsonObject();
        assertTrue(EventPattern.matches(pattern, JsonParser.parseString("{\"type\":\"cdn:ActionTrail:ApiCall\",\"data\":{\"eventName\":\"StopCdnDomain\"}}").getAsJsonObject()));
        assertTrue(!EventPattern.matches(pattern, JsonParser.parseString("{\"type\":\"cdn:ActionTrail:ApiCall\",\"data\":{\"eventName\":\"StartCdnDomain\"}}").getAsJsonObject()));
        assertTrue(!EventPattern.matches(pattern, JsonParser.parseString("{\"type\":\"cdn:ActionTrail:ApiCall\"}").getAsJsonObject()));
        JsonObject unknown = JsonParser.parseString("{\"type\":[{\"anything-but\":\"x\"}]}").getAsJsonObject();
        assertThrows(IllegalArgumentException.class, () -> EventPattern.matches(unknown, JsonParser.parseString("{\"type\":\"y\"}").getAsJsonObject()));
    }
}
