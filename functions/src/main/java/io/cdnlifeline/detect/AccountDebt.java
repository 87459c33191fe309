package io.cdnlifeline.detect;

import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The account-wide {@code in-debt} condition: DescribeUserCdnStatus (and, when the run looks at DCDN domains,
 * DescribeUserDcdnStatus) says InDebt or InDebtOverdue, or the
 * service of a product the run looks at (DescribeCdnService / DescribeDcdnService) carries a
 * {@code financial} operation lock. Read once per run.
 * <p>Three-valued, because the sources are or-ed: one source that says "in debt" settles it even when
 * another could not be read; "not in debt" needs every source read and clean, else it is UNKNOWN.
 */
public final class AccountDebt {
    private final Truth inDebt;
    private final String why;
    private final List<Failure> failures;

    private AccountDebt(Truth inDebt, String why, List<Failure> failures) {
        this.inDebt = inDebt;
        this.why = why;
        this.failures = Collections.unmodifiableList(failures);
    }

    /** One source that could not be read: which API and what the cloud said. */
    public static final class Failure {
        private final String source;
        private final Product product;
        private final CloudException error;

        Failure(String source, Product product, CloudException error) {
            this.source = source;
            this.product = product;
            this.error = error;
        }

        /** The API that failed, e.g. {@code DescribeUserCdnStatus}. */
        public String source() { return source; }
        /** The product whose API failed. */
        public Product product() { return product; }
        public CloudException error() { return error; }
    }

    /**
     * Reads the account's debt. Only the services of {@code products} are asked for locks: a product the
     * account does not use may not even be activated, and its error must not blind the whole run.
     */
    public static AccountDebt read(AccountApi account, Set<Product> products) {
        List<Failure> failures = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        try {
            AccountApi.UserCdnStatus s = account.userCdnStatus();
            if (s.inDebtOverdue()) reasons.add("DescribeUserCdnStatus says InDebtOverdue");
            else if (s.inDebt()) reasons.add("DescribeUserCdnStatus says InDebt");
        } catch (CloudException e) {
            failures.add(new Failure("DescribeUserCdnStatus", Product.CDN, e));
        }
        if (products.contains(Product.DCDN)) {
            // DCDN has its own status API with the same flags: read what each product says
            try {
                AccountApi.UserCdnStatus s = account.userStatus(Product.DCDN);
                if (s.inDebtOverdue()) reasons.add("DescribeUserDcdnStatus says InDebtOverdue");
                else if (s.inDebt()) reasons.add("DescribeUserDcdnStatus says InDebt");
            } catch (CloudException e) {
                failures.add(new Failure("DescribeUserDcdnStatus", Product.DCDN, e));
            }
        }
        for (Product p : products) {
            if (!p.can().serviceLocks()) continue;
            String api = "Describe" + (p == Product.CDN ? "Cdn" : "Dcdn") + "Service";
            try {
                for (String lock : account.serviceLocks(p)) {
                    if (lock != null && "financial".equals(lock.trim().toLowerCase(Locale.ROOT))) {
                        reasons.add(api + " has a financial operation lock");
                        break;
                    }
                }
            } catch (CloudException e) {
                failures.add(new Failure(api, p, e));
            }
        }
        if (!reasons.isEmpty()) return new AccountDebt(Truth.TRUE, String.join("; ", reasons), failures);
        if (!failures.isEmpty()) {
            Failure f = failures.get(0);
            return new AccountDebt(Truth.UNKNOWN, "could not read whether the account is in debt: " + f.source + " failed with "
                    + f.error, failures);
        }
        return new AccountDebt(Truth.FALSE, "not in debt and no financial lock", failures);
    }

    public Truth inDebt() { return inDebt; }

    /** What was found, or why it is UNKNOWN. */
    public String why() { return why; }

    /** The sources that could not be read (possibly some even when the answer is TRUE). */
    public List<Failure> failures() { return failures; }

    /** Sets {@code in-debt} on a domain's conditions. */
    public void applyTo(ConditionState s) {
        if (inDebt == Truth.UNKNOWN) s.unknown(io.cdnlifeline.event.Condition.IN_DEBT, why);
        else s.set(io.cdnlifeline.event.Condition.IN_DEBT, inDebt == Truth.TRUE);
    }
}
