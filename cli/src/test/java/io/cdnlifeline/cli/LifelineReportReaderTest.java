package io.cdnlifeline.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.report.ReportJson;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The command line reads the handler's Report JSON back without losing anything. */
class LifelineReportReaderTest {

    @Test
    void everyFieldOfAReportSurvivesTheRoundTrip() {
        // given a Report with every kind of change, a skip, a refusal, notes and inspect rows
        String json = "{\"function\":\"dns-to-origin\",\"requestId\":\"cli-1\",\"dryRun\":false,\"durationMs\":42,"
                + "\"refused\":\"refused: too many\","
                + "\"changes\":["
                + "{\"domain\":\"a.example.com\",\"product\":\"cdn\",\"resource\":\"alidns:example.com/a/default/CNAME\",\"action\":\"update\","
                + "\"before\":{\"type\":\"CNAME\"},\"after\":{\"type\":\"A\"},\"status\":\"applied\"},"
                + "{\"domain\":\"b.example.com\",\"product\":\"dcdn\",\"resource\":\"dcdn:b.example.com\",\"action\":\"start\",\"status\":\"unchanged\",\"note\":\"already online\"},"
                + "{\"domain\":\"c.example.com\",\"product\":\"cdn\",\"resource\":\"cdn:c.example.com/coverage\",\"action\":\"set-coverage\",\"status\":\"planned\"},"
                + "{\"domain\":\"d.example.com\",\"product\":\"cdn\",\"resource\":\"cdn:d.example.com\",\"action\":\"read\",\"status\":\"failed\","
                + "\"error\":{\"code\":\"Throttling.User\",\"message\":\"Request was denied due to user flow control.\",\"requestId\":\"R-9\"}}],"
                + "\"skipped\":[{\"domain\":\"e.example.com\",\"product\":\"cdn\",\"why\":\"out of scope\"}],"
                + "\"notes\":[\"the ICP check is not available for DCDN domains\"],"
                + "\"domains\":[{\"domain\":\"a.example.com\",\"status\":\"online\"}],"
                + "\"summary\":{\"applied\":1,\"planned\":1,\"unchanged\":1,\"skipped\":1,\"failed\":1}}";
        JsonObject original = JsonParser.parseString(json).getAsJsonObject();
        // when
        Report read = ReportReader.read(original);
        // then
        assertEquals(original, ReportJson.toJson(read));
        assertEquals(1, read.count(ChangeStatus.FAILED));
        assertEquals("already online", read.changes().get(1).note());
    }
}
