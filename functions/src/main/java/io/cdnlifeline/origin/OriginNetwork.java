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

    static OriginNetwork system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
