package io.cdnlifeline.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.aliyun.CallPolicy;
import io.cdnlifeline.cloud.aliyun.RetriedCalls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Log Service (SLS) calls of {@code lifeline setup}: GetProject, CreateProject, GetLogStore, CreateLogStore; and of
 * {@code lifeline uninstall --delete-logs}: DeleteLogStore, DeleteProject.
 * SLS is REST with a signature of its own ({@code Authorization: LOG <id>:<base64 HMAC-SHA1>} over {@link #stringToSign}),
 * on {@code <project>.<region>.log.aliyuncs.com}; an STS token goes in {@code x-acs-security-token}. Lives in the CLI
 * (the functions never call SLS themselves: FC ships their logs), so the function jar does not carry it.
 * <p>With an endpoint override (a sandbox, {@code http://host:port}) the request is the same one, Host header
 * included: it is only sent to that address, as {@code curl --connect-to} would (the JDK's HTTP clients do not let a
 * caller set Host, so this path writes HTTP/1.1 on a socket). The real endpoint is reached over HTTPS.
 * <p>Every call is retried as the functions' calls are ({@link RetriedCalls}, under a {@link CallPolicy}): a 5xx, 429,
 * {@code InternalServerError}, {@code ServerBusy}, {@code RequestTimeout} or a quota code, and a connection that fails,
 * resets or times out; never a 4xx such as {@code ProjectAlreadyExist}. Each attempt is signed afresh (its own Date).
 */
final class LogServiceClient {
    static final String API_VERSION = "0.6.0";
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME;
    /** SLS's codes for a failure that another attempt may not meet (its common error codes). */
    private static final java.util.Set<String> RETRYABLE_CODES = java.util.Set.of("InternalServerError", "ServerBusy", "RequestTimeout",
            "WriteQuotaExceed", "ReadQuotaExceed");

    private final String region;
    private final URI override;
    private final Supplier<CloudCredentials> credentials;
    private final Clock clock;
    private final RetriedCalls calls;

    private LogServiceClient(String region, URI override, Supplier<CloudCredentials> credentials, Clock clock, CallPolicy policy) {
        this.region = region;
        this.override = override;
        this.credentials = credentials;
        this.clock = clock;
        this.calls = new RetriedCalls(policy);
    }

    /**
     * @param endpointOverride every call to this {@code http://host:port} (a sandbox), or null for the real endpoint
     * @throws IllegalArgumentException for a malformed region or override
     */
    static LogServiceClient create(String region, String endpointOverride, Supplier<CloudCredentials> credentials) {
        return create(region, endpointOverride, credentials, CallPolicy.defaults());
    }

    /** The same, retrying under {@code policy} (setup passes the policy of its other calls). */
    static LogServiceClient create(String region, String endpointOverride, Supplier<CloudCredentials> credentials, CallPolicy policy) {
        if (region == null || !region.matches("[a-z0-9-]+")) throw new IllegalArgumentException("not a region: " + region);
        URI uri = null;
        if (endpointOverride != null) {
            uri = URI.create(endpointOverride);
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("the Log Service calls can be sent to an http://host:port endpoint only, not " + endpointOverride);
            }
        }
        return new LogServiceClient(region, uri, Objects.requireNonNull(credentials, "credentials"), Clock.systemUTC(),
                Objects.requireNonNull(policy, "policy"));
    }

    /** The host of a project, {@code <project>.<region>.log.aliyuncs.com}. */
    String host(String project) {
        return project + "." + region + ".log.aliyuncs.com";
    }

    /** Where the calls go: the override, or {@code https://<region>.log.aliyuncs.com} (each project its own sub-domain). */
    String endpoint() {
        return override != null ? override.toString() : "https://" + region + ".log.aliyuncs.com";
    }

    /** GetProject: the project, or null when SLS answers {@code ProjectNotExist}. */
    JsonObject getProject(String project) throws CloudException {
        return orNull(send("GetProject", "GET", project, "/", null), "ProjectNotExist");
    }

    /** CreateProject in this client's region. */
    void createProject(String project, String description) throws CloudException {
        JsonObject body = new JsonObject();
        body.addProperty("projectName", project);
        body.addProperty("description", description);
        ok(send("CreateProject", "POST", project, "/", body));
    }

    /** GetLogStore: the logstore, or null when SLS answers {@code LogStoreNotExist}. */
    JsonObject getLogstore(String project, String logstore) throws CloudException {
        return orNull(send("GetLogStore", "GET", project, "/logstores/" + logstore, null), "LogStoreNotExist");
    }

    /** CreateLogStore with a retention of {@code ttlDays} and {@code shards} shards (auto split up to 64). */
    void createLogstore(String project, String logstore, int ttlDays, int shards) throws CloudException {
        JsonObject body = new JsonObject();
        body.addProperty("logstoreName", logstore);
        body.addProperty("ttl", ttlDays);
        body.addProperty("shardCount", shards);
        body.addProperty("autoSplit", true);
        body.addProperty("maxSplitShard", 64);
        body.addProperty("appendMeta", true);
        ok(send("CreateLogStore", "POST", project, "/logstores", body));
    }

    /** DeleteLogStore: the logstore and every log in it. */
    void deleteLogstore(String project, String logstore) throws CloudException {
        ok(send("DeleteLogStore", "DELETE", project, "/logstores/" + logstore, null));
    }

    /** DeleteProject: the project and every logstore still in it. */
    void deleteProject(String project) throws CloudException {
        ok(send("DeleteProject", "DELETE", project, "/", null));
    }

    /**
     * What SLS signs: VERB, Content-MD5, Content-Type and Date, each followed by a newline; then every {@code x-log-*}
     * and {@code x-acs-*} header, names lower-cased and sorted, as {@code name:value} lines; then the resource: the path,
     * and {@code ?} with the query parameters sorted by name as {@code k=v} joined by {@code &} when there are any.
     */
    static String stringToSign(String method, Map<String, String> headers, String path, Map<String, String> query) {
        Map<String, String> lower = new TreeMap<>();
        for (Map.Entry<String, String> h : headers.entrySet()) lower.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue());
        StringBuilder b = new StringBuilder(method).append('\n')
                .append(lower.getOrDefault("content-md5", "")).append('\n')
                .append(lower.getOrDefault("content-type", "")).append('\n')
                .append(lower.getOrDefault("date", "")).append('\n');
        for (Map.Entry<String, String> h : lower.entrySet()) {
            if (h.getKey().startsWith("x-log-") || h.getKey().startsWith("x-acs-")) {
                b.append(h.getKey()).append(':').append(h.getValue().trim()).append('\n');
            }
        }
        b.append(path);
        if (query != null && !query.isEmpty()) {
            StringBuilder q = new StringBuilder();
            for (Map.Entry<String, String> e : new TreeMap<>(query).entrySet()) {
                q.append(q.length() == 0 ? "" : "&").append(e.getKey()).append('=').append(e.getValue());
            }
            b.append('?').append(q);
        }
        return b.toString();
    }

    /** base64(HMAC-SHA1(secret, stringToSign)). */
    static String signature(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
        }
    }

    /** The headers of a signed request (Authorization last). */
    Map<String, String> signedHeaders(String method, String project, String path, byte[] body) {
        CloudCredentials c = credentials.get();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", host(project));
        h.put("Date", RFC_1123.format(ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC)));
        h.put("x-log-apiversion", API_VERSION);
        h.put("x-log-signaturemethod", "hmac-sha1");
        h.put("x-log-bodyrawsize", Integer.toString(body == null ? 0 : body.length));
        if (body != null) {
            h.put("Content-Type", "application/json");
            h.put("Content-MD5", md5(body));
        }
        if (c.securityToken() != null && !c.securityToken().isEmpty()) h.put("x-acs-security-token", c.securityToken());
        h.put("Authorization", "LOG " + c.accessKeyId() + ":" + signature(c.accessKeySecret(), stringToSign(method, h, path, null)));
        return h;
    }

    /** One answer of a REST service (Log Service, OSS): status, request id and body. */
    static final class Answer {
        final int status;
        final String requestId;
        final String body;

        Answer(int status, String requestId, String body) {
            this.status = status;
            this.requestId = requestId;
            this.body = body;
        }
    }

    /**
     * One call, retried: each attempt signs the request afresh and uses the read timeout it is given; an answer with a
     * retryable error is thrown for {@link RetriedCalls} to try again, any other answer is returned as it is.
     */
    private Answer send(String action, String method, String project, String path, JsonObject json) throws CloudException {
        byte[] body = json == null ? null : json.toString().getBytes(StandardCharsets.UTF_8);
        int connectTimeout = (int) Math.max(1, calls.policy().connectTimeout().toMillis());
        return calls.call("Log Service " + action, readTimeout -> {
            Map<String, String> headers = signedHeaders(method, project, path, body);
            Answer a;
            try {
                a = override != null ? viaSocket(method, path, headers, body, connectTimeout, readTimeout)
                        : viaHttps(method, project, path, headers, body, connectTimeout, readTimeout);
            } catch (IOException e) {
                throw new CloudException("SDK.ServerUnreachable", "Log Service at " + (override != null ? override : host(project))
                        + " could not be reached: " + e.getMessage(), null, 0, true, e);
            }
            if (a.status != 200) {
                CloudException error = error(a);
                if (error.retryable()) throw error;
            }
            return a;
        });
    }

    private Answer viaHttps(String method, String project, String path, Map<String, String> headers, byte[] body, int connectTimeout,
                            int readTimeout) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("https://" + host(project) + path).openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(connectTimeout);
        c.setReadTimeout(readTimeout);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!"Host".equals(h.getKey())) c.setRequestProperty(h.getKey(), h.getValue());
        }
        if (body != null) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Answer(status, c.getHeaderField("x-log-requestid"), text);
    }

    /** HTTP/1.1 to the override's address with the project's Host header; the answer read by Content-Length or chunks. */
    private Answer viaSocket(String method, String path, Map<String, String> headers, byte[] body, int connectTimeout, int readTimeout)
            throws IOException {
        int port = override.getPort() < 0 ? 80 : override.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(override.getHost(), port), connectTimeout);
            socket.setSoTimeout(readTimeout);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            for (Map.Entry<String, String> h : headers.entrySet()) head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) throw new IOException("not an HTTP answer: " + statusLine);
            int status = Integer.parseInt(parts[1]);
            Map<String, String> answerHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                int colon = l.indexOf(':');
                if (colon > 0) answerHeaders.put(l.substring(0, colon).trim(), l.substring(colon + 1).trim());
            }
            byte[] content;
            if ("chunked".equalsIgnoreCase(answerHeaders.get("Transfer-Encoding"))) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                    all.write(in.readNBytes(size));
                    line(in);
                }
                content = all.toByteArray();
            } else if (answerHeaders.containsKey("Content-Length")) {
                content = in.readNBytes(Integer.parseInt(answerHeaders.get("Content-Length")));
            } else {
                content = in.readAllBytes();
            }
            return new Answer(status, answerHeaders.get("x-log-requestid"), new String(content, StandardCharsets.UTF_8));
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new IOException("the connection closed mid-answer");
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static JsonObject orNull(Answer a, String notFound) throws CloudException {
        if (a.status == 200) {
            JsonElement e = JsonParser.parseString(a.body.isEmpty() ? "{}" : a.body);
            return e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
        }
        CloudException error = error(a);
        if (notFound.equals(error.code())) return null;
        throw error;
    }

    private static void ok(Answer a) throws CloudException {
        if (a.status != 200) throw error(a);
    }

    /** SLS's error body {@code {"errorCode","errorMessage"}} as a CloudException (5xx, 429 and {@link #RETRYABLE_CODES} marked retryable). */
    private static CloudException error(Answer a) {
        String code = "HTTP" + a.status;
        String message = a.body;
        try {
            JsonObject o = JsonParser.parseString(a.body).getAsJsonObject();
            if (o.has("errorCode")) code = o.get("errorCode").getAsString();
            if (o.has("errorMessage")) message = o.get("errorMessage").getAsString();
        } catch (RuntimeException notJson) {
            // keep the status and the raw body
        }
        boolean retryable = a.status >= 500 || a.status == 429 || RETRYABLE_CODES.contains(code);
        return new CloudException(code, message, a.requestId, a.status, retryable);
    }

    private static String md5(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(body);
            StringBuilder b = new StringBuilder();
            for (byte x : d) b.append(String.format("%02X", x));
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
