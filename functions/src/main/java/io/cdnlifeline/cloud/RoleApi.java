package io.cdnlifeline.cloud;

import java.time.Instant;
import java.util.Objects;

/** STS {@code AssumeRole}: temporary credentials of a role, called with the caller's own credentials. */
public interface RoleApi {
    /**
     * @param externalId sent as ExternalId when not null
     * @throws CloudException as STS answers, e.g. {@code NoPermission} when the role's trust does not name the caller,
     *                        {@code EntityNotExist.Role} when there is no such role
     */
    AssumedRole assumeRole(String roleArn, String sessionName, int durationSeconds, String externalId) throws CloudException;

    /** What AssumeRole hands out: the credentials and when they expire. */
    final class AssumedRole {
        private final CloudCredentials credentials;
        private final Instant expiration;
        private final String arn;

        public AssumedRole(CloudCredentials credentials, Instant expiration, String arn) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            this.expiration = Objects.requireNonNull(expiration, "expiration");
            this.arn = arn;
        }

        public CloudCredentials credentials() { return credentials; }
        public Instant expiration() { return expiration; }
        /** The assumed role's session ARN ({@code AssumedRoleUser.Arn}), or null when STS did not say. */
        public String arn() { return arn; }
    }
}
