package io.cdnlifeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** ReportJson writes exactly what a Gson instance with the same settings would write, without building one. */
class ReportJsonTest {
    private static Report report() {
        JsonObject before = new JsonObject();
        before.addProperty("type", "CNAME");
        before.addProperty("value", "www.example.com.w.kunlunsl.com");
        before.addProperty("ttl", 600);
        before.add("dropped", JsonNull.INSTANCE);
        JsonObject after = new JsonObject();
        after.addProperty("type", "A");
        after.addProperty("value", "203.0.113.10");
        after.addProperty("weight", 1.5);
        after.addProperty("locked", false);
        after.add("values", new JsonArray());
        Change applied = Change.planned("www.example.com", "cdn", "alidns:example.com/www/default/CNAME", "update", before, after)
                .with(ChangeStatus.APPLIED);
        Change failed = Change.planned("api.example.com", "dcdn", "alidns:example.com/api/default/CNAME", "update", before, null)
                .failed(new ChangeError("DomainRecordLocked", "locked <by> a person & \"quoted\" \u00e9\u4e2d", "RID-1"));
        return Report.builder("dns-to-origin").requestId("req-1").durationMs(812).change(applied).change(failed)
                .skip(new Skip("img.example.com", "cdn", "no DNS record points at its CDN CNAME")).note("a note").build();
    }

    @Test
    void prettyTextIsGsonsPrettyPrintingWithoutHtmlEscaping() {
        // given a report with nested objects, numbers, booleans, an empty array, a null and characters gson could escape
        Report r = report();
        // when it is written pretty
        String text = ReportJson.pretty(r);
        // then it is byte for byte what Gson writes for the same tree
        assertEquals(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(ReportJson.toJson(r)), text);
        assertTrue(text.contains("locked <by> a person & \\\"quoted\\\""), text);
    }

    @Test
    void compactTextIsGsonsCompactTextWithoutHtmlEscaping() {
        // given the same report's tree
        JsonObject tree = ReportJson.toJson(report());
        // when it is written compact (the audit log's form), then it is what Gson writes
        assertEquals(new GsonBuilder().disableHtmlEscaping().create().toJson(tree), ReportJson.compact(tree));
    }
}
