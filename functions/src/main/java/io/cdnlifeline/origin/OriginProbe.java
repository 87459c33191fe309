package io.cdnlifeline.origin;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reaches one origin address the way a visitor's browser will after the switch: TCP to port 80 or 443; for HTTPS a TLS
 * handshake with SNI = the domain, the chain verified against the JVM's trust store ({@code javax.net.ssl.trustStore}
 * when set, else the JDK's cacerts) and the host name against the domain; then {@code GET path} with
 * {@code Host: domain}, whose status must be one of the acceptable ones. Every step is bounded: the connect by the
 * connect timeout, the whole probe by the total timeout. JDK only (no HTTP client library in the function jar).
 */
public final class OriginProbe {
    private static final Pattern OSS_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final int MAX_BODY_BYTES = 4 * 1024;

    private final int connectTimeoutMs;
    private final int timeoutMs;
    private final String path;
    private final StatusSet statuses;
    private final KeyStore trustStore;
    private final OriginNetwork network;

    private OriginProbe(Builder b) {
        this.connectTimeoutMs = b.connectTimeoutMs;
        this.timeoutMs = b.timeoutMs;
        this.path = b.path;
        this.statuses = b.statuses;
        this.trustStore = b.trustStore;
        this.network = b.network;
    }

    public static Builder builder() {
        return new Builder();
    }

    public OriginNetwork network() { return network; }
    public int timeoutMs() { return timeoutMs; }

