package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.state.ObjectStore;
import io.cdnlifeline.watch.EventPublisher;
import io.cdnlifeline.watch.WatchPorts;
import io.cdnlifeline.watch.WatchSettings;

import java.util.function.Supplier;

/**
 * The watch's ports on Alibaba Cloud: the state in LIFELINE_STATE's store and EventBridge PutEvents at
 * {@code <account>.eventbridge.<region>.aliyuncs.com} (FC's FC_ACCOUNT_ID and FC_REGION; outside FC the account from STS
 * GetCallerIdentity), or both at LIFELINE_ENDPOINT (a sandbox).
 */
public final class WatchPortsFactory {
    private WatchPortsFactory() {
    }

    public static WatchPorts create(WatchSettings ws, Invocation inv, ObjectStore store, Supplier<CloudCredentials> credentials) {
        String endpoint = inv.settings().endpoint();
        EventPublisher publisher;
        if (endpoint != null) {
            publisher = new EventBridgePublisher(endpoint, credentials);
        } else {
            String region = env("FC_REGION", inv.settings().region());
            publisher = events -> {
                String account = System.getenv("FC_ACCOUNT_ID");
                if (account == null || account.isEmpty()) account = inv.cloud().account().callerIdentity().accountId();
                new EventBridgePublisher(EventBridgePublisher.endpoint(account, region), credentials).publish(events);
            };
        }
        return new WatchPorts(store, publisher, System::currentTimeMillis);
    }

    /** The store of LIFELINE_STATE for this invocation. */
    public static ObjectStore store(WatchSettings ws, Invocation inv, Supplier<CloudCredentials> credentials) {
        boolean inFc = System.getenv("FC_REGION") != null && inv.settings().endpoint() == null;
        return StateStores.open(ws.state(), inv.settings().endpoint(), env("FC_REGION", inv.settings().region()), inFc, credentials);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
