package io.cdnlifeline.remedy;

import com.google.gson.JsonObject;
import io.cdnlifeline.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.cdnlifeline.remedy.DomainSandbox.account;
import static io.cdnlifeline.remedy.DomainSandbox.cdn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coverage remedies' time tags and lease, against the sandbox, with the markers' clock set by the test
 * ({@link MarkerLease#useClock}) instead of waiting: what each remedy does with the other's marker while it is
 * younger than the lease (a run that may be in flight) and once it is older (a run that died).
 */
class CoverageLeaseTest {
    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");
    private DomainSandbox cloud;

    @AfterEach
    void stop() {
        MarkerLease.useClock(null);
        if (cloud != null) cloud.close();
    }

    private static void clockAt(Instant t) {
        MarkerLease.useClock(Clock.fixed(t, ZoneOffset.UTC));
    }

    private static String ms(Instant t) {
        return String.valueOf(t.toEpochMilli());
    }

    private Map<String, String> tags() {
        JsonObject d = cloud.cdnNow("www.example.com");
        Map<String, String> out = new java.util.TreeMap<>();
        d.getAsJsonObject("tags").entrySet().forEach(e -> out.put(e.getKey(), e.getValue().getAsString()));
        return out;
    }

    private String coverage() {
        return cloud.cdnNow("www.example.com").get("coverage").getAsString();
    }

    @Test
    void aSwitchWritesItsTimeBesideTheOriginalInOneCall() {
        // given a domestic domain with an invalid filing, at T0
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "domestic", false, Map.of())), List.of()));
        clockAt(T0);
        // when switch-to-overseas runs
        Report r = cloud.run(new SwitchToOverseasRemedy(), "{}");
        // then one TagResources call wrote the original and the time, then the switch
        assertFalse(r.hasFailures(), r.toString());
        assertEquals(Map.of("lifeline:coverage", "domestic", "lifeline:since", ms(T0)), tags());
        assertEquals(List.of("TagResources", "ModifyCdnDomainSchdmByProperty"), cloud.writes());
        assertEquals("overseas", coverage());
    }

    @Test
    void restoreCoverageCleansUpASwitchThatDiedBeforeItsWriteHoweverYoung() {
        // given a domain tagged by switch-to-overseas at T0 but still domestic, and no live lock flag on it: the switch
        // died before its write (a live one would hold its flag up, and restore-coverage would be refused: DomainLockSandboxTest)
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "domestic", true,
                Map.of("lifeline:coverage", "domestic", "lifeline:since", ms(T0)))), List.of()));

        // when restore-coverage runs two minutes later
        clockAt(T0.plusSeconds(120));
        Report old = cloud.run(new RestoreCoverageRemedy(), "{\"domains\":[\"www.example.com\"]}");
        // then it only removes the tags
        assertFalse(old.hasFailures(), old.toString());
        assertEquals(List.of("UntagResources"), cloud.writes());
        assertEquals(Map.of(), tags());
        assertEquals("domestic", coverage());
    }

    @Test
    void switchToOverseasTakesOverARestoreThatDied() {
        // given a restore-coverage of an earlier version (it fenced with lifeline:restoring) that died before setting the
        // coverage back, and no live lock flag on the domain
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "overseas", false,
                Map.of("lifeline:coverage", "global", "lifeline:since", ms(T0), "lifeline:restoring", ms(T0.plusSeconds(60))))), List.of()));

        // when switch-to-overseas runs a minute later
        Instant later = T0.plusSeconds(120);
        clockAt(later);
        Report old = cloud.run(new SwitchToOverseasRemedy(), "{\"domains\":[\"www.example.com\"],\"when\":[\"always\"]}");
        // then it takes the domain over: the original kept, a since tag newer than the restoring one (one call)
        assertFalse(old.hasFailures(), old.toString());
        assertEquals(List.of("TagResources"), cloud.writes());
        assertEquals("global", tags().get("lifeline:coverage"));
        assertEquals(ms(later), tags().get("lifeline:since"));
        assertEquals("overseas", coverage());

        // and restore-coverage, once the filing is valid, puts it back exactly and removes all three tags
        cloud.sandbox().update(s -> s.cdnDomain("www.example.com").icp = true);
        Report back = cloud.run(new RestoreCoverageRemedy(), "{\"domains\":[\"www.example.com\"]}");
        assertFalse(back.hasFailures(), back.toString());
        assertEquals("global", coverage());
        assertEquals(Map.of(), tags());
    }

    @Test
    void restoreCoverageContinuesARestoreOfAnyAge() {
        // given a restore that fenced the domain a minute ago and died (the coverage still overseas)
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "overseas", true,
                Map.of("lifeline:coverage", "domestic", "lifeline:since", ms(T0), "lifeline:restoring", ms(T0.plusSeconds(60))))), List.of()));
        clockAt(T0.plusSeconds(120));
        // when restore-coverage runs
        Report r = cloud.run(new RestoreCoverageRemedy(), "{\"domains\":[\"www.example.com\"]}");
        // then it finishes it without a new fence: coverage back, tags gone
        assertFalse(r.hasFailures(), r.toString());
        assertEquals(List.of("ModifyCdnDomainSchdmByProperty", "UntagResources"), cloud.writes());
        assertEquals("domestic", coverage());
        assertEquals(Map.of(), tags());
    }
}
