package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several accounts in one sandbox (issue 19): the top level is the central account, {@code members} are reached only
 * through STS AssumeRole, which each member role's trust decides; the access key or STS token tells the accounts apart.
 */
class MultiAccountTest {
    static final String CENTRAL = "1000000000000001";
    static final String TRUSTING = "2000000000000002";
    static final String WITH_EXTERNAL_ID = "2000000000000003";
    static final String NOT_TRUSTING = "2000000000000004";
    static final String SEED = "{\"accountId\": \"" + CENTRAL + "\","
            + " \"cdn\": [{\"domain\": \"central.example.com\"}],"
            + " \"members\": ["
            + "  {\"accountId\": \"" + TRUSTING + "\", \"cdn\": [{\"domain\": \"a.example.com\"}, {\"domain\": \"b.example.com\"}],"
            + "   \"role\": {\"name\": \"cdn-lifeline-member\"}},"
            + "  {\"accountId\": \"" + WITH_EXTERNAL_ID + "\", \"account\": {\"inDebt\": true}, \"cdn\": [{\"domain\": \"c.example.com\"}],"
            + "   \"role\": {\"name\": \"cdn-lifeline-member\", \"trusts\": [\"acs:ram::" + CENTRAL + ":role/lifeline-central\"],"
            + "             \"externalId\": \"abc-123\"}},"
            + "  {\"accountId\": \"" + NOT_TRUSTING + "\", \"cdn\": [{\"domain\": \"d.example.com\"}],"
            + "   \"role\": {\"name\": \"cdn-lifeline-member\", \"trusts\": [\"9999999999999999\"]}}]}";

    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, SEED);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private RawClient central() {
        return new RawClient(sandbox);
    }

    private static RawClient as(RawClient c, JsonObject assumed) {
        JsonObject credentials = assumed.getAsJsonObject("Credentials");
        c.keyId = credentials.get("AccessKeyId").getAsString();
        c.secret = credentials.get("AccessKeySecret").getAsString();
        c.securityToken = credentials.get("SecurityToken").getAsString();
        return c;
    }

    private static String role(String account) {
        return "acs:ram::" + account + ":role/cdn-lifeline-member";
    }

    @Test
    void aTrustedCallerAssumesTheMemberRoleAndItsCallsRunInTheMemberAccount() {
        // given the central account's key
        RawClient.Answer me = central().call("sts", "GetCallerIdentity");
        assertEquals(CENTRAL, me.body.get("AccountId").getAsString());
        // when it assumes the member role the member trusts
        RawClient.Answer assumed = central().call("sts", "AssumeRole", "RoleArn", role(TRUSTING), "RoleSessionName", "lifeline-test");
        assertEquals(200, assumed.status, assumed.body::toString);
        RawClient member = as(new RawClient(sandbox), assumed.body);
        // then calls signed with the STS key see the member account, and STS says who it is
        RawClient.Answer domains = member.call("cdn", "DescribeUserDomains");
        assertEquals(2, domains.body.get("TotalCount").getAsInt());
        RawClient.Answer who = member.call("sts", "GetCallerIdentity");
        assertEquals(TRUSTING, who.body.get("AccountId").getAsString());
        assertEquals("AssumedRoleUser", who.body.get("IdentityType").getAsString());
        assertEquals("acs:ram::" + TRUSTING + ":assumed-role/cdn-lifeline-member/lifeline-test", who.body.get("Arn").getAsString());
        assertEquals("acs:ram::" + TRUSTING + ":role/cdn-lifeline-member/lifeline-test",
                assumed.body.getAsJsonObject("AssumedRoleUser").get("Arn").getAsString());
        // and the central account still sees its own
        assertEquals(1, central().call("cdn", "DescribeUserDomains").body.get("TotalCount").getAsInt());
        // and the request log names the account of each call
        List<SandboxCall> calls = sandbox.requests();
        assertEquals(TRUSTING, calls.get(2).account);
        assertEquals(CENTRAL, calls.get(calls.size() - 1).account);
    }

    @Test
    void aRoleWhoseTrustDoesNotNameTheCallerIsRefusedWithNoPermission() {
        // when the central account assumes the role of a member that trusts another account
        RawClient.Answer refused = central().call("sts", "AssumeRole", "RoleArn", role(NOT_TRUSTING), "RoleSessionName", "lifeline-test");
        // then STS answers 403 NoPermission, and no key of that member exists
        assertEquals(403, refused.status);
        assertEquals("NoPermission", refused.code());
        assertEquals("You are not authorized to do this action. You should be authorized by RAM.", refused.body.get("Message").getAsString());
        assertTrue(sandbox.<Boolean>read(s -> s.member(NOT_TRUSTING).accessKeys.isEmpty()));
    }

    @Test
    void aTrustNamingARoleAndAnExternalIdAdmitsOnlyThatRolesSessionsWithTheId() {
        // given a member trusting only the central role lifeline-central, with an ExternalId
        String arn = role(WITH_EXTERNAL_ID);
        // when a RAM user of the central account asks: refused
        assertEquals("NoPermission", central().call("sts", "AssumeRole", "RoleArn", arn, "RoleSessionName", "user").code());
        // when the central role's session asks without the ExternalId, or with another: refused; with it: admitted
        RawClient.Answer centralRole = central().call("sts", "AssumeRole", "RoleArn", "acs:ram::" + CENTRAL + ":role/lifeline-central",
                "RoleSessionName", "fc");
        assertEquals(200, centralRole.status);
        assertEquals("NoPermission", as(new RawClient(sandbox), centralRole.body).call("sts", "AssumeRole", "RoleArn", arn,
                "RoleSessionName", "s1").code());
        assertEquals("NoPermission", as(new RawClient(sandbox), centralRole.body).call("sts", "AssumeRole", "RoleArn", arn,
                "RoleSessionName", "s1", "ExternalId", "other").code());
        RawClient.Answer ok = as(new RawClient(sandbox), centralRole.body).call("sts", "AssumeRole", "RoleArn", arn,
                "RoleSessionName", "s1", "ExternalId", "abc-123");
        assertEquals(200, ok.status, ok.body::toString);
        // then the member's own state answers (it is in debt)
        assertTrue(as(new RawClient(sandbox), ok.body).call("cdn", "DescribeUserCdnStatus").body.get("InDebt").getAsBoolean());
    }

    @Test
    void anUnknownRoleOrAccountIsEntityNotExistAndAMalformedArnInvalid() {
        assertEquals("EntityNotExist.Role", central().call("sts", "AssumeRole", "RoleArn", "acs:ram::" + TRUSTING + ":role/other",
                "RoleSessionName", "x1").code());
        assertEquals("EntityNotExist.Role", central().call("sts", "AssumeRole", "RoleArn", "acs:ram::5555555555555555:role/cdn-lifeline-member",
                "RoleSessionName", "x1").code());
        assertEquals("InvalidParameter.RoleArn", central().call("sts", "AssumeRole", "RoleArn", "arn:aws:iam::1:role/x",
                "RoleSessionName", "x1").code());
    }

    @Test
    void listAccountsAnswersTheMembersToTheCentralAccountOnly() {
        // when the central account lists, two per page
        RawClient.Answer page1 = central().call("resourcemanager", "ListAccounts", "PageSize", "2");
        RawClient.Answer page2 = central().call("resourcemanager", "ListAccounts", "PageSize", "2", "PageNumber", "2");
        // then it pages through the three members
        assertEquals(3, page1.body.get("TotalCount").getAsInt());
        List<String> ids = new ArrayList<>();
        for (RawClient.Answer a : List.of(page1, page2)) {
            JsonArray items = a.body.getAsJsonObject("Accounts").getAsJsonArray("Account");
            items.forEach(i -> ids.add(i.getAsJsonObject().get("AccountId").getAsString()));
        }
        assertEquals(List.of(TRUSTING, WITH_EXTERNAL_ID, NOT_TRUSTING), ids);
        // and a member cannot list
        RawClient member = as(new RawClient(sandbox), central().call("sts", "AssumeRole", "RoleArn", role(TRUSTING),
                "RoleSessionName", "x1").body);
        assertEquals("EntityNotExists.ResourceDirectory", member.call("resourcemanager", "ListAccounts").code());
    }

    @Test
    void qpsLimitsArePerAccount() {
        // given QPS enforcement (DescribeTagResources: 10 per second)
        sandbox.setLimits("{\"latencyMs\": 0, \"enforceQps\": true}");
        RawClient member = as(new RawClient(sandbox), central().call("sts", "AssumeRole", "RoleArn", role(TRUSTING),
                "RoleSessionName", "x1").body);
        RawClient central = central();
        // when both accounts make 10 calls at once, then none is throttled; an 11th of the central account is
        int throttled = 0;
        for (int i = 0; i < 10; i++) {
            if (central.call("cdn", "DescribeTagResources", "ResourceType", "DOMAIN").status != 200) throttled++;
            if (member.call("cdn", "DescribeTagResources", "ResourceType", "DOMAIN").status != 200) throttled++;
        }
        assertEquals(0, throttled);
        assertEquals("Throttling.User", central.call("cdn", "DescribeTagResources", "ResourceType", "DOMAIN").code());
    }

    @Test
    void topLevelFaultsApplyToEveryAccount() {
        // given an injected error on DescribeUserDomains at the top level
        sandbox.setFaults("{\"inject\": [{\"action\": \"DescribeUserDomains\", \"code\": \"ServiceBusy\"}]}");
        RawClient member = as(new RawClient(sandbox), central().call("sts", "AssumeRole", "RoleArn", role(TRUSTING),
                "RoleSessionName", "x1").body);
        // then a member's call answers it too
        assertEquals("ServiceBusy", member.call("cdn", "DescribeUserDomains").code());
    }

    @Test
    void theStateReplaysAndAMemberMayNotCarryLimitsFaultsOrLackARole() {
        // the state is the seed format, with members; it replays as given
        String state = sandbox.stateJson();
        sandbox.replaceState(state);
        assertEquals(state, sandbox.stateJson());
        assertNull(sandbox.read(s -> s.member(TRUSTING).limits));
        // refused: limits in a member, no role, a repeated id
        IllegalArgumentException limits = assertThrows(IllegalArgumentException.class, () -> Sandbox.parse(
                "{\"members\": [{\"accountId\": \"2\", \"role\": {\"name\": \"r\"}, \"limits\": {}}]}"));
        assertTrue(limits.getMessage().contains("apply to every account"), limits.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sandbox.parse("{\"members\": [{\"accountId\": \"2\"}]}"))
                .getMessage().contains("needs a \"role\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sandbox.parse(
                "{\"members\": [{\"accountId\": \"2\", \"role\": {\"name\": \"r\"}}, {\"accountId\": \"2\", \"role\": {\"name\": \"r\"}}]}"))
                .getMessage().contains("repeats"));
    }

    @Test
    void storyVerbsFindAMembersDomainAndAccount() {
        // when the cloud takes a member's domain offline and the member goes overdue
        sandbox.play("/_sandbox/domains/a.example.com/offline", null);
        sandbox.play("/_sandbox/account/debt", "{\"accountId\": \"" + TRUSTING + "\"}");
        // then the member's state changed, not the central one's
        assertEquals("offline", sandbox.read(s -> s.member(TRUSTING).cdnDomain("a.example.com").status));
        assertTrue(sandbox.<Boolean>read(s -> s.member(TRUSTING).account.inDebt));
        assertTrue(!sandbox.<Boolean>read(s -> s.account.inDebt));
    }
}
