package io.cdnlifeline.detect;

import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;

import java.util.Locale;
import java.util.Set;

/**
 * The account-wide {@code in-debt} condition: DescribeUserCdnStatus says InDebt or InDebtOverdue, or a
 * product's service carries a {@code financial} operation lock. Read once per run.
 */
public final class AccountDebt {
    private AccountDebt() {
    }

    public static boolean read(AccountApi account, Set<Product> products) throws CloudException {
        AccountApi.UserCdnStatus s = account.userCdnStatus();
        if (s.inDebt() || s.inDebtOverdue()) return true;
        for (Product p : products) {
            for (String lock : account.serviceLocks(p)) {
                if ("financial".equals(lock == null ? "" : lock.toLowerCase(Locale.ROOT))) return true;
            }
        }
        return false;
    }
}
