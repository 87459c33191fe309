package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code faults.inject}: any documented error code for a chosen action, by rate and count. */
class ErrorInjectionTest {
    private Sandbox sandbox;
    private RawClient client;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, null);
        client = new RawClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aDocumentedCodeIsAnsweredWithItsStatusMessageHostIdAndRecommendForItsCountThenTheCallWorks() {
        // given StopCdnDomain answers ServiceBusy twice
        client.admin("PUT", "/_sandbox/faults", "{\"inject\":[{\"action\":\"StopCdnDomain\",\"code\":\"ServiceBusy\",\"count\":2}]}");
        // when it is called three times
        RawClient.Answer first = client.call("cdn", "StopCdnDomain", "DomainName", "www.example.com");
        RawClient.Answer second = client.call("cdn", "StopCdnDomain", "DomainName", "www.example.com");
        String statusBetween = sandbox.read(s -> s.cdnDomain("www.example.com").status);
        RawClient.Answer third = client.call("cdn", "StopCdnDomain", "DomainName", "www.example.com");
        // then the first two are the documented 403, carried out not at all, and the third stops the domain
        assertEquals(403, first.status);
        assertEquals("ServiceBusy", first.code());
        assertEquals("The specified Domain is configuring, please retry later.", first.body.get("Message").getAsString());
        assertEquals("cdn.aliyuncs.com", first.body.get("HostId").getAsString());
        assertTrue(first.body.get("Recommend").getAsString().contains("q=ServiceBusy"), first.body.toString());
        assertEquals("ServiceBusy", second.code());
        assertEquals("online", statusBetween);
        assertEquals(200, third.status);
        assertEquals("offline", sandbox.read(s -> s.cdnDomain("www.example.com").status));
    }

    @Test
    void otherActionsAreNotTouched() {
        client.admin("PUT", "/_sandbox/faults", "{\"inject\":[{\"action\":\"UpdateDomainRecord\",\"code\":\"UnKnownError\"}]}");
        assertEquals(200, client.call("cdn", "DescribeUserDomains").status);
    }

    @Test
    void aRateBelowOneIsDrawnFromTheSeed() {
        // given half of DescribeUserDomains calls answer Forbidden, seed 3
        sandbox.setFaults("{\"seed\":3,\"inject\":[{\"action\":\"DescribeUserDomains\",\"code\":\"Forbidden\",\"rate\":0.5}]}");
        List<Integer> firstRun = statuses(40);
        sandbox.setFaults("{\"seed\":3,\"inject\":[{\"action\":\"DescribeUserDomains\",\"code\":\"Forbidden\",\"rate\":0.5}]}");
        List<Integer> secondRun = statuses(40);
        // then some but not all fail, and the same seed fails the same calls
        long failed = firstRun.stream().filter(s -> s == 403).count();
        assertTrue(failed > 5 && failed < 35, "failed " + failed + " of 40");
        assertEquals(firstRun, secondRun);
    }

    @Test
    void anUndocumentedCodeNeedsItsStatusAndMessageAndABadEntryChangesNothing() {
        sandbox.setFaults("{\"errorRate\":0}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sandbox.setFaults("{\"errorRate\":0.5,\"inject\":[{\"action\":\"StopCdnDomain\",\"code\":\"MadeUp\"}]}"));
        assertTrue(e.getMessage().contains("httpStatus and message"), e.getMessage());
        assertEquals(0.0, sandbox.read(s -> s.faults.errorRate));
        // a code with its own status and message is fine
        sandbox.setFaults("{\"inject\":[{\"action\":\"StopCdnDomain\",\"code\":\"Forbidden.RAM\",\"httpStatus\":403,"
                + "\"message\":\"User not authorized to operate on the specified resource, or this API doesn't support RAM.\"}]}");
        RawClient.Answer a = client.call("cdn", "StopCdnDomain", "DomainName", "www.example.com");
        assertEquals(403, a.status);
        assertEquals("Forbidden.RAM", a.code());
    }

    private List<Integer> statuses(int calls) {
        return java.util.stream.IntStream.range(0, calls).mapToObj(i -> client.call("cdn", "DescribeUserDomains").status)
                .collect(Collectors.toList());
    }
}
