package io.cdnlifeline.deploy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.aliyun.AliyunApiActions;
import io.cdnlifeline.cloud.aliyun.BuiltJarSigning;
import io.cdnlifeline.run.Functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real template.yml, events/ and ram-policy.json, checked the way {@code s deploy} and FC would use them. */
class TemplateTest {
    static final String JAR = "functions/target/lifeline-functions.jar";
    private static Path root;
    private static Template template;

    @BeforeAll
    static void readTemplate() throws Exception {
        root = RepoRoot.find();
        template = Template.read(root.resolve("template.yml"));
    }

    private static void assertNoProblems(List<String> problems) {
        assertTrue(problems.isEmpty(), () -> problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
    }

    @Test
    void templateIsServerlessDevs3WithOneFc3ResourcePerLifelineFunction() {
        // given the template / when read / then
        assertEquals("3.0.0", String.valueOf(template.get("edition")));
        assertNoProblems(DeploymentChecks.functionNames(template, Functions.names()));
    }

    @Test
    void accessIsALiteralAliasThatDashAOverrides() {
        // given the template / when its access alias is read / then it is a plain alias name: Serverless Devs 3.1
        // does not resolve ${...} in access:, and every ${config('AccountID')} would stay unresolved
        Object access = template.get("access");
        assertTrue(access instanceof String && ((String) access).matches("[A-Za-z0-9_.-]+"),
                "access: " + access + " is not a literal alias (write access: default; s deploy -a ALIAS picks another)");
    }

    @Test
    void everyHandlerAndInitializerExistsInTheCompiledClasses() {
        assertNoProblems(DeploymentChecks.handlers(template, getClass().getClassLoader(), "the compiled classes"));
    }

    @Test
    void everyHandlerAndInitializerExistsInTheBuiltJarOnItsOwn() throws Exception {
        // given the jar template.yml deploys: `mvn verify` runs this again after `package` and then
        // requires it (functions/pom.xml); a plain test run before any package skips it
        Path jar = root.resolve(JAR);
        if (Boolean.getBoolean("lifeline.requireBuiltJar")) {
            assertTrue(Files.isRegularFile(jar), JAR + " was not built");
        }
        assumeTrue(Files.isRegularFile(jar), JAR + " is not built yet");
        // when its classes are loaded with nothing else on the class path
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            // then every entry point FC will call is there, with fc-java-core inside the jar
            assertNoProblems(DeploymentChecks.handlers(template, loader, JAR));
            // and it signs a call as the SDK does with only the few SDK classes the shade filter keeps
            assertNoProblems(BuiltJarSigning.problems(loader));
        }
    }

    @Test
    void codeIsTheShadedFunctionJarAndPreDeployBuildsIt() throws Exception {
        String pom = Files.readString(root.resolve("functions/pom.xml"), StandardCharsets.UTF_8);
        assertTrue(pom.contains("<finalName>lifeline-functions</finalName>"), "functions/pom.xml no longer shades into lifeline-functions.jar");
        for (Template.Function f : template.functions()) {
            assertEquals("./" + JAR, f.code(), f.name() + " code");
        }
        Object preDeploy = Template.map(template.get("actions")).get("pre-deploy");
        assertTrue(String.valueOf(preDeploy).matches("(?s).*mvn .*-pl functions .*package.*"), "pre-deploy does not build the jar: " + preDeploy);
    }

    @Test
    void everyFunctionHasATimeoutMemoryAndInitializerChosenNotDefaulted() {
        for (Template.Function f : template.functions()) {
            Object timeout = f.props.get("timeout");
            Object memory = f.props.get("memorySize");
            assertTrue(timeout instanceof Integer && (Integer) timeout >= 60, f.name() + " timeout " + timeout + " (fc3 defaults to 3 s)");
            assertTrue(memory instanceof Integer && (Integer) memory % 64 == 0 && (Integer) memory >= 256, f.name() + " memorySize " + memory);
            assertEquals("java11", f.props.get("runtime"), f.name() + " runtime");
            assertTrue(f.initializer() != null, f.name() + " has no initializer");
        }
    }

