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
}
