package io.cdnlifeline.cli;

import io.cdnlifeline.origin.OriginNetwork;
import io.cdnlifeline.sandbox.LocalOrigin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo account's origin web servers, on this machine: one local server per origin address of the demo seed
 * (127.0.0.x), each on a free port of 127.0.0.1, and the network table the origin check uses to reach them. The demo's
 * host-name origins resolve from this table only, so nothing the demo does leaves the machine. One of them is an OSS
 * bucket the domain is not bound to: dns-to-origin holds that domain back.
 */
final class DemoOrigins implements AutoCloseable {
    /** The demo's OSS origin (img.example.com's), which answers a foreign Host with OSS's 403. */
    static final String OSS_BUCKET = "img-example.oss-cn-hangzhou.aliyuncs.com";
    private static final Map<String, String> NAMES = Map.of(
            OSS_BUCKET, "127.0.0.12",
            "origin.shop.example.net", "127.0.0.13",
            "m-origin.example.net", "127.0.0.21");
    private static final List<String> WEB_SERVERS = List.of("127.0.0.10", "127.0.0.11", "127.0.0.13", "127.0.0.14", "127.0.0.20", "127.0.0.21",
            "127.0.0.40");

    private final List<LocalOrigin> servers = new ArrayList<>();
    private final Map<String, InetSocketAddress> byAddress = new HashMap<>();

    static DemoOrigins start() {
        DemoOrigins o = new DemoOrigins();
        try {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            for (String ip : WEB_SERVERS) o.serve(ip, LocalOrigin.http(loopback, 0, LocalOrigin.Behaviour.ok()));
            o.serve(NAMES.get(OSS_BUCKET), LocalOrigin.http(loopback, 0, LocalOrigin.Behaviour.ossBucket(OSS_BUCKET)));
            return o;
        } catch (UnknownHostException | RuntimeException e) {
            o.close();
            throw new IllegalStateException("cannot start the demo's origin servers: " + e.getMessage(), e);
        }
    }

    private void serve(String ip, LocalOrigin server) {
        servers.add(server);
        byAddress.put(ip + ":80", server.address());
    }

    /** Names from the demo's table only; an origin's port 80 is its local server, any other port is closed. */
    OriginNetwork network() {
        return new OriginNetwork() {
            @Override
            public List<InetAddress> resolve(String host) throws UnknownHostException {
                String ip = NAMES.get(host.toLowerCase(java.util.Locale.ROOT));
                if (ip == null) throw new UnknownHostException(host + " (the demo resolves only its own origins' names)");
                return List.of(InetAddress.getByName(ip));
            }

            @Override
            public InetSocketAddress socketAddress(InetAddress address, int port) {
                InetSocketAddress local = byAddress.get(address.getHostAddress() + ":" + port);
                // nothing listens on port 9 of this machine's loopback: any other port is closed, as it would be
                return local != null ? local : new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
            }
        };
    }

    @Override
    public void close() {
        for (LocalOrigin s : servers) s.close();
    }
}
