package io.cdnlifeline.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code DescribeCdnDomainConfigs} / {@code DescribeDcdnDomainConfigs} answered from the seed: {@code forceHttps} is
 * {@code https_force}, {@code originScheme} is {@code forward_scheme} ({@code scheme_origin}), {@code originHost} is
 * {@code set_req_host_header} ({@code domain_name}). A domain without them has no such config, as in the cloud. The
 * function names are the documented ones (cdn/README-notes.md); an unknown one answers
 * {@code InvalidFunctionName.ValueNotSupported}, as the docs list it.
 */
final class DomainConfigs {
    /** Function names the docs define (a subset: the ones the sandbox may be asked about). */
    private static final Set<String> KNOWN = Set.of("forward_scheme", "set_req_host_header", "https_force", "http_force",
            "https_origin_sni", "ipv6", "https_option", "https_tls_version", "aliauth", "filetype_based_ttl_set",
            "forward_timeout", "l2_oss_key", "origin_request_header", "follow_302");

    private DomainConfigs() {
    }

    /** The domain's configs, only those named in {@code functionNames} (comma-separated) when given. */
    static JsonArray of(Domain d, String functionNames) {
        Set<String> wanted = null;
        if (functionNames != null) {
            wanted = new java.util.HashSet<>();
            for (String f : functionNames.split(",")) {
                String name = f.trim();
                if (name.isEmpty()) continue;
                if (!KNOWN.contains(name)) {
                    throw new ApiError(400, "InvalidFunctionName.ValueNotSupported", "FunctionName [" + name + "] is not supported.");
                }
                wanted.add(name);
            }
        }
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        if (d.originHost != null && !d.originHost.isEmpty()) configs.put("set_req_host_header", Map.of("domain_name", d.originHost));
        if (d.originScheme != null && !d.originScheme.isEmpty()) {
            Map<String, String> args = new LinkedHashMap<>();
            args.put("enable", "on");
            args.put("scheme_origin", d.originScheme);
            configs.put("forward_scheme", args);
        }
        if (d.forceHttps) {
            Map<String, String> args = new LinkedHashMap<>();
            args.put("enable", "on");
            args.put("https_rewrite", "301");
            configs.put("https_force", args);
        }
        JsonArray out = new JsonArray();
        long id = d.domainId == null ? 0 : d.domainId * 10;
        for (Map.Entry<String, Map<String, String>> c : configs.entrySet()) {
            id++;
            if (wanted != null && !wanted.contains(c.getKey())) continue;
            JsonArray args = new JsonArray();
            for (Map.Entry<String, String> a : c.getValue().entrySet()) {
                JsonObject arg = new JsonObject();
                arg.addProperty("ArgName", a.getKey());
                arg.addProperty("ArgValue", a.getValue());
                args.add(arg);
            }
            JsonObject o = new JsonObject();
            o.addProperty("Status", "success");
            o.add("FunctionArgs", Json.wrap("FunctionArg", args));
            // a number, as both documented examples write it
            o.addProperty("ConfigId", id);
            o.addProperty("FunctionName", c.getKey());
            out.add(o);
        }
        return out;
    }
}
