package io.cdnlifeline.cloud.aliyun;

import com.aliyuncs.cdn.model.v20180510.DescribeCdnServiceRequest;
import com.aliyuncs.cdn.model.v20180510.DescribeCdnServiceResponse;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnServiceRequest;
import com.aliyuncs.dcdn.model.v20180115.DescribeDcdnServiceResponse;
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
 * {@link AccountApi}: {@code DescribeUserCdnStatus} through CommonRequest (the classic CDN SDK has no
 * class for it) and the typed {@code DescribeCdnService} / {@code DescribeDcdnService}.
 */
final class AliyunAccountApi implements AccountApi {
    private final AcsCaller caller;

    AliyunAccountApi(AcsCaller caller) {
        this.caller = caller;
    }

    @Override
    public UserCdnStatus userCdnStatus() throws CloudException {
        return userCdnStatus(caller.callCommon(AliyunApi.DESCRIBE_USER_CDN_STATUS, Map.of()));
    }

    @Override
    public List<String> serviceLocks(Product product) throws CloudException {
        List<String> locks = new ArrayList<>();
        if (product == Product.CDN) {
            DescribeCdnServiceResponse r = caller.call(AliyunApi.DESCRIBE_CDN_SERVICE, DescribeCdnServiceRequest::new);
            if (r.getOperationLocks() != null) {
                for (DescribeCdnServiceResponse.LockReason l : r.getOperationLocks()) {
                    if (l.getLockReason() != null && !l.getLockReason().isBlank()) locks.add(l.getLockReason());
                }
            }
        } else {
            DescribeDcdnServiceResponse r = caller.call(AliyunApi.DESCRIBE_DCDN_SERVICE, DescribeDcdnServiceRequest::new);
            if (r.getOperationLocks() != null) {
                for (DescribeDcdnServiceResponse.LockReason l : r.getOperationLocks()) {
                    if (l.getLockReason() != null && !l.getLockReason().isBlank()) locks.add(l.getLockReason());
                }
            }
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
