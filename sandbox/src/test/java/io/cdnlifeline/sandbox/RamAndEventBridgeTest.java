package io.cdnlifeline.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox's RAM and EventBridge control plane: state, limits and refusals as the APIs document them. */
class RamAndEventBridgeTest {
    private static final String DOC = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"cdn:DescribeUserDomains\",\"Resource\":\"*\"}]}";
    private static final String TRUST = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
            + "\"Principal\":{\"Service\":[\"fc.aliyuncs.com\"]}}]}";
    private Sandbox sandbox;
    private RawClient client;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, null);
        client = new RawClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private RawClient.Answer ram(String action, String... params) {
        return client.call("ram", action, params);
    }

    @Test
    void aSixthPolicyVersionIsRefusedUnlessTheOldestOtherVersionMayGo() {
        // given a policy with five versions, v5 the default
        assertEquals(200, ram("CreatePolicy", "PolicyName", "p", "PolicyDocument", DOC).status);
        for (int v = 2; v <= 5; v++) {
            assertEquals(200, ram("CreatePolicyVersion", "PolicyName", "p", "PolicyDocument", DOC, "SetAsDefault", "true").status);
        }
        // when a sixth is made without a rotate strategy
        RawClient.Answer refused = ram("CreatePolicyVersion", "PolicyName", "p", "PolicyDocument", DOC);
        // then RAM's limit answers, and nothing changed
        assertEquals(409, refused.status);
        assertEquals("LimitExceeded.Policy.Version", refused.body.get("Code").getAsString());
        // when it is made with DeleteOldestNonDefaultVersionWhenLimitExceeded
        RawClient.Answer rotated = ram("CreatePolicyVersion", "PolicyName", "p", "PolicyDocument", DOC, "RotateStrategy",
                "DeleteOldestNonDefaultVersionWhenLimitExceeded");
        // then v1 made room for v6, which is not the default (SetAsDefault was not given)
        assertEquals(200, rotated.status, rotated.body::toString);
        assertEquals("v6", rotated.body.getAsJsonObject("PolicyVersion").get("VersionId").getAsString());
        RawClient.Answer listed = ram("ListPolicyVersions", "PolicyType", "Custom", "PolicyName", "p");
        assertEquals(5, listed.body.getAsJsonObject("PolicyVersions").getAsJsonArray("PolicyVersion").size());
        assertEquals("v2", listed.body.getAsJsonObject("PolicyVersions").getAsJsonArray("PolicyVersion").get(0)
                .getAsJsonObject().get("VersionId").getAsString());
        assertEquals("v5", ram("GetPolicy", "PolicyType", "Custom", "PolicyName", "p").body
                .getAsJsonObject("DefaultPolicyVersion").get("VersionId").getAsString());
        // and the default version cannot be deleted
        RawClient.Answer deleteDefault = ram("DeletePolicyVersion", "PolicyName", "p", "VersionId", "v5");
        assertEquals("DeleteConflict.Policy.Version.Default", deleteDefault.body.get("Code").getAsString());
    }

    @Test
    void aPolicyOrRoleStillInUseIsNotDeleted() {
        // given a role with a policy of two versions attached
        String trust = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Principal\":{\"Service\":[\"fc.aliyuncs.com\"]}}]}";
        assertEquals(200, ram("CreateRole", "RoleName", "r", "AssumeRolePolicyDocument", trust).status);
        assertEquals(200, ram("CreatePolicy", "PolicyName", "p", "PolicyDocument", DOC).status);
        assertEquals(200, ram("CreatePolicyVersion", "PolicyName", "p", "PolicyDocument", DOC, "SetAsDefault", "true").status);
        assertEquals(200, ram("AttachPolicyToRole", "PolicyType", "Custom", "PolicyName", "p", "RoleName", "r").status);
        // when the role and the policy are deleted while in use, each is refused with RAM's conflict code
        assertEquals("DeleteConflict.Role.Policy", ram("DeleteRole", "RoleName", "r").body.get("Code").getAsString());
        assertEquals("DeleteConflict.Policy.Role", ram("DeletePolicy", "PolicyName", "p").body.get("Code").getAsString());
        assertEquals(200, ram("DetachPolicyFromRole", "PolicyType", "Custom", "PolicyName", "p", "RoleName", "r").status);
        assertEquals("EntityNotExist.Role.Policy",
                ram("DetachPolicyFromRole", "PolicyType", "Custom", "PolicyName", "p", "RoleName", "r").body.get("Code").getAsString());
        assertEquals("DeleteConflict.Policy.Version", ram("DeletePolicy", "PolicyName", "p").body.get("Code").getAsString());
        // then, in the order uninstall takes, each goes
        assertEquals(200, ram("DeletePolicyVersion", "PolicyName", "p", "VersionId", "v1").status);
        assertEquals(200, ram("DeletePolicy", "PolicyName", "p").status);
        assertEquals(200, ram("DeleteRole", "RoleName", "r").status);
        assertEquals("EntityNotExist.Role", ram("GetRole", "RoleName", "r").body.get("Code").getAsString());
        assertEquals("EntityNotExist.Policy", ram("GetPolicy", "PolicyType", "Custom", "PolicyName", "p").body.get("Code").getAsString());
    }

    @Test
    void documentsRamWouldRefuseAreRefusedWithWhatIsWrong() {
        String[][] bad = {
                {"not json", "not valid JSON"},
                {"{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"cdn:X\"}]}", "Resource is required"},
                {"{\"Version\":\"2\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"cdn:X\",\"Resource\":\"*\"}]}", "Version must be \"1\""},
                {"{\"Version\":\"1\",\"Statement\":[]}", "non-empty"},
                {"{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"cdn:X\",\"Resource\":\"*\"}]}", "Effect must be Allow or Deny"},
                {"{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"cdn:X\",\"Resource\":\"*\"}],\"Id\":\"x\"}", "unknown element 'Id'"},
        };
        for (String[] b : bad) {
            RawClient.Answer a = ram("CreatePolicy", "PolicyName", "p", "PolicyDocument", b[0]);
            assertEquals(400, a.status, b[0]);
            assertEquals("MalformedPolicyDocument", a.body.get("Code").getAsString(), b[0]);
            assertTrue(a.body.get("Message").getAsString().contains(b[1]), a.body::toString);
        }
        RawClient.Answer tooLong = ram("CreatePolicy", "PolicyName", "p", "PolicyDocument", DOC + " ".repeat(6200));
        assertEquals("InvalidParameter.PolicyDocument.Length", tooLong.body.get("Code").getAsString());
        // a trust policy needs its principal
        RawClient.Answer noPrincipal = ram("CreateRole", "RoleName", "r", "AssumeRolePolicyDocument", DOC);
        assertEquals("MalformedPolicyDocument", noPrincipal.body.get("Code").getAsString());
        String[] policies = new String[1];
        sandbox.update(s -> policies[0] = String.valueOf(s.ram.find(StsApi.DEFAULT_ACCOUNT_ID)));
        assertEquals("null", policies[0], "a refused policy was kept");
    }

    @Test
    void rolesPoliciesAndAttachmentsAreKeptPerAccountAndNotMadeTwice() {
        assertEquals(200, ram("CreateRole", "RoleName", "cdn-lifeline-fc", "AssumeRolePolicyDocument", TRUST).status);
        RawClient.Answer again = ram("CreateRole", "RoleName", "CDN-Lifeline-FC", "AssumeRolePolicyDocument", TRUST);
        assertEquals(409, again.status);
        assertEquals("EntityAlreadyExists.Role", again.body.get("Code").getAsString());
        assertEquals(200, ram("CreatePolicy", "PolicyName", "cdn-lifeline-fc", "PolicyDocument", DOC).status);
        assertEquals(200, ram("AttachPolicyToRole", "PolicyType", "Custom", "PolicyName", "cdn-lifeline-fc", "RoleName", "cdn-lifeline-fc").status);
        RawClient.Answer twice = ram("AttachPolicyToRole", "PolicyType", "Custom", "PolicyName", "cdn-lifeline-fc", "RoleName", "cdn-lifeline-fc");
        assertEquals("EntityAlreadyExists.Role.Policy", twice.body.get("Code").getAsString());
        RawClient.Answer missing = ram("GetRole", "RoleName", "nobody");
        assertEquals(404, missing.status);
        assertEquals("EntityNotExist.Role", missing.body.get("Code").getAsString());
        // the state is the caller's account's
        String[] holder = new String[1];
        sandbox.update(s -> holder[0] = s.ram.find(StsApi.DEFAULT_ACCOUNT_ID).role("cdn-lifeline-fc").attached.get(0).policyName);
        assertEquals("cdn-lifeline-fc", holder[0]);
        sandbox.update(s -> s.accountId = "5566778899001122");
        assertEquals(404, ram("GetRole", "RoleName", "cdn-lifeline-fc").status);
    }

    @Test
    void aRuleNeedsItsBusAPatternAndTargetsWithAnArn() {
        RawClient.Answer noBus = client.call("eventbridge", "CreateRule", "EventBusName", "cdn-lifeline", "RuleName", "rule-1", "FilterPattern", "{}");
        assertEquals("EventBusNotExist", noBus.body.get("Code").getAsString());
        assertEquals(200, client.call("eventbridge", "CreateEventBus", "EventBusName", "cdn-lifeline").status);
        RawClient.Answer badPattern = client.call("eventbridge", "CreateRule", "EventBusName", "cdn-lifeline", "RuleName", "rule-1",
                "FilterPattern", "[1]");
        assertEquals("EventRuleFilterPatternSchemaError", badPattern.body.get("Code").getAsString());
        RawClient.Answer badTarget = client.call("eventbridge", "CreateRule", "EventBusName", "cdn-lifeline", "RuleName", "rule-1",
                "FilterPattern", "{}", "EventTargets", "[{\"Id\":\"f\",\"Type\":\"acs.fc.function\",\"Endpoint\":\"dns-to-origin\"}]");
        assertEquals(400, badTarget.status);
        assertFalse(badTarget.body.get("Code").getAsString().isEmpty());
        RawClient.Answer made = client.call("eventbridge", "CreateRule", "EventBusName", "cdn-lifeline", "RuleName", "rule-1",
                "FilterPattern", "{\"type\":[\"lifeline:Notification:OverduePayment\"]}",
                "EventTargets", "[{\"Id\":\"f\",\"Type\":\"acs.fc.function\",\"Endpoint\":\"acs:fc:cn-hangzhou:1234567890123456:functions/dns-to-origin\"}]");
        assertEquals(200, made.status, made.body::toString);
        RawClient.Answer read = client.call("eventbridge", "GetRule", "EventBusName", "cdn-lifeline", "RuleName", "rule-1");
        assertEquals("acs:fc:cn-hangzhou:1234567890123456:functions/dns-to-origin",
                read.body.getAsJsonObject("Data").getAsJsonArray("Targets").get(0).getAsJsonObject().get("Endpoint").getAsString());
        RawClient.Answer noRule = client.call("eventbridge", "GetRule", "EventBusName", "cdn-lifeline", "RuleName", "other");
        assertEquals("EventRuleNotExisted", noRule.body.get("Code").getAsString());
        assertNotNull(read.body.get("Success"));
    }
}
