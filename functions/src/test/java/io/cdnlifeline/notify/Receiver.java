package io.cdnlifeline.notify;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A chat robot on 127.0.0.1: records every POST (path with query, headers, body) and answers as told, or hangs
 * until closed. Stands in for DingTalk, WeCom, Feishu, Slack or a webhook receiver.
 */
final class Receiver implements AutoCloseable {
    /** One request the receiver got. */
    static final class Got {
        final String pathAndQuery;
        final Map<String, String> headers;
        final byte[] body;

        Got(String pathAndQuery, Map<String, String> headers, byte[] body) {
            this.pathAndQuery = pathAndQuery;
            this.headers = headers;
            this.body = body;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String query(String name) {
            int q = pathAndQuery.indexOf('?');
            if (q < 0) return null;
            for (String p : pathAndQuery.substring(q + 1).split("&")) {
                int eq = p.indexOf('=');
                if (eq > 0 && p.substring(0, eq).equals(name)) return p.substring(eq + 1);
            }
            return null;
        }
    }

    private final HttpServer server;
    private final List<Got> got = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
    private volatile boolean hang;

    private Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            synchronized (got) {
                got.add(new Got(exchange.getRequestURI().toString(), headers, body));
            }
            if (hang) {
                try {
                    closing.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    static Receiver start() throws IOException {
        return new Receiver();
    }

    Receiver answering(int httpStatus, String body) {
        status = httpStatus;
        answer = body;
        return this;
    }

    Receiver hanging() {
        hang = true;
        return this;
    }

    /** The robot's URL, with a token in the query as the real ones carry. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Got> got() {
        synchronized (got) {
            return new ArrayList<>(got);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
