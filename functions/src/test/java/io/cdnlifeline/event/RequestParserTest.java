package io.cdnlifeline.event;

import io.cdnlifeline.cloud.Product;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestParserTest {

    @Test
    void readsEveryFieldOfTheDesignExample() {
        // given the Request JSON of DESIGN.md
        String json = "{\"domains\": [\"WWW.Example.com.\"], \"when\": [\"offline\", \"in-debt\"], \"products\": [\"cdn\", \"dcdn\"],"
                + " \"dryRun\": false, \"maxChanges\": 50, \"reason\": \"free text kept in the audit log\"}";

        // when
        Request r = RequestParser.parse(json);

        // then names are normalised and every field is kept
        assertEquals(List.of("www.example.com"), r.domains());
        assertEquals(EnumSet.of(Condition.OFFLINE, Condition.IN_DEBT), r.when());
        assertEquals(EnumSet.of(Product.CDN, Product.DCDN), r.products());
        assertEquals(Boolean.FALSE, r.dryRun());
        assertEquals(50, r.maxChanges());
        assertEquals("free text kept in the audit log", r.reason());
    }

    @Test
    void emptyInputIsTheDefaultRequest() {
        Request r = RequestParser.parse("  ");
        assertTrue(r.domains().isEmpty());
        assertTrue(r.when().isEmpty());
        assertEquals(EnumSet.allOf(Product.class), r.products());
        assertNull(r.dryRun());
        assertNull(r.maxChanges());
    }

    @Test
    void unicodeDomainBecomesPunycodeAndWildcardIsKept() {
        Request r = RequestParser.parse("{\"domains\": [\"例子.example.com\", \"*.img.example.com\"]}");
        assertEquals(List.of("xn--fsqu00a.example.com", "*.img.example.com"), r.domains());
    }

    @Test
    void jsonRoundTripKeepsTheRequest() {
        Request r = RequestParser.parse("{\"domains\":[\"a.example.com\"],\"when\":[\"icp-invalid\"],\"products\":[\"cdn\"],\"dryRun\":true,\"maxChanges\":3,\"reason\":\"x\"}");
        assertEquals(r, RequestParser.parse(RequestParser.toJson(r)));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> badInputs() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("{", "not valid JSON"),
                org.junit.jupiter.params.provider.Arguments.of("[]", "must be a JSON object"),
                org.junit.jupiter.params.provider.Arguments.of("\"offline\"", "must be a JSON object"),
                org.junit.jupiter.params.provider.Arguments.of("{\"domains\": \"www.example.com\"}", "must be a JSON array"),
                org.junit.jupiter.params.provider.Arguments.of("{\"domains\": [42]}", "must be a string"),
                org.junit.jupiter.params.provider.Arguments.of("{\"domains\": [\"not a domain\"]}", "is not a domain name"),
                org.junit.jupiter.params.provider.Arguments.of("{\"domains\": [\"../etc/passwd\"]}", "is not a domain name"),
                org.junit.jupiter.params.provider.Arguments.of("{\"domains\": [\"www.example.com;rm -rf /\"]}", "is not a domain name"),
                org.junit.jupiter.params.provider.Arguments.of("{\"domains\": [\"localhost\"]}", "no dot"),
                org.junit.jupiter.params.provider.Arguments.of("{\"domains\": [\"-bad-.example.com\"]}", "is not a domain name"),
                org.junit.jupiter.params.provider.Arguments.of("{\"when\": [\"sometimes\"]}", "expected any of offline, in-debt, icp-invalid, online, remediated, always"),
                org.junit.jupiter.params.provider.Arguments.of("{\"when\": \"offline\"}", "must be a JSON array"),
                org.junit.jupiter.params.provider.Arguments.of("{\"products\": [\"oss\"]}", "expected any of cdn"),
                org.junit.jupiter.params.provider.Arguments.of("{\"dryRun\": \"yes\"}", "must be true or false"),
                org.junit.jupiter.params.provider.Arguments.of("{\"maxChanges\": -1}", "whole number from 0"),
                org.junit.jupiter.params.provider.Arguments.of("{\"maxChanges\": 1.5}", "whole number from 0"),
                org.junit.jupiter.params.provider.Arguments.of("{\"maxChanges\": \"10\"}", "whole number from 0"),
                org.junit.jupiter.params.provider.Arguments.of("{\"domain\": [\"www.example.com\"]}", "unknown field 'domain'"),
                org.junit.jupiter.params.provider.Arguments.of("{\"domains\": []} trailing", "text after its JSON value"),
                org.junit.jupiter.params.provider.Arguments.of("{\"reason\": 7}", "must be a string"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIsRefusedWithWhatWasExpected(String input, String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> RequestParser.parse(input));
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void hugePayloadIsRefusedBeforeParsing() {
        StringBuilder b = new StringBuilder("{\"reason\":\"");
        while (b.length() < RequestParser.MAX_BYTES + 10) b.append("xxxxxxxxxx");
        b.append("\"}");
        BadInputException e = assertThrows(BadInputException.class, () -> RequestParser.parse(b.toString()));
        assertTrue(e.getMessage().contains("more than"));
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThrows(BadInputException.class, () -> RequestParser.parse(deep));
    }
}
