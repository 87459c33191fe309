package io.cdnlifeline.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's done-when through the command line against the sandbox: LIFELINE_ACCOUNTS names three member accounts, one
 * of whose roles does not trust the central account; the accounts run at once in this process, the two it may are
 * remediated, the third is reported with STS's answer, in one table with an account column and a summary per account.
 */
class InvokeAccountsTest {
    static final String CENTRAL = "1000000000000001";
    static final String A = "2000000000000002";
    static final String B = "2000000000000003";
    static final String REFUSING = "2000000000000004";

    static String member(String id, int domains, String trusts) {
        StringBuilder cdn = new StringBuilder();
        StringBuilder records = new StringBuilder();
        String zone = "m" + id + ".test";
        for (int i = 0; i < domains; i++) {
            String name = "d" + i + "." + zone;
            if (i > 0) {
                cdn.append(',');
                records.append(',');
            }
            cdn.append("{\"domain\":\"").append(name).append("\",\"status\":\"offline\",\"sources\":[{\"type\":\"ipaddr\",\"content\":\"203.0.113.")
                    .append(10 + i).append("\",\"port\":80,\"priority\":\"20\",\"weight\":\"10\",\"enabled\":\"online\"}]}");
            records.append("{\"rr\":\"d").append(i).append("\",\"type\":\"CNAME\",\"value\":\"").append(name).append(".w.kunlunsl.com\"}");
        }
        return "{\"accountId\":\"" + id + "\",\"account\":{\"inDebt\":true,\"inDebtOverdue\":true},\"cdn\":[" + cdn + "],"
                + "\"dns\":[{\"zone\":\"" + zone + "\",\"records\":[" + records + "]}],"
                + "\"role\":{\"name\":\"cdn-lifeline-member\",\"trusts\":[\"" + trusts + "\"]}}";
    }

    static String seed() {
        return "{\"accountId\":\"" + CENTRAL + "\",\"members\":[" + member(A, 3, CENTRAL) + "," + member(B, 2, CENTRAL) + ","
                + member(REFUSING, 2, "9999999999999999") + "]}";
    }

    static String arn(String id) {
        return "acs:ram::" + id + ":role/cdn-lifeline-member";
    }

    private static String value(Sandbox sandbox, String account, String rr) {
        return sandbox.read(s -> s.member(account).zone("m" + account + ".test").records.stream().filter(r -> r.rr.equals(rr))
                .findFirst().orElseThrow().value);
    }

    @Test
    void threeMembersRunAtOnceTwoAreRemediatedAndTheUntrustingOneIsReported() {
        try (Sandbox sandbox = Sandbox.start(0, seed())) {
            Map<String, String> env = new HashMap<>();
            env.put("LIFELINE_ACCOUNTS", arn(A) + "," + arn(B) + "," + arn(REFUSING));
            // when dns-to-origin runs from the command line
            CommandRun run = CommandRun.withEnv(env, "invoke", "dns-to-origin", "--payload", "{\"reason\":\"arrears\"}", "--endpoint",
                    sandbox.endpoint());
            // then it exits 1 (one account could not be worked on), and the Report has each account's own Report
            assertEquals(ExitStatus.FAILED, run.status, run::toString);
            JsonObject all = JsonParser.parseString(run.out).getAsJsonObject();
            JsonArray accounts = all.getAsJsonArray("accounts");
            assertEquals(3, accounts.size());
            Map<String, JsonObject> byId = new HashMap<>();
            for (JsonElement a : accounts) byId.put(a.getAsJsonObject().get("account").getAsString(), a.getAsJsonObject());
            assertEquals("done", byId.get(A).get("status").getAsString());
            assertEquals(3, byId.get(A).getAsJsonObject("report").getAsJsonObject("summary").get("applied").getAsInt());
            assertEquals(2, byId.get(B).getAsJsonObject("report").getAsJsonObject("summary").get("applied").getAsInt());
            assertEquals("failed", byId.get(REFUSING).get("status").getAsString());
            assertEquals("assume-role", byId.get(REFUSING).get("step").getAsString());
            assertEquals("NoPermission", byId.get(REFUSING).getAsJsonObject("error").get("code").getAsString());
            assertEquals(5, all.getAsJsonObject("summary").get("applied").getAsInt());
            assertEquals(1, all.getAsJsonObject("summary").get("failedAccounts").getAsInt());
            assertTrue(run.err.contains("1 could not be worked on"), run::toString);
            // and the accounts are what the runs made of them
            assertEquals("203.0.113.10", value(sandbox, A, "d0"));
            assertEquals("203.0.113.11", value(sandbox, B, "d1"));
            assertEquals("d0.m" + REFUSING + ".test.w.kunlunsl.com", value(sandbox, REFUSING, "d0"));
            // and each role was assumed once, with a session name saying who and why
            assertEquals(3, sandbox.requests().stream().filter(c -> "AssumeRole".equals(c.action)).count());
            assertTrue(sandbox.requests().stream().filter(c -> "AssumeRole".equals(c.action))
                    .allMatch(c -> c.params.get("RoleSessionName").equals("lifeline.dns-to-origin.cli")), () -> sandbox.requests().toString());
        }
    }

