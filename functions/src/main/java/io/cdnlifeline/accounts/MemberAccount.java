package io.cdnlifeline.accounts;

import java.util.Objects;

/**
 * One account a run works on: its id (or {@code self}, the account the function or command runs in) and the role
 * assumed to reach it (null for {@code self}, which uses its own credentials).
 */
public final class MemberAccount {
    public static final String SELF = "self";

    private final String id;
    private final String roleArn;

    private MemberAccount(String id, String roleArn) {
        this.id = Objects.requireNonNull(id, "id");
        this.roleArn = roleArn;
    }

    public static MemberAccount self() {
        return new MemberAccount(SELF, null);
    }

    public static MemberAccount through(String accountId, String roleArn) {
        return new MemberAccount(accountId, Objects.requireNonNull(roleArn, "roleArn"));
    }

    /** The account id, or {@code self}. */
    public String id() { return id; }
    /** The role assumed to reach it; null for self. */
    public String roleArn() { return roleArn; }
    public boolean isSelf() { return roleArn == null; }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemberAccount && ((MemberAccount) o).id.equals(id) && Objects.equals(((MemberAccount) o).roleArn, roleArn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, roleArn);
    }

    @Override
    public String toString() {
        return isSelf() ? SELF : id + " (" + roleArn + ")";
    }
}
