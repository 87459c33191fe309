package io.cdnlifeline.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The RAM role of a member account that the central account assumes (seed {@code members[].role}): its {@code name},
 * who it {@code trusts} (account ids: any RAM user or role of that account; or role ARNs
 * {@code acs:ram::<id>:role/<name>}: sessions of that role only), and the {@code externalId} its trust policy asks
 * for (absent: none asked). STS AssumeRole refuses a caller the trust does not name with {@code NoPermission}.
 */
public final class MemberRole {
    public String name;
    public List<String> trusts = new ArrayList<>();
    public String externalId;

    public MemberRole() {
    }

    public MemberRole(String name, List<String> trusts, String externalId) {
        this.name = name;
        this.trusts = new ArrayList<>(trusts);
        this.externalId = externalId;
    }

    /** Whether a principal of {@code account} (an assumed-role session of {@code roleName}, or null for a RAM user) may assume it. */
    boolean trusts(String account, String roleName) {
        for (String t : trusts) {
            if (t.equals(account)) return true;
            String prefix = "acs:ram::" + account + ":role/";
            if (roleName != null && t.regionMatches(true, 0, prefix, 0, prefix.length())
                    && t.substring(prefix.length()).equalsIgnoreCase(roleName)) {
                return true;
            }
        }
        return false;
    }
}
