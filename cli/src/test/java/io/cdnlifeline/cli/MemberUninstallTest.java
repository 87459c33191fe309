package io.cdnlifeline.cli;

import io.cdnlifeline.sandbox.RamState;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mirror of {@code lifeline setup --member-of}: {@code lifeline uninstall --member-of}, run with the member's keys,
 * removes the member role and its policy, and refuses while a domain there still carries a lifeline marker; the
 * central uninstall names the member accounts of LIFELINE_ACCOUNTS and the command for each.
 */
class MemberUninstallTest {
    private static final String CENTRAL = "1000000000000001";
    private static final String MEMBER = "2000000000000002";
    private static final String SEED = "{\"accountId\":\"" + CENTRAL + "\","
            + "\"accessKeys\":[{\"id\":\"sandbox-ak\",\"secret\":\"sandbox-secret\"},"
            + "{\"id\":\"STS.fc-role\",\"secret\":\"fc-secret\",\"securityToken\":\"fc-token\",\"roleName\":\"cdn-lifeline-fc\",\"sessionName\":\"fc\"}],"
            + "\"members\":[{\"accountId\":\"" + MEMBER + "\",\"account\":{\"inDebt\":true,\"inDebtOverdue\":true},"
            + "\"accessKeys\":[{\"id\":\"member-ak\",\"secret\":\"member-secret\"}],"
            + "\"cdn\":[{\"domain\":\"shop.m.test\",\"status\":\"online\",\"sources\":[{\"type\":\"ipaddr\",\"content\":\"203.0.113.40\","
            + "\"port\":80,\"priority\":\"20\",\"weight\":\"10\",\"enabled\":\"online\"}]}],"
            + "\"dns\":[{\"zone\":\"m.test\",\"records\":[{\"rr\":\"shop\",\"type\":\"CNAME\",\"value\":\"shop.m.test.w.kunlunsl.com\"}]}],"
            + "\"role\":{\"name\":\"seed-only\",\"trusts\":[\"9999999999999999\"]}}]}";

    @TempDir Path home;

    private Map<String, String> env(String keyId, String secret, String token) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", keyId);
        env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret);
        if (token != null) env.put("ALIBABA_CLOUD_SECURITY_TOKEN", token);
        return env;
    }

    private Map<String, String> centralFunctionRole() {
        Map<String, String> central = env("STS.fc-role", "fc-secret", "fc-token");
        central.put("LIFELINE_ACCOUNTS", "acs:ram::" + MEMBER + ":role/cdn-lifeline-member");
        return central;
    }

    @Test
    void theMemberRoleGoesOnlyOnceNoMarkerIsLeftThere() {
        try (Sandbox sandbox = Sandbox.start(0, SEED)) {
            String endpoint = sandbox.endpoint();
            Map<String, String> member = env("member-ak", "member-secret", null);
            // given the member set up with its own keys, and the central functions' remediation of its debt there
            assertEquals(0, CommandRun.withEnv(member, "setup", "--endpoint", endpoint, "--member-of", CENTRAL).status);
            CommandRun remedied = CommandRun.withEnv(centralFunctionRole(), "invoke", "dns-to-origin", "--payload", "{\"reason\":\"arrears\"}",
                    "--endpoint", endpoint);
            assertEquals(0, remedied.status, remedied::toString);
            assertTrue(sandbox.read(s -> s.member(MEMBER).zone("m.test").records.get(0).remark).startsWith("lifeline:"));

            // when the member's role is to be removed while that domain carries lifeline's marker
            CommandRun refused = CommandRun.withEnv(member, "uninstall", "--member-of", CENTRAL, "--yes", "--endpoint", endpoint);

            // then it refuses, names the domain, and the role stays
            assertEquals(ExitStatus.REFUSED, refused.status, refused::toString);
            assertTrue(refused.err.contains("shop.m.test") && refused.err.contains("Nothing was changed"), refused::toString);
            assertNotNull(memberRam(sandbox).role("cdn-lifeline-member"));

            // and the central uninstall names the member account and the command that removes its role
            CommandRun central = CommandRun.withEnv(Map.of("HOME", home.toString(), "ALIBABA_CLOUD_ACCESS_KEY_ID", "sandbox-ak",
                    "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "sandbox-secret", "LIFELINE_ACCOUNTS", "acs:ram::" + MEMBER + ":role/cdn-lifeline-member"),
                    "uninstall", "--yes", "--keep-setup", "--endpoint", endpoint);
            assertEquals(0, central.status, central::toString);
            assertTrue(central.out.contains("  " + MEMBER + ": ") && central.out.contains("lifeline uninstall --member-of " + CENTRAL), central::toString);

            // when the debt is settled, the central functions put the record back, and the member's uninstall runs again
            sandbox.update(s -> {
                s.member(MEMBER).account.inDebt = false;
                s.member(MEMBER).account.inDebtOverdue = false;
            });
            CommandRun restored = CommandRun.withEnv(centralFunctionRole(), "invoke", "dns-to-cdn", "--payload", "{\"reason\":\"settled\"}",
                    "--endpoint", endpoint);
            assertEquals(0, restored.status, restored::toString);
            CommandRun done = Transcript.print(CommandRun.withEnv(member, "uninstall", "--member-of", CENTRAL, "--yes", "--endpoint", endpoint),
                    "uninstall", "--member-of", CENTRAL, "--yes");

            // then the member role and its policy are gone, detached first
            assertEquals(0, done.status, done::toString);
            assertTrue(done.out.contains("- detach policy cdn-lifeline-member from role cdn-lifeline-member"), done::toString);
            assertNull(memberRam(sandbox).role("cdn-lifeline-member"));
            assertNull(memberRam(sandbox).policy("cdn-lifeline-member"));
        }
    }

    private static RamState.Account memberRam(Sandbox sandbox) {
        return sandbox.read(s -> s.member(MEMBER).ram.find(MEMBER));
    }
}
