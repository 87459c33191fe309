package io.cdnlifeline.event;

import io.cdnlifeline.cloud.Product;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each event shape to the Request, and everything else refused with a message that names what was expected. */
class EventParserTest {
    private static String actionTrail(String type, String eventName, String params) {
        return "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"acs.cdn\",\"type\":\"" + type + "\",\"data\":{\"eventName\":\"" + eventName
                + "\",\"eventTime\":\"2026-11-21T08:15:02Z\",\"userIdentity\":{\"type\":\"ram-user\",\"userName\":\"ops\"},\"requestParameters\":" + params + "}}";
    }

    private static String notification(String kind, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"billing\",\"type\":\"lifeline:Notification:" + kind + "\",\"data\":" + data + "}";
    }

    private static String cdnEvent(String... nameAndDomain) {
        StringBuilder b = new StringBuilder("{\"events\":[");
        for (int i = 0; i < nameAndDomain.length; i += 2) {
            if (i > 0) b.append(',');
            b.append("{\"eventName\":\"").append(nameAndDomain[i]).append("\",\"eventSource\":\"cdn\",\"eventVersion\":\"1.0.0\",")
                    .append("\"eventParameter\":{\"domain\":\"").append(nameAndDomain[i + 1]).append("\",\"status\":\"offline\"}}");
        }
        return b.append("]}").toString();
    }

    private static void assertBadInput(String text, String function, String expectedInMessage) {
        BadInputException e = assertThrows(BadInputException.class, () -> EventParser.parse(text, function));
        assertTrue(e.getMessage().contains(expectedInMessage), () -> "message '" + e.getMessage() + "' lacks '" + expectedInMessage + "'");
    }

    @Test
    void emptyInputIsTheManualDefaultRequest() {
        Request r = EventParser.parse("  ", "inspect");
        assertEquals("manual", r.source());
        assertTrue(r.domains().isEmpty() && r.when().isEmpty());
    }

    @Test
    void aPlainRequestIsManual() {
        Request r = EventParser.parse("{\"domains\":[\"WWW.Example.com.\"],\"when\":[\"offline\"],\"dryRun\":true}", "dns-to-origin");
        assertEquals(List.of("www.example.com"), r.domains());
        assertEquals(EnumSet.of(Condition.OFFLINE), r.when());
        assertEquals(Boolean.TRUE, r.dryRun());
        assertEquals("manual", r.source());
    }

    @Test
    void aTimerPayloadIsTheRequestAndTheSourceNamesTheTrigger() {
        Request r = EventParser.parse("{\"triggerTime\":\"2026-11-22T06:05:00Z\",\"triggerName\":\"every-5-minutes\","
                + "\"payload\":\"{\\\"when\\\":[\\\"in-debt\\\"],\\\"maxChanges\\\":5}\"}", "dns-to-origin");
        assertEquals(EnumSet.of(Condition.IN_DEBT), r.when());
        assertEquals(Integer.valueOf(5), r.maxChanges());
        assertEquals("timer:every-5-minutes", r.source());
    }

    @Test
    void aTimerWithoutPayloadIsTheDefaultRequest() {
        Request r = EventParser.parse("{\"triggerTime\":\"2026-11-22T06:05:00Z\",\"triggerName\":\"t\",\"payload\":\"\"}", "dns-to-cdn");
        assertTrue(r.when().isEmpty() && r.domains().isEmpty());
        assertEquals("timer:t", r.source());
    }

    @Test
    void aTimerWithABadPayloadNamesTheTriggerAndTheProblem() {
        assertBadInput("{\"triggerTime\":\"x\",\"triggerName\":\"every-5-minutes\",\"payload\":\"{\\\"when\\\":[\\\"soon\\\"]}\"}", "dns-to-origin",
                "the payload of timer trigger 'every-5-minutes' is not a valid Request: request.when has 'soon'; expected any of offline");
        assertBadInput("{\"triggerTime\":\"x\",\"triggerName\":\"t\",\"payload\":{\"when\":[]}}", "dns-to-origin", "must be a string holding the Request JSON");
    }

