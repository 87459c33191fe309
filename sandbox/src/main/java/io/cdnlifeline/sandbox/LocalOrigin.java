package io.cdnlifeline.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An origin web server on this machine, for the demo, the tests and the benchmark: the origin readiness probe of
 * dns-to-origin reaches it as a visitor would reach a real origin. It answers every request with one status, after an
 * optional delay; plain HTTP or HTTPS with the key and certificate of a key store. As an OSS-style origin it answers
 * a request whose Host is not its bucket's name with OSS's {@code 403 SecondLevelDomainForbidden} error. It binds only
 * to a loopback address.
 */
public final class LocalOrigin implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService workers;
    private final AtomicInteger requests = new AtomicInteger();

    private LocalOrigin(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** How the origin answers. */
    public static final class Behaviour {
        int status = 200;
        long delayMs;
        String bucketHost;

        public static Behaviour ok() { return new Behaviour(); }

        /** Every request answered with this status. */
        public static Behaviour status(int status) {
            Behaviour b = new Behaviour();
            b.status = status;
            return b;
        }

        /** Answers only after this long (a slow or hanging origin). */
        public Behaviour delayMs(long ms) {
            delayMs = ms;
            return this;
        }

        /** An OSS bucket reached at {@code bucketHost}: a request for any other Host gets OSS's 403 error. */
        public static Behaviour ossBucket(String bucketHost) {
            Behaviour b = new Behaviour();
            b.bucketHost = bucketHost.toLowerCase(Locale.ROOT);
            return b;
        }
    }

    /** Plain HTTP on {@code address:port} (port 0: any free port). */
    public static LocalOrigin http(InetAddress address, int port, Behaviour behaviour) {
        try {
            NoDelay.ensure();
            return start(HttpServer.create(), address, port, behaviour);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve HTTP on " + address.getHostAddress() + ":" + port, e);
        }
    }

    /** HTTPS on {@code address:port} with the (single) key entry of {@code keyStore}. */
    public static LocalOrigin https(InetAddress address, int port, KeyStore keyStore, char[] password, Behaviour behaviour) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            NoDelay.ensure();
            HttpsServer s = HttpsServer.create();
            s.setHttpsConfigurator(new HttpsConfigurator(ctx));
            return start(s, address, port, behaviour);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve HTTPS on " + address.getHostAddress() + ":" + port, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable key store for HTTPS: " + e.getMessage(), e);
        }
    }

    private static LocalOrigin start(HttpServer s, InetAddress address, int port, Behaviour b) throws IOException {
        if (!address.isLoopbackAddress()) throw new IllegalArgumentException("a local origin binds to loopback only; got " + address);
        s.bind(new InetSocketAddress(address, port), 64);
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-origin");
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(workers);
        LocalOrigin origin = new LocalOrigin(s, workers);
        s.createContext("/", exchange -> origin.answer(exchange, b));
        s.start();
        return origin;
    }

    private void answer(HttpExchange exchange, Behaviour b) throws IOException {
        requests.incrementAndGet();
        try {
            if (b.delayMs > 0) {
                try {
                    Thread.sleep(b.delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            String host = exchange.getRequestHeaders().getFirst("Host");
            host = host == null ? "" : host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
            if (b.bucketHost != null && !b.bucketHost.equals(host)) {
                String id = "5C1B138A109F4E405B2D" + Integer.toHexString(requests.get());
                byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>SecondLevelDomainForbidden</Code>\n"
                        + "  <Message>Please use virtual hosted style to access.</Message>\n  <RequestId>" + id + "</RequestId>\n"
                        + "  <HostId>" + b.bucketHost + "</HostId>\n</Error>\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("x-oss-request-id", id);
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                send(exchange, 403, body);
                return;
            }
            send(exchange, b.status, ("origin of " + host + "\n").getBytes(StandardCharsets.UTF_8));
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public InetSocketAddress address() { return server.getAddress(); }

    public int port() { return server.getAddress().getPort(); }

    /** How many requests it answered (or began to). */
    public int requests() { return requests.get(); }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
