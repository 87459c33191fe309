package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    /** What a failed step reports when the domain moved between the plan's read and the first write. */
    static final String MOVED = "Lifeline.DomainMovedMeanwhile";

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

    /** The lifeline tags of {@code markerKey} only, for comparing a fresh read with the plan's. */
    static Map<String, String> ours(Map<String, String> tags, String markerKey) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (String k : List.of(markerKey, SINCE, RESTORING)) if (tags.containsKey(k)) out.put(k, tags.get(k));
        return out;
    }

    /**
     * Re-reads the domain's tags right before the first write of a plan and throws {@link #MOVED} when the
     * lifeline tags differ from what the plan read: a concurrent run of the opposite remedy moved the domain, and
     * the next run (FC retries a failed invocation) decides from the new state. A concurrent run of the same
     * direction is let through (true); an undo that finds the marker gone (another undo finished) writes nothing (false). Tag APIs have no conditional write;
     * this narrows the race to the gap between this read and the write.
     */
    static boolean expectTags(CdnApi cdn, Product p, String name, String markerKey, Map<String, String> asRead, Direction direction)
            throws CloudException {
        Map<String, String> fresh = fresh(cdn, p, name);
        if (Objects.equals(ours(fresh, markerKey), ours(asRead, markerKey))) return true;
        // A concurrent run of the same direction: repeating its writes is harmless (tags overwrite, the change is idempotent).
        if (direction == Direction.FORWARD && fresh.containsKey(markerKey) && !restoring(fresh)) return true;
        if (direction == Direction.UNDO && fresh.containsKey(markerKey) && restoring(fresh)) return true;
        if (direction == Direction.UNDO && !fresh.containsKey(markerKey)) return false; // a concurrent undo finished
        {
            throw new CloudException(MOVED, "the domain's lifeline tags changed since this run read them (another cdn-lifeline run is "
                    + "working on it): read " + ours(asRead, markerKey) + ", now " + ours(fresh, markerKey)
                    + "; nothing written, the next run decides from the new state", null, 409, false);
        }
    }

    /**
     * Right before the undo's last write (the untag, after it changed the domain back): the remedy's since tag must
     * still be the one the plan read. A newer one means switch-to-overseas (or disable-domain) marked the domain
     * again meanwhile, and its change may land after ours: untagging now would leave it unmarked. Throws
     * {@link #MOVED} then, so FC retries and the next run, finding the restoring tag, finishes the restore.
     */
    static boolean expectSinceUnchanged(CdnApi cdn, Product p, String name, String markerKey, Map<String, String> asRead) throws CloudException {
        Map<String, String> fresh = fresh(cdn, p, name);
        if (!fresh.containsKey(markerKey) || Objects.equals(fresh.get(SINCE), asRead.get(SINCE))) return true;
        throw new CloudException(MOVED, "the domain was marked again (" + SINCE + " " + fresh.get(SINCE) + ") while this run restored it: "
                + "its tags are not removed; the next run finishes the restore from the new state", null, 409, false);
    }

    private static Map<String, String> fresh(CdnApi cdn, Product p, String name) throws CloudException {
        Map<String, Map<String, String>> got = cdn.tags(p, List.of(name));
        for (Map.Entry<String, Map<String, String>> e : got.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null) return e.getValue();
        }
        return Map.of();
    }

    /** Which way the checking run goes: the remedy, or its undo. */
    enum Direction { FORWARD, UNDO }
}
