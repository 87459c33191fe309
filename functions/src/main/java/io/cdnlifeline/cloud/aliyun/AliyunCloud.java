package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.config.Settings;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds the {@link Cloud} ports on the Alibaba Cloud RPC APIs (package {@code cloud.aliyun}). One signed
 * RPC client per Cloud, shared by the three ports; it asks {@code credentials} before every request it signs. {@link Settings#endpoint()} sends every product's
 * calls to that URL (http or https as written); otherwise the real central endpoints over HTTPS.
 * <p>Every call runs under a {@link CallPolicy}: client-side rate limits at the documented per-API QPS,
 * retries of throttling / 5xx / connection failures with exponential backoff and jitter, and the run's
 * deadline.
 */
public final class AliyunCloud {
    private AliyunCloud() {
    }

    /**
     * With {@link CallPolicy#defaults()} (no deadline beyond the per-call retry budget).
     * @param credentials called before each request is signed; returns the current credentials (FC's STS
     *                    credentials of the latest invocation, or the default chain's), never null
     */
    public static Cloud create(Settings settings, Supplier<CloudCredentials> credentials) {
        return create(settings, credentials, CallPolicy.defaults());
    }

    /**
     * @param policy retries, rate limits, timeouts and the deadline supplier, e.g.
     *               {@code CallPolicy.defaults().withDeadline(currentRunDeadline::get)}
     * @throws IllegalArgumentException when {@code settings.endpoint()} is not an http(s) URL
     */
    public static Cloud create(Settings settings, Supplier<CloudCredentials> credentials, CallPolicy policy) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(policy, "policy");
        AcsCaller caller = AcsCaller.create(settings.region(), settings.endpoint(), credentials, policy);
        return new Cloud(new AliyunCdnApi(caller), new AliyunDnsApi(caller), new AliyunAccountApi(caller));
    }

    /**
     * STS AssumeRole and Resource Directory's ListAccounts with {@code credentials} (the central account's): a run over
     * several accounts. One client, so every AssumeRole of a process shares the rate limit of STS (100 calls/s).
     */
    public static AliyunRoles roles(Settings settings, Supplier<CloudCredentials> credentials, CallPolicy policy) {
        return new AliyunRoles(AcsCaller.create(settings.region(), settings.endpoint(), credentials, policy));
    }
}
