package io.cdnlifeline.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's view of the sandbox account: what changed, and whether the account ends as it began. */
class DemoAccountStateTest {
    private static final String SEED = DemoResources.seed();

    @Test
    void theSeedHasSeveralCdnAndDcdnDomainsAndRecordsOnSeveralLines() {
        AccountState s = AccountState.of(SEED);
        assertTrue(s.domainCount() >= 5, "domains: " + s.domainCount());
        assertTrue(SEED.contains("\"dcdn\"") && SEED.contains("\"line\": \"telecom\"") && SEED.contains("\"line\": \"unicom\""));
    }

    @Test
    void anAccountIsTheSameAsItselfEvenWhenTheCloudRestampedItsDomains() {
        // given the same account, one domain modified and put back (a newer gmtModified)
        String restamped = SEED.replace("\"domain\": \"www.example.com\",", "\"domain\": \"www.example.com\", \"gmtModified\": \"2026-11-22T06:00:00Z\",");
        // then
        assertEquals(List.of(), AccountState.of(restamped).differencesFrom(AccountState.of(SEED)));
    }

    @Test
    void aRecordLeftOnTheOriginIsADifference() {
        // given a record dns-to-origin switched and nobody switched back
        String after = SEED.replace("\"value\": \"shop.example.net.w.kunlunsl.com\", \"ttl\": 600, \"line\": \"default\", \"status\": \"Enable\", \"locked\": false, \"remark\": \"\"",
                "\"value\": \"origin.shop.example.net\", \"ttl\": 600, \"line\": \"default\", \"status\": \"Enable\", \"locked\": false, \"remark\": \"lifeline:dns-to-origin\"");
        // when
        List<String> diff = AccountState.of(after).differencesFrom(AccountState.of(SEED));
        // then
        assertEquals(2, diff.size(), diff.toString());
        assertTrue(diff.get(0).startsWith("records.example.net#2001."), diff.toString());
    }

    @Test
    void anOfflineDomainWhoseRecordsStillPointAtItsCnameIsDark() {
        // given shop.example.net offline, one of its two records already on the origin
        String state = SEED.replace("\"domain\": \"shop.example.net\", \"cname\": \"shop.example.net.w.kunlunsl.com\", \"status\": \"online\"",
                        "\"domain\": \"shop.example.net\", \"cname\": \"shop.example.net.w.kunlunsl.com\", \"status\": \"offline\"")
                .replace("\"recordId\": \"2001\", \"rr\": \"shop\", \"type\": \"CNAME\", \"value\": \"shop.example.net.w.kunlunsl.com\"",
                        "\"recordId\": \"2001\", \"rr\": \"shop\", \"type\": \"CNAME\", \"value\": \"origin.shop.example.net\"");
        // then only the record still on the CNAME counts
        assertEquals(List.of("shop.example.net (mobile line)"), AccountState.of(state).offlineButStillOnTheirCname());
        assertEquals(List.of(), AccountState.of(SEED).offlineButStillOnTheirCname());
    }

    @Test
    void theSideBySideViewShowsBeforeAndAfterOfWhatChangedOnly() {
        // given
        String after = SEED.replace("\"coverage\": \"domestic\", \"cdnType\": \"web\", \"icp\": true, \"tags\": {},\n     \"sources\": [{\"type\": \"domain\", \"content\": \"origin.shop",
                "\"coverage\": \"overseas\", \"cdnType\": \"web\", \"icp\": true, \"tags\": {\"lifeline:coverage\": \"domestic\"},\n     \"sources\": [{\"type\": \"domain\", \"content\": \"origin.shop");
        // when
        List<AccountState.ChangedResource> rows = AccountState.of(after).changesSince(AccountState.of(SEED));
        // then
        assertEquals(1, rows.size());
        assertEquals("cdn:shop.example.net", rows.get(0).resource);
        assertEquals("online  domestic", rows.get(0).before);
        assertEquals("online  overseas  tags lifeline:coverage=domestic", rows.get(0).after);
    }
}
