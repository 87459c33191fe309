package io.cdnlifeline.accounts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code LIFELINE_ACCOUNTS} and {@code LIFELINE_ACCOUNTS_EXTERNAL_ID}: which accounts a run covers. Empty is this account
 * only, as a deployment without the setting always did. Parsed strictly: a malformed entry is a start-up error.
 */
public final class AccountsConfig {
    /** ExternalId: 2-1224 characters of letters, digits and {@code =,.@:/-_} (STS's rule for the parameter). */
    private static final java.util.regex.Pattern EXTERNAL_ID = java.util.regex.Pattern.compile("[A-Za-z0-9=,.@:/_-]{2,1224}");
    private static final AccountsConfig NONE = new AccountsConfig(List.of(), null);

    private final List<AccountEntry> entries;
    private final String externalId;

    private AccountsConfig(List<AccountEntry> entries, String externalId) {
        this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
        this.externalId = externalId;
    }

    /** This account only. */
    public static AccountsConfig none() {
        return NONE;
    }

    /**
     * @param accounts   comma-separated entries (null or blank: this account only)
     * @param externalId sent with every AssumeRole when set (null or blank: none)
     * @throws IllegalArgumentException for a malformed entry, a repeated one, or a malformed external id
     */
    public static AccountsConfig parse(String accounts, String externalId) {
        String ext = externalId == null || externalId.isBlank() ? null : externalId.trim();
        if (ext != null && !EXTERNAL_ID.matcher(ext).matches()) {
            throw new IllegalArgumentException("LIFELINE_ACCOUNTS_EXTERNAL_ID must be 2-1224 of letters, digits and =,.@:/-_; got '" + ext + "'");
        }
        if (accounts == null || accounts.isBlank()) {
            if (ext != null) {
                throw new IllegalArgumentException("LIFELINE_ACCOUNTS_EXTERNAL_ID is set but LIFELINE_ACCOUNTS is empty: no role to assume");
            }
            return NONE;
        }
        LinkedHashSet<AccountEntry> seen = new LinkedHashSet<>();
        for (String part : accounts.split(",", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("LIFELINE_ACCOUNTS has an empty entry ('" + accounts + "'); expected comma-separated role "
                        + "ARNs, self or rd:<role name>");
            }
            AccountEntry e = AccountEntry.parse(part);
            if (!seen.add(e)) throw new IllegalArgumentException("LIFELINE_ACCOUNTS names " + e + " twice");
        }
        return new AccountsConfig(new ArrayList<>(seen), ext);
    }

    /** True when LIFELINE_ACCOUNTS is set: a run covers the listed accounts, each through its role. */
    public boolean configured() {
        return !entries.isEmpty();
    }

    public List<AccountEntry> entries() {
        return entries;
    }

    /** Sent as AssumeRole's ExternalId, or null. */
    public String externalId() {
        return externalId;
    }

    /** Whether any entry needs Resource Directory's ListAccounts to be known. */
    public boolean usesDirectory() {
        return entries.stream().anyMatch(e -> e.kind() == AccountEntry.Kind.DIRECTORY);
    }

    /** The entries as LIFELINE_ACCOUNTS writes them. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (AccountEntry e : entries) b.append(b.length() == 0 ? "" : ",").append(e);
        return b.toString();
    }
}
