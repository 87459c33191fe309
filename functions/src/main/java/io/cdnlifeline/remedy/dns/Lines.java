package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.DnsRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The host's records grouped by resolution line: a CNAME excludes every other record on its own line only. */
final class Lines {
    private Lines() {
    }

    static Map<String, List<DnsRecord>> of(DnsHost host, List<DnsRecord> records) {
        Map<String, List<DnsRecord>> byLine = new LinkedHashMap<>();
        for (DnsRecord r : records) {
            if (r.rr() != null && !r.rr().equalsIgnoreCase(host.rr())) continue;
            byLine.computeIfAbsent(r.line(), k -> new ArrayList<>()).add(r);
        }
        return byLine;
    }

    static String describe(DnsHost host, DnsRecord r) {
        return "alidns:" + host.zone() + "/" + host.rr() + "/" + r.line() + "/" + r.type() + " (record " + r.recordId() + ", " + r.value() + ")";
    }

    static boolean isCnameTo(DnsRecord r, String cname) {
        return RecordValues.isType(r, "CNAME") && r.valueIsHost(cname);
    }
}
