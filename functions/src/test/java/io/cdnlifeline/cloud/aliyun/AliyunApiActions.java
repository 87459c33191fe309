package io.cdnlifeline.cloud.aliyun;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * For the deployment tests: every operation the adapters call ({@link AliyunApi}, the list their
 * callers and rate limiter use) as a RAM action, e.g. {@code dcdn:StopDcdnDomain}. The RAM service
 * code of each product is its lower-cased name: cdn, dcdn, alidns, sts, resourcemanager.
 */
public final class AliyunApiActions {
    private AliyunApiActions() {
    }

    public static Set<String> ramActions() {
        Set<String> out = new TreeSet<>();
        for (AliyunApi api : AliyunApi.values()) {
            // sts:GetCallerIdentity is lifeline doctor's (the command line's), never a function's: not the role's business
            // (and STS answers it whatever RAM says)
            if (api == AliyunApi.GET_CALLER_IDENTITY) continue;
            // RAM and EventBridge are lifeline setup's (ControlPlane), run by whoever sets the account up, never by a function
            if (api.service() == AliyunService.RAM || api.service() == AliyunService.EVENTBRIDGE) continue;
            // BssOpenApi's RAM action for QueryAccountBalance is bss:DescribeAcccount, spelled so in its reference
            if (api == AliyunApi.QUERY_ACCOUNT_BALANCE) out.add("bss:DescribeAcccount");
            else out.add(api.service().name().toLowerCase(Locale.ROOT).replace("_", "") + ":" + api.action());
        }
        return out;
    }
}
