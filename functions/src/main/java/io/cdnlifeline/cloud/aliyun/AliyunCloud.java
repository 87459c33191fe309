package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.config.Settings;

import java.util.function.Supplier;

/**
 * Builds the {@link Cloud} ports on the Aliyun Java SDK. Placeholder until the SDK adapters land
 * (issue 3): the signature is the contract the handlers and the CLI use.
 */
public final class AliyunCloud {
    private AliyunCloud() {
    }

    /**
     * @param credentials called before each API call batch; returns the current credentials (FC's STS
     *                    credentials of the latest invocation, or the default chain's), never null
     */
    public static Cloud create(Settings settings, Supplier<CloudCredentials> credentials) {
        throw new UnsupportedOperationException("the Aliyun SDK adapters are not built yet");
    }
}
