package io.cdnlifeline.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's many accounts with the member set up by {@code lifeline setup --member-of} (issue 13): the member's own keys
 * make the role there through the sandbox's RAM, and the central account's function role then assumes exactly that role
 * (its trust policy decides, not a seed entry) and remediates the member.
 */
class MemberSetupThenRemediationTest {
    private static final String CENTRAL = "1000000000000001";
    private static final String MEMBER = "2000000000000002";
    /** The member's seed role has another name and trusts no one: only the role setup makes can let the central account in. */
    private static final String SEED = "{\"accountId\":\"" + CENTRAL + "\","
            + "\"accessKeys\":[{\"id\":\"sandbox-ak\",\"secret\":\"sandbox-secret\"},"
            + "{\"id\":\"STS.fc-role\",\"secret\":\"fc-secret\",\"securityToken\":\"fc-token\",\"roleName\":\"cdn-lifeline-fc\",\"sessionName\":\"fc\"}],"
            + "\"members\":[{\"accountId\":\"" + MEMBER + "\",\"account\":{\"inDebt\":true,\"inDebtOverdue\":true},"
            + "\"accessKeys\":[{\"id\":\"member-ak\",\"secret\":\"member-secret\"}],"
            + "\"cdn\":[{\"domain\":\"shop.m.test\",\"status\":\"offline\",\"sources\":[{\"type\":\"ipaddr\",\"content\":\"203.0.113.40\","
            + "\"port\":80,\"priority\":\"20\",\"weight\":\"10\",\"enabled\":\"online\"}]}],"
            + "\"dns\":[{\"zone\":\"m.test\",\"records\":[{\"rr\":\"shop\",\"type\":\"CNAME\",\"value\":\"shop.m.test.w.kunlunsl.com\"}]}],"
            + "\"role\":{\"name\":\"seed-only\",\"trusts\":[\"9999999999999999\"]}}]}";

    @TempDir Path home;

    private Map<String, String> env(String keyId, String secret, String token) {
        return CommandRun.homeEnv(home, "ALIBABA_CLOUD_ACCESS_KEY_ID", keyId, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret,
                "ALIBABA_CLOUD_SECURITY_TOKEN", token);
    }

    private static String record(Sandbox sandbox) {
        return sandbox.read(s -> s.member(MEMBER).zone("m.test").records.get(0).value);
    }

    @Test
    void theCentralFunctionRoleAssumesTheRoleSetupMadeInTheMemberAndRemediatesIt() {
        try (Sandbox sandbox = Sandbox.start(0, SEED)) {
            // given the member set up with its own keys, with an external id
            CommandRun setup = CommandRun.withEnv(env("member-ak", "member-secret", null), "setup", "--endpoint", sandbox.endpoint(),
                    "--member-of", CENTRAL, "--external-id", "lifeline-7f3a");
            assertEquals(0, setup.status, setup::toString);
            // when dns-to-origin runs with the central function role's credentials over that member
            Map<String, String> central = env("STS.fc-role", "fc-secret", "fc-token");
            central.put("LIFELINE_ACCOUNTS", "acs:ram::" + MEMBER + ":role/cdn-lifeline-member");
            central.put("LIFELINE_ACCOUNTS_EXTERNAL_ID", "lifeline-7f3a");
            central.put("LIFELINE_ORIGIN_CHECK", "off");
            CommandRun run = CommandRun.withEnv(central, "invoke", "dns-to-origin", "--payload", "{\"reason\":\"arrears\"}",
                    "--endpoint", sandbox.endpoint());
            // then the role was assumed and the member's record points at the origin
            assertEquals(0, run.status, run::toString);
            JsonObject report = JsonParser.parseString(run.out).getAsJsonObject();
            assertEquals(1, report.getAsJsonObject("summary").get("applied").getAsInt(), run::toString);
            assertEquals("203.0.113.40", record(sandbox));
            assertTrue(sandbox.requests().stream().anyMatch(c -> "AssumeRole".equals(c.action) && c.httpStatus == 200 && CENTRAL.equals(c.account)),
                    () -> sandbox.requests().toString());
        }
    }

    @Test
    void withoutTheExternalIdOrAsAnotherIdentityTheMemberIsNotReached() {
        try (Sandbox sandbox = Sandbox.start(0, SEED)) {
            assertEquals(0, CommandRun.withEnv(env("member-ak", "member-secret", null), "setup", "--endpoint", sandbox.endpoint(),
                    "--member-of", CENTRAL, "--external-id", "lifeline-7f3a").status);
            // the central account's own key is not the function role the trust names; the function role without the id is refused too
            for (Map<String, String> central : new Map[]{env("sandbox-ak", "sandbox-secret", null), env("STS.fc-role", "fc-secret", "fc-token")}) {
                Map<String, String> e = new HashMap<>(central);
                e.put("LIFELINE_ACCOUNTS", "acs:ram::" + MEMBER + ":role/cdn-lifeline-member");
                if (e.get("ALIBABA_CLOUD_ACCESS_KEY_ID").equals("sandbox-ak")) e.put("LIFELINE_ACCOUNTS_EXTERNAL_ID", "lifeline-7f3a");
                e.put("LIFELINE_ORIGIN_CHECK", "off");
                CommandRun run = CommandRun.withEnv(e, "invoke", "dns-to-origin", "--payload", "{\"reason\":\"arrears\"}",
                        "--endpoint", sandbox.endpoint());
                assertEquals(ExitStatus.FAILED, run.status, run::toString);
                assertTrue(run.out.contains("NoPermission"), run::toString);
            }
            assertEquals("shop.m.test.w.kunlunsl.com", record(sandbox));
        }
    }
}
