package io.cdnlifeline.accounts;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code LIFELINE_ACCOUNTS}: a role ARN {@code acs:ram::<uid>:role/<name>} (that account, through that
 * role), {@code self} (the account the function runs in, with its own credentials), or {@code rd:<role name>} (every
 * member Resource Directory's ListAccounts returns, through that role in each).
 */
public final class AccountEntry {
    /** What an entry stands for. */
    public enum Kind { ROLE, SELF, DIRECTORY }

    /** RAM role names: 1-64 of letters, digits, '.', '-' and '_' (RAM CreateRole's rule). */
    static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern ROLE_ARN = Pattern.compile("acs:ram::([0-9]{1,32}):role/(" + ROLE_NAME.pattern() + ")", Pattern.CASE_INSENSITIVE);

    private final Kind kind;
    private final String accountId;
    private final String roleName;

    private AccountEntry(Kind kind, String accountId, String roleName) {
        this.kind = kind;
        this.accountId = accountId;
        this.roleName = roleName;
    }

    /**
     * @throws IllegalArgumentException naming the entry and what was expected, for anything but the three forms
     */
    public static AccountEntry parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("self")) return new AccountEntry(Kind.SELF, null, null);
        if (t.regionMatches(true, 0, "rd:", 0, 3)) {
            String name = t.substring(3).trim();
            if (!ROLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("LIFELINE_ACCOUNTS has '" + t + "': rd: needs a role name (1-64 of letters, digits, . - _),"
                        + " e.g. rd:cdn-lifeline-member");
            }
            return new AccountEntry(Kind.DIRECTORY, null, name);
        }
        Matcher m = ROLE_ARN.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("LIFELINE_ACCOUNTS has '" + t + "'; expected a role ARN acs:ram::<account id>:role/<name>, "
                    + "self, or rd:<role name>");
        }
        return new AccountEntry(Kind.ROLE, m.group(1), m.group(2));
    }

    /** A role of one account. */
    public static AccountEntry role(String accountId, String roleName) {
        return parse("acs:ram::" + accountId + ":role/" + roleName);
    }

    public Kind kind() { return kind; }
    /** The account of a ROLE entry; null otherwise. */
    public String accountId() { return accountId; }
    /** The role of a ROLE or DIRECTORY entry; null for SELF. */
    public String roleName() { return roleName; }

    /** The ARN of this entry's role in {@code account} (a DIRECTORY entry's role in one member). */
    public String roleArn(String account) {
        return "acs:ram::" + account + ":role/" + roleName;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AccountEntry)) return false;
        AccountEntry e = (AccountEntry) o;
        return kind == e.kind && Objects.equals(accountId, e.accountId)
                && Objects.equals(roleName == null ? null : roleName.toLowerCase(Locale.ROOT), e.roleName == null ? null : e.roleName.toLowerCase(Locale.ROOT));
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, accountId, roleName == null ? null : roleName.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        switch (kind) {
            case SELF: return "self";
            case DIRECTORY: return "rd:" + roleName;
            default: return roleArn(accountId);
        }
    }
}
