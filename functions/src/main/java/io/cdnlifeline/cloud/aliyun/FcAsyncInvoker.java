package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.run.Continuer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A function's asynchronous invocation of itself in FC (FC 3.0 InvokeFunction, ROA path
 * {@code POST /2023-03-30/functions/{name}/invocations} with {@code x-fc-invocation-type: Async}), a Request as its
 * body: the continuation of a run that reached its deadline, and the fan-out's member runs (one per account). FC
 * persists it and answers at once; it runs it (and retries it) like any async invocation. Signed the V3 way by {@link Acs3Signer}
 * (ACS3-HMAC-SHA256 over the canonical request: method, path, query, the signed headers and the body's SHA-256), as
 * FC 3.0's SDKs sign, with the JDK alone: a few calls per run, so a small client of its own.
 */
public final class FcAsyncInvoker implements Continuer {
    static final String VERSION = "2023-03-30";

    private final String baseUrl;
    private final Supplier<CloudCredentials> credentials;
    private final String functionName;
    private final String qualifier;

    /**
     * @param baseUrl      {@code https://<account-id>.<region>.fc.aliyuncs.com}, or a sandbox's URL
     * @param functionName the function to invoke: the one running
     * @param qualifier    its version or alias, or null for LATEST
     */
    public FcAsyncInvoker(String baseUrl, Supplier<CloudCredentials> credentials, String functionName, String qualifier) {
        this.baseUrl = trimSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.qualifier = qualifier == null || qualifier.isEmpty() ? null : qualifier;
    }

    /** FC's documented public endpoint of an account and region. */
    public static String endpoint(String accountId, String region) {
        return "https://" + accountId + "." + region + ".fc.aliyuncs.com";
    }

    /** The function this invoker invokes. */
    public String functionName() {
        return functionName;
    }

    @Override
    public void continueWith(Request next) throws CloudException {
        invoke(next);
    }

    /**
     * Invokes the function asynchronously with {@code request} as its event; returns FC's request id of the invocation.
     * @throws CloudException when FC refused it or could not be reached (retryable for 5xx, 429 and no answer)
     */
    public String invoke(Request request) throws CloudException {
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        String path = "/" + VERSION + "/functions/" + Acs3Signer.encode(functionName) + "/invocations";
        String query = qualifier == null ? "" : "qualifier=" + Acs3Signer.encode(qualifier);
        CloudCredentials c = credentials.get();
        URL url;
        try {
            url = new URL(baseUrl + path + (query.isEmpty() ? "" : "?" + query));
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + baseUrl, e);
        }
        Map<String, String> headers = Acs3Signer.headers("POST", url, path, query, "InvokeFunction", VERSION, body,
                Map.of("content-type", "application/octet-stream", "x-fc-invocation-type", "Async"), c);
        try {
            HttpURLConnection h = (HttpURLConnection) url.openConnection();
            h.setRequestMethod("POST");
            h.setDoOutput(true);
            h.setConnectTimeout(5_000);
            h.setReadTimeout(10_000);
            h.setRequestProperty("Accept", "application/json");
            h.setRequestProperty("User-Agent", RpcClient.USER_AGENT);
            for (Map.Entry<String, String> e : headers.entrySet()) h.setRequestProperty(e.getKey(), e.getValue());
            try (OutputStream out = h.getOutputStream()) {
                out.write(body);
            }
            int status = h.getResponseCode();
            String requestId = h.getHeaderField("x-fc-request-id");
            if (status / 100 == 2) {
                drain(h.getInputStream());
                return requestId;
            }
            String text = drain(h.getErrorStream());
            String code = field(text, "Code");
            throw new CloudException(code == null ? "Fc.Http" + status : code,
                    "FC InvokeFunction (Async) of " + functionName + " answered HTTP " + status + ": " + text,
                    requestId != null ? requestId : field(text, "RequestId"), status, status >= 500 || status == 429);
        } catch (IOException e) {
            throw new CloudException("Lifeline.ConnectionFailed", "FC InvokeFunction (Async) of " + functionName + " failed: " + e,
                    null, 0, true, e);
        }
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String drain(InputStream in) throws IOException {
        if (in == null) return "";
        try (InputStream i = in) {
            return new String(i.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A top-level string field of a JSON error body, or null when the body is not JSON or lacks it. */
    private static String field(String json, String name) {
        com.google.gson.JsonObject o = AnswerJson.parseObject(json);
        return o == null ? null : AnswerJson.text(o, name);
    }
}
