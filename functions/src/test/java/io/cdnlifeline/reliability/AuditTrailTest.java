package io.cdnlifeline.reliability;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.event.EventParser;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.run.Functions;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.sandbox.Faults;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run whose detection reads fail reports them as failed changes and the handler throws for FC's retry; the audit
 * trail (FC's log, shipped to Log Service) must say the same, or the log shows a failed invocation without why.
 */
class AuditTrailTest {
    @Test
    void failedDetectionReadsAreInTheAuditTrail() {
        try (SandboxCloud sc = SandboxCloud.start(Fleet.seed())) {
            // given every call answered 500 or 503 and a policy that does not retry
            Cloud cloud = sc.cloud(() -> SandboxCloud.SANDBOX_KEYS, Fleet.UNLIMITED.toBuilder().maxAttempts(1).build());
            sc.sandbox().setFaults(new Faults(1.0, 0, 0, 1));
            for (String function : new String[] {"dns-to-origin", "switch-to-overseas", "enable-domain"}) {
                List<String> audit = Collections.synchronizedList(new ArrayList<>());

                // when a remedy runs
                Report report = Functions.byName(function).run(EventParser.parse("{\"domains\": [\"www.example.com\"]}", function),
                        new Invocation(cloud, sc.settings(), audit::add, "audit", System.currentTimeMillis() + 30_000));

                // then its failed reads are in the report and, each, in the audit trail with the cloud's code
                assertTrue(report.hasFailures(), report.toString());
                for (Change c : report.changes()) {
                    if (c.status() != ChangeStatus.FAILED) continue;
                    assertTrue(audit.stream().anyMatch(line -> line.contains("\"resource\":\"" + c.resource() + "\"")
                            && line.contains("\"status\":\"failed\"") && line.contains(c.error().code())), function + " " + c + " not in " + audit);
                }
                assertFalse(audit.isEmpty());
            }
        }
    }
}
