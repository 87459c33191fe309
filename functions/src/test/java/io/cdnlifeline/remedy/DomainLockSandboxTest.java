package io.cdnlifeline.remedy;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.RequestParser;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.run.RemedyFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.cdnlifeline.remedy.DomainSandbox.account;
import static io.cdnlifeline.remedy.DomainSandbox.cdn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DomainLock} against the sandbox through the real SDK adapters: a live flag of the opposite remedy holds a
 * run off (nothing written, the failure says who), a flag of the same remedy does not, a flag of a run that is over
 * is taken down, and two opposite runs that raise their flags at the same moment both step back.
 */
class DomainLockSandboxTest {
    private static final String OTHER = "lifeline:lock:0123456789";
    private DomainSandbox cloud;

    @AfterEach
    void stop() {
        if (cloud != null) cloud.close();
    }

    private static String flagUntil(long epochMillis, String function) {
        return epochMillis + "." + function;
    }

    private static Map<String, String> tags(JsonObject d) {
        Map<String, String> out = new TreeMap<>();
        d.getAsJsonObject("tags").entrySet().forEach(e -> out.put(e.getKey(), e.getValue().getAsString()));
        return out;
    }

    @Test
    void aLiveFlagOfTheOppositeRemedyHoldsTheRunOffWithoutAWrite() {
        // given an online domain that enable-domain is working on (its flag lives for another minute)
        String flag = flagUntil(System.currentTimeMillis() + 60_000, "enable-domain");
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "domestic", true, Map.of(OTHER, flag))), List.of()));

        // when disable-domain is asked to stop it
        Report r = cloud.run(new DisableDomainRemedy(), "{\"domains\":[\"www.example.com\"],\"reason\":\"test\"}");

        // then nothing is written, the failure (FC retries it) names the other run, and only the other run's flag is left
        assertTrue(r.hasFailures(), r.toString());
        Change first = r.changes().get(0);
        assertEquals(DomainLock.LOCKED, first.error().code());
        assertTrue(first.error().message().contains(OTHER) && first.error().message().contains("enable-domain"), first.error().message());
        assertEquals(List.of(), cloud.writes());
        assertEquals(List.of("TagResources", "UntagResources"), cloud.lockWrites(), "its own flag raised and lowered at once");
        assertEquals(Map.of(OTHER, flag), tags(cloud.cdnNow("www.example.com")));
        assertEquals("online", cloud.cdnNow("www.example.com").get("status").getAsString());
    }

    @Test
    void aLiveFlagOfTheSameRemedyDoesNotHoldTheRunOff() {
        // given a domain another disable-domain run is working on (or died on a moment ago)
        String flag = flagUntil(System.currentTimeMillis() + 60_000, "disable-domain");
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "domestic", true, Map.of(OTHER, flag))), List.of()));

        // when disable-domain runs (FC's retry of the dead one, say)
        Report r = cloud.run(new DisableDomainRemedy(), "{\"domains\":[\"www.example.com\"],\"reason\":\"test\"}");

        // then it does the work, and leaves the other run's flag to that run
        assertFalse(r.hasFailures(), r.toString());
        assertEquals(List.of("TagResources", "StopCdnDomain"), cloud.writes());
        JsonObject d = cloud.cdnNow("www.example.com");
        assertEquals("offline", d.get("status").getAsString());
        assertEquals(flag, tags(d).get(OTHER));
    }

    @Test
    void theFlagOfARunThatIsOverIsTakenDownByTheNextRunThatChangesTheDomain() {
        // given the flag of an enable-domain run whose time ran out two minutes ago
        String flag = flagUntil(System.currentTimeMillis() - 120_000, "enable-domain");
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "domestic", true, Map.of(OTHER, flag, "team", "web"))),
                List.of()));

        // when disable-domain runs
        Report r = cloud.run(new DisableDomainRemedy(), "{\"domains\":[\"www.example.com\"],\"reason\":\"test\"}");

        // then it is not held off, and the dead run's flag is gone with its own
        assertFalse(r.hasFailures(), r.toString());
        Map<String, String> t = tags(cloud.cdnNow("www.example.com"));
        assertFalse(t.keySet().stream().anyMatch(DomainSandbox::lockFlag), t.toString());
        assertEquals("web", t.get("team"));
        assertEquals("offline", cloud.cdnNow("www.example.com").get("status").getAsString());
    }

    @Test
    void aDomainThatNeedsNoChangeButCarriesAStaleFlagGetsItTakenDownAnyway() {
        // given a domain already disabled by cdn-lifeline, with the flag of a run that died long ago
        String flag = flagUntil(System.currentTimeMillis() - 600_000, "disable-domain");
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "offline", "domestic", true,
                Map.of(Markers.DISABLED, "test", OTHER, flag))), List.of()));

        // when disable-domain runs again
        Report r = cloud.run(new DisableDomainRemedy(), "{\"domains\":[\"www.example.com\"],\"reason\":\"test\"}");

        // then the domain is unchanged, and the stale flag came down with the run's own
        assertFalse(r.hasFailures(), r.toString());
        assertEquals(1, r.count(ChangeStatus.UNCHANGED), r.toString());
        assertEquals(List.of(), cloud.writes());
        assertEquals(Map.of(Markers.DISABLED, "test"), tags(cloud.cdnNow("www.example.com")));
    }

    @Test
    void twoOppositeRunsThatRaiseTheirFlagsAtOnceBothStepBack() {
        // given enable-domain raising its flag at the very moment disable-domain raises its own
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "domestic", true, Map.of())), List.of()));
        CdnApi real = cloud.cloud().cdn();
        String other = flagUntil(System.currentTimeMillis() + 60_000, "enable-domain");
        CdnApi racing = (CdnApi) Proxy.newProxyInstance(CdnApi.class.getClassLoader(), new Class<?>[]{CdnApi.class}, (proxy, m, args) -> {
            try {
                Object out = m.invoke(real, args);
                if (m.getName().equals("tag") && ((Map<?, ?>) args[2]).keySet().stream().allMatch(k -> DomainSandbox.lockFlag(k.toString()))) {
                    real.tag(io.cdnlifeline.cloud.Product.CDN, List.of("www.example.com"), Map.of(OTHER, other));
                }
                return out;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        Cloud both = new Cloud(racing, cloud.cloud().dns(), cloud.cloud().account());

        // when disable-domain runs
        Report r = new RemedyFunction(new DisableDomainRemedy()).run(RequestParser.parse("{\"domains\":[\"www.example.com\"],\"reason\":\"t\"}"),
                Invocation.local(both, Settings.builder().build(), line -> { }));

        // then it saw the other flag and stepped back: nothing written, its own flag lowered, the other's left to it
        assertTrue(r.hasFailures(), r.toString());
        assertEquals(DomainLock.LOCKED, r.changes().get(0).error().code());
        assertEquals(List.of(), cloud.writes());
        assertEquals(Map.of(OTHER, other), tags(cloud.cdnNow("www.example.com")));
        assertEquals("online", cloud.cdnNow("www.example.com").get("status").getAsString());
    }
}
