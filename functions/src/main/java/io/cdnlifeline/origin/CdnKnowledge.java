package io.cdnlifeline.origin;

import io.cdnlifeline.cloud.AcceleratedDomain;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Origin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the CDN knew about serving one domain, which its visitors will need from the origin once DNS points there:
 * whether the edge served HTTPS, whether it forced HTTPS, how it reached the origin (protocol and port) and with which
 * Host header. The edge's HTTPS switch comes from the detail the remedy already read (CDN {@code ServerCertificateStatus},
 * DCDN {@code SSLProtocol}: the same switch {@code DescribeDomainCertificateInfo} reports, at no extra call); the rest
 * from one {@code Describe(Dcdn)DomainConfigs} call asking for the three functions at once.
 */
public final class CdnKnowledge {
    /** The configs read, in one call: origin protocol and port, origin Host, forced HTTPS. */
    static final List<String> FUNCTIONS = List.of("forward_scheme", "set_req_host_header", "https_force");

    /** One way the CDN fetched from the origin: {@code http} or {@code https}, and the port. */
    public static final class BackToOrigin {
        final String scheme;
        final int port;

        BackToOrigin(String scheme, int port) {
            this.scheme = scheme;
            this.port = port;
        }

        public String scheme() { return scheme; }
        public int port() { return port; }

        @Override
        public boolean equals(Object o) {
            return o instanceof BackToOrigin && scheme.equals(((BackToOrigin) o).scheme) && port == ((BackToOrigin) o).port;
        }

        @Override
        public int hashCode() { return scheme.hashCode() * 31 + port; }

        @Override
        public String toString() { return scheme + " port " + port; }
    }

    private final boolean edgeHttps;
    private final boolean forceHttps;
    private final List<BackToOrigin> backToOrigin;
    private final String originHost;
    private final List<String> assumptions;

    CdnKnowledge(boolean edgeHttps, boolean forceHttps, List<BackToOrigin> backToOrigin, String originHost, List<String> assumptions) {
        this.edgeHttps = edgeHttps;
        this.forceHttps = forceHttps;
        this.backToOrigin = Collections.unmodifiableList(new ArrayList<>(backToOrigin));
        this.originHost = originHost;
        this.assumptions = Collections.unmodifiableList(new ArrayList<>(assumptions));
    }

    /**
     * Reads it for a domain about to be switched. {@code detail} is the detail API's answer (origins with ports, the
     * HTTPS switch); {@code inUse} are the origins the switch would point at. A failed configs read is not fatal: the
     * probe then assumes the edge's defaults (HTTP to the origin on its port, the domain as Host) and says so.
     */
    public static CdnKnowledge read(AcceleratedDomain detail, List<Origin> inUse, CdnApi cdn) {
        List<String> assumed = new ArrayList<>();
        boolean https;
        if (detail.edgeHttps() == null) {
            // Where a product cannot say whether its edge served HTTPS, assume it did: checking too much holds a
            // domain back, checking too little breaks its HTTPS visitors.
            https = true;
            assumed.add("the product does not say whether its edge served HTTPS: assumed it did");
        } else {
            https = detail.edgeHttps();
        }
        Map<String, Map<String, String>> configs;
        try {
            if (detail.product() != io.cdnlifeline.cloud.Product.CDN && detail.product() != io.cdnlifeline.cloud.Product.DCDN) {
                // VOD and Live have their own configs APIs, not read here: the edge's defaults are assumed
                configs = Map.of();
                assumed.add(detail.product().can().title() + "'s origin settings are not read: assumed HTTP to the origin's port, Host "
                        + detail.name());
            } else {
                configs = cdn.domainConfigs(detail.product(), detail.name(), FUNCTIONS);
            }
        } catch (CloudException e) {
            configs = Map.of();
            assumed.add("could not read the CDN's origin settings (" + e.code() + "): assumed HTTP to the origin's port, Host "
                    + detail.name());
        }
        Map<String, String> force = configs.get("https_force");
        boolean forceHttps = force != null && "on".equalsIgnoreCase(force.getOrDefault("enable", ""));
        Map<String, String> hostHeader = configs.get("set_req_host_header");
        String host = hostHeader == null ? null : blankToNull(hostHeader.get("domain_name"));
        return new CdnKnowledge(https, forceHttps, backToOrigin(configs.get("forward_scheme"), inUse), host, assumed);
    }

    /**
     * The (protocol, port) pairs the edge used to reach the origin. {@code forward_scheme} with {@code scheme_origin}
     * {@code http}/{@code https}/{@code follow} and optional {@code scheme_origin_port} ({@code 80}, {@code 443},
     * {@code 80:443} for follow); without it, HTTP to the origin's own port, HTTPS when that port is 443.
     */
    static List<BackToOrigin> backToOrigin(Map<String, String> forward, List<Origin> inUse) {
        Set<Integer> sourcePorts = new LinkedHashSet<>();
        for (Origin o : inUse) sourcePorts.add(o.port() <= 0 ? 80 : o.port());
        if (sourcePorts.isEmpty()) sourcePorts.add(80);
        Set<BackToOrigin> out = new LinkedHashSet<>();
        boolean on = forward != null && !"off".equalsIgnoreCase(forward.getOrDefault("enable", "on"));
        if (!on) {
            for (int p : sourcePorts) out.add(new BackToOrigin(p == 443 ? "https" : "http", p));
            return new ArrayList<>(out);
        }
        String scheme = forward.getOrDefault("scheme_origin", "follow").trim().toLowerCase(Locale.ROOT);
        String[] ports = forward.getOrDefault("scheme_origin_port", "").trim().split(":");
        Integer first = port(ports.length > 0 ? ports[0] : null);
        Integer second = port(ports.length > 1 ? ports[1] : null);
        switch (scheme) {
            case "http":
                if (first != null) out.add(new BackToOrigin("http", first));
                else for (int p : sourcePorts) out.add(new BackToOrigin("http", p == 443 ? 80 : p));
                break;
            case "https":
                out.add(new BackToOrigin("https", first != null ? first : 443));
                break;
            default: // follow: the visitor's protocol
                if (first != null) out.add(new BackToOrigin("http", first));
                else for (int p : sourcePorts) out.add(new BackToOrigin("http", p == 443 ? 80 : p));
                out.add(new BackToOrigin("https", second != null ? second : 443));
        }
        return new ArrayList<>(out);
    }

    private static Integer port(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            int p = Integer.parseInt(s.trim());
            return p > 0 && p < 65536 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Visitors came over HTTPS (so the origin needs a certificate for the domain on 443). */
    public boolean edgeHttps() { return edgeHttps; }
    /** The edge redirected HTTP to HTTPS (visitors' browsers may remember it: HSTS). */
    public boolean forceHttps() { return forceHttps; }
    public List<BackToOrigin> backToOrigin() { return backToOrigin; }
    /** The Host header the edge sent to the origin, or null (the domain itself). */
    public String originHost() { return originHost; }
    /** What could not be read and was assumed instead, in words. */
    public List<String> assumptions() { return assumptions; }

    /** The back-to-origin ports DNS cannot express (anything but 80 and 443). */
    public List<BackToOrigin> unreachablePorts() {
        List<BackToOrigin> out = new ArrayList<>();
        for (BackToOrigin b : backToOrigin) if (b.port != 80 && b.port != 443) out.add(b);
        return out;
    }

    /** Whether the edge fetched over HTTPS at all (an origin it reached over HTTP only may have no certificate). */
    public boolean fetchedOverHttps() {
        for (BackToOrigin b : backToOrigin) if (b.scheme.equals("https")) return true;
        return false;
    }
}
