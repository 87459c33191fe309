package io.cdnlifeline.cloud;

import java.util.List;

/** The narrow port to the account-wide facts: debt and service locks. */
public interface AccountApi {
    /** {@code DescribeUserCdnStatus}. */
    UserCdnStatus userCdnStatus() throws CloudException;

    /**
     * What one product says about the account's service and debt: {@code DescribeUserCdnStatus} for CDN,
     * {@code DescribeUserDcdnStatus} (the same four flags) for DCDN. A product with no such API throws
     * {@link UnsupportedOperationException}.
     */
    default UserCdnStatus userStatus(Product product) throws CloudException {
        if (product == Product.CDN) return userCdnStatus();
        throw new UnsupportedOperationException(product.id() + " has no user status API");
    }

    /**
     * Who the credentials are: STS GetCallerIdentity (lifeline doctor only; the functions never ask). A port without
     * it throws {@link UnsupportedOperationException}.
     */
    default CallerIdentity callerIdentity() throws CloudException {
        throw new UnsupportedOperationException("no caller identity API");
    }

    /**
     * BssOpenApi {@code QueryAccountBalance}: what the account can still spend (AvailableAmount, CreditAmount,
     * Currency; the watch's warning before the cut). A port without it throws {@link UnsupportedOperationException}.
     */
    default Balance balance() throws CloudException {
        throw new UnsupportedOperationException("no balance API");
    }

    /** {@code DescribeCdnService} / {@code DescribeDcdnService}: the LockReason values (e.g. {@code financial}). */
    List<String> serviceLocks(Product product) throws CloudException;

    /** What DescribeUserCdnStatus (or DescribeUserDcdnStatus) says. */
    final class UserCdnStatus {
        private final boolean enabled;
        private final boolean onService;
        private final boolean inDebt;
        private final boolean inDebtOverdue;

        public UserCdnStatus(boolean enabled, boolean onService, boolean inDebt, boolean inDebtOverdue) {
            this.enabled = enabled;
            this.onService = onService;
            this.inDebt = inDebt;
            this.inDebtOverdue = inDebtOverdue;
        }

        public boolean enabled() { return enabled; }
        public boolean onService() { return onService; }
        public boolean inDebt() { return inDebt; }
        public boolean inDebtOverdue() { return inDebtOverdue; }
    }

    /** What STS says about the caller: the account id, the kind of identity and its ARN. */
    final class CallerIdentity {
        private final String accountId;
        private final String identityType;
        private final String arn;

        public CallerIdentity(String accountId, String identityType, String arn) {
            this.accountId = accountId;
            this.identityType = identityType;
            this.arn = arn;
        }

        public String accountId() { return accountId; }
        /** {@code Account}, {@code RAMUser} or {@code AssumedRoleUser}. */
        public String identityType() { return identityType; }
        public String arn() { return arn; }
    }

    /** What QueryAccountBalance says: the cash available, the credit line, and their currency. */
    final class Balance {
        private final java.math.BigDecimal available;
        private final java.math.BigDecimal credit;
        private final String currency;

        public Balance(java.math.BigDecimal available, java.math.BigDecimal credit, String currency) {
            this.available = java.util.Objects.requireNonNull(available, "available");
            this.credit = java.util.Objects.requireNonNull(credit, "credit");
            this.currency = currency == null ? "" : currency;
        }

        /** AvailableAmount (negative when the account owes). */
        public java.math.BigDecimal available() { return available; }
        /** CreditAmount. */
        public java.math.BigDecimal credit() { return credit; }
        /** What is left to spend before the services stop: available + credit. */
        public java.math.BigDecimal spendable() { return available.add(credit); }
        public String currency() { return currency; }
    }
}
