package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * STS AssumeRole into a member account's role that was made there through the sandbox's RAM (CreateRole with a trust
 * policy, as {@code lifeline setup --member-of} makes it): the trust policy decides, not the seed's {@code role}.
 */
class AssumeRamRoleTest {
    private static final String CENTRAL = "1000000000000001";
    private static final String MEMBER = "2000000000000002";
    private static final String SEED = "{\"accountId\": \"" + CENTRAL + "\","
            + " \"accessKeys\": [{\"id\": \"sandbox-ak\", \"secret\": \"sandbox-secret\"}],"
            + " \"members\": [{\"accountId\": \"" + MEMBER + "\", \"cdn\": [{\"domain\": \"m.example.com\"}],"
            + "   \"accessKeys\": [{\"id\": \"member-ak\", \"secret\": \"member-secret\"}],"
            + "   \"role\": {\"name\": \"seed-role\", \"trusts\": [\"9999999999999999\"]}}]}";

    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, SEED);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private RawClient member() {
        RawClient c = new RawClient(sandbox);
        c.keyId = "member-ak";
        c.secret = "member-secret";
        return c;
    }

    private static RawClient as(JsonObject assumed, Sandbox sandbox) {
        RawClient c = new RawClient(sandbox);
        JsonObject credentials = assumed.getAsJsonObject("Credentials");
        c.keyId = credentials.get("AccessKeyId").getAsString();
        c.secret = credentials.get("AccessKeySecret").getAsString();
        c.securityToken = credentials.get("SecurityToken").getAsString();
        return c;
    }

    private static String trust(String principal, String externalId) {
        return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Principal\":{\"RAM\":[\""
                + principal + "\"]}" + (externalId == null ? "" : ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"" + externalId + "\"}}")
                + "}]}";
    }

    /** A session of the central account's function role, as FC hands the functions. */
    private RawClient centralFunctionRole() {
        RawClient.Answer own = new RawClient(sandbox).call("sts", "AssumeRole", "RoleArn", "acs:ram::" + CENTRAL + ":role/cdn-lifeline-fc",
                "RoleSessionName", "fc");
        assertEquals(200, own.status, own.body::toString);
        return as(own.body, sandbox);
    }

    @Test
    void theRolesTrustPolicyAdmitsTheCentralFunctionRoleWithItsExternalIdAndNoOneElse() {
        // given the member made a role trusting only the central function role, with an external id (as setup --member-of does)
        RawClient.Answer made = member().call("ram", "CreateRole", "RoleName", "cdn-lifeline-member",
                "AssumeRolePolicyDocument", trust("acs:ram::" + CENTRAL + ":role/cdn-lifeline-fc", "ext-1"));
        assertEquals(200, made.status, made.body::toString);
        String arn = "acs:ram::" + MEMBER + ":role/cdn-lifeline-member";
        RawClient fc = centralFunctionRole();
        // when the central function role assumes it with the external id
        RawClient.Answer assumed = fc.call("sts", "AssumeRole", "RoleArn", arn, "RoleSessionName", "lifeline", "ExternalId", "ext-1");
        // then it gets a key of the member account, whose calls run there
        assertEquals(200, assumed.status, assumed.body::toString);
        RawClient inMember = as(assumed.body, sandbox);
        assertEquals(MEMBER, inMember.call("sts", "GetCallerIdentity").body.get("AccountId").getAsString());
        assertEquals(200, inMember.call("cdn", "StopCdnDomain", "DomainName", "m.example.com").status);
        assertEquals("offline", sandbox.read(s -> s.member(MEMBER).cdnDomain("m.example.com").status));
        // and without the external id, with a wrong one, or as the central account's own key (not the role), it is NoPermission
        for (RawClient.Answer refused : new RawClient.Answer[]{
                fc.call("sts", "AssumeRole", "RoleArn", arn, "RoleSessionName", "lifeline"),
                fc.call("sts", "AssumeRole", "RoleArn", arn, "RoleSessionName", "lifeline", "ExternalId", "other"),
                new RawClient(sandbox).call("sts", "AssumeRole", "RoleArn", arn, "RoleSessionName", "lifeline", "ExternalId", "ext-1")}) {
            assertEquals(403, refused.status, refused.body::toString);
            assertEquals("NoPermission", refused.code());
        }
    }

    @Test
    void anAccountPrincipalAdmitsEveryIdentityOfThatAccountAndADenyWins() {
        String arn = "acs:ram::" + MEMBER + ":role/by-account";
        assertEquals(200, member().call("ram", "CreateRole", "RoleName", "by-account",
                "AssumeRolePolicyDocument", trust("acs:ram::" + CENTRAL + ":root", null)).status);
        assertEquals(200, new RawClient(sandbox).call("sts", "AssumeRole", "RoleArn", arn, "RoleSessionName", "s1").status);
        // a role whose trust denies the central account as well as allowing it is not assumed
        String denying = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Principal\":{\"RAM\":\""
                + CENTRAL + "\"}},{\"Effect\":\"Deny\",\"Action\":\"sts:AssumeRole\",\"Principal\":{\"RAM\":[\"acs:ram::" + CENTRAL + ":root\"]}}]}";
        assertEquals(200, member().call("ram", "CreateRole", "RoleName", "denied", "AssumeRolePolicyDocument", denying).status);
        RawClient.Answer refused = new RawClient(sandbox).call("sts", "AssumeRole", "RoleArn", "acs:ram::" + MEMBER + ":role/denied",
                "RoleSessionName", "s1");
        assertEquals("NoPermission", refused.code());
        // and a trust of another account (a service principal included) admits no one here
        assertEquals(200, member().call("ram", "CreateRole", "RoleName", "fc-only",
                "AssumeRolePolicyDocument", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                        + "\"Principal\":{\"Service\":[\"fc.aliyuncs.com\"]}}]}").status);
        assertEquals("NoPermission", new RawClient(sandbox).call("sts", "AssumeRole", "RoleArn", "acs:ram::" + MEMBER + ":role/fc-only",
                "RoleSessionName", "s1").code());
    }

    @Test
    void theSeedsRoleStillAnswersWhenRamHasNoRoleOfThatName() {
        RawClient.Answer refused = new RawClient(sandbox).call("sts", "AssumeRole", "RoleArn", "acs:ram::" + MEMBER + ":role/seed-role",
                "RoleSessionName", "s1");
        assertEquals("NoPermission", refused.code());
        RawClient.Answer missing = new RawClient(sandbox).call("sts", "AssumeRole", "RoleArn", "acs:ram::" + MEMBER + ":role/nothing",
                "RoleSessionName", "s1");
        assertEquals("EntityNotExist.Role", missing.code());
        assertFalse(missing.status == 200);
        assertTrue(TrustPolicy.admits(trust(CENTRAL, null), CENTRAL, null, null));
    }
}
