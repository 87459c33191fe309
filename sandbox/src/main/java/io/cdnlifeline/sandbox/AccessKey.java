package io.cdnlifeline.sandbox;

/** An access key the sandbox accepts. With a {@code securityToken} it stands for STS credentials: requests must carry that token. */
public final class AccessKey {
    public String id;
    public String secret;
    public String securityToken;
    /** For STS credentials that AssumeRole handed out: the role and the session name (what GetCallerIdentity answers). */
    public String roleName;
    public String sessionName;

    public AccessKey() {
    }

    public AccessKey(String id, String secret) {
        this.id = id;
        this.secret = secret;
    }

    public AccessKey(String id, String secret, String securityToken) {
        this(id, secret);
        this.securityToken = securityToken;
    }
}
