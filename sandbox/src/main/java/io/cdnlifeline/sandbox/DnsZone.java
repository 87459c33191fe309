package io.cdnlifeline.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A domain (zone) hosted in Alidns with its records. */
public final class DnsZone {
    public String zone;
    public List<DnsRecord> records = new ArrayList<>();
    public Map<String, String> tags = new LinkedHashMap<>();

    public DnsZone() {
    }

    public DnsZone(String zone) {
        this.zone = zone;
    }

    public DnsZone record(DnsRecord record) {
        records.add(record);
        return this;
    }
}
