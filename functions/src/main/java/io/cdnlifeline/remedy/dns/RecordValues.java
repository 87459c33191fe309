package io.cdnlifeline.remedy.dns;

import io.cdnlifeline.cloud.DnsRecord;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Record values in one canonical form, so a value the cloud echoes back compares equal to the one we wrote. */
final class RecordValues {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    private RecordValues() {
    }

    static boolean isIpv4(String s) {
        return s != null && IPV4.matcher(s.trim()).matches();
    }

    /** An IPv6 literal; checked by shape first so that InetAddress never does a name lookup. */
    static boolean isIpv6(String s) {
        if (s == null) return false;
        String t = s.trim();
        if (!t.contains(":") || !IPV6_CHARS.matcher(t).matches()) return false;
        try {
            return InetAddress.getByName(t).getAddress().length == 16;
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** A/AAAA values as InetAddress prints them (IPv6 uncompressed), host names lower-case without the trailing dot. */
    static String canonical(String type, String value) {
        if (value == null) return "";
        String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
        if ("AAAA".equals(t) && isIpv6(value)) {
            try {
                return InetAddress.getByName(value.trim()).getHostAddress().toLowerCase(Locale.ROOT);
            } catch (UnknownHostException e) {
                return value.trim().toLowerCase(Locale.ROOT);
            }
        }
        if ("A".equals(t)) return value.trim();
        return DnsRecord.normalizeHost(value);
    }

    static boolean sameValue(String type, String a, String b) {
        return canonical(type, a).equals(canonical(type, b));
    }

    static boolean isType(DnsRecord r, String type) {
        return r.type() != null && r.type().equalsIgnoreCase(type);
    }
}
