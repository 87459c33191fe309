package io.cdnlifeline.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Before a run against an endpoint given on the command line (a sandbox, usually), one TCP connection to it:
 * a sandbox that is not running is then said at once, instead of after every call's retries. Nothing is sent.
 * The real cloud endpoints are not checked: their calls say it themselves.
 */
final class EndpointCheck {
    static final int TIMEOUT_MILLIS = 2_000;

    private EndpointCheck() {
    }

    static void reachable(String endpoint) {
        URI u;
        try {
            u = URI.create(endpoint);
        } catch (IllegalArgumentException notAUrl) {
            return; // the cloud client refuses it with its own message
        }
        if (u.getHost() == null) return;
        int port = u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
        String host = u.getHost();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        } catch (IOException e) {
            String why = e instanceof ConnectException ? "connection refused"
                    : e instanceof SocketTimeoutException ? "no answer within " + TIMEOUT_MILLIS / 1000 + " s"
                    : e instanceof UnknownHostException ? "unknown host " + host
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw new EndpointUnreachableException("could not reach " + endpoint + " (" + why + "). Is the sandbox"
                    + " running (lifeline sandbox --port " + port + "), and is --endpoint / LIFELINE_ENDPOINT right?"
                    + " Nothing was run.", e);
        }
    }
}
