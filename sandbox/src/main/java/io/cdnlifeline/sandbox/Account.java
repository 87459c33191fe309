package io.cdnlifeline.sandbox;

/** Billing state of the emulated account: what DescribeUserCdnStatus, Describe*Service and QueryAccountBalance report. */
public final class Account {
    public boolean inDebt;
    /** Overdue beyond the grace period: the cloud then stops the services (financial operation lock). */
    public boolean inDebtOverdue;
    public String availableAmount = "100.00";
    public String currency = "CNY";

    public Account() {
    }

    public Account(boolean inDebt, boolean inDebtOverdue, String availableAmount) {
        this.inDebt = inDebt;
        this.inDebtOverdue = inDebtOverdue;
        this.availableAmount = availableAmount;
    }
}
