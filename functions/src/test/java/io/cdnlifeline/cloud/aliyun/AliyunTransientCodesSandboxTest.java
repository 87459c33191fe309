package io.cdnlifeline.cloud.aliyun;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.run.Functions;
import io.cdnlifeline.sandbox.DnsRecord;
import io.cdnlifeline.sandbox.DnsZone;
import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.ErrorInjection;
import io.cdnlifeline.sandbox.Faults;
import io.cdnlifeline.sandbox.SandboxCall;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The codes the API reference documents as "try again later" are retried through the signed client until the
 * sandbox (which injects each one twice) lets the call through; a final code is not retried, and its HostId and
 * Recommend reach the Report and the audit line.
 */
class AliyunTransientCodesSandboxTest {
    private SandboxCloud sc;
    private Cloud cloud;

    @BeforeEach
    void start() {
        sc = SandboxCloud.start("{}");
        sc.sandbox().update(s -> {
            s.cdn.add(new Domain("www.example.com", null, "online", "domestic"));
            s.cdn.add(new Domain("img.example.com", null, "offline", "domestic"));
            s.dcdn.add(new Domain("api.example.com", null, "offline", "global"));
            DnsZone zone = new DnsZone("example.com");
            zone.records.add(new DnsRecord("2001", "www", "A", "203.0.113.10"));
            s.dns.add(zone);
        });
        cloud = sc.cloud();
    }

    @AfterEach
    void stop() {
        sc.close();
    }

    private void inject(String action, String code, int count) {
        Faults f = new Faults();
        f.inject = List.of(new ErrorInjection(action, code, 1.0, count));
        sc.sandbox().setFaults(f);
        sc.clearRequests();
    }

    private void assertRetriedTwiceThenDone(String action, String code) {
        List<SandboxCall> calls = sc.requests(action);
        assertEquals(3, calls.size(), () -> action + ": " + calls);
        assertEquals(code, calls.get(0).errorCode);
        assertEquals(code, calls.get(1).errorCode);
        assertEquals(200, calls.get(2).httpStatus);
    }

    @Test
    void cdnServiceBusyWhileTheDomainIsConfiguringIsRetried() throws CloudException {
        inject("StopCdnDomain", "ServiceBusy", 2);
        cloud.cdn().stopDomain(Product.CDN, "www.example.com");
        assertRetriedTwiceThenDone("StopCdnDomain", "ServiceBusy");
        assertEquals("offline", sc.sandbox().read(s -> s.cdnDomain("www.example.com").status));
    }

    @Test
    void systemUpgradingIsRetried() throws CloudException {
        inject("ModifyCdnDomainSchdmByProperty", "SystemUpgrading", 2);
        cloud.cdn().setCoverage(Product.CDN, "www.example.com", "overseas");
        assertRetriedTwiceThenDone("ModifyCdnDomainSchdmByProperty", "SystemUpgrading");
    }

    @Test
    void anUnavailableFilingCheckOnStartIsRetriedForDcdnToo() throws CloudException {
        inject("BatchStartDcdnDomain", "RecordCheckNotAvailable", 2);
        cloud.cdn().batchStartDomains(Product.DCDN, List.of("api.example.com"));
        assertRetriedTwiceThenDone("BatchStartDcdnDomain", "RecordCheckNotAvailable");
        assertEquals("online", sc.sandbox().read(s -> s.dcdnDomain("api.example.com").status));
    }

    @Test
    void aFailedFilingLookupIsRetriedNotReadAsAnInvalidFiling() throws CloudException {
        inject("CheckCdnDomainICP", "CheckDomainICPFail", 2);
        assertTrue(cloud.cdn().icpValid("www.example.com"));
        assertRetriedTwiceThenDone("CheckCdnDomainICP", "CheckDomainICPFail");
    }

    @Test
    void alidnsUnknownErrorIsRetried() throws CloudException {
        inject("UpdateDomainRecord", "UnKnownError", 2);
        cloud.dns().updateRecord("2001", "www", "A", "203.0.113.11", 600, "default");
        assertRetriedTwiceThenDone("UpdateDomainRecord", "UnKnownError");
    }

    @Test
    void aTransientCodeThatNeverClearsEndsWithinTheRetryBudget() {
        inject("StopCdnDomain", "ServiceBusy", 0);
        CloudException e = assertThrows(CloudException.class, () -> cloud.cdn().stopDomain(Product.CDN, "www.example.com"));
        assertEquals("ServiceBusy", e.code());
        assertTrue(e.retryable());
        assertEquals(SandboxCloud.TEST_POLICY.maxAttempts(), sc.count("StopCdnDomain"));
    }

    @Test
    void aFinalCodeIsNotRetriedAndItsRecommendAndHostIdReachTheReportAndTheAuditLine() {
        // given StartCdnDomain answers IllegalOperation (final, and not one of the refusals enable-domain words as a skip)
        inject("StartCdnDomain", "IllegalOperation", 0);
        // when enable-domain starts the offline domain by name
        SandboxCloud.Run run = sc.run(Functions.byName("enable-domain"),
                Request.builder().domains(List.of("img.example.com")).build());
        // then one call, and the failed change carries the cloud's HostId and Recommend link
        assertEquals(1, sc.count("StartCdnDomain"));
        Change failed = run.report().changes().stream().filter(c -> c.status() == ChangeStatus.FAILED).findFirst().orElseThrow();
        assertEquals("IllegalOperation", failed.error().code());
        assertEquals("cdn.aliyuncs.com", failed.error().hostId());
        assertTrue(failed.error().recommend().startsWith("https://api.aliyun.com/troubleshoot?q=IllegalOperation"), failed.error().recommend());
        String audit = run.auditLines().stream().filter(l -> l.contains("IllegalOperation")).findFirst()
                .orElseThrow(() -> new AssertionError("no audit line with the failure: " + run.auditLines()));
        JsonObject error = JsonParser.parseString(audit).getAsJsonObject().getAsJsonObject("error");
        assertEquals(failed.error().recommend(), error.get("recommend").getAsString());
        assertEquals("cdn.aliyuncs.com", error.get("hostId").getAsString());
        assertFalse(failed.error().recommend().contains("***"));
    }
}
