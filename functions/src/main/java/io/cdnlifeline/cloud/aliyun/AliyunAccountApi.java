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
 * {@link AccountApi}: {@code DescribeUserCdnStatus} (its four flags) and {@code DescribeCdnService} /
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
        return new UserCdnStatus(flag(r, "Enabled"), flag(r, "OnService"), flag(r, "InDebt"), flag(r, "InDebtOverdue"));
    }

    private static boolean flag(JsonObject r, String name) throws CloudException {
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
        throw CloudErrors.unexpected(AliyunApi.DESCRIBE_USER_CDN_STATUS, id == null || !id.isJsonPrimitive() ? null : id.getAsString(),
                200, "a boolean " + name);
    }
}
