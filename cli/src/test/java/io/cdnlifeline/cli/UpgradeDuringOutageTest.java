package io.cdnlifeline.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.sandbox.DnsRecord;
import io.cdnlifeline.sandbox.ErrorInjection;
import io.cdnlifeline.sandbox.FcInvocation;
import io.cdnlifeline.sandbox.Faults;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A new release deployed in the middle of an outage, in the local FC: the functions deployed through FC's API as
 * {@code s deploy} deploys them, the outage run by their own timers on a sped-up clock, cut part-way (one DNS write
 * refused, so the run ends with that record marked but not switched and its invocation failed), then every function
 * updated with a new code package, and the outage carried on by the new release's timers to its end and back.
 * Nothing may be lost (the record left half-way is finished) or duplicated (no second record, no second marker), and
 * the account ends exactly as it began.
 */
class UpgradeDuringOutageTest {
    private static final List<String> HOSTS = List.of("www", "img", "shop");
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, null);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aRedeployMidOutageNeitherLosesNorDuplicatesAChange() throws Exception {
        assumeTrue(LocalFcDeploy.jarBuilt(), LocalFcDeploy.JAR + " is not built yet (mvn verify builds it before the cli's tests)");
        String initial = state();
        int initialRecords = records().size();
        LocalFcDeploy deploy = new LocalFcDeploy(sandbox);
        byte[] v1 = LocalFcDeploy.jar();
        deploy.deploy(v1, 0);
        String v1Checksum = checksum(deploy, "dns-to-origin");

        // given the three CDN domains go offline, and the cloud refuses one DNS write
        sandbox.update(s -> {
            for (String d : List.of("www.example.com", "img.example.com", "shop.example.net")) s.cdnDomain(d).status = "offline";
        });
        Faults faults = new Faults();
        faults.inject = List.of(new ErrorInjection("UpdateDomainRecord", "RecordForbidden.BlackHole", 1.0, 1));
        sandbox.setFaults(faults);

        // when release 1's 5-minute timer runs the outage
        List<FcInvocation> first = runTimers(Duration.ofMinutes(5));

        // then it got part-way: two domains on their origin, one still on its CDN CNAME (marked, not switched), the invocation failed
        FcInvocation v1Run = only(first, "dns-to-origin");
        assertEquals("Failed", v1Run.status, () -> v1Run.output + v1Run.log);
        assertEquals(2, switchedHosts().size(), this::dump);
        sandbox.setFaults(new Faults());

        // when release 2 is deployed (every function, a new code package) and its timers carry on
        deploy.redeploy(LocalFcDeploy.nextRelease(v1, "release 2"));
        assertNotEquals(v1Checksum, checksum(deploy, "dns-to-origin"));
        Transcript.note("release 2 deployed (UpdateFunction x7): codeChecksum of dns-to-origin " + v1Checksum + " -> " + checksum(deploy, "dns-to-origin"));
        List<FcInvocation> second = runTimers(Duration.ofMinutes(5));

        // then release 2 finished exactly the record release 1 left, and changed nothing twice
        FcInvocation v2Run = only(second, "dns-to-origin");
        assertEquals("Succeeded", v2Run.status, () -> v2Run.output + v2Run.log);
        JsonObject summary = JsonParser.parseString(v2Run.output).getAsJsonObject().getAsJsonObject("summary");
        // (which domain's write was refused depends on the order of the 8 workers: the whole run is 4 changes)
        assertTrue(summary.get("applied").getAsInt() >= 1, v2Run.output);
        assertEquals(4, summary.get("applied").getAsInt() + summary.get("unchanged").getAsInt(), v2Run.output);
        assertEquals(0, summary.get("failed").getAsInt(), v2Run.output);
        assertEquals(Set.copyOf(HOSTS), switchedHosts(), this::dump);
        assertNoDuplicates();
        assertTrue(records().size() >= initialRecords, this::dump);

        // when the domains come back, and the 30-minute timer of release 2 restores DNS
        sandbox.update(s -> {
            for (String d : List.of("www.example.com", "img.example.com", "shop.example.net")) s.cdnDomain(d).status = "online";
        });
        List<FcInvocation> back = runTimers(Duration.ofMinutes(30));
        assertTrue(back.stream().anyMatch(i -> i.functionName.equals("dns-to-cdn") && i.status.equals("Succeeded")), () -> describe(back));
        for (FcInvocation i : back) assertEquals("Succeeded", i.status, () -> i.functionName + ": " + i.output + i.log);

        // then the account is exactly as it began, record by record
        assertEquals(initial, state(), this::dump);
    }

    /** Moves FC's clock and waits for every timer invocation it started; the transcript gets one line each. */
    private List<FcInvocation> runTimers(Duration by) throws InterruptedException {
        List<FcInvocation> done = new ArrayList<>();
        for (String id : sandbox.fcAdvanceClock(by)) done.add(awaitDone(id));
        Transcript.note("FC's clock +" + by.toMinutes() + " min:");
        for (FcInvocation i : done) {
            String summary;
            try {
                JsonObject o = JsonParser.parseString(i.output).getAsJsonObject();
                summary = o.has("summary") ? " " + o.get("summary") : " " + i.errorType + ": " + o.get("errorMessage");
            } catch (RuntimeException e) {
                summary = " " + i.errorType;
            }
            Transcript.note("  " + i.functionName + " (" + i.source + ") " + i.status + summary);
        }
        Transcript.note("  DNS now: " + dump().replace("\n", " | "));
        return done;
    }

    private static FcInvocation only(List<FcInvocation> runs, String function) {
        List<FcInvocation> of = new ArrayList<>();
        for (FcInvocation i : runs) if (i.functionName.equals(function)) of.add(i);
        assertEquals(1, of.size(), () -> describe(runs));
        return of.get(0);
    }

    private static String describe(List<FcInvocation> runs) {
        StringBuilder b = new StringBuilder();
        for (FcInvocation i : runs) b.append(i.functionName).append(' ').append(i.source).append(' ').append(i.status).append('\n');
        return b.toString();
    }

    private Set<String> switchedHosts() {
        Set<String> out = new HashSet<>();
        for (DnsRecord r : records()) {
            if (HOSTS.contains(r.rr) && !onCdn(r) && r.remark.startsWith("lifeline:switched:")) out.add(r.rr);
        }
        return out;
    }

    /** No two records for the same host, line and value; no host of the outage both on its CNAME and on its origin. */
    private void assertNoDuplicates() {
        Set<String> seen = new HashSet<>();
        for (DnsRecord r : records()) {
            assertTrue(seen.add(r.rr + "/" + r.line + "/" + r.type + "/" + r.value), this::dump);
            if (HOSTS.contains(r.rr)) assertTrue(!onCdn(r), this::dump);
        }
    }

    private static boolean onCdn(DnsRecord r) {
        return r.type.equals("CNAME") && r.value.endsWith(".kunlunsl.com");
    }

    private List<DnsRecord> records() {
        return sandbox.read(s -> {
            List<DnsRecord> out = new ArrayList<>();
            s.dns.forEach(z -> out.addAll(z.records));
            return out;
        });
    }

    private String dump() {
        StringBuilder b = new StringBuilder();
        for (DnsRecord r : records()) b.append(r.rr).append(' ').append(r.type).append(' ').append(r.value).append(' ').append(r.remark).append('\n');
        return b.toString();
    }

    private static String checksum(LocalFcDeploy deploy, String function) {
        for (JsonObject f : deploy.fc().functions()) {
            if (function.equals(f.get("functionName").getAsString())) return f.get("codeChecksum").getAsString();
        }
        throw new AssertionError(function + " is not deployed");
    }

    private String state() {
        return AccountState.of(sandbox.stateJson()).comparable().toString();
    }

    private FcInvocation awaitDone(String id) throws InterruptedException {
        for (int n = 0; n < 1800; n++) {
            FcInvocation done = sandbox.fcInvocations().stream().filter(x -> x.requestId.equals(id) && !"Running".equals(x.status)).findFirst().orElse(null);
            if (done != null) return done;
            Thread.sleep(100);
        }
        throw new AssertionError("invocation " + id + " did not finish in 180 s");
    }
}
