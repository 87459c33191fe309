package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.CloudCredentials;

/**
 * The Alibaba Cloud default credential chain outside FC: ALIBABA_CLOUD_ACCESS_KEY_ID /
 * ALIBABA_CLOUD_ACCESS_KEY_SECRET / ALIBABA_CLOUD_SECURITY_TOKEN, then the aliyun CLI profile in
 * ~/.aliyun/config.json. Placeholder until the SDK adapters land (issue 3).
 */
public final class DefaultCredentials {
    private DefaultCredentials() {
    }

    /** @param profile the aliyun CLI profile name, or null for the current one */
    public static CloudCredentials resolve(String profile) {
        throw new UnsupportedOperationException("the default credential chain is not built yet");
    }
}
