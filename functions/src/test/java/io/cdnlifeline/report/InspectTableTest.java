package io.cdnlifeline.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.CloudException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectTableTest {
    private static JsonObject row(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    @Test
    void oneAlignedLinePerDomainWithMarkersAndNextRemedies() {
        // given two inspect rows: one remediated by switch-to-overseas, one whose debt is unreadable
        JsonArray rows = new JsonArray();
        rows.add(row("{\"domain\":\"www.example.com\",\"product\":\"cdn\",\"status\":\"online\",\"coverage\":\"overseas\","
                + "\"icp\":\"valid\",\"debt\":\"not-in-debt\",\"dns\":{\"zone\":\"example.com\",\"rr\":\"www\",\"points\":\"cdn-cname\"},"
                + "\"markers\":[{\"kind\":\"tag\",\"key\":\"lifeline:coverage\",\"value\":\"domestic\"}],\"next\":[\"restore-coverage\"],"
                + "\"origin\":{\"origin\":\"ready\",\"probes\":\"http://127.0.0.5:80 200 (3 ms)\"}}"));
        rows.add(row("{\"domain\":\"api.example.com\",\"product\":\"dcdn\",\"status\":\"offline\",\"coverage\":\"global\","
                + "\"icp\":\"not-available\",\"debt\":\"unknown\",\"dns\":{\"points\":\"no-zone\"},"
                + "\"markers\":[{\"kind\":\"dns-remark\",\"recordId\":\"1001\",\"remark\":\"lifeline:dns-to-origin\"}],"
                + "\"next\":[\"dns-to-origin\"],\"undecided\":[{\"function\":\"enable-domain\",\"why\":\"debt unreadable\"}],"
                + "\"origin\":{\"origin\":\"not-ready\",\"why\":\"origin 10.0.0.1 is a private address\"}}"));
        Report r = Report.builder("inspect").domains(rows)
                .change(Change.planned("account", "cdn", "account:debt/DescribeUserCdnStatus", "read", null, null)
                        .failed(ChangeError.of(new CloudException("Throttling", "slow down", "RID", 400, true))))
                .build();
        // when
        List<String> lines = ReportTableTest.lines(InspectTable.render(r));
        // then
        String header = lines.get(0);
        assertTrue(header.startsWith("DOMAIN           PRODUCT  STATUS   COVERAGE  ICP"), header);
        String www = lines.get(1);
        String api = lines.get(2);
        assertEquals(header.indexOf("MARKERS"), www.indexOf("lifeline:coverage=domestic"));
        assertTrue(www.contains("www.example.com cdn-cname"), www);
        assertEquals(header.indexOf("NEXT"), www.indexOf("restore-coverage"));
        assertTrue(www.endsWith("ready"), www);
        assertEquals(header.indexOf("ICP"), api.indexOf("not-available"));
        assertTrue(api.contains("record 1001: lifeline:dns-to-origin"), api);
        assertTrue(api.contains("dns-to-origin, ?enable-domain"), api);
        assertEquals(header.indexOf("ORIGIN"), api.indexOf("not-ready: origin 10.0.0.1 is a private address"), api);
        String failedHeader = lines.stream().filter(l -> l.startsWith("COULD NOT READ")).findFirst().orElseThrow();
        String failed = lines.get(lines.indexOf(failedHeader) + 1);
        assertEquals("account:debt/DescribeUserCdnStatus  Throttling: slow down", failed);
        assertEquals(failedHeader.indexOf("ERROR"), failed.indexOf("Throttling"));
    }

    @Test
    void epochMillisInATagValueAreShownAsADateOfTheGivenZone() {
        java.time.ZoneId utc = java.time.ZoneId.of("UTC");
        assertEquals("2026-12-02 06:48:47 UTC", InspectTable.dates("1796194127600", utc));
        assertEquals("until 2026-12-02 06:48:47 UTC by a1b2", InspectTable.dates("until 1796194127600 by a1b2", utc));
        assertEquals("domestic", InspectTable.dates("domestic", utc));
        assertEquals("12345", InspectTable.dates("12345", utc), "too short to be a time");
    }

    @Test
    void anEmptyTableAfterFailedReadsDoesNotBlameTheScope() {
        Report r = Report.builder("inspect").domains(new JsonArray())
                .change(Change.planned("cdn domains", "cdn", "cdn:domains/page-1", "read", null, null)
                        .failed(ChangeError.of(new CloudException("InvalidAccessKeyId.NotFound", "not found", "RID", 404, false))))
                .build();
        assertTrue(InspectTable.render(r).startsWith("no domains could be read\n"), InspectTable.render(r));
    }

    @Test
    void anEmptyScopeSaysSo() {
        assertTrue(InspectTable.render(Report.builder("inspect").domains(new JsonArray()).build()).startsWith("no domains in scope"));
    }
}