    @Test
    void aStopSendsDnsToOriginThoseDomainsWhenOffline() {
        Request r = EventParser.parse(actionTrail("dcdn:ActionTrail:ApiCall", "StopDcdnDomain", "{\"DomainName\":\"api.example.com\"}"), "dns-to-origin");
        assertEquals(List.of("api.example.com"), r.domains());
        assertEquals(EnumSet.of(Condition.OFFLINE), r.when());
        assertEquals(EnumSet.of(Product.DCDN), r.products());
        assertEquals("actiontrail:StopDcdnDomain", r.source());
        assertEquals("StopDcdnDomain (ApiCall) by ops at 2026-11-21T08:15:02Z", r.reason());
    }

    @Test
    void aBatchStopNamesEveryDomainOfTheCommaSeparatedList() {
        Request r = EventParser.parse(actionTrail("cdn:ActionTrail:AliyunServiceEvent", "BatchStopCdnDomain",
                "{\"DomainNames\":\"a.example.com, b.example.com,\"}"), "dns-to-origin");
        assertEquals(List.of("a.example.com", "b.example.com"), r.domains());
        assertEquals(EnumSet.of(Product.CDN), r.products());
    }

    @Test
    void aDcdnBatchStopIsReadLikeTheCdnOne() {
        Request r = EventParser.parse(actionTrail("dcdn:ActionTrail:ApiCall", "BatchStopDcdnDomain",
                "{\"DomainNames\":\"api.example.com,static.example.com\"}"), "dns-to-origin");
        assertEquals(List.of("api.example.com", "static.example.com"), r.domains());
        assertEquals(EnumSet.of(Product.DCDN), r.products());
        assertEquals(EnumSet.of(Condition.OFFLINE), r.when());
    }

    @Test
    void aStartSendsDnsToCdnWithItsDefaultConditions() {
        Request r = EventParser.parse(actionTrail("cdn:ActionTrail:ConsoleOperation", "StartCdnDomain", "{\"DomainName\":\"www.example.com\"}"), "dns-to-cdn");
        assertEquals(List.of("www.example.com"), r.domains());
        assertTrue(r.when().isEmpty());
        assertEquals("actiontrail:StartCdnDomain", r.source());
    }

    @Test
    void actionTrailEventsThatAreNotUnderstoodAreRefused() {
        assertBadInput(actionTrail("cdn:ActionTrail:ApiCall", "DeleteCdnDomain", "{\"DomainName\":\"a.example.com\"}"), "dns-to-origin",
                "data.eventName is 'DeleteCdnDomain'; expected one of StopCdnDomain, BatchStopCdnDomain, StopDcdnDomain");
        assertBadInput(actionTrail("cdn:ActionTrail:ApiCall", "StopDcdnDomain", "{\"DomainName\":\"a.example.com\"}"), "dns-to-origin",
                "expected a dcdn:ActionTrail:* event");
        assertBadInput(actionTrail("cdn:ActionTrail:Other", "StopCdnDomain", "{\"DomainName\":\"a.example.com\"}"), "dns-to-origin",
                "expected <cdn|dcdn>:ActionTrail:ApiCall, ConsoleOperation or AliyunServiceEvent");
        assertBadInput(actionTrail("cdn:ActionTrail:ApiCall", "StopCdnDomain", "{\"Domain\":\"a.example.com\"}"), "dns-to-origin",
                "data.requestParameters.DomainName must be a non-empty string");
        assertBadInput(actionTrail("cdn:ActionTrail:ApiCall", "StopCdnDomain", "{\"DomainName\":\"not a domain\"}"), "dns-to-origin",
                "is not a domain name");
    }

