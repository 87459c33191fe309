package io.cdnlifeline.origin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * How the probe reaches an origin: name resolution and the socket address of an (IP, port). The system one is what a
 * visitor's machine does; the demo hands in a table of its own names and local ports, so nothing it does leaves the
 * machine (tests resolve their names from a hosts file, {@code -Djdk.net.hosts.file}).
 */
public interface OriginNetwork {
    /** Every address the name resolves to. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** Where to connect to reach {@code port} of {@code address}. */
    default InetSocketAddress socketAddress(InetAddress address, int port) {
        return new InetSocketAddress(address, port);
    }

    /**
     * The system property that keeps every probe on this machine (the test suites set it): an address outside
     * 127.0.0.0/8 is then "reached" at a closed loopback port, so it reads as refused and no packet leaves. A test that
     * forgets to turn the check off fails visibly instead of probing the Internet.
     */
    String LOOPBACK_ONLY = "lifeline.origin.loopbackOnly";

    static OriginNetwork system() {
        if (Boolean.getBoolean(LOOPBACK_ONLY)) {
            return new OriginNetwork() {
                @Override
                public List<InetAddress> resolve(String host) throws UnknownHostException {
                    return List.of(InetAddress.getAllByName(host));
                }

                @Override
                public InetSocketAddress socketAddress(InetAddress address, int port) {
                    // port 9 (discard) on loopback: nothing listens there on these machines
                    return address.isLoopbackAddress() ? new InetSocketAddress(address, port)
                            : new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
                }
            };
        }
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
