package io.cdnlifeline.report;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTableTest {
    static JsonObject json(String k, String v) {
        JsonObject o = new JsonObject();
        o.addProperty(k, v);
        return o;
    }

    static List<String> lines(String text) {
        return Arrays.asList(text.split("\n"));
    }

    @Test
    void changesAreAlignedColumnsWithBeforeAfterOrTheError() {
        // given a report with one applied change, one failed change and one skip
        Report r = Report.builder("dns-to-origin").requestId("req-1").durationMs(812)
                .change(Change.planned("www.example.com", "cdn", "alidns:example.com/www/default/CNAME", "update",
                        json("value", "www.example.com.w.kunlunsl.com"), json("value", "203.0.113.10")).with(ChangeStatus.APPLIED))
                .change(Change.planned("img.example.com", "dcdn", "alidns:example.com/img/default/CNAME", "update", null, null)
                        .failed(new ChangeError("DomainRecordLocked", "The domain record has been locked.", "RID-9")))
                .skip(new Skip("api.example.com", "cdn", "no DNS record points at its CDN CNAME"))
                .note("a note")
                .build();
        // when
        String text = ReportTable.render(r);
        List<String> lines = lines(text);
        // then the header names the run, and the change columns line up under their headings
        assertTrue(lines.get(0).startsWith("dns-to-origin  request req-1  812 ms"), lines.get(0));
        String header = lines.get(2);
        String applied = lines.get(3);
        String failed = lines.get(4);
        assertTrue(header.startsWith("DOMAIN"), header);
        int status = header.indexOf("STATUS");
        assertEquals("applied", applied.substring(status, status + "applied".length()));
        assertEquals("failed", failed.substring(status, status + "failed".length()));
        assertEquals(header.indexOf("RESOURCE"), applied.indexOf("alidns:example.com/www"));
        assertTrue(applied.endsWith("{\"value\":\"www.example.com.w.kunlunsl.com\"} -> {\"value\":\"203.0.113.10\"}"), applied);
        assertTrue(failed.endsWith("DomainRecordLocked: The domain record has been locked."), failed);
        assertTrue(text.contains("api.example.com  cdn      no DNS record points at its CDN CNAME"), text);
        assertTrue(text.contains("note: a note"));
        assertTrue(text.endsWith("applied 1, planned 0, unchanged 0, skipped 1, failed 1\n"), text);
    }

    @Test
    void refusedAndEmptyRunsSaySo() {
        Report r = Report.builder("disable-domain").dryRun(true).refused("refused: this run would make 60 changes").build();
        String text = ReportTable.render(r);
        assertTrue(text.startsWith("disable-domain (dry run)"), text);
        assertTrue(text.contains("REFUSED: refused: this run would make 60 changes"), text);
        assertTrue(text.contains("no changes"), text);
    }

    @Test
    void longAndMultiLineCellsStayOnOneBoundedLine() {
        StringBuilder longWhy = new StringBuilder("why");
        for (int i = 0; i < 50; i++) longWhy.append(" and more\n");
        Report r = Report.builder("x").skip(new Skip("a.example.com", null, longWhy.toString())).build();
        String skipLine = lines(ReportTable.render(r)).stream().filter(l -> l.startsWith("a.example.com")).findFirst().orElseThrow();
        assertTrue(skipLine.endsWith("..."), skipLine);
        assertTrue(skipLine.length() < 200, skipLine);
    }
}