    @Test
    void anEventRoutedToAFunctionThatDoesNotActOnItIsRefusedNamingTheRightOnes() {
        assertBadInput(actionTrail("cdn:ActionTrail:ApiCall", "StopCdnDomain", "{\"DomainName\":\"a.example.com\"}"), "restore-coverage",
                "restore-coverage does not act on the ActionTrail event StopCdnDomain; expected it to be routed to dns-to-origin or inspect");
        assertBadInput(notification("IcpInvalid", "{\"domains\":[\"a.example.com\"]}"), "dns-to-origin",
                "expected it to be routed to switch-to-overseas or inspect");
        assertBadInput(cdnEvent("CdnDomainStarted", "a.example.com"), "dns-to-origin", "expected it to be routed to dns-to-cdn or inspect");
    }

    @Test
    void inspectTakesAnyEventAsItsDomainsWithoutConditions() {
        Request r = EventParser.parse(actionTrail("cdn:ActionTrail:ApiCall", "StopCdnDomain", "{\"DomainName\":\"a.example.com\"}"), "inspect");
        assertEquals(List.of("a.example.com"), r.domains());
        assertTrue(r.when().isEmpty());
    }

    @Test
    void theCdnTriggerStoppedEventSendsDnsToOriginItsCdnDomains() {
        Request r = EventParser.parse(cdnEvent("CdnDomainStopped", "a.example.com", "CdnDomainStopped", "b.example.com"), "dns-to-origin");
        assertEquals(List.of("a.example.com", "b.example.com"), r.domains());
        assertEquals(EnumSet.of(Condition.OFFLINE), r.when());
        assertEquals(EnumSet.of(Product.CDN), r.products());
        assertEquals("cdn-trigger:CdnDomainStopped", r.source());
    }

    @Test
    void cdnTriggerEventsOfOtherKindsOrMixedKindsAreRefused() {
        assertBadInput(cdnEvent("LogFileCreated", "a.example.com"), "dns-to-origin", "expected CdnDomainStopped or CdnDomainStarted");
        assertBadInput(cdnEvent("CdnDomainStopped", "a.example.com", "CdnDomainStarted", "b.example.com"), "dns-to-origin",
                "expected one kind of event per invocation");
        assertBadInput("{\"events\":[]}", "dns-to-origin", "expected 1 to");
    }

    @Test
    void notificationsMapToTheirFunctionAndCondition() {
        Request overdue = EventParser.parse(notification("OverduePayment", "{}"), "dns-to-origin");
        assertTrue(overdue.domains().isEmpty(), "account-wide");
        assertEquals(EnumSet.of(Condition.IN_DEBT), overdue.when());
        assertEquals("notification:OverduePayment", overdue.source());

        Request invalid = EventParser.parse(notification("IcpInvalid", "{\"domains\":[\"www.example.com\"],\"reason\":\"filing withdrawn\"}"), "switch-to-overseas");
        assertEquals(List.of("www.example.com"), invalid.domains());
        assertEquals(EnumSet.of(Condition.ICP_INVALID), invalid.when());
        assertEquals("lifeline notification IcpInvalid: filing withdrawn", invalid.reason());

        String longReason = "x".repeat(500);
        Request kept = EventParser.parse(notification("IcpInvalid", "{\"domains\":[\"www.example.com\"],\"reason\":\"" + longReason + "\"}"), "inspect");
        assertEquals("lifeline notification IcpInvalid: " + "x".repeat(300) + "...", kept.reason(), "a long reason is kept to 300 characters");

        Request restored = EventParser.parse(notification("IcpRestored", "{\"domains\":[\"www.example.com\"]}"), "restore-coverage");
        assertTrue(restored.when().isEmpty(), "the function's default conditions");

        Request settled = EventParser.parse(notification("PaymentSettled", "{}"), "dns-to-cdn");
        assertEquals("notification:PaymentSettled", settled.source());
    }

