package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AccountApi through the real SDK against the sandbox: DescribeUserCdnStatus (CommonRequest) and the service locks. */
class AliyunAccountApiSandboxTest {
    private SandboxCloud sc;
    private AccountApi account;

    @BeforeEach
    void start() {
        sc = SandboxCloud.start("{}");
        account = sc.cloud().account();
    }

    @AfterEach
    void stop() {
        sc.close();
    }

    @Test
    void healthyAccountHasNoDebtAndNoLocks() throws CloudException {
        AccountApi.UserCdnStatus s = account.userCdnStatus();
        assertFalse(s.inDebt());
        assertFalse(s.inDebtOverdue());
        assertTrue(s.onService());
        assertTrue(account.serviceLocks(Product.CDN).isEmpty());
        assertTrue(account.serviceLocks(Product.DCDN).isEmpty());
        assertEquals(1, sc.count("DescribeUserCdnStatus"));
        assertEquals(1, sc.count("DescribeCdnService"));
        assertEquals(1, sc.count("DescribeDcdnService"));
    }

    @Test
    void overdueAccountShowsDebtAndTheFinancialLock() throws CloudException {
        sc.sandbox().update(s -> {
            s.account.inDebt = true;
            s.account.inDebtOverdue = true;
        });
        AccountApi.UserCdnStatus s = account.userCdnStatus();
        assertTrue(s.inDebt());
        assertTrue(s.inDebtOverdue());
        assertFalse(s.onService());
        assertEquals(List.of("financial"), account.serviceLocks(Product.CDN));
        assertEquals(List.of("financial"), account.serviceLocks(Product.DCDN));
    }
}
