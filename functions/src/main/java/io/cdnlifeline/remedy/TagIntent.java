package io.cdnlifeline.remedy;

import java.time.Instant;
import java.util.Map;

/**
 * The time tags beside a domain's marker tag ({@code lifeline:coverage} / {@code lifeline:disabled}): the remedy
 * writes {@code lifeline:since=<epoch ms>} with its marker (one TagResources call), and the undo removes them at the
 * end (one UntagResources call). {@code lifeline:restoring} was the undo's fence before the lock flags
 * ({@link DomainLock}) made it unnecessary; one left by an earlier version marks a dead restore, which the remedy
 * takes over (with a newer since tag) and the undo removes with the marker.
 */
final class TagIntent {
    static final String SINCE = "lifeline:since";
    static final String RESTORING = "lifeline:restoring";

    private TagIntent() {
    }

    static String stamp(Instant now) {
        return String.valueOf(now.toEpochMilli());
    }

    /** The time in the tag {@code key}, or null when it is absent or not a time we wrote. */
    static Instant time(Map<String, String> tags, String key) {
        String v = tags.get(key);
        if (v == null || v.isEmpty() || v.length() > 15) return null;
        for (char c : v.toCharArray()) if (c < '0' || c > '9') return null;
        return Instant.ofEpochMilli(Long.parseLong(v));
    }

    /** True when an undo has fenced the domain (and no remedy took it over since). */
    static boolean restoring(Map<String, String> tags) {
        if (!tags.containsKey(RESTORING)) return false;
        Instant r = time(tags, RESTORING);
        Instant s = time(tags, SINCE);
        return s == null || r == null || !r.isBefore(s);
    }
}
