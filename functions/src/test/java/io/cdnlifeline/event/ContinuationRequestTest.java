package io.cdnlifeline.event;

import io.cdnlifeline.cloud.Product;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The continuation a stopped run hands on is a Request field, read as strictly as every other (issue 18). */
class ContinuationRequestTest {

    @Test
    void readsTheRoundAndTheCursorAndWritesThemBack() {
        // given a continuation Request as a run that stopped writes it
        String json = "{\"when\": [\"offline\"], \"reason\": \"arrears\", "
                + "\"continuation\": {\"round\": 3, \"after\": {\"cdn\": \"H00420.Zone004.example\", \"dcdn\": \"h00421.zone004.example\"}}}";

        // when
        Request r = EventParser.parse(json, "dns-to-origin");

        // then the round, the normalised cursor and the other fields are kept, and the source says what it is
        assertEquals(3, r.continuation().round());
        assertEquals(Map.of(Product.CDN, "h00420.zone004.example", Product.DCDN, "h00421.zone004.example"), r.continuation().after());
        assertEquals("arrears", r.reason());
        assertEquals("continuation", r.source());
        assertEquals(r.toBuilder().source("manual").build(), RequestParser.parse(r.toString()));
        assertEquals(RequestParser.toJsonObject(r).toString(), RequestParser.toJson(r));
    }

    @Test
    void theCursorSaysWhichDomainsAreLeftPerProduct() {
        Continuation c = new Continuation(2, Map.of(Product.CDN, "m.example.com"));
        assertFalse(c.isLeft(Product.CDN, "a.example.com"));
        assertFalse(c.isLeft(Product.CDN, "m.example.com"));
        assertTrue(c.isLeft(Product.CDN, "n.example.com"));
        assertTrue(c.isLeft(Product.DCDN, "a.example.com"), "a product without a cursor starts at its first domain");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"continuation\": 2}",
            "{\"continuation\": {\"round\": 2}}",
            "{\"continuation\": {\"after\": {}}}",
            "{\"continuation\": {\"round\": 1, \"after\": {}}}",
            "{\"continuation\": {\"round\": 1001, \"after\": {}}}",
            "{\"continuation\": {\"round\": \"2\", \"after\": {}}}",
            "{\"continuation\": {\"round\": 2.5, \"after\": {}}}",
            "{\"continuation\": {\"round\": 2, \"after\": []}}",
            "{\"continuation\": {\"round\": 2, \"after\": {\"waf\": \"a.example.com\"}}}",
            "{\"continuation\": {\"round\": 2, \"after\": {\"cdn\": 7}}}",
            "{\"continuation\": {\"round\": 2, \"after\": {\"cdn\": \"not a domain\"}}}",
            "{\"continuation\": {\"round\": 2, \"after\": {}, \"left\": 5}}",
    })
    void anythingElseIsBadInputNamingWhatWasExpected(String json) {
        BadInputException e = assertThrows(BadInputException.class, () -> RequestParser.parse(json));
        assertTrue(e.getMessage().contains("continuation"), e.getMessage());
    }
}