    @Test
    void environmentSetsExactlyTheSettingsTheFunctionsReadAndNoEndpoint() {
        // The lifeline settings, plus the JVM's own options (the memory the benchmark measured depends on them).
        Set<String> expected = Set.of("LIFELINE_SCOPE", "LIFELINE_EXCLUDE", "LIFELINE_MAX_CHANGES", "LIFELINE_DRY_RUN",
                "LIFELINE_REGION", "LIFELINE_CONCURRENCY", "LIFELINE_ORIGIN_CHECK", "LIFELINE_ORIGIN_ALLOW", "LIFELINE_ORIGIN_PATH",
                "LIFELINE_ORIGIN_STATUSES", "JAVA_TOOL_OPTIONS",
                "LIFELINE_NOTIFY_DINGTALK", "LIFELINE_NOTIFY_DINGTALK_SECRET", "LIFELINE_NOTIFY_WECOM", "LIFELINE_NOTIFY_FEISHU",
                "LIFELINE_NOTIFY_FEISHU_SECRET", "LIFELINE_NOTIFY_SLACK", "LIFELINE_NOTIFY_WEBHOOK", "LIFELINE_NOTIFY_WEBHOOK_SECRET",
                "LIFELINE_NOTIFY_REPEAT", "LIFELINE_NOTIFY_TIMEOUT", "LIFELINE_NOTIFY_MEMORY", "LIFELINE_ASYNC_RETRIES",
                "LIFELINE_ACCOUNTS", "LIFELINE_ACCOUNTS_EXTERNAL_ID",
                "LIFELINE_STATE", "LIFELINE_NOTIFICATION_BUS", "LIFELINE_BALANCE_WARN");
        for (Template.Function f : template.functions()) {
            Map<String, Object> env = Template.map(f.props.get("environmentVariables"));
            assertEquals(expected, env.keySet(), f.name() + " environment (LIFELINE_ENDPOINT is for the sandbox only)");
            assertEquals("-XX:+UseSerialGC", env.get("JAVA_TOOL_OPTIONS"), f.name() + " JVM options");
        }
    }

    @Test
    void everyFunctionRetriesAsyncFailuresAndSendsThemSomewhere() {
        for (Template.Function f : template.functions()) {
            Map<String, Object> async = Template.map(f.props.get("asyncInvokeConfig"));
            Object retries = async.get("maxAsyncRetryAttempts");
            assertTrue(retries instanceof Integer && (Integer) retries > 0, f.name() + " retries " + retries);
            // The function learns its last attempt from getRetryCount() against this number (notify's final-failure message).
            assertEquals(String.valueOf(retries), String.valueOf(Template.map(f.props.get("environmentVariables")).get("LIFELINE_ASYNC_RETRIES")),
                    f.name() + ": LIFELINE_ASYNC_RETRIES must equal maxAsyncRetryAttempts");
            Object dest = Template.map(Template.map(async.get("destinationConfig")).get("onFailure")).get("destination");
            assertTrue(dest != null && dest.toString().startsWith("acs:"), f.name() + " has no failure destination");
            assertTrue(f.props.get("logConfig") instanceof Map, f.name() + " has no logConfig: the audit lines would not reach Log Service");
        }
    }

    @Test
    void timersAreSixFieldCronsWhosePayloadIsAValidRequest() {
        assertNoProblems(DeploymentChecks.timers(template));
    }

    @Test
    void eventBridgeTriggersHaveAPatternASourceAndTheirOwnRule() {
        assertNoProblems(DeploymentChecks.eventBridge(template));
    }

    @Test
    void everyTriggerHasASampleEventItWouldDeliver() throws Exception {
        Path events = root.resolve("events");
        assertNoProblems(DeploymentChecks.samples(template, SampleIndex.read(events), events));
    }

