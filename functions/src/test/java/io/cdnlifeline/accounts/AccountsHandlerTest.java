package io.cdnlifeline.accounts;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.BadInputException;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.event.RequestParser;
import io.cdnlifeline.handler.DnsToOriginHandler;
import io.cdnlifeline.handler.RemediationFailedException;
import io.cdnlifeline.reliability.FakeContext;
import io.cdnlifeline.sandbox.FcAsyncRequest;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's done-when through the FC handler against the sandbox: a run over three member accounts, one of whose roles
 * does not trust the central account, fans out one asynchronous invocation per account (FC 3.0 InvokeFunction, which
 * the local FC holds for the test: it runs each one through a fresh handler, as FC would), remediates the two it may,
 * and reports the third with STS's answer.
 */
class AccountsHandlerTest {
    static final String A = "2000000000000002";
    static final String B = "2000000000000003";
    static final String REFUSING = "2000000000000004";

    private static String seed() {
        return new MultiAccountSeed().member(A, 3, MultiAccountSeed.CENTRAL).member(B, 2, MultiAccountSeed.CENTRAL)
                .member(REFUSING, 2, "9999999999999999").json();
    }

    private static Settings settings(SandboxCloud sc, String accounts) {
        return sc.settings().toBuilder().accounts(AccountsConfig.parse(accounts, null)).build();
    }

