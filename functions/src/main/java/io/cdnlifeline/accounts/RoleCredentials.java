package io.cdnlifeline.accounts;

import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.RoleApi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The credentials of one assumed role, from STS AssumeRole, kept until shortly before they expire and then asked for
 * again: one AssumeRole per role per {@code durationSeconds} at most, whatever the number of calls signed with them.
 * Thread-safe: every API call of a member run asks it before signing.
 */
public final class RoleCredentials implements Supplier<CloudCredentials> {
    /** Refresh this long before expiry at most: the calls in flight when they expire would fail. */
    static final Duration MAX_MARGIN = Duration.ofMinutes(5);

    private final RoleApi sts;
    private final String roleArn;
    private final String sessionName;
    private final int durationSeconds;
    private final String externalId;
    private final Clock clock;
    private RoleApi.AssumedRole current;
    private int assumed;

    RoleCredentials(RoleApi sts, String roleArn, String sessionName, int durationSeconds, String externalId, Clock clock) {
        this.sts = Objects.requireNonNull(sts, "sts");
        this.roleArn = Objects.requireNonNull(roleArn, "roleArn");
        this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
        this.durationSeconds = durationSeconds;
        this.externalId = externalId;
        this.clock = clock;
    }

    /**
     * The role's current credentials, assuming it when there are none or they expire within the margin
     * (a fifth of their lifetime, at most five minutes).
     * @throws CloudException as STS answered (e.g. NoPermission: the role's trust does not name the caller)
     */
    public synchronized RoleApi.AssumedRole assume() throws CloudException {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.expiration().minus(margin()))) {
            current = sts.assumeRole(roleArn, sessionName, durationSeconds, externalId);
            assumed++;
        }
        return current;
    }

    /** For the API clients: the current credentials; a failure to assume is an unchecked error the client reports. */
    @Override
    public CloudCredentials get() {
        try {
            return assume().credentials();
        } catch (CloudException e) {
            throw new IllegalStateException("AssumeRole of " + roleArn + " failed: " + e.code() + ": " + e.getMessage(), e);
        }
    }

    /** How many times STS was asked (tests and the benchmark: tokens are cached). */
    public synchronized int assumedCount() {
        return assumed;
    }

    public String roleArn() {
        return roleArn;
    }

    private Duration margin() {
        Duration fifth = Duration.ofSeconds(durationSeconds / 5L);
        return fifth.compareTo(MAX_MARGIN) < 0 ? fifth : MAX_MARGIN;
    }
}
