package io.cdnlifeline.notify;

import com.google.gson.JsonObject;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeError;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.report.Skip;

/** Reports as dns-to-origin writes them, for the tests of the notify step. */
final class TestReports {
    private TestReports() {
    }

    static JsonObject record(String type, String value) {
        JsonObject r = new JsonObject();
        r.addProperty("recordId", "1001");
        r.addProperty("type", type);
        r.addProperty("value", value);
        r.addProperty("ttl", 600);
        r.addProperty("line", "default");
        r.addProperty("status", "ENABLE");
        r.addProperty("remark", "");
        return r;
    }

    static Change switched(String domain, ChangeStatus status) {
        return Change.planned(domain, "cdn", "alidns:example.com/" + domain.split("\\.")[0] + "/default/CNAME", "update",
                record("CNAME", domain + ".w.kunlunsl.com"), record("A", "203.0.113.10")).with(status);
    }

    static Change failedSwitch(String domain, String code) {
        return switched(domain, ChangeStatus.PLANNED).failed(new ChangeError(code,
                "Request was denied due to user flow control. Recommend: https://api.aliyun.com/troubleshoot?q=" + code
                        + "&product=Alidns", "5D3E-REQ-1"));
    }

    static Report.Builder run(String requestId) {
        return Report.builder("dns-to-origin").requestId(requestId);
    }

    /** A run that switched {@code n} domains. */
    static Report applied(int n) {
        Report.Builder b = run("req-applied");
        for (int i = 0; i < n; i++) b.change(switched("site" + i + ".example.com", ChangeStatus.APPLIED));
        return b.build();
    }

    static Skip locked(String domain) {
        return new Skip(domain, "cdn", "record " + domain + " (line default, id 1001) is locked: a locked record cannot be switched; "
                + "unlock it in the Alidns console and run again");
    }

    static Skip routine(String domain) {
        return new Skip(domain, "cdn", "conditions not met (offline|in-debt): {\"offline\":\"false\"}");
    }
}