    /** One invocation through the FC handler; the Report, and whether the handler threw to make FC retry. */
    private static Invoked invoke(SandboxCloud sc, Settings settings, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FakeContext context = new FakeContext("req-" + java.util.UUID.randomUUID(), SandboxCloud.SANDBOX_KEYS.accessKeyId(),
                SandboxCloud.SANDBOX_KEYS.accessKeySecret(), null, 300_000);
        boolean failed = false;
        try {
            new DnsToOriginHandler().with(settings, sc.cloud()).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                    context);
        } catch (RemediationFailedException e) {
            failed = true;
        }
        return new Invoked(JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject(), failed, context.logged());
    }

    static final class Invoked {
        final JsonObject report;
        final boolean failed;
        final List<String> log;

        Invoked(JsonObject report, boolean failed, List<String> log) {
            this.report = report;
            this.failed = failed;
            this.log = log;
        }
    }

    private static String recordValue(SandboxCloud sc, String account, String rr) {
        return sc.sandbox().read(s -> {
            String zone = "m" + account + ".test";
            return s.member(account).zone(zone).records.stream().filter(r -> r.rr.equals(rr)).findFirst().orElseThrow().value;
        });
    }

    @Test
    void aRunOverThreeMembersRemediatesTheTwoItMayAndReportsTheThird() throws Exception {
        try (SandboxCloud sc = SandboxCloud.start(seed())) {
            sc.sandbox().fcHoldAsync(FakeContext.FUNCTION);
            Settings settings = settings(sc, MultiAccountSeed.roleArn(A) + "," + MultiAccountSeed.roleArn(B) + "," + MultiAccountSeed.roleArn(REFUSING));

            // when the timer runs dns-to-origin in the central account
            Invoked fanOut = invoke(sc, settings, "{\"reason\":\"arrears\"}");

            // then it started one asynchronous invocation of itself per account, and changed nothing itself
            assertFalse(fanOut.failed, fanOut.report::toString);
            JsonArray outcomes = fanOut.report.getAsJsonArray("accounts");
            assertEquals(3, outcomes.size(), fanOut.report::toString);
            for (JsonElement o : outcomes) assertEquals("invoked", o.getAsJsonObject().get("status").getAsString());
            assertEquals(0, fanOut.report.getAsJsonArray("changes").size());
            List<FcAsyncRequest> held = sc.sandbox().takeFcAsyncRequests();
            assertEquals(3, held.size());
            assertTrue(sc.requests("InvokeFunction").stream().allMatch(c -> c.httpStatus == 202 && "V3".equals(c.signature)));
            assertEquals(0, sc.count("AssumeRole"), "the fan-out assumes no role: each member run does");

            // when FC runs each member run (the payload is the Request naming the account and the run it belongs to)
            Map<String, Invoked> byAccount = new HashMap<>();
            for (FcAsyncRequest h : held) {
                Request member = RequestParser.parse(h.payload);
                assertEquals(1, member.accounts().size(), h.payload);
                assertEquals(fanOut.report.get("requestId").getAsString(), member.memberOf());
                assertEquals("arrears", member.reason());
                byAccount.put(member.accounts().get(0), invoke(sc, settings, h.payload));
            }

            // then the two trusting accounts are remediated, each an ordinary run in its own account
            for (String account : List.of(A, B)) {
                Invoked run = byAccount.get(account);
                assertFalse(run.failed, run.report::toString);
                assertEquals(account, run.report.get("account").getAsString());
                assertEquals(fanOut.report.get("requestId").getAsString(), run.report.get("memberOf").getAsString());
                int domains = account.equals(A) ? 3 : 2;
                assertEquals(domains, run.report.getAsJsonObject("summary").get("applied").getAsInt(), run.report::toString);
                for (int i = 0; i < domains; i++) assertEquals(
                        io.cdnlifeline.testing.SeedBuilder.originOf("d" + i + ".m" + account + ".test"), recordValue(sc, account, "d" + i));
                List<String> audit = new ArrayList<>();
                for (String line : run.log) if (line.contains("\"action\"")) audit.add(line);
                assertFalse(audit.isEmpty());
                assertTrue(audit.stream().allMatch(l -> l.startsWith("{\"account\":\"" + account + "\"") && l.contains("\"audit\":\"lifeline\"")), audit::toString);
            }
            // and the third is reported with STS's answer, failing its invocation so that FC retries and tells
            Invoked refused = byAccount.get(REFUSING);
            assertTrue(refused.failed);
            JsonObject outcome = refused.report.getAsJsonArray("accounts").get(0).getAsJsonObject();
            assertEquals(REFUSING, outcome.get("account").getAsString());
            assertEquals("failed", outcome.get("status").getAsString());
            assertEquals("assume-role", outcome.get("step").getAsString());
            assertEquals("NoPermission", outcome.getAsJsonObject("error").get("code").getAsString());
            assertEquals("d0.m" + REFUSING + ".test.w.kunlunsl.com", recordValue(sc, REFUSING, "d0"), "nothing changed there");
            // and the central account was never touched by a domain call
            assertTrue(sc.requests().stream().filter(c -> "cdn".equals(c.product) || "alidns".equals(c.product))
                    .noneMatch(c -> MultiAccountSeed.CENTRAL.equals(c.account)));
        }
    }

    @Test
    void theRoleNamePatternCoversEveryDirectoryMemberAndARequestMayNarrowIt() throws Exception {
        try (SandboxCloud sc = SandboxCloud.start(seed())) {
            sc.sandbox().fcHoldAsync(FakeContext.FUNCTION);
            Settings settings = settings(sc, "rd:" + MultiAccountSeed.ROLE);
            // when a Request narrows the run to two of the directory's members
            Invoked fanOut = invoke(sc, settings, "{\"accounts\":[\"" + A + "\",\"" + REFUSING + "\"]}");
            // then Resource Directory was asked, and two invocations started
            assertEquals(1, sc.count("ListAccounts"));
            assertEquals(2, fanOut.report.getAsJsonArray("accounts").size(), fanOut.report::toString);
            assertEquals(2, sc.sandbox().takeFcAsyncRequests().size());
            // when a Request names one account, it runs here, through the role in that account
            Invoked one = invoke(sc, settings, "{\"accounts\":[\"" + B + "\"],\"dryRun\":true}");
            assertEquals(B, one.report.get("account").getAsString());
            assertEquals(2, one.report.getAsJsonObject("summary").get("planned").getAsInt(), one.report::toString);
            assertTrue(sc.sandbox().takeFcAsyncRequests().isEmpty());
            assertNull(one.report.get("memberOf"));
        }
    }

    @Test
    void anAccountTheConfigurationDoesNotCoverIsBadInputAndChangesNothing() throws Exception {
        try (SandboxCloud sc = SandboxCloud.start(seed())) {
            Settings settings = settings(sc, MultiAccountSeed.roleArn(A));
            BadInputException e = assertThrows(BadInputException.class, () -> invoke(sc, settings, "{\"accounts\":[\"" + B + "\"]}"));
            assertTrue(e.getMessage().contains("does not cover"), e.getMessage());
            assertEquals(0, sc.count("AssumeRole"));
        }
    }

    @Test
    void tokensAreCachedAcrossRunsInTheSameAccount() throws Exception {
        try (SandboxCloud sc = SandboxCloud.start(seed())) {
            Settings settings = settings(sc, MultiAccountSeed.roleArn(A));
            DnsToOriginHandler handler = new DnsToOriginHandler();
            handler.with(settings, sc.cloud());
            for (int i = 0; i < 3; i++) {
                FakeContext context = new FakeContext("r" + i, "sandbox-ak", "sandbox-secret", null, 300_000);
                try {
                    handler.handleRequest(new ByteArrayInputStream("{\"dryRun\":true}".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), context);
                } catch (RemediationFailedException e) {
                    throw new AssertionError(e);
                }
            }
            assertEquals(1, sc.count("AssumeRole"), "one AssumeRole for three runs of one instance");
            String session = sc.requests("AssumeRole").get(0).params.get("RoleSessionName");
            assertEquals("lifeline.dns-to-origin.manual", session);
        }
    }
}
