package io.cdnlifeline.run;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.testing.FailingPort;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.cdnlifeline.run.InspectFunctionTest.rowsByDomain;
import static io.cdnlifeline.run.InspectFunctionTest.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** inspect's "next" column: what each timer remedy's own default selector and marker probe would select. */
class InspectNextRemedyTest {
    private static SandboxCloud account;

    @BeforeAll
    static void account() {
        account = SandboxCloud.start(InspectFunctionTest.seed());
    }

    @AfterAll
    static void close() {
        account.close();
    }

    @Test
    void nextIsWhatTheTimersWouldSelect() {
        Map<String, JsonObject> rows = rowsByDomain(InspectFunctionTest.inspect(account, account.cloud(), Request.builder().build()));
        // online, filing valid, not in debt, no marker: nothing to do
        assertEquals(List.of(), strings(rows.get("www.z110.test").getAsJsonArray("next")));
        // offline, and its DNS already goes to the origin (the record carries the marker): dns-to-origin's timer selects
        // it but would change nothing, so it is not next but settled, with the reason
        JsonObject api = rows.get("api.z111.test");
        assertEquals(List.of(), strings(api.getAsJsonArray("next")));
        JsonObject settled = api.getAsJsonArray("settled").get(0).getAsJsonObject();
        assertEquals("dns-to-origin", settled.get("function").getAsString());
        assertTrue(settled.get("why").getAsString().contains("no DNS record points at its CDN CNAME"), api.toString());
        // moved overseas by switch-to-overseas, filing valid again: restore
        JsonObject apex = rows.get("z112.test");
        assertEquals(List.of("restore-coverage"), strings(apex.getAsJsonArray("next")));
        assertEquals("valid", apex.get("icp").getAsString(), "restore-coverage proved the filing of the domain it would restore");
        assertEquals(List.of("switch-to-overseas"), strings(rows.get("*.z113.test").getAsJsonArray("next")));
        // stopped by disable-domain, now offline, account solvent
        assertEquals(List.of("dns-to-origin", "enable-domain"), strings(rows.get("off.z101.test").getAsJsonArray("next")));
        assertEquals(List.of(), strings(rows.get("h7.z7.test").getAsJsonArray("next")));
    }

    @Test
    void anUnreadableDebtIsNeverAReasonToAct() {
        CloudException denied = new CloudException("Forbidden.RAM", "not authorized", "RID-1", 403, false);
        AccountApi failing = FailingPort.of(AccountApi.class, account.cloud().account(), m -> true, denied);
        Report r = InspectFunctionTest.inspect(account, new Cloud(account.cloud().cdn(), account.cloud().dns(), failing),
                Request.builder().domain("www.z110.test").build());
        JsonObject www = rowsByDomain(r).get("www.z110.test");
        assertEquals(List.of(), strings(www.getAsJsonArray("next")));
        boolean dnsToOriginCannotTell = false;
        for (JsonElement u : www.getAsJsonArray("undecided")) {
            JsonObject o = u.getAsJsonObject();
            if (o.get("function").getAsString().equals("dns-to-origin")) {
                dnsToOriginCannotTell = o.get("why").getAsString().contains("Forbidden.RAM");
            }
        }
        assertTrue(dnsToOriginCannotTell, www.toString());
    }
}
