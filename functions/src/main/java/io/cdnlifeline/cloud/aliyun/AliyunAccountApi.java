package io.cdnlifeline.cloud.aliyun;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link AccountApi}: {@code DescribeUserCdnStatus} and {@code DescribeUserDcdnStatus} (their four flags) and {@code DescribeCdnService} /
 * {@code DescribeDcdnService} (their {@code OperationLocks.LockReason[]}).
 */
final class AliyunAccountApi implements AccountApi {
    private final AcsCaller caller;

    AliyunAccountApi(AcsCaller caller) {
        this.caller = caller;
    }

    @Override
    public UserCdnStatus userCdnStatus() throws CloudException {
        return caller.call(AliyunApi.DESCRIBE_USER_CDN_STATUS, Map.of(), AliyunAccountApi::userCdnStatus);
    }

    @Override
    public UserCdnStatus userStatus(Product product) throws CloudException {
        if (product == Product.DCDN) {
            return caller.call(AliyunApi.DESCRIBE_USER_DCDN_STATUS, Map.of(), r -> userStatus(AliyunApi.DESCRIBE_USER_DCDN_STATUS, r));
        }
        return AccountApi.super.userStatus(product);
    }

    @Override
    public CallerIdentity callerIdentity() throws CloudException {
        return caller.call(AliyunApi.GET_CALLER_IDENTITY, Map.of(), r -> {
            String account = AnswerJson.text(r, "AccountId");
            if (account == null || account.isBlank()) throw new IllegalStateException("no AccountId");
            return new CallerIdentity(account, AnswerJson.text(r, "IdentityType"), AnswerJson.text(r, "Arn"));
        });
    }

    @Override
    public Balance balance() throws CloudException {
        return caller.call(AliyunApi.QUERY_ACCOUNT_BALANCE, Map.of(), AliyunAccountApi::balance);
    }

    /** BSS writes every amount as a string inside {@code Data}; a missing amount is an unreadable answer, never zero. */
    static Balance balance(JsonObject r) {
        JsonElement data = r.get("Data");
        if (data == null || !data.isJsonObject()) throw new IllegalStateException("QueryAccountBalance answered no Data");
        JsonObject d = data.getAsJsonObject();
        String available = AnswerJson.text(d, "AvailableAmount");
        String credit = AnswerJson.text(d, "CreditAmount");
        if (available == null) throw new IllegalStateException("QueryAccountBalance answered no AvailableAmount");
        return new Balance(new java.math.BigDecimal(available.replace(",", "")),
                credit == null || credit.isBlank() ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(credit.replace(",", "")),
                AnswerJson.text(d, "Currency"));
    }

    @Override
    public List<String> serviceLocks(Product product) throws CloudException {
        AliyunApi api = product == Product.CDN ? AliyunApi.DESCRIBE_CDN_SERVICE : AliyunApi.DESCRIBE_DCDN_SERVICE;
        return caller.call(api, Map.of(), AliyunAccountApi::locks);
    }

    static List<String> locks(JsonObject r) {
        List<String> locks = new ArrayList<>();
        for (JsonObject l : AnswerJson.list(r, "OperationLocks", "LockReason")) {
            String reason = AnswerJson.text(l, "LockReason");
            if (reason != null && !reason.isBlank()) locks.add(reason);
        }
        return locks;
    }

    /** Every flag must be there: a debt detector must not read a missing InDebt as "not in debt". */
    static UserCdnStatus userCdnStatus(JsonObject r) throws CloudException {
        return userStatus(AliyunApi.DESCRIBE_USER_CDN_STATUS, r);
    }

    /** DescribeUserCdnStatus and DescribeUserDcdnStatus answer the same four flags. */
    static UserCdnStatus userStatus(AliyunApi api, JsonObject r) throws CloudException {
        return new UserCdnStatus(flag(api, r, "Enabled"), flag(api, r, "OnService"), flag(api, r, "InDebt"), flag(api, r, "InDebtOverdue"));
    }

    private static boolean flag(AliyunApi api, JsonObject r, String name) throws CloudException {
        JsonElement e = r.get(name);
        if (e != null && e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isBoolean()) return p.getAsBoolean();
            // The classic SDKs and older docs sometimes write booleans as strings.
            if (p.isString() && ("true".equalsIgnoreCase(p.getAsString()) || "false".equalsIgnoreCase(p.getAsString()))) {
                return Boolean.parseBoolean(p.getAsString().toLowerCase(java.util.Locale.ROOT));
            }
        }
        JsonElement id = r.get("RequestId");
        throw CloudErrors.unexpected(api, id == null || !id.isJsonPrimitive() ? null : id.getAsString(),
                200, "a boolean " + name);
    }
}
