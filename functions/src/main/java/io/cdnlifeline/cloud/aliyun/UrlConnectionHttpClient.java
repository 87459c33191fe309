package io.cdnlifeline.cloud.aliyun;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.CallBack;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.HttpRequest;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.IHttpClient;
import com.aliyuncs.http.MethodType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * The SDK's HTTP transport on the JDK's HttpURLConnection: the function's cold start loads about 650 fewer
 * classes than with the SDK's default Apache HttpClient (bench/README.md), and needs no connection-pool
 * thread. The SDK's own URLConnection client ({@code HttpClientType.Compatible}) is not used because it
 * closes the connection after every call (a new TCP and TLS handshake per API call), builds a new
 * TrustManagerFactory per call, and finds the response's Content-Type only when the server spells the
 * header name exactly {@code Content-Type}.
 * <p>Connections are kept alive by the JDK (its keep-alive cache, up to {@link #KEEP_ALIVE_PER_HOST} per
 * host): each response is read to the end and its stream closed, never disconnected. TLS uses the JDK's default trust store and host-name check.
 */
public final class UrlConnectionHttpClient extends IHttpClient {
    private static final String CONTENT_TYPE = "Content-Type";
    /**
     * The JDK keeps 5 idle connections per host by default; with up to 64 domains worked on at once
     * (LIFELINE_CONCURRENCY) the rest would be closed after each call and reopened with a new TLS handshake.
     * Read once, when the first connection is made, so it is set here; a value given on the command line wins.
     */
    static final String KEEP_ALIVE_PER_HOST = "64";

    static {
        if (System.getProperty("http.maxConnections") == null) System.setProperty("http.maxConnections", KEEP_ALIVE_PER_HOST);
    }

    /** Called by the SDK's HttpClientFactory (HttpClientType.Custom) with the profile's HttpClientConfig. */
    public UrlConnectionHttpClient(HttpClientConfig config) throws ClientException {
        super(config);
    }

    /** The HttpClientConfig that makes DefaultAcsClient use this transport. */
    public static HttpClientConfig config() {
        HttpClientConfig config = HttpClientConfig.getDefault();
        config.setClientType(com.aliyuncs.http.HttpClientType.Custom);
        config.setCustomClientClassName(UrlConnectionHttpClient.class.getName());
        return config;
    }

    @Override
    protected void init(HttpClientConfig config) {
        // nothing to build: HttpURLConnection pools connections itself
    }

    @Override
    public HttpResponse syncInvoke(HttpRequest request) throws IOException, ClientException {
        String url = request.getSysUrl();
        MethodType method = request.getSysMethod();
        if (url == null || method == null) throw new IllegalArgumentException("the SDK built a request without URL or method");
        byte[] body = request.getHttpContent();
        if (method == MethodType.POST && body == null) {
            // RPC POST without a body: the parameters travel as a form body instead of the query string
            int q = url.indexOf('?');
            if (q >= 0) {
                body = url.substring(q + 1).getBytes(StandardCharsets.UTF_8);
                url = url.substring(0, q);
            }
        }
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setRequestMethod(method.toString());
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout(timeout(request.getSysConnectTimeout(), clientConfig.getConnectionTimeoutMillis()));
        c.setReadTimeout(timeout(request.getSysReadTimeout(), clientConfig.getReadTimeoutMillis()));
        c.setRequestProperty("Accept-Encoding", "identity");
        for (Map.Entry<String, String> h : request.getSysHeaders().entrySet()) {
            c.setRequestProperty(h.getKey(), h.getValue());
        }
        String contentType = request.getHeaderValue(CONTENT_TYPE);
        if (contentType == null) contentType = request.getContentTypeValue(request.getHttpContentType(), request.getSysEncoding());
        if (contentType == null && body != null) contentType = "application/x-www-form-urlencoded;charset=utf-8";
        if (contentType != null) c.setRequestProperty(CONTENT_TYPE, contentType);
        if (body != null && method.hasContent()) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        byte[] content;
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            content = in == null ? null : readAll(in);
        }
        HttpResponse response = new HttpResponse(url);
        response.setStatus(status);
        response.setReasonPhrase(c.getResponseMessage());
        String responseType = null;
        for (Map.Entry<String, List<String>> h : c.getHeaderFields().entrySet()) {
            if (h.getKey() == null || h.getValue().isEmpty()) continue;
            String value = String.join(",", h.getValue());
            // header names are case-insensitive; the SDK looks Content-Type up with this exact spelling
            boolean isType = h.getKey().equalsIgnoreCase(CONTENT_TYPE);
            response.putHeaderParameter(isType ? CONTENT_TYPE : h.getKey(), value);
            if (isType) responseType = value;
        }
        FormatType format = null;
        String encoding = "UTF-8";
        if (responseType != null) {
            String[] parts = responseType.split(";");
            format = FormatType.mapAcceptToFormat(parts[0].trim());
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) encoding = p.substring(8).trim().toUpperCase(Locale.ROOT);
            }
        }
        response.setSysEncoding(encoding);
        response.setHttpContent(content, encoding, format);
        return response;
    }

    private static int timeout(Integer perRequest, long configured) {
        long ms = perRequest != null ? perRequest : configured;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, ms));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) out.write(buf, 0, n);
        return out.toByteArray();
    }

    @Override
    public Future<HttpResponse> asyncInvoke(HttpRequest request, CallBack callback) {
        throw new UnsupportedOperationException("cdn-lifeline calls the SDK synchronously");
    }

    @Override
    @Deprecated
    public void ignoreSSLCertificate() {
        throw new UnsupportedOperationException("certificates are always checked");
    }

    @Override
    @Deprecated
    public void restoreSSLCertificate() {
        // certificates are always checked
    }

    @Override
    public boolean isSingleton() {
        return false;
    }

    @Override
    public void close() {
        // pooled connections belong to the JDK's keep-alive cache and close when idle
    }
}
