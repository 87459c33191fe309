package io.cdnlifeline.accounts;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.sandbox.FcInvocation;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fan-out in the sandbox's local FC, with the built function jar (each invocation its own JVM, as FC runs it): a timer
 * fires dns-to-origin in the central account with LIFELINE_ACCOUNTS naming three members; the function invokes itself
 * asynchronously once per account through FC 3.0 InvokeFunction, and the local FC really runs each member run. Runs in
 * {@code mvn verify} after the jar is packaged (functions/pom.xml, {@code lifeline.requireBuiltJar}).
 */
class AccountsLocalFcTest {
    static final String JAR = "functions/target/lifeline-functions.jar";

    private static Path root() {
        Path p = Paths.get("").toAbsolutePath();
        return Files.isDirectory(p.resolve("functions")) ? p : p.getParent();
    }

    @Test
    void theLocalFcRunsOneMemberRunPerAccountAndTheUntrustingOneFails() throws Exception {
        assumeTrue(Boolean.getBoolean("lifeline.requireBuiltJar"), "runs after package, against the built jar");
        Path jar = root().resolve(JAR);
        assertTrue(Files.isRegularFile(jar), JAR + " was not built");
        // given the central account with dns-to-origin deployed on its local FC and three members, one not trusting it
        JsonObject seed = JsonParser.parseString(new MultiAccountSeed().member(AccountsHandlerTest.A, 3, MultiAccountSeed.CENTRAL)
                .member(AccountsHandlerTest.B, 2, MultiAccountSeed.CENTRAL).member(AccountsHandlerTest.REFUSING, 2, "9999999999999999").json())
                .getAsJsonObject();
        JsonObject config = new JsonObject();
        config.addProperty("functionName", "dns-to-origin");
        config.addProperty("functionArn", "acs:fc:cn-hangzhou:" + MultiAccountSeed.CENTRAL + ":functions/dns-to-origin");
        config.addProperty("runtime", "java11");
        config.addProperty("handler", "io.cdnlifeline.handler.DnsToOriginHandler::handleRequest");
        config.addProperty("timeout", 120);
        config.addProperty("memorySize", 512);
        JsonObject env = new JsonObject();
        env.addProperty("LIFELINE_ACCOUNTS", MultiAccountSeed.roleArn(AccountsHandlerTest.A) + "," + MultiAccountSeed.roleArn(AccountsHandlerTest.B)
                + "," + MultiAccountSeed.roleArn(AccountsHandlerTest.REFUSING));
        env.addProperty("LIFELINE_ORIGIN_CHECK", "off");
        config.add("environmentVariables", env);
        JsonObject timer = new JsonObject();
        timer.addProperty("triggerName", "arrears");
        timer.addProperty("triggerType", "timer");
        timer.addProperty("triggerConfig", "{\"cronExpression\":\"0 0 0 1 1 *\",\"enable\":false,\"payload\":\"{\\\"reason\\\":\\\"arrears\\\"}\"}");
        JsonObject function = new JsonObject();
        function.add("config", config);
        JsonArray triggers = new JsonArray();
        triggers.add(timer);
        function.add("triggers", triggers);
        JsonObject async = new JsonObject();
        async.addProperty("maxAsyncRetryAttempts", 0);
        function.add("asyncInvokeConfig", async);
        function.addProperty("codeFile", jar.toString());
        JsonObject fc = new JsonObject();
        fc.addProperty("accountId", MultiAccountSeed.CENTRAL);
        JsonArray functions = new JsonArray();
        functions.add(function);
        fc.add("functions", functions);
        seed.add("fc", fc);
        try (Sandbox sandbox = Sandbox.start(0, seed.toString())) {
            // when the timer fires
            sandbox.fcFireTimer("dns-to-origin", "arrears");
            // then the local FC runs the fan-out and then one member run per account (a JVM each)
            long until = System.currentTimeMillis() + 240_000;
            List<FcInvocation> done;
            do {
                Thread.sleep(500);
                done = sandbox.fcInvocations().stream().filter(i -> !"Running".equals(i.status)).collect(Collectors.toList());
            } while (done.size() < 4 && System.currentTimeMillis() < until);
            List<FcInvocation> all = sandbox.fcInvocations();
            assertEquals(4, all.size(), all::toString);
            FcInvocation fanOut = all.get(0);
            assertEquals("Succeeded", fanOut.status, fanOut.output + "\n" + fanOut.log);
            assertEquals(3, JsonParser.parseString(fanOut.output).getAsJsonObject().getAsJsonArray("accounts").size(), fanOut.output);
            for (FcInvocation member : all.subList(1, 4)) {
                JsonObject payload = JsonParser.parseString(member.payload).getAsJsonObject();
                String account = payload.getAsJsonArray("accounts").get(0).getAsString();
                if (account.equals(AccountsHandlerTest.REFUSING)) {
                    // the untrusting account's run fails (FC would retry it and then tell), with STS's answer
                    assertEquals("Failed", member.status, member.log);
                    assertTrue(member.log.contains("NoPermission"), member.log);
                } else {
                    assertEquals("Succeeded", member.status, member.output + "\n" + member.log);
                    JsonObject report = JsonParser.parseString(member.output).getAsJsonObject();
                    assertEquals(account, report.get("account").getAsString());
                    assertEquals(account.equals(AccountsHandlerTest.A) ? 3 : 2, report.getAsJsonObject("summary").get("applied").getAsInt());
                }
            }
            // and the two trusting accounts' records now point at their origins, the third's still at the CDN
            assertEquals(io.cdnlifeline.testing.SeedBuilder.originOf("d0.m" + AccountsHandlerTest.A + ".test"), sandbox.read(s ->
                    s.member(AccountsHandlerTest.A).zone("m" + AccountsHandlerTest.A + ".test").records.get(0).value));
            assertEquals("d0.m" + AccountsHandlerTest.REFUSING + ".test.w.kunlunsl.com", sandbox.read(s ->
                    s.member(AccountsHandlerTest.REFUSING).zone("m" + AccountsHandlerTest.REFUSING + ".test").records.get(0).value));
        }
    }
}
