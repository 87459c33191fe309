package io.cdnlifeline.testing;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.AuditLog;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.run.LifelineFunction;
import io.cdnlifeline.sandbox.Domain;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxCloudTest {
    private static final String SEED = "{\"cdn\": [{\"domain\": \"www.example.com\", \"status\": \"online\", \"coverage\": \"domestic\"}]}";

    /** A function for this test only: stops the named CDN domains and logs one audit line each. */
    private static final class StopNamed implements LifelineFunction {
        @Override
        public String name() {
            return "stop-named";
        }

        @Override
        public Report run(Request request, Invocation inv) {
            AuditLog audit = new AuditLog(inv.log(), name(), inv.requestId());
            for (String d : request.domains()) {
                try {
                    inv.cloud().cdn().stopDomain(Product.CDN, d);
                    audit.info("stopped " + d);
                } catch (CloudException e) {
                    audit.info("failed " + d + ": " + e.code());
                }
            }
            return Report.builder(name()).build();
        }
    }

    @Test
    void cloudTalksToTheSeededSandbox() throws CloudException {
        try (SandboxCloud sc = SandboxCloud.start(SEED)) {
            AcceleratedDomain www = sc.cloud().cdn().describeDomain(Product.CDN, "www.example.com");
            assertEquals("domestic", www.coverage());
            assertEquals(1, sc.count("DescribeCdnDomainDetail"));
            assertEquals(sc.sandbox().endpoint(), sc.settings().endpoint());
        }
    }

    @Test
    void runCollectsTheAuditLinesAndLeavesTheStateChanged() {
        try (SandboxCloud sc = SandboxCloud.start(SEED)) {
            sc.sandbox().update(s -> s.cdn.add(new Domain("img.example.com", null, "online", "domestic")));
            Request request = Request.builder().domain("www.example.com").domain("nope.example.com").build();

            SandboxCloud.Run run = sc.run(new StopNamed(), request);

            assertEquals("stop-named", run.report().function());
            assertEquals(2, run.auditLines().size());
            assertTrue(run.auditLines().get(0).contains("stopped www.example.com"), run.auditLines().get(0));
            assertTrue(run.auditLines().get(1).contains("InvalidDomain.NotFound"), run.auditLines().get(1));
            assertEquals("offline", sc.sandbox().read(s -> s.cdnDomain("www.example.com").status));
            assertEquals("online", sc.sandbox().read(s -> s.cdnDomain("img.example.com").status));
            assertEquals(2, sc.count("StopCdnDomain"));
        }
    }
}
