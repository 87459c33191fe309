package io.cdnlifeline.sandbox;

/** Billing state of the emulated account: what DescribeUserCdnStatus, Describe*Service and QueryAccountBalance report. */
public final class Account {
    public boolean inDebt;
    /** Overdue beyond the grace period: the cloud then stops the services (financial operation lock). */
    public boolean inDebtOverdue;
    public String availableAmount = "100.00";
    /** The credit line QueryAccountBalance reports beside the cash ({@code CreditAmount}); what is left to spend is both. */
    public String creditAmount = "0.00";
    public String currency = "CNY";
    /**
     * Products the account has not activated ({@code "vod"}, {@code "live"}, ...): every call of one answers the
     * product's own code for it (VOD and CDN {@code OperationDenied}, Live {@code InvalidIdentity.ServiceDisabled}).
     * Null (left out of the state) means none.
     */
    public java.util.List<String> notActivated;
    /** Products the caller may not use (a RAM policy without them): every call of one answers {@code Forbidden}. Null means none. */
    public java.util.List<String> notAuthorized;

    public Account() {
    }

    public Account(boolean inDebt, boolean inDebtOverdue, String availableAmount) {
        this.inDebt = inDebt;
        this.inDebtOverdue = inDebtOverdue;
        this.availableAmount = availableAmount;
    }
}
