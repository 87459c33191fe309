package io.cdnlifeline.reliability;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.sandbox.SandboxCall;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Does a Report say exactly what happened? Checked against the sandbox's log of the same invocation:
 * <ul>
 *   <li>every change reported {@code applied} has a write the sandbox accepted for that resource;</li>
 *   <li>every write the sandbox accepted belongs to a change the report lists (no silent write);</li>
 *   <li>every change reported {@code failed} carries an error code and message;</li>
 *   <li>no write touched a domain outside the scope;</li>
 *   <li>every change of the report is in the audit trail with the same status.</li>
 * </ul>
 */
final class ReportAudit {
    private ReportAudit() {
    }

    /** Also: every change of the report has its line in the audit trail (the JSON lines the run logged), same status. */
    static void check(Report report, List<SandboxCall> log, List<String> auditLines, Set<String> outOfScope, Tally tally, String where) {
        check(report, log, outOfScope, tally, where);
        Set<String> logged = new HashSet<>();
        for (String line : auditLines) {
            JsonObject o;
            try {
                o = com.google.gson.JsonParser.parseString(line).getAsJsonObject();
            } catch (RuntimeException notJson) {
                tally.check(false, where, () -> "an audit line that is not one JSON object: " + line);
                continue;
            }
            if (o.has("resource")) logged.add(string(o, "resource") + " " + string(o, "action") + " " + string(o, "status"));
        }
        for (Change ch : report.changes()) {
            String key = ch.resource() + " " + ch.action() + " " + ch.status().id();
            tally.check(logged.contains(key), where, () -> "a change of the report has no audit line: " + key);
        }
    }

    static void check(Report report, List<SandboxCall> log, Set<String> outOfScope, Tally tally, String where) {
        List<SandboxCall> accepted = new ArrayList<>();
        for (SandboxCall c : log) if (Writes.isWrite(c.action) && c.httpStatus == 200) accepted.add(c);

        for (Change ch : report.changes()) {
            if (ch.status() == ChangeStatus.APPLIED) {
                boolean reached = accepted.stream().anyMatch(c -> matches(ch, c));
                tally.check(reached, where, () -> "reported applied but no accepted write reached the sandbox: " + ch);
            }
            if (ch.status() == ChangeStatus.FAILED) {
                boolean said = ch.error() != null && ch.error().code() != null && ch.error().message() != null;
                tally.check(said, where, () -> "failed without saying why: " + ch);
            }
        }
        for (SandboxCall c : accepted) {
            boolean listed = report.changes().stream().anyMatch(ch -> matches(ch, c));
            tally.check(listed, where, () -> "a write the report does not mention: " + c);
            for (String d : outOfScope) {
                boolean touches = names(c, d);
                tally.check(!touches, where, () -> "a write to " + d + ", which is out of scope: " + c);
            }
        }
    }

    /** Whether an accepted write is (part of) the change. */
    static boolean matches(Change ch, SandboxCall c) {
        // dns-to-origin's intent tag (outage mode) is part of the domain's DNS changes: written before them, removed after
        if (c.action.toLowerCase(java.util.Locale.ROOT).contains("tag") && c.params.containsValue("lifeline:dns")) {
            return names(c, ch.domain());
        }
        String resource = ch.resource();
        if (resource != null && resource.startsWith("alidns:")) {
            if (!"alidns".equals(c.product)) return false;
            Set<String> ids = new HashSet<>();
            addId(ids, ch.before());
            addId(ids, ch.after());
            String recordId = c.params.get("RecordId");
            if (recordId != null && ids.contains(recordId)) return true;
            String[] host = resource.substring("alidns:".length()).split("/");
            JsonObject after = ch.after();
            if ("AddDomainRecord".equals(c.action) && host.length >= 3 && after != null) {
                return host[0].equalsIgnoreCase(c.params.get("DomainName")) && host[1].equalsIgnoreCase(c.params.get("RR"))
                        && host[2].equals(c.params.get("Line"))
                        && Invariants.canonical(string(after, "value")).equals(Invariants.canonical(c.params.get("Value")));
            }
            // an add a concurrent or earlier attempt made, found again and marked: the remark is the change's
            return "create".equals(ch.action()) && "UpdateDomainRecordRemark".equals(c.action) && after != null
                    && string(after, "remark") != null && string(after, "remark").equals(c.params.get("Remark"));
        }
        return ch.product() != null && ch.product().equals(c.product) && names(c, ch.domain());
    }

    /** Whether a call's parameters name the domain (alone, or in a comma-separated list). */
    static boolean names(SandboxCall c, String domain) {
        for (Map.Entry<String, String> p : c.params.entrySet()) {
            String v = p.getValue();
            if (v == null) continue;
            for (String part : v.split(",")) if (part.trim().equalsIgnoreCase(domain)) return true;
        }
        if ("alidns".equals(c.product)) {
            String zone = c.params.get("DomainName");
            String rr = c.params.get("RR");
            if (zone != null && rr != null) return domain.equalsIgnoreCase("@".equals(rr) ? zone : rr + "." + zone);
        }
        return false;
    }

    private static void addId(Set<String> ids, JsonObject o) {
        String id = o == null ? null : string(o, "recordId");
        if (id != null) ids.add(id);
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
