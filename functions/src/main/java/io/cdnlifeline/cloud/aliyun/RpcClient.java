package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.CloudCredentials;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One signed RPC call over the JDK's HttpURLConnection, with the parameters the classic SDK sends: the
 * action's own, {@code Action}, {@code Version}, {@code Format=JSON}, {@code RegionId} (the profile's
 * region), the V1 signature parameters and {@code SecurityToken} for STS credentials, all as a form
 * POST to {@code <base>/}, which is where the SDK's transport put them.
 * <p>Connections are kept alive by the JDK (its keep-alive cache, up to {@link #KEEP_ALIVE_PER_HOST} per
 * host): each answer is read to the end and its stream closed, never disconnected. TLS uses the JDK's
 * default trust store and host-name check.
 */
final class RpcClient {
    /**
     * The JDK keeps 5 idle connections per host by default; with up to 64 domains worked on at once
     * (LIFELINE_CONCURRENCY) the rest would be closed after each call and reopened with a new TLS handshake.
     * Read once, when the first connection is made, so it is set here; a value given on the command line wins.
     */
    static final String KEEP_ALIVE_PER_HOST = "64";
    static final String USER_AGENT = "cdn-lifeline/1 (Java " + System.getProperty("java.version", "?") + ")";

    static {
        if (System.getProperty("http.maxConnections") == null) System.setProperty("http.maxConnections", KEEP_ALIVE_PER_HOST);
    }

    /** What came back: the HTTP status and the body as text (empty when there was none). */
    static final class Answer {
        final int status;
        final String body;

        Answer(int status, String body) {
            this.status = status;
            this.body = body;
        }

        boolean success() {
            return status >= 200 && status < 300;
        }
    }

    private final String region;
    private final LongSupplier clock;
    private final Supplier<String> nonces;

    RpcClient(String region) {
        this(region, System::currentTimeMillis, RpcSignature::nonce);
    }

    /** With the clock and nonces given: for the tests that hold the signature to the SDK's. */
    RpcClient(String region, LongSupplier clock, Supplier<String> nonces) {
        this.region = region;
        this.clock = clock;
        this.nonces = nonces;
    }

    /**
     * The parameters of one call, signed: what goes on the wire. A fresh nonce and timestamp each time,
     * so a retry is a new request.
     */
    Map<String, String> signedParameters(AliyunService service, String action, Map<String, String> params,
                                         CloudCredentials credentials) {
        TreeMap<String, String> p = new TreeMap<>(params);
        p.put("Action", action);
        p.put("Version", service.version());
        p.put("Format", "JSON");
        if (region != null && !region.isEmpty()) p.putIfAbsent("RegionId", region);
        p.put("AccessKeyId", credentials.accessKeyId());
        p.put("SignatureMethod", RpcSignature.METHOD);
        p.put("SignatureVersion", RpcSignature.VERSION);
        p.put("SignatureNonce", nonces.get());
        p.put("Timestamp", RpcSignature.timestamp(clock.getAsLong()));
        if (credentials.securityToken() != null) p.put("SecurityToken", credentials.securityToken());
        p.put("Signature", RpcSignature.signature(RpcSignature.stringToSign(p), credentials.accessKeySecret()));
        return p;
    }

    /**
     * Sends one call to {@code baseUrl + "/"} and reads the whole answer, whatever its status.
     * @throws java.net.SocketTimeoutException when connecting or reading took longer than allowed
     * @throws IOException when no answer came (refused, reset, DNS, TLS)
     */
    Answer post(String baseUrl, AliyunService service, String action, Map<String, String> params, CloudCredentials credentials,
                int connectTimeoutMillis, int readTimeoutMillis) throws IOException {
        byte[] body = RpcSignature.formBody(signedParameters(service, action, params, credentials)).getBytes(StandardCharsets.UTF_8);
        HttpURLConnection c = (HttpURLConnection) new URL(baseUrl + "/").openConnection();
        c.setRequestMethod("POST");
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout(connectTimeoutMillis);
        c.setReadTimeout(readTimeoutMillis);
        c.setRequestProperty("Accept", "application/json");
        c.setRequestProperty("Accept-Encoding", "identity");
        c.setRequestProperty("User-Agent", USER_AGENT);
        c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded;charset=utf-8");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int status = c.getResponseCode();
        String text;
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            text = in == null ? "" : readAll(in);
        }
        return new Answer(status, text);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) out.write(buf, 0, n);
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