    @Test
    void notificationsThatAreNotUnderstoodAreRefused() {
        assertBadInput(notification("IcpInvalid", "{}"), "switch-to-overseas", "must name the domains it is about");
        assertBadInput(notification("IcpInvalid", "{\"domain\":\"a.example.com\"}"), "switch-to-overseas", "data has an unknown field 'domain'; expected domains and reason");
        assertBadInput(notification("Outage", "{}"), "dns-to-origin", "expected lifeline:Notification:OverduePayment, PaymentSettled, IcpInvalid, IcpRestored, DomainOffline, DomainOnline or LowBalance");
        assertBadInput(notification("OverduePayment", "[]"), "dns-to-origin", "data must be a JSON object");
        assertBadInput(notification("DomainOffline", "{}"), "dns-to-origin", "must name the domains it is about");
        assertBadInput(notification("LowBalance", "{\"domains\":[\"a.example.com\"]}"), "inspect",
                "data has an unknown field 'domains'; expected reason, available, credit, currency and threshold");
    }

    @Test
    void otherShapesAreRefusedNamingEveryShapeThatIsRead() {
        assertBadInput("{\"specversion\":\"1.0\",\"type\":\"oss:ObjectCreated:PutObject\",\"data\":{}}", "dns-to-origin",
                "expected cdn:ActionTrail:*, dcdn:ActionTrail:* or lifeline:Notification:*");
        assertBadInput("{\"Records\":[]}", "dns-to-origin", "the input has the field 'Records', which no event cdn-lifeline reads has; expected a Request JSON");
        assertBadInput("[1,2]", "dns-to-origin", "expected one event");
        assertBadInput("42", "dns-to-origin", "the input is the number 42; expected a Request JSON");
        assertBadInput("{\"domains\":", "dns-to-origin", "not valid JSON");
    }

    @Test
    void aSingleEventInABatchArrayIsRead() {
        Request r = EventParser.parse("[" + notification("PaymentSettled", "{}") + "]", "inspect");
        assertEquals(Set.of(), Set.copyOf(r.domains()));
        assertEquals("notification:PaymentSettled", r.source());
    }

    private static String platformEvent(String type, String eventType, String subject) {
        return "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"acs.dcdn\",\"type\":\"" + type + "\",\"subject\":\"" + subject
                + "\",\"data\":{\"eventType\":\"" + eventType + "\",\"eventName\":\"SomethingAlibabaCloudDid\"}}";
    }

    @Test
    void anAlibabaCloudInitiatedEventOfAnyNameSendsItsDomainsToTheOriginWhenOffline() {
        Request r = EventParser.parse(platformEvent("dcdn:ActionTrail:AliyunServiceEvent", "ALIYUN_INITIATED_SERVICE",
                "acs:dcdn:cn-hangzhou:1234567890123456:domain/api.example.com"), "dns-to-origin");
        assertEquals(List.of("api.example.com"), r.domains());
        assertEquals(EnumSet.of(Condition.OFFLINE), r.when());
        assertEquals(EnumSet.of(Product.DCDN), r.products());
        assertEquals("actiontrail:ALIYUN_INITIATED_SERVICE", r.source());
    }

    @Test
    void aSupportOperationIsNotAPlatformStopAndAnEventWithoutADomainIsRefused() {
        assertBadInput(platformEvent("cdn:ActionTrail:AliyunServiceEvent", "ALIYUN_INITIATED_SUPPORT", "acs:cdn:cn-hangzhou:1:domain/a.example.com"),
                "dns-to-origin", "ALIYUN_INITIATED_PENALTY");
        assertBadInput(platformEvent("cdn:ActionTrail:AliyunServiceEvent", "ALIYUN_INITIATED_PENALTY", "acs:cdn:cn-hangzhou:1:account"),
                "dns-to-origin", "names no domain");
        assertBadInput(platformEvent("cdn:ActionTrail:AliyunServiceEvent", "ALIYUN_INITIATED_PENALTY", "acs:cdn:cn-hangzhou:1:domain/a.example.com"),
                "dns-to-cdn", "dns-to-origin");
    }
}
