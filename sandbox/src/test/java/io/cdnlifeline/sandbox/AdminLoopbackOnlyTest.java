package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin endpoints are unsigned, so they answer loopback peers only: a peer from another address (were the
 * server ever bound wider) gets 403 and changes nothing. Exercised on the one handler with an exchange whose
 * peer address is chosen, since the server itself cannot be reached from another address.
 */
class AdminLoopbackOnlyTest {
    private Sandbox sandbox;
    private ApiServer server;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, null);
        server = new ApiServer(sandbox, new FcCodeStore(), new FcInvoker(sandbox));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aPeerFromAnotherAddressCannotReadTheState() throws Exception {
        Exchange e = new Exchange("GET", "/_sandbox/state", "", new InetSocketAddress("192.0.2.2", 40000));
        server.handle(e);
        assertEquals(403, e.status);
        assertFalse(e.body().contains(Sandbox.DEFAULT_ACCESS_KEY_SECRET), "the state (with its secrets) leaked: " + e.status);
    }

    @Test
    void aPeerFromAnotherAddressCannotChangeFaultsOrState() throws Exception {
        String before = sandbox.stateJson();
        for (String path : new String[] {"/_sandbox/faults", "/_sandbox/limits", "/_sandbox/state", "/_sandbox/requests"}) {
            Exchange e = new Exchange("PUT", path, "{\"errorRate\":1.0}", new InetSocketAddress("fd00::2", 40000));
            server.handle(e);
            assertEquals(403, e.status, path);
        }
        assertEquals(before, sandbox.stateJson(), "an admin write from another address changed the sandbox");
    }

    @Test
    void loopbackPeersAreServed() throws Exception {
        Exchange e = new Exchange("PUT", "/_sandbox/faults", "{\"errorRate\":0.25,\"seed\":3}", new InetSocketAddress("127.0.0.1", 40000));
        server.handle(e);
        assertEquals(200, e.status);
        assertEquals(0.25, sandbox.traffic().faults().errorRate);
        Exchange v6 = new Exchange("GET", "/_sandbox/faults", "", new InetSocketAddress("::1", 40000));
        server.handle(v6);
        assertEquals(200, v6.status);
        assertTrue(v6.body().contains("0.25"));
    }

    /** An HTTP exchange with a chosen peer address, recording the answer. */
    private static final class Exchange extends HttpExchange {
        private final String method;
        private final URI uri;
        private final InputStream body;
        private final InetSocketAddress peer;
        private final Headers requestHeaders = new Headers();
        private final Headers responseHeaders = new Headers();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = -1;

        Exchange(String method, String path, String body, InetSocketAddress peer) {
            this.method = method;
            this.uri = URI.create(path);
            this.body = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
            this.peer = peer;
        }

        String body() {
            return out.toString(StandardCharsets.UTF_8);
        }

        @Override public Headers getRequestHeaders() { return requestHeaders; }
        @Override public Headers getResponseHeaders() { return responseHeaders; }
        @Override public URI getRequestURI() { return uri; }
        @Override public String getRequestMethod() { return method; }
        @Override public HttpContext getHttpContext() { return null; }
        @Override public void close() { }
        @Override public InputStream getRequestBody() { return body; }
        @Override public OutputStream getResponseBody() { return out; }
        @Override public void sendResponseHeaders(int rCode, long responseLength) { status = rCode; }
        @Override public InetSocketAddress getRemoteAddress() { return peer; }
        @Override public int getResponseCode() { return status; }
        @Override public InetSocketAddress getLocalAddress() { return new InetSocketAddress("127.0.0.1", 0); }
        @Override public String getProtocol() { return "HTTP/1.1"; }
        @Override public Object getAttribute(String name) { return null; }
        @Override public void setAttribute(String name, Object value) { }
        @Override public void setStreams(InputStream i, OutputStream o) { }
        @Override public HttpPrincipal getPrincipal() { return null; }
    }
}
