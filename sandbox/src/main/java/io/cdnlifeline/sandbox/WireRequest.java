package io.cdnlifeline.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An HTTP request as the signature checks and the router need it: method, path, query, headers, body, parameters. */
final class WireRequest {
    final String method;
    final String path;
    final String rawQuery;
    /** Header names lower-cased. */
    final Map<String, String> headers;
    final byte[] body;
    /** Query parameters and form-body parameters merged (both are signed in V1). */
    final Map<String, String> params;
    final List<String[]> queryPairs;

    WireRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.headers = headers;
        this.body = body;
        this.queryPairs = parsePairs(rawQuery);
        Map<String, String> merged = new LinkedHashMap<>();
        for (String[] p : queryPairs) {
            merged.put(p[0], p[1]);
        }
        String contentType = header("content-type");
        if (body.length > 0 && (contentType == null || contentType.toLowerCase().startsWith("application/x-www-form-urlencoded"))) {
            for (String[] p : parsePairs(new String(body, StandardCharsets.UTF_8))) {
                merged.put(p[0], p[1]);
            }
        }
        this.params = merged;
    }

    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    static Map<String, String> lowerCaseHeaders(Map<String, List<String>> raw) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : raw.entrySet()) {
            if (e.getKey() != null && !e.getValue().isEmpty()) {
                out.put(e.getKey().toLowerCase(), e.getValue().get(0));
            }
        }
        return out;
    }

    private static List<String[]> parsePairs(String encoded) {
        List<String[]> pairs = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return pairs;
        }
        for (String part : encoded.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(new String[] {decode(k), decode(v)});
        }
        return pairs;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
