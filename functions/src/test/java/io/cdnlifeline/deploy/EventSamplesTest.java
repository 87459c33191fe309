package io.cdnlifeline.deploy;

import io.cdnlifeline.event.EventParser;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.event.RequestParser;
import io.cdnlifeline.run.Functions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every file in events/ is parsed, by the function events/index.json names, into the Request the index expects. */
class EventSamplesTest {
    private static final Path EVENTS = RepoRoot.find().resolve("events");

    @TestFactory
    List<DynamicTest> everySampleBecomesTheExpectedRequestForItsFunction() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (SampleIndex.Sample s : SampleIndex.read(EVENTS).samples) {
            tests.add(DynamicTest.dynamicTest(s.toString(), () -> {
                // given the sample and what the index says it means
                String text = Files.readString(EVENTS.resolve(s.file), StandardCharsets.UTF_8);
                Request expected = RequestParser.fromJson(s.request, "events/index.json " + s.file).toBuilder().source(s.source).build();
                // when the function it is for parses it
                Request actual = EventParser.parse(text, s.function);
                // then
                assertEquals(expected, actual, () -> "expected " + expected + " from " + expected.source() + ", got " + actual + " from " + actual.source());
            }));
        }
        return tests;
    }

    @Test
    void theIndexCoversEveryShapeAndNamesOnlyRealFunctions() throws Exception {
        List<String> sources = new ArrayList<>();
        for (SampleIndex.Sample s : SampleIndex.read(EVENTS).samples) {
            assertTrue(Functions.names().contains(s.function), s.file + " names the unknown function " + s.function);
            sources.add(s.source);
        }
        for (String prefix : new String[]{"timer:", "actiontrail:StopCdnDomain", "actiontrail:BatchStopCdnDomain", "actiontrail:StopDcdnDomain",
                "cdn-trigger:CdnDomainStopped", "cdn-trigger:CdnDomainStarted", "notification:OverduePayment", "notification:IcpInvalid",
                "notification:IcpRestored", "notification:PaymentSettled", "manual"}) {
            assertTrue(sources.stream().anyMatch(x -> x.startsWith(prefix)), "no sample of " + prefix);
        }
    }
}
