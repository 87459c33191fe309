package io.cdnlifeline.origin;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * What counts as ready beyond the probe itself: an address visitors on the Internet cannot reach (loopback, private,
 * link-local, carrier-grade NAT, unique-local IPv6, unspecified, multicast) is never ready unless one of the
 * {@code LIFELINE_ORIGIN_ALLOW} ranges holds it; and the check's mode ({@code LIFELINE_ORIGIN_CHECK}).
 */
public final class ReadinessPolicy {
    private final OriginCheck mode;
    private final List<Cidr> allow;

    public ReadinessPolicy(OriginCheck mode, List<Cidr> allow) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.allow = List.copyOf(allow);
    }

    public OriginCheck mode() { return mode; }

    /** Why visitors cannot reach this address (e.g. "a private address"), or null when they can or it is allowed. */
    public String unreachable(InetAddress a) {
        for (Cidr c : allow) if (c.contains(a)) return null;
        String kind = kind(a);
        return kind == null ? null : kind;
    }

    private static String kind(InetAddress a) {
        if (a.isLoopbackAddress()) return "a loopback address";
        if (a.isAnyLocalAddress()) return "the unspecified address";
        if (a.isLinkLocalAddress()) return "a link-local address";
        if (a.isSiteLocalAddress()) return "a private address";
        if (a.isMulticastAddress()) return "a multicast address";
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) return "a carrier-grade NAT address";
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) return "a unique-local (private) IPv6 address";
        return null;
    }

    public List<Cidr> allow() { return allow; }
}
