package io.cdnlifeline.accounts;

import io.cdnlifeline.cloud.RoleApi;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every role a process assumes, one {@link RoleCredentials} per role ARN and session name, so its tokens are reused by
 * every run in that account until shortly before they expire (an FC instance runs many member runs in its life; the
 * command line runs every account at once). All AssumeRole calls go through one STS client, whose rate limiter keeps
 * them under STS's 100 calls/s for the account.
 */
public final class RoleSessions {
    /** STS's shortest session (900 s) and the default longest a role allows (3600 s, its MaxSessionDuration by default). */
    public static final int MIN_DURATION = 900;
    public static final int MAX_DURATION = 3600;

    private final RoleApi sts;
    private final String externalId;
    private final Clock clock;
    private final Map<String, RoleCredentials> byRole = new HashMap<>();

    public RoleSessions(RoleApi sts, String externalId) {
        this(sts, externalId, Clock.systemUTC());
    }

    RoleSessions(RoleApi sts, String externalId, Clock clock) {
        this.sts = Objects.requireNonNull(sts, "sts");
        this.externalId = externalId;
        this.clock = clock;
    }

    /**
     * The role's credentials for a session named {@code sessionName}, lasting long enough to cover a run of
     * {@code runMillis} (within STS's 900-3600 s; they are refreshed before expiry in any case).
     */
    public synchronized RoleCredentials of(String roleArn, String sessionName, long runMillis) {
        int duration = (int) Math.max(MIN_DURATION, Math.min(MAX_DURATION, runMillis / 1000 + 300));
        return byRole.computeIfAbsent(roleArn.toLowerCase(java.util.Locale.ROOT) + " " + sessionName,
                k -> new RoleCredentials(sts, roleArn, sessionName, duration, externalId, clock));
    }

    public RoleApi sts() {
        return sts;
    }
}
