package io.cdnlifeline.remedy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.RequestParser;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.run.RemedyFunction;
import io.cdnlifeline.handler.EnableDomainHandler;
import io.cdnlifeline.event.BadInputException;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.Faults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.cdnlifeline.remedy.DomainSandbox.account;
import static io.cdnlifeline.remedy.DomainSandbox.cdn;
import static io.cdnlifeline.remedy.DomainSandbox.dcdn;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * disable-domain and enable-domain against the sandbox through the real SDK adapters: CDN and DCDN, batch
 * calls, exact round trips of status and tags, crash half way, domains we did not disable, debt, guards.
 */
class DisableEnableRemedyTest {
    private DomainSandbox cloud;

    @AfterEach
    void stop() {
        if (cloud != null) cloud.close();
    }

    private static String status(JsonObject d) {
        return d.get("status").getAsString();
    }

    /** The domain's tags without lifeline's time tags (their values differ run to run; CoverageLeaseTest checks them). */
    private static Map<String, String> tags(JsonObject d) {
        return d.getAsJsonObject("tags").entrySet().stream().filter(e -> !TIME_TAGS.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getAsString()));
    }

    private static String minutesAgo(int minutes) {
        return String.valueOf(MarkerLease.now().minusSeconds(60L * minutes).toEpochMilli());
    }

    private static final java.util.Set<String> TIME_TAGS = java.util.Set.of(TagIntent.SINCE, TagIntent.RESTORING);

    private static Map<String, String> withoutTimes(Map<String, String> tags) {
        Map<String, String> out = new java.util.HashMap<>(tags);
        out.keySet().removeAll(TIME_TAGS);
        return out;
    }

    @Test
    void disableTagsThenStopsInBatchesAndEnableBringsEverythingBackExactly() {
        // given three CDN and two DCDN domains online
        cloud = DomainSandbox.start(account(List.of(
                cdn("a.example.com", "online", "domestic", true, Map.of("team", "web")),
                cdn("b.example.com", "online", "global", true, Map.of()),
                cdn("c.example.com", "online", "domestic", true, Map.of())),
                List.of(dcdn("api.example.com", "online", "global", true, Map.of()),
                        dcdn("ws.example.com", "online", "domestic", true, Map.of()))));
        JsonObject before = cloud.everyDomain();

        // when an operator disables all of them, with a reason that holds a URL
        Report disabled = cloud.run(new DisableDomainRemedy(), "{\"domains\":[\"a.example.com\",\"b.example.com\",\"c.example.com\","
                + "\"api.example.com\",\"ws.example.com\"],\"reason\":\"ICP revoked, see https://ticket.example.com/42\"}");

        // then every domain is tagged first, then stopped: one batch call per product
        assertFalse(disabled.hasFailures(), disabled.toString());
        assertEquals(10, disabled.count(ChangeStatus.APPLIED));
        for (String d : List.of("a.example.com", "b.example.com", "c.example.com")) {
            assertEquals("offline", status(cloud.cdnNow(d)));
            assertEquals("ICP revoked see ticket.example.com/42", tags(cloud.cdnNow(d)).get("lifeline:disabled"));
            assertEquals(List.of("TagResources", "BatchStopCdnDomain"), cloud.writesFor(d));
        }
        for (String d : List.of("api.example.com", "ws.example.com")) {
            assertEquals("offline", status(cloud.dcdnNow(d)));
            assertEquals("ICP revoked see ticket.example.com/42", tags(cloud.dcdnNow(d)).get("lifeline:disabled"));
            assertEquals(List.of("TagDcdnResources", "BatchStopDcdnDomain"), cloud.writesFor(d));
        }
        assertEquals("web", tags(cloud.cdnNow("a.example.com")).get("team"));
        assertEquals(1, cloud.calls("TagResources"));
        assertEquals(1, cloud.calls("TagDcdnResources"));
        assertEquals(1, cloud.calls("BatchStopCdnDomain"));
        assertEquals(0, cloud.calls("StopCdnDomain"));
        assertEquals(0, cloud.calls("StopDcdnDomain"));
        assertEquals(1, cloud.calls("BatchStopDcdnDomain"));
        // the tags are read once per product, under the run's lock flags, and that read serves planning
        assertEquals(1, cloud.calls("DescribeTagResources"));
        assertEquals(1, cloud.calls("DescribeDcdnTagResources"));
        Change stop = disabled.changes().stream().filter(c -> c.resource().equals("cdn:a.example.com/status")).findFirst().orElseThrow();
        assertEquals("stop", stop.action());
        assertEquals("online", stop.before().get("status").getAsString());
        assertEquals("offline", stop.after().get("status").getAsString());

        // when it runs again: every domain is unchanged and nothing is written
        cloud.clearCalls();
        Report again = cloud.run(new DisableDomainRemedy(), "{\"domains\":[\"a.example.com\",\"b.example.com\",\"c.example.com\","
                + "\"api.example.com\",\"ws.example.com\"]}");
        assertEquals(5, again.count(ChangeStatus.UNCHANGED), again.toString());
        assertEquals(List.of(), cloud.writes());

        // when enable-domain runs with its default (remediated and not in debt)
        cloud.clearCalls();
        Report enabled = cloud.run(new EnableDomainRemedy(), "{}");

        // then each is started, then untagged (under the run's lock flag), and the account is exactly as before
        assertFalse(enabled.hasFailures(), enabled.toString());
        assertEquals(10, enabled.count(ChangeStatus.APPLIED));
        assertEquals(before, cloud.everyDomain());
        assertEquals(List.of("StartCdnDomain", "UntagResources"), cloud.writesFor("a.example.com"));
        assertEquals(List.of("StartDcdnDomain", "UntagDcdnResources"), cloud.writesFor("api.example.com"));
        assertEquals(3, cloud.calls("StartCdnDomain"));
        assertEquals(2, cloud.calls("StartDcdnDomain"));
        // one batch read for the marker probe (which domains enable-domain may start), then one under the lock flags
        assertEquals(1 + 1, cloud.calls("DescribeTagResources"));

        // and a second enable finds nothing it disabled
        cloud.clearCalls();
        Report enabledAgain = cloud.run(new EnableDomainRemedy(), "{}");
        assertEquals(0, enabledAgain.changes().size(), enabledAgain.toString());
        assertEquals(List.of(), cloud.writes());
    }

    @Test
    void underServerErrorsAndThrottlingRetriedRunsConvergeToTheExactState() {
        // given twelve domains of both products, and a cloud that fails or throttles a third of all calls
        List<Domain> cdnDomains = new ArrayList<>();
        List<Domain> dcdnDomains = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cdnDomains.add(cdn("c" + i + ".example.com", "online", "domestic", true, Map.of()));
            dcdnDomains.add(dcdn("d" + i + ".example.com", "online", "global", true, Map.of()));
        }
        cloud = DomainSandbox.start(account(cdnDomains, dcdnDomains));
        JsonObject before = cloud.everyDomain();
        cloud.sandbox().setFaults(new Faults(0.2, 0.15, 0.0, 7));

        // when disable-domain runs as FC would, again after every run with a failure
        int disableRuns = runUntilNoFailure(new DisableDomainRemedy(), "{\"when\":[\"online\"],\"reason\":\"drill\"}");

        // then every domain is offline and tagged once, whatever failed on the way
        cloud.sandbox().setFaults(new Faults());
        assertTrue(cloud.sandbox().requests().stream().filter(c -> c.errorCode != null).count() >= 3, "faults were injected");
        assertTrue(disableRuns <= 6);
        assertEquals(12L, (long) cloud.sandbox().read(s -> java.util.stream.Stream.concat(s.cdn.stream(), s.dcdn.stream())
                .filter(d -> d.status.equals("offline") && withoutTimes(d.tags).equals(Map.of("lifeline:disabled", "drill"))
                        && d.tags.containsKey(TagIntent.SINCE)).count()));

        // when enable-domain runs the same way
        cloud.sandbox().setFaults(new Faults(0.2, 0.15, 0.0, 11));
        int enableRuns = runUntilNoFailure(new EnableDomainRemedy(), "{}");
        cloud.sandbox().setFaults(new Faults());

        // then the account is exactly as before
        assertTrue(enableRuns <= 6);
        assertEquals(before, cloud.everyDomain());
    }

    /** Runs until a run reports no failed change (FC's async retry), at most six times; returns how many runs it took. */
    private int runUntilNoFailure(Remedy remedy, String request) {
        for (int run = 1; run <= 6; run++) {
            if (!cloud.run(remedy, request).hasFailures()) return run;
        }
        return Integer.MAX_VALUE;
    }

    @Test
    void aBatchTheCloudRefusesForOneDomainIsRetriedOneByOneSoTheOthersStillGo() {
        // given five CDN domains; one is deleted just before the tag batch, another just before the stop batch
        cloud = DomainSandbox.start(account(List.of(
                cdn("a.example.com", "online", "domestic", true, Map.of()),
                cdn("b.example.com", "online", "domestic", true, Map.of()),
                cdn("c.example.com", "online", "domestic", true, Map.of()),
                cdn("gone1.example.com", "online", "domestic", true, Map.of()),
                cdn("gone2.example.com", "online", "domestic", true, Map.of())), List.of()));
        CdnApi real = cloud.cloud().cdn();
        CdnApi deleting = (CdnApi) Proxy.newProxyInstance(CdnApi.class.getClassLoader(), new Class<?>[]{CdnApi.class}, (proxy, m, args) -> {
            // gone right before the marker's batch write (after the run raised its lock flags)
            if (m.getName().equals("tag") && !((Map<?, ?>) args[2]).keySet().stream().allMatch(k -> DomainSandbox.lockFlag(k.toString()))) {
                delete("gone1.example.com");
            }
            if (m.getName().equals("batchStopDomains")) delete("gone2.example.com");
            try {
                return m.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        Cloud cloudWithDeletes = new Cloud(deleting, cloud.cloud().dns(), cloud.cloud().account());

        // when they are disabled
        Report r = new RemedyFunction(new DisableDomainRemedy()).run(RequestParser.parse("{\"when\":[\"online\"]}"),
                Invocation.local(cloudWithDeletes, Settings.builder().build(), cloud.audit::add));

        // then the refused batches were retried one domain at a time: the three others are tagged and stopped
        assertEquals(7, r.count(ChangeStatus.APPLIED), r.toString());
        assertEquals(3, r.count(ChangeStatus.FAILED), r.toString());
        for (String d : List.of("a.example.com", "b.example.com", "c.example.com")) {
            assertEquals("offline", status(cloud.cdnNow(d)));
            assertEquals("manual", tags(cloud.cdnNow(d)).get("lifeline:disabled"));
        }
        assertEquals(1 + 5, cloud.calls("TagResources"));
        assertEquals(1, cloud.calls("BatchStopCdnDomain"));
        assertEquals(4, cloud.calls("StopCdnDomain"));
        Change gone1Stop = r.changes().stream().filter(c -> c.resource().equals("cdn:gone1.example.com/status")).findFirst().orElseThrow();
        assertEquals(Applier.NOT_ATTEMPTED, gone1Stop.error().code());
    }

    private void delete(String domain) {
        cloud.sandbox().update(s -> s.cdn.removeIf(d -> d.domain.equals(domain)));
    }

    @Test
    void sixtyCdnDomainsStopInTwoBatchCallsAndAreTaggedInTwo() {
        List<Domain> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) many.add(cdn("d" + i + ".example.com", "online", "domestic", true, Map.of()));
        cloud = DomainSandbox.start(account(many, List.of()));

        Report r = cloud.run(new DisableDomainRemedy(), "{\"when\":[\"online\"],\"products\":[\"cdn\"],\"maxChanges\":120}");

        assertFalse(r.hasFailures(), r.toString());
        assertEquals(120, r.count(ChangeStatus.APPLIED));
        assertEquals(2, cloud.calls("TagResources"));
        assertEquals(2, cloud.calls("BatchStopCdnDomain"));
        // two batch reads under the run's lock flags (raised in two calls, lowered in two), which serve planning
        assertEquals(2, cloud.calls("DescribeTagResources"));
        assertEquals(List.of("TagResources", "TagResources", "UntagResources", "UntagResources"), cloud.lockWrites());
        assertEquals(0, cloud.calls("StopCdnDomain"));
        assertEquals(60L, (long) cloud.sandbox().read(s -> s.cdn.stream().filter(d -> d.status.equals("offline")
                && "manual".equals(d.tags.get("lifeline:disabled"))).count()));
    }

    @Test
    void aDomainOfflineWithoutOurTagIsNeitherTaggedNorStartedByConditionButIsWhenNamed() {
        // given the cloud took www offline (no lifeline tag)
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "offline", "domestic", true, Map.of())), List.of()));

        // when disable-domain is asked for it, it is left alone and untagged
        Report disable = cloud.run(new DisableDomainRemedy(), "{\"domains\":[\"www.example.com\"]}");
        assertEquals(0, disable.changes().size());
        assertTrue(disable.skipped().get(0).why().contains("not by cdn-lifeline"), disable.skipped().get(0).why());
        assertEquals(Map.of(), tags(cloud.cdnNow("www.example.com")));

        // when enable-domain runs by condition, it is not ours: not started
        Report byCondition = cloud.run(new EnableDomainRemedy(), "{}");
        assertEquals(0, byCondition.changes().size());
        assertEquals("offline", status(cloud.cdnNow("www.example.com")));

        // when enable-domain runs for every offline domain, it still starts none that it did not stop
        Report everyOffline = cloud.run(new EnableDomainRemedy(), "{\"when\":[\"offline\"]}");
        assertEquals(0, everyOffline.changes().size());
        assertTrue(everyOffline.skipped().get(0).why().contains("not stopped by cdn-lifeline"), everyOffline.skipped().get(0).why());
        assertEquals(0, cloud.calls("StartCdnDomain"));

        // when it is named, any domain named is started (and there is no tag to remove)
        cloud.clearCalls();
        Report named = cloud.run(new EnableDomainRemedy(), "{\"domains\":[\"www.example.com\"]}");
        assertEquals(1, named.count(ChangeStatus.APPLIED), named.toString());
        assertEquals(List.of("StartCdnDomain"), cloud.writes());
        assertEquals("online", status(cloud.cdnNow("www.example.com")));
    }

    @Test
    void runsThatDiedHalfWayAreCompletedWithoutRewritingTheMarker() {
        // given a disable that tagged but did not stop, and an enable that started but did not untag
        cloud = DomainSandbox.start(account(List.of(
                // (a minute ago: the disable's own marker, not yet older than the lease; the enable's fence of a minute ago)
                cdn("half-disabled.example.com", "online", "domestic", true, Map.of("lifeline:disabled", "first reason",
                        TagIntent.SINCE, minutesAgo(1))),
                cdn("half-enabled.example.com", "online", "domestic", true, Map.of("lifeline:disabled", "old",
                        TagIntent.SINCE, minutesAgo(30), TagIntent.RESTORING, minutesAgo(1)))), List.of()));

        // when disable runs again for the first
        Report disable = cloud.run(new DisableDomainRemedy(), "{\"domains\":[\"half-disabled.example.com\"],\"reason\":\"second\"}");

        // then only the stop is made and the tag keeps the first reason
        assertFalse(disable.hasFailures(), disable.toString());
        assertEquals(List.of("StopCdnDomain"), cloud.writes());
        assertEquals("offline", status(cloud.cdnNow("half-disabled.example.com")));
        assertEquals("first reason", tags(cloud.cdnNow("half-disabled.example.com")).get("lifeline:disabled"));

        // when enable runs by condition for the second (online, still tagged)
        cloud.clearCalls();
        Report enable = cloud.run(new EnableDomainRemedy(), "{\"domains\":[\"half-enabled.example.com\"],\"when\":[\"remediated\"]}");

        // then only the tag is removed
        assertEquals(List.of("UntagResources"), cloud.writes());
        assertEquals(1, enable.count(ChangeStatus.APPLIED));
        assertEquals(Map.of(), tags(cloud.cdnNow("half-enabled.example.com")));
    }

    @Test
    void whileTheAccountIsInDebtEnableStartsNothingByConditionAndSaysWhyWhenNamed() {
        // given a domain we disabled, and an account with an overdue payment
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "offline", "domestic", true,
                Map.of("lifeline:disabled", "manual"))), List.of()));
        cloud.sandbox().update(s -> s.account.inDebt = true);

        // when enable-domain runs by its default, nothing is started
        Report byDefault = cloud.run(new EnableDomainRemedy(), "{}");
        assertEquals(0, byDefault.changes().size());
        assertEquals(0, cloud.calls("StartCdnDomain"));

        // when an operator names it through the FC handler, the cloud refuses and the report says why in words;
        // the handler does not throw (FC would retry what can only be refused again), and the tag stays
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertDoesNotThrow(() -> new EnableDomainHandler().with(Settings.builder().build(), cloud.cloud()).handleRequest(
                new ByteArrayInputStream("{\"domains\":[\"www.example.com\"]}".getBytes(StandardCharsets.UTF_8)), out, null));
        JsonObject named = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(0, named.getAsJsonObject("summary").get("failed").getAsInt(), named.toString());
        assertEquals(1, named.getAsJsonArray("skipped").size());
        String why = named.getAsJsonArray("skipped").get(0).getAsJsonObject().get("why").getAsString();
        assertTrue(why.contains("overdue payment") && why.contains("Forbidden.InDebt"), why);
        assertEquals(1, cloud.calls("StartCdnDomain"));
        // nothing is untagged (only the run's own lock flag comes down): lifeline:disabled stays
        assertEquals(0, cloud.calls("UntagResources"));
        assertEquals("offline", status(cloud.cdnNow("www.example.com")));
        assertEquals(Map.of("lifeline:disabled", "manual"), tags(cloud.cdnNow("www.example.com")));
    }

    @Test
    void disableWithoutDomainsOrConditionsIsBadInputAndTouchesNothing() {
        cloud = DomainSandbox.start(account(List.of(cdn("www.example.com", "online", "domestic", true, Map.of())), List.of()));

        BadInputException e = assertThrows(BadInputException.class, () -> cloud.run(new DisableDomainRemedy(), "{}"));

        assertTrue(e.getMessage().contains("domains"), e.getMessage());
        assertEquals(0, cloud.sandbox().requests().size());
    }

    @Test
    void aNamedDomainOutsideTheScopeIsSkippedAndNeverStopped() {
        cloud = DomainSandbox.start(account(List.of(
                cdn("pay.critical.example.com", "online", "domestic", true, Map.of()),
                cdn("www.example.com", "online", "domestic", true, Map.of())), List.of()));

        Report r = cloud.run(new DisableDomainRemedy(), "{\"domains\":[\"pay.critical.example.com\",\"www.example.com\"]}",
                Settings.builder().exclude("*.critical.example.com").build());

        assertEquals(1, r.skipped().size());
        assertEquals("pay.critical.example.com", r.skipped().get(0).domain());
        assertTrue(r.skipped().get(0).why().contains("LIFELINE_EXCLUDE"), r.skipped().get(0).why());
        assertEquals("online", status(cloud.cdnNow("pay.critical.example.com")));
        assertEquals(Map.of(), tags(cloud.cdnNow("pay.critical.example.com")));
        assertEquals(List.of("TagResources", "StopCdnDomain"), cloud.writes());
        assertEquals("offline", status(cloud.cdnNow("www.example.com")));
    }

    @Test
    void dryRunAndMaxChangesStopNothing() {
        cloud = DomainSandbox.start(account(List.of(
                cdn("a.example.com", "online", "domestic", true, Map.of()),
                cdn("b.example.com", "online", "domestic", true, Map.of())), List.of(
                dcdn("api.example.com", "online", "global", true, Map.of()))));
        JsonObject before = cloud.everyDomain();

        Report dry = cloud.run(new DisableDomainRemedy(), "{\"domains\":[\"a.example.com\",\"api.example.com\"],\"dryRun\":true}");
        Report capped = cloud.run(new DisableDomainRemedy(), "{\"when\":[\"online\"],\"maxChanges\":5}");

        assertEquals(4, dry.count(ChangeStatus.PLANNED));
        assertEquals(6, capped.count(ChangeStatus.PLANNED));
        assertNotNull(capped.refused());
        assertEquals(List.of(), cloud.writes());
        assertEquals(before, cloud.everyDomain());
    }

    @Test
    void domainsAlreadyDisabledDoNotCountAgainstMaxChanges() {
        // given two domains we disabled already and one online
        cloud = DomainSandbox.start(account(List.of(
                cdn("a.example.com", "offline", "domestic", true, Map.of("lifeline:disabled", "manual")),
                cdn("b.example.com", "offline", "domestic", true, Map.of("lifeline:disabled", "manual")),
                cdn("c.example.com", "online", "domestic", true, Map.of())), List.of()));

        // when all three are named with room for two changes
        Report r = cloud.run(new DisableDomainRemedy(),
                "{\"domains\":[\"a.example.com\",\"b.example.com\",\"c.example.com\"],\"maxChanges\":2}");

        // then the run is not refused: two unchanged, the third tagged and stopped
        assertEquals(null, r.refused());
        assertEquals(2, r.count(ChangeStatus.UNCHANGED));
        assertEquals(2, r.count(ChangeStatus.APPLIED));
        assertEquals("offline", status(cloud.cdnNow("c.example.com")));
    }
}
