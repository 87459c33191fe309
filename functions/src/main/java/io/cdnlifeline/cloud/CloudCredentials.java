package io.cdnlifeline.cloud;

import java.util.Objects;

/**
 * An AccessKey pair, with the STS token when it is temporary. {@link #toString()} never shows the
 * secret or the token: these objects end up in logs and exception messages.
 */
public final class CloudCredentials {
    private final String accessKeyId;
    private final String accessKeySecret;
    private final String securityToken;

    public CloudCredentials(String accessKeyId, String accessKeySecret, String securityToken) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.accessKeySecret = Objects.requireNonNull(accessKeySecret, "accessKeySecret");
        this.securityToken = securityToken == null || securityToken.isEmpty() ? null : securityToken;
    }

    public String accessKeyId() { return accessKeyId; }
    public String accessKeySecret() { return accessKeySecret; }
    /** Null for a long-term AccessKey. */
    public String securityToken() { return securityToken; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CloudCredentials)) return false;
        CloudCredentials c = (CloudCredentials) o;
        return accessKeyId.equals(c.accessKeyId) && accessKeySecret.equals(c.accessKeySecret)
                && Objects.equals(securityToken, c.securityToken);
    }

    @Override
    public int hashCode() { return Objects.hash(accessKeyId, accessKeySecret, securityToken); }

    @Override
    public String toString() {
        return "CloudCredentials{accessKeyId=" + accessKeyId + ", secret=***" + (securityToken == null ? "" : ", sts") + "}";
    }
}
