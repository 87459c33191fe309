package io.cdnlifeline.remedy.dns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The ownership and intent marker dns-to-origin writes into a record's remark, and dns-to-cdn reads back.
 * <pre>
 *   lifeline:switched:&lt;h&gt;.&lt;t&gt;:&lt;original remark&gt;    a CDN CNAME record being, or already, switched to the origin
 *   lifeline:switched:&lt;h&gt;.&lt;t&gt;~&lt;first 17 characters&gt; the same, when the original remark was too long to keep whole
 *   lifeline:restoring:&lt;h&gt;.&lt;t&gt;:&lt;original remark&gt;   the same record being switched back by dns-to-cdn
 *   lifeline:added:&lt;h&gt;                               an extra origin record dns-to-origin added on that line
 * </pre>
 * {@code <t>} is when the marker was written: minutes since 1970 in base 36, five digits (good until 2085). A
 * run that meets the opposite remedy's marker younger than {@link io.cdnlifeline.remedy.MarkerLease#LEASE}
 * leaves the record alone (that run may still be in flight); an older one was left by a run that died.
 * {@code <h>} is 6 hex digits of SHA-256 over the type and canonical value lifeline wrote: a record whose
 * value no longer matches it was changed by a person after we marked it (or not yet switched, when its
 * value is still the CDN CNAME). Alidns keeps at most {@link #MAX_REMARK} characters of remark, so the
 * original remark is kept whole up to {@link #MAX_KEPT} characters; a longer one keeps its start (the full
 * text is in the audit log of the switch).
 */
public final class Marker {
    public static final String PREFIX = "lifeline:";
    /** Alidns remark limit (the documented limit of its remark parameters: 50 characters). */
    public static final int MAX_REMARK = 50;
    static final String SWITCHED = PREFIX + "switched:";
    static final String RESTORING = PREFIX + "restoring:";
    static final String ADDED = PREFIX + "added:";
    static final int HASH_LEN = 6;
    static final int TIME_LEN = 5;
    private static final long MAX_MINUTES = pow36(TIME_LEN) - 1;
    /**
     * The longest original remark a switched marker keeps whole: what the longer, restoring, form leaves free,
     * so that the original survives the switched -> restoring -> original round trip unchanged.
     */
    public static final int MAX_KEPT = MAX_REMARK - RESTORING.length() - HASH_LEN - 1 - TIME_LEN - 1;

    /** What a marker says about the record that carries it. */
    public enum Kind { SWITCHED, RESTORING, ADDED }

    private final Kind kind;
    private final String hash;
    private final String original;
    private final boolean truncated;
    /** When it was written, to the minute; null for added markers and for markers of the format before times. */
    private final Instant at;

    private Marker(Kind kind, String hash, String original, boolean truncated, Instant at) {
        this.kind = kind;
        this.hash = hash;
        this.original = original;
        this.truncated = truncated;
        this.at = at == null ? null : Instant.ofEpochSecond(at.getEpochSecond() / 60 * 60);
    }

    /** The marker of a record switched (at {@code at}) to {@code type value}, remembering its original remark. */
    public static Marker switched(String type, String value, String originalRemark, Instant at) {
        String o = originalRemark == null ? "" : originalRemark;
        boolean cut = o.length() > MAX_KEPT;
        return new Marker(Kind.SWITCHED, hash(type, value), cut ? o.substring(0, MAX_KEPT - 1) : o, cut, java.util.Objects.requireNonNull(at, "at"));
    }

    /** The marker of a record lifeline added with {@code type value}. */
    public static Marker added(String type, String value) {
        return new Marker(Kind.ADDED, hash(type, value), "", false, null);
    }

    /** This switched (or restoring) marker as dns-to-cdn's restoring marker, written at {@code now}. */
    public Marker restoring(Instant now) {
        return new Marker(Kind.RESTORING, hash, original, truncated, java.util.Objects.requireNonNull(now, "now")).fitted();
    }

    /** This switched (or restoring) marker as dns-to-origin's switched marker again, written at {@code now}. */
    public Marker switchedAt(Instant now) {
        return new Marker(Kind.SWITCHED, hash, original, truncated, java.util.Objects.requireNonNull(now, "now")).fitted();
    }

    /** When the marker was written (to the minute); null when it carries no time (added, or the older format). */
    public Instant at() { return at; }

    /** A marker of the older format kept a longer original: cut it so the new form fits the remark limit. */
    private Marker fitted() {
        if (original.length() <= MAX_KEPT - (truncated ? 1 : 0)) return this;
        return new Marker(kind, hash, original.substring(0, MAX_KEPT - 1), true, at);
    }

    /** True when the remark claims to be lifeline's (whether or not it parses). */
    public static boolean claims(String remark) {
        return remark != null && remark.startsWith(PREFIX);
    }

    /** The marker in this remark, or null when the remark is not a marker lifeline can read. */
    public static Marker parse(String remark) {
        if (remark == null) return null;
        if (remark.startsWith(ADDED)) {
            String h = remark.substring(ADDED.length());
            return isHash(h) ? new Marker(Kind.ADDED, h, "", false, null) : null;
        }
        Kind kind = remark.startsWith(SWITCHED) ? Kind.SWITCHED : remark.startsWith(RESTORING) ? Kind.RESTORING : null;
        if (kind == null) return null;
        String rest = remark.substring((kind == Kind.SWITCHED ? SWITCHED : RESTORING).length());
        if (rest.length() < HASH_LEN + 1 || !isHash(rest.substring(0, HASH_LEN))) return null;
        String h = rest.substring(0, HASH_LEN);
        Instant at = null;
        int sepAt = HASH_LEN;
        if (rest.charAt(HASH_LEN) == '.') {
            if (rest.length() < HASH_LEN + 1 + TIME_LEN + 1) return null;
            at = time(rest.substring(HASH_LEN + 1, HASH_LEN + 1 + TIME_LEN));
            if (at == null) return null;
            sepAt = HASH_LEN + 1 + TIME_LEN;
        } else if (kind == Kind.RESTORING) {
            return null; // restoring markers always carry their time
        }
        // else: a switched marker of the format before times (lifeline:switched:<h>:<original>), stale by definition
        char sep = rest.charAt(sepAt);
        if (sep != ':' && sep != '~') return null;
        return new Marker(kind, h, rest.substring(sepAt + 1), sep == '~', at);
    }

    public String encode() {
        if (kind == Kind.ADDED) return ADDED + hash;
        String time = at == null ? "" : "." + time(at);
        return (kind == Kind.SWITCHED ? SWITCHED : RESTORING) + hash + time + (truncated ? "~" : ":") + original;
    }

    public Kind kind() { return kind; }

    /** True when this marker was written for exactly {@code type value}. */
    public boolean wrote(String type, String value) {
        return hash.equals(hash(type, value));
    }

    /** The original remark (its start, when {@link #truncated()}); empty for added records. */
    public String original() { return original; }

    public boolean truncated() { return truncated; }

    /** The same switched marker for a different target value (origins changed before the switch completed). */
    public Marker retarget(String type, String value) {
        return new Marker(kind, hash(type, value), original, truncated, at);
    }

    /** Five base-36 digits of minutes since 1970 (clamped to what five digits hold). */
    static String time(Instant at) {
        long minutes = Math.max(0, Math.min(MAX_MINUTES, Math.floorDiv(at.getEpochSecond(), 60)));
        StringBuilder b = new StringBuilder(Long.toString(minutes, 36));
        while (b.length() < TIME_LEN) b.insert(0, '0');
        return b.toString();
    }

    private static Instant time(String digits) {
        for (char c : digits.toCharArray()) {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(digits, 36) * 60);
    }

    private static long pow36(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) p *= 36;
        return p;
    }

    static String hash(String type, String value) {
        String text = (type == null ? "" : type.toUpperCase(Locale.ROOT)) + " " + RecordValues.canonical(type, value);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            for (int i = 0; b.length() < HASH_LEN; i++) {
                // two lower-case hex digits a byte, as %02x writes them, without a Formatter
                b.append(Character.forDigit((d[i] >> 4) & 0xf, 16)).append(Character.forDigit(d[i] & 0xf, 16));
            }
            return b.substring(0, HASH_LEN);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static boolean isHash(String s) {
        if (s.length() != HASH_LEN) return false;
        for (char c : s.toCharArray()) {
            if (Character.digit(c, 16) < 0 || Character.isUpperCase(c)) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Marker)) return false;
        Marker m = (Marker) o;
        return kind == m.kind && hash.equals(m.hash) && original.equals(m.original) && truncated == m.truncated
                && Objects.equals(at, m.at);
    }

    @Override
    public int hashCode() { return Objects.hash(kind, hash, original, truncated, at); }

    @Override
    public String toString() { return encode(); }
}
