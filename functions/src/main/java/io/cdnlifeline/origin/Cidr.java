package io.cdnlifeline.origin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An IPv4 or IPv6 address range such as {@code 127.0.0.0/8} or {@code fd00::/8}: the entries of {@code LIFELINE_ORIGIN_ALLOW}. */
public final class Cidr {
    private final byte[] network;
    private final int bits;
    private final String text;

    private Cidr(byte[] network, int bits, String text) {
        this.network = network;
        this.bits = bits;
        this.text = text;
    }

    /** Parses one range; an address without {@code /bits} is the address alone. Only literal addresses: nothing is resolved. */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (!isLiteral(addr)) throw bad(text);
        byte[] a;
        try {
            a = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw bad(text);
        }
        int bits = a.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw bad(text);
            }
            if (bits < 0 || bits > a.length * 8) throw bad(text);
        }
        return new Cidr(a, bits, t);
    }

    /** A comma-separated list; blank gives none. */
    public static List<Cidr> parseList(String csv) {
        if (csv == null || csv.isBlank()) return List.of();
        List<Cidr> out = new ArrayList<>();
        for (String part : csv.split(",")) if (!part.isBlank()) out.add(parse(part));
        return Collections.unmodifiableList(out);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) return false;
        int full = bits / 8;
        for (int i = 0; i < full; i++) if (a[i] != network[i]) return false;
        int rest = bits % 8;
        if (rest == 0) return true;
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    /** True for an IPv4 dotted quad or an IPv6 literal: never a name that would need resolving. */
    static boolean isLiteral(String s) {
        if (s.isEmpty()) return false;
        if (s.indexOf(':') >= 0) return s.matches("[0-9A-Fa-f:.]+");
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("LIFELINE_ORIGIN_ALLOW must be comma-separated address ranges such as 127.0.0.0/8 or fd00::/8; got '"
                + text + "'");
    }

    @Override
    public String toString() { return text; }
}
