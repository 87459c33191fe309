package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DnsApi;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.RequestParser;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.run.RemedyFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * How enable-domain reports the cloud's refusals of a start, over a mocked CdnApi port (the sandbox does not
 * play the ICP/ISP blacklists; the integration tests cover the rest through the real SDK).
 */
class EnableRefusalsTest {
    private CdnApi cdn;
    private Cloud cloud;
    private final Map<String, Map<String, String>> flags = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> audit = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() throws CloudException {
        cdn = mock(CdnApi.class);
        cloud = new Cloud(cdn, mock(DnsApi.class), mock(AccountApi.class));
        when(cdn.describeDomain(eq(Product.CDN), any())).thenAnswer(inv -> new AcceleratedDomain(Product.CDN,
                inv.getArgument(1), "offline", inv.getArgument(1) + ".w.kunlunsl.com", "domestic", List.of()));
        when(cdn.describeDomain(eq(Product.DCDN), any())).thenThrow(
                new CloudException("InvalidDomain.NotFound", "The domain provided does not exist in our records.", "R-0", 404, false));
        // Named domains are looked up in the domain lists (status from the list); each one found gets one detail read.
        when(cdn.findDomains(eq(Product.CDN), anyCollection())).thenAnswer(inv -> {
            List<AcceleratedDomain> out = new ArrayList<>();
            for (Object n : (Collection<?>) inv.getArgument(1)) {
                out.add(new AcceleratedDomain(Product.CDN, (String) n, "offline", n + ".w.kunlunsl.com", "domestic", List.of()));
            }
            return out;
        });
        when(cdn.findDomains(eq(Product.DCDN), anyCollection())).thenReturn(List.of());
        // Every domain carries lifeline:disabled; the lock flags the run raises are kept, so that it holds its domains.
        when(cdn.tags(eq(Product.CDN), anyCollection())).thenAnswer(inv -> {
            Map<String, Map<String, String>> out = new HashMap<>();
            for (Object n : (Collection<?>) inv.getArgument(1)) {
                Map<String, String> t = new HashMap<>(flags.getOrDefault((String) n, Map.of()));
                t.put(Markers.DISABLED, "icp");
                out.put((String) n, t);
            }
            return out;
        });
        doAnswer(inv -> {
            Map<String, String> tags = inv.getArgument(2);
            for (Object n : (Collection<?>) inv.getArgument(1)) {
                for (Map.Entry<String, String> t : tags.entrySet()) {
                    if (t.getKey().startsWith(DomainLock.PREFIX)) flags.computeIfAbsent((String) n, k -> new HashMap<>()).put(t.getKey(), t.getValue());
                }
            }
            return null;
        }).when(cdn).tag(eq(Product.CDN), anyCollection(), any());
    }

    /** Lock flags are the run's own bookkeeping: this test is about the remedy's untags. */
    private static boolean lockOnly(Collection<String> keys) {
        return keys.stream().allMatch(k -> k.startsWith(DomainLock.PREFIX));
    }

    private Report enable(String json) {
        return new RemedyFunction(new EnableDomainRemedy()).run(RequestParser.parse(json),
                Invocation.local(cloud, Settings.builder().build(), audit::add));
    }

    @ParameterizedTest
    @CsvSource({
            "IcpBlack, ICP blacklist",
            "IspBlack, ISP blacklist",
            "Forbidden.InDebt, overdue payment",
    })
    void aFinalRefusalIsASkipInPlainWordsThatKeepsTheTagAndDoesNotFail(String code, String words) throws CloudException {
        // given
        doThrow(new CloudException(code, "refused", "R-7", 400, false)).when(cdn).startDomain(Product.CDN, "shop.example.com");

        // when
        Report report = enable("{\"domains\":[\"shop.example.com\"]}");

        // then
        assertFalse(report.hasFailures(), "a final refusal must not make FC retry");
        assertEquals(0, report.changes().size());
        assertEquals(1, report.skipped().size());
        String why = report.skipped().get(0).why();
        assertTrue(why.contains(words), why);
        assertTrue(why.contains(code) && why.contains("R-7"), why);
        // the tag stays: the only untag takes down the run's own lock flag
        verify(cdn, never()).untag(any(), anyCollection(), org.mockito.ArgumentMatchers.argThat(keys -> !lockOnly(keys)));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"code\":\"" + code + "\"")), "the refused attempt is in the audit log");
    }

    @Test
    void anUnavailableIcpCheckIsAFailedChangeExplainedSoFcRetries() throws CloudException {
        doThrow(new CloudException("RecordCheckNotAvailable", "The ICP filing interface is unavailable.", "R-8", 400, false))
                .when(cdn).startDomain(Product.CDN, "shop.example.com");

        Report report = enable("{\"domains\":[\"shop.example.com\"]}");

        assertTrue(report.hasFailures());
        Change start = report.changes().get(0);
        assertEquals(ChangeStatus.FAILED, start.status());
        assertEquals("RecordCheckNotAvailable", start.error().code());
        assertTrue(start.note().contains("ICP filing check"), start.note());
        Change untag = report.changes().get(1);
        assertEquals(Applier.NOT_ATTEMPTED, untag.error().code());
        verify(cdn, never()).untag(any(), anyCollection(), org.mockito.ArgumentMatchers.argThat(keys -> !lockOnly(keys)));
    }

    @Test
    void oneRefusedDomainDoesNotHoldBackTheOthersAndTagsAreReadOnceForAll() throws CloudException {
        doThrow(new CloudException("IcpBlack", "The domain is on the ICP blacklist.", "R-9", 400, false))
                .when(cdn).startDomain(Product.CDN, "b.example.com");

        Report report = enable("{\"domains\":[\"a.example.com\",\"b.example.com\",\"c.example.com\"]}");

        assertEquals(4, report.count(ChangeStatus.APPLIED), "start and untag of a and c");
        assertEquals(1, report.skipped().size());
        assertEquals("b.example.com", report.skipped().get(0).domain());
        // one batch read, under the run's lock flags; each untag takes the run's flag down with the marker
        verify(cdn, times(1)).tags(eq(Product.CDN), anyCollection());
        for (String d : List.of("a.example.com", "c.example.com")) {
            verify(cdn).untag(eq(Product.CDN), eq(List.of(d)), org.mockito.ArgumentMatchers.argThat(keys -> keys.size() == 4
                    && keys.containsAll(List.of(Markers.DISABLED, TagIntent.SINCE, TagIntent.RESTORING))
                    && keys.stream().anyMatch(k -> k.startsWith(DomainLock.PREFIX))));
        }
    }
}