    /**
     * Probes {@code scheme} ({@code http} on 80, {@code https} on 443) of {@code address} for {@code domain}.
     * {@code shownAs} names the origin in the result (the value DNS would hold, with the address when it is a name).
     */
    public ProbeResult probe(String domain, String shownAs, InetAddress address, String scheme) {
        boolean https = "https".equals(scheme);
        int port = https ? 443 : 80;
        long start = System.nanoTime();
        long deadline = start + timeoutMs * 1_000_000L;
        String who = "origin " + shownAs;
        AtomicReference<X509Certificate[]> chain = new AtomicReference<>();
        Socket socket = new Socket();
        try {
            int connectMs = (int) Math.max(1, Math.min(connectTimeoutMs, remainingMs(deadline)));
            try {
                socket.connect(network.socketAddress(address, port), connectMs);
            } catch (SocketTimeoutException e) {
                return ProbeResult.notReady(shownAs, scheme, port, "no answer", who + " does not answer on port " + port + " within "
                        + connectMs + " ms: " + visitors(domain, https) + " would wait and fail", ms(start));
            } catch (ConnectException e) {
                return ProbeResult.notReady(shownAs, scheme, port, "connection refused", who + " refuses connections on port " + port
                        + ": " + visitors(domain, https) + " would get an error", ms(start));
            }
            Socket s = socket;
            if (https) {
                SSLSocket tls = (SSLSocket) sslContext(chain).getSocketFactory().createSocket(socket, domain, port, true);
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                params.setServerNames(List.of(new SNIHostName(domain)));
                tls.setSSLParameters(params);
                tls.setSoTimeout((int) Math.max(1, remainingMs(deadline)));
                try {
                    tls.startHandshake();
                } catch (SSLException e) {
                    return tlsFailure(domain, shownAs, who, chain.get(), e, ms(start));
                }
                s = tls;
            }
            return exchange(s, domain, shownAs, who, scheme, port, https, deadline, start);
        } catch (SocketTimeoutException e) {
            return ProbeResult.notReady(shownAs, scheme, port, "timed out", who + " accepted the connection on port " + port
                    + " but did not answer within " + timeoutMs + " ms: " + visitors(domain, https) + " would wait and fail", ms(start));
        } catch (IOException e) {
            return ProbeResult.notReady(shownAs, scheme, port, "error: " + e.getClass().getSimpleName(), who + " on port " + port
                    + " failed: " + e.getMessage() + ": " + visitors(domain, https) + " would get an error", ms(start));
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do: the probe is over
            }
        }
    }

    private ProbeResult exchange(Socket s, String domain, String shownAs, String who, String scheme, int port, boolean https,
                                 long deadline, long start) throws IOException {
        OutputStream out = s.getOutputStream();
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + domain + "\r\nUser-Agent: cdn-lifeline-origin-check\r\n"
                + "Accept: */*\r\nConnection: close\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        String head = readHead(s, in, deadline);
        Matcher m = Pattern.compile("^HTTP/\\d(?:\\.\\d)? (\\d{3})").matcher(head);
        if (!m.find()) {
            return ProbeResult.notReady(shownAs, scheme, port, "not HTTP", who + " on port " + port + " does not answer HTTP"
                    + (https ? "S" : "") + ": " + visitors(domain, https) + " would get an error", ms(start));
        }
        int status = Integer.parseInt(m.group(1));
        if (statuses.accepts(status)) {
            return ProbeResult.ready(shownAs, scheme, port, String.valueOf(status), ms(start));
        }
        String lower = head.toLowerCase(Locale.ROOT);
        String body = readSome(s, in, head, deadline);
        Matcher code = OSS_CODE.matcher(body);
        if (lower.contains("\nx-oss-request-id:") || (code.find() && body.contains("<HostId>"))) {
            String c = code.find(0) ? code.group(1) : "an error";
            return ProbeResult.notReady(shownAs, scheme, port, status + " OSS " + c, who + " is an OSS bucket that answers a request for "
                    + domain + " with " + status + " " + c + ": the bucket serves " + domain
                    + " only when the domain is bound to it (OSS console: bucket, Domain Names)", ms(start));
        }
        return ProbeResult.notReady(shownAs, scheme, port, String.valueOf(status), who + " answers GET " + path + " for " + domain
                + " with " + status + ", not one of " + statuses + ": " + visitors(domain, https) + " would get that error", ms(start));
    }

    /** Reads the status line and headers (up to the blank line), within the deadline. */
    private static String readHead(Socket s, InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int matched = 0;
        while (buf.size() < MAX_HEAD_BYTES) {
            s.setSoTimeout((int) Math.max(1, remainingMs(deadline)));
            int b = in.read();
            if (b < 0) break;
            buf.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            if (matched >= 4 || (matched >= 2 && b == '\n' && endsWithBlankLine(buf))) break;
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream buf) {
        byte[] b = buf.toByteArray();
        int n = b.length;
        return n >= 2 && b[n - 1] == '\n' && b[n - 2] == '\n';
    }

    /** Up to a few KB of the body of an error answer (to name an OSS error); what the deadline allows. */
    private static String readSome(Socket s, InputStream in, String head, long deadline) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024];
        try {
            while (buf.size() < MAX_BODY_BYTES && remainingMs(deadline) > 0) {
                s.setSoTimeout((int) Math.max(1, remainingMs(deadline)));
                int n = in.read(chunk);
                if (n < 0) break;
                buf.write(chunk, 0, n);
                if (buf.toString(StandardCharsets.ISO_8859_1).contains("</Error>")) break;
            }
        } catch (IOException e) {
            // the status already decided; the body only names the error
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private ProbeResult tlsFailure(String domain, String shownAs, String who, X509Certificate[] chain, SSLException e, long millis) {
        if (chain == null || chain.length == 0) {
            return ProbeResult.notReady(shownAs, "https", 443, "no TLS", who + " does not complete a TLS handshake for " + domain
                    + " on port 443 (" + rootMessage(e) + "): visitors of https://" + domain + " would get an error", millis);
        }
        X509Certificate leaf = chain[0];
        List<String> names = dnsNames(leaf);
        if (!matchesAny(domain, names)) {
            String presented = names.isEmpty() ? "no host name" : String.join(", ", names);
            return ProbeResult.notReady(shownAs, "https", 443, "certificate for " + presented, who + " presents a certificate for "
                    + presented + ", not " + domain + ": visitors would get a certificate error", millis);
        }
        if (leaf.getNotAfter().before(new Date())) {
            return ProbeResult.notReady(shownAs, "https", 443, "certificate expired", who + " presents a certificate for " + domain
                    + " that expired on " + leaf.getNotAfter().toInstant() + ": visitors would get a certificate error", millis);
        }
        return ProbeResult.notReady(shownAs, "https", 443, "certificate not trusted", who + " presents a certificate for " + domain
                + " issued by " + leaf.getIssuerX500Principal().getName() + ", which visitors' browsers do not trust ("
                + rootMessage(e) + "): visitors would get a certificate error", millis);
    }

    /** A fresh context over the trust store, whose trust manager also keeps the chain the origin presented (for the message). */
    private SSLContext sslContext(AtomicReference<X509Certificate[]> chain) throws IOException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore != null ? trustStore : jvmTrustStore());
            X509ExtendedTrustManager jvm = null;
            for (TrustManager tm : tmf.getTrustManagers()) if (tm instanceof X509ExtendedTrustManager) jvm = (X509ExtendedTrustManager) tm;
            if (jvm == null) throw new IOException("the JVM offers no X509 trust manager");
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new Recording(jvm, chain)}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * The JVM's trust store as the JSSE reads it: {@code javax.net.ssl.trustStore} (with its type and password) when
     * set, else {@code jssecacerts}, else {@code cacerts} of the running JDK. Read here each time, not through the
     * JSSE's process-wide cache, so the store named now is the one used.
     */
    static KeyStore jvmTrustStore() throws IOException, GeneralSecurityException {
        String named = System.getProperty("javax.net.ssl.trustStore");
        java.nio.file.Path file;
        String type = System.getProperty("javax.net.ssl.trustStoreType", KeyStore.getDefaultType());
        String password = System.getProperty("javax.net.ssl.trustStorePassword");
        if (named != null && !named.isEmpty() && !"NONE".equals(named)) {
            file = java.nio.file.Paths.get(named);
        } else {
            java.nio.file.Path security = java.nio.file.Paths.get(System.getProperty("java.home"), "lib", "security");
            file = java.nio.file.Files.isRegularFile(security.resolve("jssecacerts")) ? security.resolve("jssecacerts") : security.resolve("cacerts");
        }
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            ks.load(in, password == null ? null : password.toCharArray());
        }
        return ks;
    }

    static List<String> dnsNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) if (Integer.valueOf(2).equals(san.get(0))) out.add(String.valueOf(san.get(1)));
            }
        } catch (CertificateException ignored) {
            // unparsable names: none
        }
        if (out.isEmpty()) {
            Matcher cn = Pattern.compile("CN=([^,]+)").matcher(cert.getSubjectX500Principal().getName());
            if (cn.find()) out.add(cn.group(1));
        }
        return out;
    }

    /** Browser rules: exact, or a wildcard for exactly one left-most label. */
    static boolean matchesAny(String domain, List<String> names) {
        String d = domain.toLowerCase(Locale.ROOT);
        for (String n : names) {
            String p = n.toLowerCase(Locale.ROOT);
            if (p.equals(d)) return true;
            if (p.startsWith("*.")) {
                int dot = d.indexOf('.');
                if (dot > 0 && d.substring(dot).equals(p.substring(1))) return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String visitors(String domain, boolean https) {
        return "visitors of " + (https ? "https://" : "http://") + domain;
    }

    private static long remainingMs(long deadlineNanos) {
        return (deadlineNanos - System.nanoTime()) / 1_000_000;
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Delegates every decision to the JVM's trust manager; only remembers the chain the server presented. */
    private static final class Recording extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager jvm;
        private final AtomicReference<X509Certificate[]> chain;

        Recording(X509ExtendedTrustManager jvm, AtomicReference<X509Certificate[]> chain) {
            this.jvm = jvm;
            this.chain = chain;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType, Socket socket) throws CertificateException {
            chain.set(c);
            jvm.checkServerTrusted(c, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType, SSLEngine engine) throws CertificateException {
            chain.set(c);
            jvm.checkServerTrusted(c, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType) throws CertificateException {
            chain.set(c);
            jvm.checkServerTrusted(c, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("the probe is a client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("the probe is a client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType) throws CertificateException {
            throw new CertificateException("the probe is a client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return jvm.getAcceptedIssuers();
        }
    }

    /** Probe settings; the defaults are those of {@code LIFELINE_ORIGIN_*}. */
    public static final class Builder {
        private int connectTimeoutMs = 3_000;
        private int timeoutMs = 5_000;
        private String path = "/";
        private StatusSet statuses = StatusSet.parse("200-399");
        private KeyStore trustStore;
        private OriginNetwork network = OriginNetwork.system();

        private Builder() {
        }

        public Builder connectTimeoutMs(int v) { connectTimeoutMs = v; return this; }
        public Builder timeoutMs(int v) { timeoutMs = v; return this; }
        public Builder path(String v) { path = Objects.requireNonNull(v, "path"); return this; }
        public Builder statuses(StatusSet v) { statuses = Objects.requireNonNull(v, "statuses"); return this; }
        /** The trust anchors instead of the JVM's (tests, the demo); null: the JVM's. */
        public Builder trustStore(KeyStore v) { trustStore = v; return this; }
        public Builder network(OriginNetwork v) { network = Objects.requireNonNull(v, "network"); return this; }

        public OriginProbe build() { return new OriginProbe(this); }
    }
}
