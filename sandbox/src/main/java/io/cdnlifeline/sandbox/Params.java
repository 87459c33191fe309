package io.cdnlifeline.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The request parameters of one RPC call (query string and form body merged), with the readers the APIs need. */
final class Params {
    private final Map<String, String> values;

    Params(Map<String, String> values) {
        this.values = values;
    }

    Map<String, String> asMap() {
        return values;
    }

    String get(String name) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    String require(String name) {
        String v = get(name);
        if (v == null) {
            throw ApiError.missing(name);
        }
        return v;
    }

    /** An integer parameter in [min, max]; outside it, or not a number, answers {@code errorCode} (400). */
    int intIn(String name, int fallback, int min, int max, String errorCode, String message) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the documented error
        }
        throw new ApiError(400, errorCode, message);
    }

    /** Values of {@code Prefix.1}, {@code Prefix.2}, ... in index order (RPC list encoding). */
    List<String> list(String prefix) {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        String start = prefix + ".";
        for (Map.Entry<String, String> e : values.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(start)) {
                String rest = k.substring(start.length());
                if (rest.chars().allMatch(Character::isDigit) && !rest.isEmpty()) {
                    byIndex.put(Integer.parseInt(rest), e.getValue());
                }
            }
        }
        return new ArrayList<>(byIndex.values());
    }

    /** {@code Tag.N.Key}/{@code Tag.N.Value} pairs in index order; a missing value is "". */
    Map<String, String> tags() {
        TreeMap<Integer, String[]> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith("Tag.")) {
                continue;
            }
            String[] parts = k.split("\\.");
            if (parts.length != 3 || !parts[1].chars().allMatch(Character::isDigit) || parts[1].isEmpty()) {
                continue;
            }
            String[] pair = byIndex.computeIfAbsent(Integer.parseInt(parts[1]), i -> new String[2]);
            if ("Key".equals(parts[2])) {
                pair[0] = e.getValue();
            } else if ("Value".equals(parts[2])) {
                pair[1] = e.getValue();
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String[] pair : byIndex.values()) {
            if (pair[0] != null) {
                tags.put(pair[0], pair[1] == null ? "" : pair[1]);
            }
        }
        return tags;
    }
}
