package io.cdnlifeline.remedy;


import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The time tags beside a domain's marker tag ({@code lifeline:coverage} / {@code lifeline:disabled}): the remedy
 * writes {@code lifeline:since=<epoch ms>} with its marker (one TagResources call), its undo writes
 * {@code lifeline:restoring=<epoch ms>} before its change, and the undo removes all three at the end (one
 * UntagResources call). A domain is being restored when it carries a restoring tag no older than its since tag
 * (a remedy that takes over a dead restore writes a newer since tag, so it needs no second call to remove the
 * restoring one). Whether a marker is young enough to belong to a run in flight is {@link MarkerLease}'s.
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

    /** When the state the tags are in began: the restoring time when restoring, else the since time (null: unknown, so stale). */
    static Instant stateTime(Map<String, String> tags) {
        return restoring(tags) ? time(tags, RESTORING) : time(tags, SINCE);
    }

    /** The lifeline tags of {@code markerKey} only (not the lock), for comparing a read under the lock with the plan's. */
    static Map<String, String> ours(Map<String, String> tags, String markerKey) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (String k : List.of(markerKey, SINCE, RESTORING)) if (tags.containsKey(k)) out.put(k, tags.get(k));
        return out;
    }
}
