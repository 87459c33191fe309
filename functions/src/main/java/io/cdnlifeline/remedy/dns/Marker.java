package io.cdnlifeline.remedy.dns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;

/**
 * The ownership marker dns-to-origin writes into a record's remark, and dns-to-cdn reads back.
 * <pre>
 *   lifeline:switched:&lt;h&gt;:&lt;original remark&gt;   a CDN CNAME record switched in place to the origin
 *   lifeline:switched:&lt;h&gt;~&lt;first 24 characters&gt;  the same, when the original remark was too long to keep whole
 *   lifeline:added:&lt;h&gt;                          an extra origin record dns-to-origin added on that line
 * </pre>
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
    static final String ADDED = PREFIX + "added:";
    static final int HASH_LEN = 6;
    /** The longest original remark a switched marker keeps whole. */
    public static final int MAX_KEPT = MAX_REMARK - SWITCHED.length() - HASH_LEN - 1;

    /** What a marker says about the record that carries it. */
    public enum Kind { SWITCHED, ADDED }

    private final Kind kind;
    private final String hash;
    private final String original;
    private final boolean truncated;

    private Marker(Kind kind, String hash, String original, boolean truncated) {
        this.kind = kind;
        this.hash = hash;
        this.original = original;
        this.truncated = truncated;
    }

    /** The marker of a record switched to {@code type value}, remembering its original remark. */
    public static Marker switched(String type, String value, String originalRemark) {
        String o = originalRemark == null ? "" : originalRemark;
        boolean cut = o.length() > MAX_KEPT;
        return new Marker(Kind.SWITCHED, hash(type, value), cut ? o.substring(0, MAX_KEPT - 1) : o, cut);
    }

    /** The marker of a record lifeline added with {@code type value}. */
    public static Marker added(String type, String value) {
        return new Marker(Kind.ADDED, hash(type, value), "", false);
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
            return isHash(h) ? new Marker(Kind.ADDED, h, "", false) : null;
        }
        if (remark.startsWith(SWITCHED)) {
            String rest = remark.substring(SWITCHED.length());
            if (rest.length() < HASH_LEN + 1 || !isHash(rest.substring(0, HASH_LEN))) return null;
            char sep = rest.charAt(HASH_LEN);
            if (sep != ':' && sep != '~') return null;
            return new Marker(Kind.SWITCHED, rest.substring(0, HASH_LEN), rest.substring(HASH_LEN + 1), sep == '~');
        }
        return null;
    }

    public String encode() {
        if (kind == Kind.ADDED) return ADDED + hash;
        return SWITCHED + hash + (truncated ? "~" : ":") + original;
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
        return new Marker(kind, hash(type, value), original, truncated);
    }

    static String hash(String type, String value) {
        String text = (type == null ? "" : type.toUpperCase(Locale.ROOT)) + " " + RecordValues.canonical(type, value);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            for (int i = 0; b.length() < HASH_LEN; i++) b.append(String.format("%02x", d[i] & 0xff));
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
        return kind == m.kind && hash.equals(m.hash) && original.equals(m.original) && truncated == m.truncated;
    }

    @Override
    public int hashCode() { return Objects.hash(kind, hash, original, truncated); }

    @Override
    public String toString() { return encode(); }
}
