package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * STS 2015-04-01, in the shapes of api-examples/sts, for several accounts: {@code GetCallerIdentity} (who signed: the
 * account the key or STS token belongs to; {@code AssumedRoleUser} for a key with a security token, else
 * {@code RAMUser}); {@code AssumeRole} (a role of the caller's own account, which the sandbox takes without a trust
 * check as it has no RAM; or a member's role, which its {@code trusts} and {@code externalId} must allow, else
 * {@code NoPermission}); and {@code AssumeRoleWithOIDC} (unsigned, as STS takes it). The STS key AssumeRole hands out
 * belongs to the role's account and is added to its accepted keys, so calls signed with it run in that account.
 */
final class StsApi implements ProductApi {
    static final String VERSION = "2015-04-01";
    /** The account id when the seed names none. */
    static final String DEFAULT_ACCOUNT_ID = "1234567890123456";
    static final String ASSUME_ROLE_WITH_OIDC = "AssumeRoleWithOIDC";
    /**
     * What STS answers when the role's trust policy does not name the caller (or the ExternalId its condition asks for
     * does not match): the AssumeRole error table's 403 {@code NoPermission} (sts/README-notes.md); the RAM FAQ "Why do I
     * get the 'You are not authorized...' error when calling AssumeRole?" gives "the role's trust policy does not
     * include the calling identity as a principal" as one cause of exactly this message.
     */
    static final String NOT_TRUSTED = "NoPermission";

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
        return call(action, p, s, new Caller(null, s, s));
    }

    @Override
    public JsonObject call(String action, Params p, SandboxState s, Caller caller) {
        String account = s.accountIdOrDefault();
        switch (action) {
            case "GetCallerIdentity":
                return callerIdentity(account, caller.key);
            case "AssumeRole":
                return assumeRole(p, caller);
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
            out.addProperty("Arn", "acs:ram::" + account + ":assumed-role/" + (key.roleName == null ? "sandbox-role" : key.roleName) + "/"
                    + (key.sessionName == null ? "sandbox" : key.sessionName));
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
        String arn = p.require("RoleArn");
        String prefix = "acs:ram::" + account + ":role/";
        if (!arn.toLowerCase().startsWith(prefix) || arn.length() == prefix.length()) {
            throw arn.startsWith("acs:ram::") ? DocumentedErrors.of("EntityNotExist.Role")
                    : new ApiError(400, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.");
        }
        return issue(s, arn.substring(prefix.length()), p);
    }

    private static JsonObject assumeRole(Params p, Caller caller) {
        String arn = p.require("RoleArn");
        p.require("RoleSessionName");
        java.util.regex.Matcher m = ROLE_ARN.matcher(arn);
        if (!m.matches()) {
            throw arn.startsWith("acs:ram::") ? DocumentedErrors.of("EntityNotExist.Role")
                    : new ApiError(400, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.");
        }
        String targetId = m.group(1);
        String role = m.group(2);
        if (targetId.equals(caller.accountId())) {
            // a role of the caller's own account: the sandbox has no RAM to check its trust policy against
            return issue(caller.account, role, p);
        }
        SandboxState target = null;
        for (SandboxState a : caller.root.accounts()) {
            if (targetId.equals(a.accountIdOrDefault())) target = a;
        }
        if (target == null || target.role == null || !target.role.name.equalsIgnoreCase(role)) {
            throw DocumentedErrors.of("EntityNotExist.Role");
        }
        String callerRole = caller.key != null && caller.key.securityToken != null ? caller.key.roleName : null;
        String externalId = p.get("ExternalId");
        if (!target.role.trusts(caller.accountId(), callerRole)
                || (target.role.externalId != null && !target.role.externalId.equals(externalId))) {
            throw new ApiError(403, NOT_TRUSTED, "You are not authorized to do this action. You should be authorized by RAM.");
        }
        return issue(target, target.role.name, p);
    }

    private static final java.util.regex.Pattern ROLE_ARN = java.util.regex.Pattern.compile("(?i)acs:ram::([0-9]+):role/([A-Za-z0-9._-]{1,64})");

    /** A fresh STS key of {@code role} in {@code account}, added to that account's accepted keys. */
    private static JsonObject issue(SandboxState account, String role, Params p) {
        String session = p.require("RoleSessionName");
        if (!session.matches("[A-Za-z0-9.@_-]{2,64}")) {
            throw new ApiError(400, "InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed.");
        }
        int seconds = p.intIn("DurationSeconds", 3600, 900, 43200, "InvalidParameter.DurationSeconds",
                "The Min/Max value of DurationSeconds is 15min/1hr.");
        AccessKey key = new AccessKey("STS." + random(20), random(40), random(64));
        key.roleName = role;
        key.sessionName = session;
        account.accessKeys.add(key);
        String accountId = account.accountIdOrDefault();
        JsonObject credentials = new JsonObject();
        credentials.addProperty("AccessKeyId", key.id);
        credentials.addProperty("AccessKeySecret", key.secret);
        credentials.addProperty("Expiration", Instant.now().plus(seconds, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS).toString());
        credentials.addProperty("SecurityToken", key.securityToken);
        JsonObject user = new JsonObject();
        user.addProperty("Arn", "acs:ram::" + accountId + ":role/" + role + "/" + session);
        user.addProperty("AssumedRoleId", Integer.toUnsignedString(role.hashCode()) + ":" + session);
        JsonObject out = new JsonObject();
        out.add("Credentials", credentials);
        out.add("AssumedRoleUser", user);
        return out;
    }

    private static String random(int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            b.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return b.substring(0, length);
    }
}