    @Test
    void theTableHasAnAccountColumnAndASummaryPerAccountAndARequestNarrowsTheRun() {
        try (Sandbox sandbox = Sandbox.start(0, seed())) {
            Map<String, String> env = new HashMap<>();
            env.put("LIFELINE_ACCOUNTS", "rd:cdn-lifeline-member");
            // when a dry run is narrowed to two of the directory's members, as a table
            CommandRun run = CommandRun.withEnv(env, "invoke", "dns-to-origin", "--payload", "{\"accounts\":[\"" + A + "\",\"" + B + "\"]}",
                    "--dry-run", "--endpoint", sandbox.endpoint(), "--output", "table");
            // then one table of changes with the account first, and a summary row per account
            assertEquals(ExitStatus.DONE, run.status, run::toString);
            assertTrue(run.out.contains("dns-to-origin over 2 accounts"), run.out);
            String[] lines = run.out.split("\n");
            long changeRows = java.util.Arrays.stream(lines).filter(l -> l.startsWith(A + "  planned") || l.startsWith(B + "  planned")).count();
            assertEquals(5, changeRows, run.out);
            assertTrue(java.util.Arrays.stream(lines).anyMatch(l -> l.matches(A + " +done +0 +3 .*")), run.out);
            assertTrue(java.util.Arrays.stream(lines).anyMatch(l -> l.matches(B + " +done +0 +2 .*")), run.out);
            assertTrue(!run.out.contains(REFUSING), "narrowed: the third account is not in the run");
        }
    }

    @Test
    void doctorSaysWhichRolesCanBeAssumedAndByWhom() {
        try (Sandbox sandbox = Sandbox.start(0, seed())) {
            Map<String, String> env = new HashMap<>();
            env.put("LIFELINE_ACCOUNTS", arn(A) + "," + arn(REFUSING) + ",acs:ram::" + B + ":role/missing");
            // when the operator runs doctor
            CommandRun run = CommandRun.withEnv(env, "doctor", "--endpoint", sandbox.endpoint());
            // then every configured account is listed: one assumable, one whose trust refuses, one without the role
            assertEquals(ExitStatus.FAILED, run.status, run::toString);
            assertTrue(run.out.contains("assumed by acs:ram::" + CENTRAL + ":user/sandbox"), run.out);
            assertTrue(run.out.matches("(?s).*" + A + " +assumable: acs:ram::" + A + ":role/cdn-lifeline-member/lifeline.doctor.cli;"
                    + " cdn:DescribeUserDomains granted.*"), run.out);
            assertTrue(run.out.matches("(?s).*" + REFUSING + " +NOT ASSUMABLE: .*NoPermission.*"), run.out);
            assertTrue(run.out.matches("(?s).*" + B + " +NOT ASSUMABLE: .*EntityNotExist.Role.*"), run.out);
            assertTrue(run.out.contains("usable: no (2)"), run.out);
        }
    }

    @Test
    void inspectShowsEveryConfiguredAccount() {
        try (Sandbox sandbox = Sandbox.start(0, seed())) {
            Map<String, String> env = new HashMap<>();
            env.put("LIFELINE_ACCOUNTS", arn(A) + "," + arn(B));
            CommandRun run = CommandRun.withEnv(env, "inspect", "--endpoint", sandbox.endpoint());
            assertEquals(ExitStatus.DONE, run.status, run::toString);
            assertTrue(run.out.contains("account " + A) && run.out.contains("account " + B), run.out);
            assertTrue(run.out.contains("d2.m" + A + ".test") && run.out.contains("d1.m" + B + ".test"), run.out);
        }
    }
}
