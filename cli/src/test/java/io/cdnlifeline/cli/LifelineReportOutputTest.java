package io.cdnlifeline.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a Report becomes an exit status and a table. */
class LifelineReportOutputTest {
    private static final String APPLIED = "{\"function\":\"dns-to-origin\",\"requestId\":\"r-1\",\"dryRun\":false,\"durationMs\":12,"
            + "\"changes\":[{\"domain\":\"www.example.com\",\"product\":\"cdn\",\"resource\":\"alidns:example.com/www/default/CNAME\","
            + "\"action\":\"update\",\"before\":{\"type\":\"CNAME\",\"value\":\"www.example.com.w.kunlunsl.com\"},"
            + "\"after\":{\"type\":\"A\",\"value\":\"203.0.113.10\"},\"status\":\"applied\"}],"
            + "\"skipped\":[{\"domain\":\"img.example.com\",\"why\":\"no DNS record points at its CDN CNAME\"}],"
            + "\"summary\":{\"applied\":1,\"planned\":0,\"unchanged\":0,\"skipped\":1,\"failed\":0}}";

    private static JsonObject report(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    @Test
    void aReportWithoutFailuresOrRefusalExitsZero() {
        assertEquals(0, ExitStatus.of(report(APPLIED)));
    }

    @Test
    void aFailedChangeExitsOne() {
        String failed = APPLIED.replace("\"failed\":0", "\"failed\":1");
        assertEquals(1, ExitStatus.of(report(failed)));
    }

    @Test
    void aRefusedRunExitsThree() {
        String refused = APPLIED.replace("\"durationMs\":12,", "\"durationMs\":12,\"refused\":\"refused: 60 changes > maxChanges 50\",");
        assertEquals(3, ExitStatus.of(report(refused)));
    }

    @Test
    void aFailureOutranksARefusal() {
        String both = APPLIED.replace("\"durationMs\":12,", "\"durationMs\":12,\"refused\":\"refused\",").replace("\"failed\":0", "\"failed\":2");
        assertEquals(1, ExitStatus.of(report(both)));
    }

    @Test
    void theTableShowsEachChangeBeforeAndAfterTheSkipsAndTheSummary() {
        // given
        StringWriter buf = new StringWriter();
        // when
        ReportPrinter.table(report(APPLIED), new PrintWriter(buf, true));
        // then
        String text = buf.toString();
        String changeLine = text.lines().filter(l -> l.startsWith("applied")).findFirst().orElse("");
        assertTrue(changeLine.contains("alidns:example.com/www/default/CNAME"), text);
        assertTrue(changeLine.indexOf("type=CNAME value=www.example.com.w.kunlunsl.com") < changeLine.indexOf("type=A value=203.0.113.10"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("STATUS") && l.contains("BEFORE") && l.contains("AFTER")), text);
        assertTrue(text.contains("img.example.com") && text.contains("no DNS record points at its CDN CNAME"), text);
        assertTrue(text.contains("summary: 1 applied, 0 planned, 0 unchanged, 1 skipped, 0 failed"), text);
        assertFalse(text.contains("REFUSED"), text);
    }

    @Test
    void anUpdateShowsOnlyTheFieldsItChanges() {
        // given
        com.google.gson.JsonElement before = JsonParser.parseString("{\"recordId\":\"1001\",\"type\":\"CNAME\",\"value\":\"www.example.com.w.kunlunsl.com\",\"ttl\":600,\"remark\":\"\"}");
        com.google.gson.JsonElement after = JsonParser.parseString("{\"recordId\":\"1001\",\"type\":\"A\",\"value\":\"203.0.113.10\",\"ttl\":600,\"remark\":\"lifeline:switched:1:\"}");
        // when
        String[] shown = ReportPrinter.beforeAfter(before, after);
        // then
        assertEquals("type=CNAME value=www.example.com.w.kunlunsl.com remark=", shown[0]);
        assertEquals("type=A value=203.0.113.10 remark=lifeline:switched:1:", shown[1]);
    }

    @Test
    void aCreateShowsTheWholeResourceAndAnUnchangedOneShowsItOnce() {
        com.google.gson.JsonElement record = JsonParser.parseString("{\"type\":\"A\",\"value\":\"203.0.113.11\"}");
        assertEquals("type=A value=203.0.113.11", ReportPrinter.beforeAfter(null, record)[1]);
        assertEquals("", ReportPrinter.beforeAfter(null, record)[0]);
        assertEquals("(same)", ReportPrinter.beforeAfter(record, record.deepCopy())[1]);
    }

    @Test
    void anInspectReportIsDrawnByTheInspectTable() {
        // given an inspect Report as the handler writes it
        String json = "{\"function\":\"inspect\",\"dryRun\":true,\"durationMs\":3,\"changes\":[],\"skipped\":[],"
                + "\"domains\":[{\"domain\":\"www.example.com\",\"product\":\"cdn\",\"status\":\"online\",\"coverage\":\"overseas\","
                + "\"markers\":[{\"kind\":\"tag\",\"key\":\"lifeline:coverage\",\"value\":\"domestic\"}],\"next\":[\"restore-coverage\"]}],"
                + "\"summary\":{}}";
        StringWriter buf = new StringWriter();
        // when
        ReportPrinter.print(new LocalRun(json, report(json)), OutputFormat.table, new PrintWriter(buf, true));
        // then
        String header = buf.toString().lines().filter(l -> l.startsWith("DOMAIN")).findFirst().orElse("");
        String www = buf.toString().lines().filter(l -> l.startsWith("www.example.com")).findFirst().orElse("");
        assertTrue(header.contains("MARKERS") && header.contains("NEXT"), buf.toString());
        assertEquals(header.indexOf("MARKERS"), www.indexOf("lifeline:coverage=domestic"), buf.toString());
        assertEquals(header.indexOf("NEXT"), www.indexOf("restore-coverage"), buf.toString());
    }

    @Test
    void dryRunForcesARequestThatSaysOtherwise() {
        String forced = LocalInvoker.forceDryRun("{\"domains\":[\"www.example.com\"],\"dryRun\":false}", "dns-to-origin");
        JsonObject request = JsonParser.parseString(forced).getAsJsonObject();
        assertTrue(request.get("dryRun").getAsBoolean(), forced);
        assertEquals("www.example.com", request.getAsJsonArray("domains").get(0).getAsString());
    }

    @Test
    void dryRunLeavesAnEventThatSaysNothingAboutItAlone() {
        String event = "{\"domains\":[\"www.example.com\"]}";
        assertEquals(event, LocalInvoker.forceDryRun(event, "dns-to-origin"));
    }
}
