package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * STS 2015-04-01, in the shapes of api-examples/sts: {@code GetCallerIdentity} (who signed: the account id from the
 * seed's {@code accountId}; {@code AssumedRoleUser} for a key with a security token, else {@code RAMUser}) and
 * {@code AssumeRole} (any role of this account: the STS key it hands out is added to the accepted keys, so calls
 * signed with it work until the state is replaced), and {@code AssumeRoleWithOIDC} (unsigned, as STS takes it).
 */
final class StsApi implements ProductApi {
    static final String VERSION = "2015-04-01";
    /** The account id when the seed names none. */
    static final String DEFAULT_ACCOUNT_ID = "1234567890123456";
    static final String ASSUME_ROLE_WITH_OIDC = "AssumeRoleWithOIDC";

    @Override
    public String product() {
        return "sts";
    }

    @Override
    public String hostId() {
        return "sts.aliyuncs.com";
    }

    @Override
    public JsonObject call(String action, Params p, SandboxState s) {
        String account = s.accountId == null ? DEFAULT_ACCOUNT_ID : s.accountId;
        switch (action) {
            case "GetCallerIdentity":
                return callerIdentity(account, key(s, p.get("AccessKeyId")));
            case "AssumeRole":
                return assumeRole(account, p, s);
            case ASSUME_ROLE_WITH_OIDC:
                return assumeRoleWithOidc(account, p, s);
            default:
                throw ProductApi.unknownAction();
        }
    }

    private static JsonObject callerIdentity(String account, AccessKey key) {
        JsonObject out = new JsonObject();
        boolean sts = key != null && key.securityToken != null;
        String principal = Integer.toUnsignedString((key == null ? "" : key.id).hashCode());
        out.addProperty("IdentityType", sts ? "AssumedRoleUser" : "RAMUser");
        out.addProperty("AccountId", account);
        out.addProperty("PrincipalId", principal);
        if (sts) {
            out.addProperty("RoleId", principal);
            out.addProperty("Arn", "acs:ram::" + account + ":assumed-role/sandbox-role/sandbox");
        } else {
            out.addProperty("UserId", principal);
            out.addProperty("Arn", "acs:ram::" + account + ":user/sandbox");
        }
        return out;
    }

    /** STS's one unsigned operation: the OIDC token is the proof (the caller has no AccessKey yet). */
    static boolean isAnonymous(ProductApi api, String action) {
        return api instanceof StsApi && ASSUME_ROLE_WITH_OIDC.equals(action);
    }

    /**
     * {@code AssumeRoleWithOIDC}: an OIDC provider of this account ({@code acs:ram::<accountId>:oidc-provider/<name>}) and
     * a non-empty token; the sandbox cannot check the token's issuer or signature. The answer has AssumeRole's shape
     * (Credentials, AssumedRoleUser), which is all the credential libraries read; api-examples has no example of it.
     */
    private static JsonObject assumeRoleWithOidc(String account, Params p, SandboxState s) {
        String provider = p.require("OIDCProviderArn");
        p.require("OIDCToken");
        if (!provider.startsWith("acs:ram::" + account + ":oidc-provider/")) {
            throw new ApiError(404, "EntityNotExist.OIDCProvider", "The specified OIDC provider does not exist.");
        }
        return assumeRole(account, p, s);
    }

    private static JsonObject assumeRole(String account, Params p, SandboxState s) {
        String arn = p.require("RoleArn");
        String session = p.require("RoleSessionName");
        String prefix = "acs:ram::" + account + ":role/";
        if (!arn.toLowerCase().startsWith(prefix) || arn.length() == prefix.length()) {
            if (!arn.startsWith("acs:ram::")) {
                throw new ApiError(400, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.");
            }
            throw DocumentedErrors.of("EntityNotExist.Role");
        }
        String role = arn.substring(prefix.length());
        int seconds = p.intIn("DurationSeconds", 3600, 900, 43200, "InvalidParameter.DurationSeconds",
                "The Min/Max value of DurationSeconds is 15min/1hr.");
        AccessKey key = new AccessKey("STS." + random(20), random(40), random(64));
        s.accessKeys.add(key);
        JsonObject credentials = new JsonObject();
        credentials.addProperty("AccessKeyId", key.id);
        credentials.addProperty("AccessKeySecret", key.secret);
        credentials.addProperty("Expiration", Instant.now().plus(seconds, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS).toString());
        credentials.addProperty("SecurityToken", key.securityToken);
        JsonObject user = new JsonObject();
        user.addProperty("Arn", "acs:ram::" + account + ":role/" + role + "/" + session);
        user.addProperty("AssumedRoleId", Integer.toUnsignedString(role.hashCode()) + ":" + session);
        JsonObject out = new JsonObject();
        out.add("Credentials", credentials);
        out.add("AssumedRoleUser", user);
        return out;
    }

    private static AccessKey key(SandboxState s, String id) {
        for (AccessKey k : s.accessKeys) {
            if (k.id != null && k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }

    private static String random(int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            b.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return b.substring(0, length);
    }
}
