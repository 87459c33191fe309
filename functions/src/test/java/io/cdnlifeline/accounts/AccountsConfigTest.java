package io.cdnlifeline.accounts;

import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.BadInputException;
import io.cdnlifeline.event.RequestParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LIFELINE_ACCOUNTS and the Request's accounts are parsed strictly: a malformed entry is a start-up error. */
class AccountsConfigTest {
    @Test
    void theThreeFormsAreRead() {
        // given role ARNs, self and an rd: entry
        AccountsConfig c = AccountsConfig.parse(" acs:ram::2000000000000002:role/cdn-lifeline-member , self,rd:cdn-lifeline-member", "ext-1");
        // then each is read as what it stands for
        List<AccountEntry> e = c.entries();
        assertEquals(AccountEntry.Kind.ROLE, e.get(0).kind());
        assertEquals("2000000000000002", e.get(0).accountId());
        assertEquals("cdn-lifeline-member", e.get(0).roleName());
        assertEquals(AccountEntry.Kind.SELF, e.get(1).kind());
        assertEquals(AccountEntry.Kind.DIRECTORY, e.get(2).kind());
        assertEquals("acs:ram::3:role/cdn-lifeline-member", e.get(2).roleArn("3"));
        assertEquals("ext-1", c.externalId());
        assertTrue(c.usesDirectory());
        assertEquals("acs:ram::2000000000000002:role/cdn-lifeline-member,self,rd:cdn-lifeline-member", c.toString());
    }

    @Test
    void emptyIsThisAccountOnly() {
        assertFalse(AccountsConfig.parse(null, null).configured());
        assertFalse(AccountsConfig.parse("  ", "").configured());
        assertFalse(Settings.fromMap(Map.of()).accounts().configured());
    }

    @ParameterizedTest
    @ValueSource(strings = {"acs:ram::abc:role/x", "acs:ram::1:user/x", "arn:aws:iam::1:role/x", "rd:", "rd:bad name", "me",
            "acs:ram::1:role/a,,self", "self,self", "acs:ram::1:role/r,ACS:RAM::1:ROLE/R"})
    void malformedOrRepeatedEntriesAreAStartUpError(String accounts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromMap(Map.of("LIFELINE_ACCOUNTS", accounts)));
        assertTrue(e.getMessage().startsWith("LIFELINE_ACCOUNTS"), e.getMessage());
    }

    @Test
    void anExternalIdNeedsAccountsAndAPlainValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccountsConfig.parse("", "abc")).getMessage().contains("empty"));
        assertThrows(IllegalArgumentException.class, () -> AccountsConfig.parse("self", "has space"));
        assertNull(AccountsConfig.parse("self", " ").externalId());
    }

    @Test
    void aRequestNamesAccountIdsOrSelfAndTheRunItBelongsTo() {
        // given a member run's payload
        var r = RequestParser.parse("{\"accounts\":[\"2000000000000002\",\"self\"],\"memberOf\":\"req-1\"}");
        // then it reads back in the same shape
        assertEquals(List.of("2000000000000002", "self"), r.accounts());
        assertEquals("req-1", r.memberOf());
        assertEquals(r, RequestParser.parse(r.toString()));
        assertEquals(RequestParser.toJsonObject(r).toString(), r.toString());
        // and anything else is refused
        assertThrows(BadInputException.class, () -> RequestParser.parse("{\"accounts\":\"2000000000000002\"}"));
        assertThrows(BadInputException.class, () -> RequestParser.parse("{\"accounts\":[\"acs:ram::1:role/x\"]}"));
        assertThrows(BadInputException.class, () -> RequestParser.parse("{\"accounts\":[2]}"));
        assertThrows(BadInputException.class, () -> RequestParser.parse("{\"memberOf\":\"a b\"}"));
    }

    @Test
    void theSessionNameSaysWhoAndWhyWithinSTSRules() {
        assertEquals("lifeline.dns-to-origin.timer", SessionName.of("dns-to-origin", "timer"));
        assertEquals("lifeline.dns-to-origin.cli", SessionName.of("dns-to-origin", "cli"));
        String long_ = SessionName.of("switch-to-overseas", "actiontrail:StopCdnDomain");
        assertEquals(32, long_.length());
        assertTrue(long_.matches("[A-Za-z0-9.@_-]+"), long_);
    }
}
