package io.cdnlifeline.state;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code LIFELINE_STATE}: where the functions' memory lives. {@code oss://<bucket>[/<prefix>]} (FC: a bucket of the
 * account, in the functions' region), a directory ({@code /var/lib/lifeline} or any path), or empty (this JVM).
 * A malformed value is an error at start-up, naming the variable.
 */
public final class StateLocation {
    /** OSS bucket names: 3-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit. */
    private static final Pattern OSS = Pattern.compile("oss://([a-z0-9][a-z0-9-]{1,61}[a-z0-9])(/([A-Za-z0-9._/-]*))?");
    private final String bucket;
    private final String prefix;
    private final String directory;

    private StateLocation(String bucket, String prefix, String directory) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.directory = directory;
    }

    /** Nowhere: this JVM remembers. */
    public static StateLocation instance() {
        return new StateLocation(null, "", null);
    }

    public static StateLocation parse(String value) {
        if (value == null || value.isBlank()) return instance();
        String v = value.trim();
        if (v.toLowerCase(Locale.ROOT).startsWith("oss://")) {
            Matcher m = OSS.matcher(v);
            if (!m.matches()) {
                throw new IllegalArgumentException("LIFELINE_STATE must be oss://<bucket>[/<prefix>] with a valid bucket name "
                        + "(3-63 lower-case letters, digits and hyphens) or a directory; got '" + v + "'");
            }
            String p = m.group(3) == null ? "" : m.group(3).replaceAll("^/+|/+$", "");
            if (p.contains("..")) throw new IllegalArgumentException("LIFELINE_STATE's prefix must not contain '..'; got '" + v + "'");
            return new StateLocation(m.group(1), p.isEmpty() ? "" : p + "/", null);
        }
        if (v.contains("://")) {
            throw new IllegalArgumentException("LIFELINE_STATE must be oss://<bucket>[/<prefix>] or a directory; got '" + v + "'");
        }
        return new StateLocation(null, "", v);
    }

    /** The OSS bucket, or null. */
    public String bucket() { return bucket; }
    /** The key prefix inside the bucket ({@code ""} or ending with {@code /}). */
    public String prefix() { return prefix; }
    /** The directory, or null. */
    public String directory() { return directory; }
    public boolean isInstance() { return bucket == null && directory == null; }

    @Override
    public String toString() {
        return bucket != null ? "oss://" + bucket + "/" + prefix : directory != null ? directory : "(this instance)";
    }
}