    @Test
    void theAdaptersCallListAndTheActionsTheSourcesNameAgree() throws Exception {
        // a call that bypasses AliyunApi, or an entry no port documents, is a gap in one of the two lists
        Set<String> named = ApiActions.usedBy(root.resolve("functions/src/main/java/io/cdnlifeline/cloud"));
        assertEquals(AliyunApiActions.ramActions(), named);
    }

    @Test
    void ramPolicyTrustsFcAndGrantsExactlyTheActionsTheCodeCalls() throws Exception {
        // given the actions the adapters call (their AliyunApi list) and those the ports and adapter sources name
        Set<String> listed = AliyunApiActions.ramActions();
        Set<String> named = ApiActions.usedBy(root.resolve("functions/src/main/java/io/cdnlifeline/cloud"));
        assertTrue(named.size() >= 20, "found only " + named + " in the cloud sources; the scan is broken");
        Set<String> used = new TreeSet<>(listed);
        used.addAll(named);
        // and FC's InvokeFunction, which a DNS run that reaches its time limit calls on its own function (FcAsyncInvoker, ROA)
        assertTrue(Files.readString(root.resolve("functions/src/main/java/io/cdnlifeline/cloud/aliyun/FcAsyncInvoker.java")).contains("/invocations"));
        used.add("fc:InvokeFunction");
        // and the watch's EventBridge PutEvents (EventBridgePublisher, REST) and the memory's OSS objects (OssStore)
        assertTrue(Files.readString(root.resolve("functions/src/main/java/io/cdnlifeline/cloud/aliyun/EventBridgePublisher.java")).contains("/openapi/putEvents"));
        used.add("eventbridge:PutEvents");
        for (String verb : List.of("GET", "PUT", "DELETE")) {
            assertTrue(Files.readString(root.resolve("functions/src/main/java/io/cdnlifeline/cloud/aliyun/OssStore.java")).contains("call(\"" + verb + "\""), verb);
        }
        used.add("oss:GetObject");
        used.add("oss:PutObject");
        used.add("oss:DeleteObject");
        // when ram-policy.json (a plain RAM policy document, pasted as is into the console or CreatePolicy) and the
        // trust policy beside it are read
        JsonObject document = JsonParser.parseString(Files.readString(root.resolve("ram-policy.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject trust = JsonParser.parseString(Files.readString(root.resolve("ram-trust-policy.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        for (JsonObject doc : List.of(document, trust)) {
            assertEquals(Set.of("Version", "Statement"), doc.keySet(), "a RAM policy document has only Version and Statement");
        }
        JsonObject policy = new JsonObject();
        policy.add("AssumeRolePolicyDocument", trust);
        policy.add("PolicyDocument", document);
        // then it grants each of them, nothing broader, and what the template's logs and failure queue need
        assertNoProblems(DeploymentChecks.ramPolicy(policy, used, template));
    }

    @Test
    void theMemberRoleTrustsOnlyTheCentralRole() throws Exception {
        // given the trust policy of the member role (ram-member-trust-policy.json; its permissions are ram-policy.json's)
        JsonObject trust = JsonParser.parseString(Files.readString(root.resolve("ram-member-trust-policy.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(Set.of("Version", "Statement"), trust.keySet());
        // then its one statement lets exactly one principal assume it: the central account's function role, no service, no account root
        com.google.gson.JsonArray statements = trust.getAsJsonArray("Statement");
        assertEquals(1, statements.size());
        JsonObject st = statements.get(0).getAsJsonObject();
        assertEquals("Allow", st.get("Effect").getAsString());
        assertEquals("sts:AssumeRole", st.get("Action").getAsString());
        JsonObject principal = st.getAsJsonObject("Principal");
        assertEquals(Set.of("RAM"), principal.keySet());
        assertEquals(1, principal.getAsJsonArray("RAM").size());
        assertEquals("acs:ram::CENTRAL_ACCOUNT_ID:role/cdn-lifeline-fc", principal.getAsJsonArray("RAM").get(0).getAsString());
    }
}
