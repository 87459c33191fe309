package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * FC 3.0's InvokeFunction (ROA, {@code POST /2023-03-30/functions/{functionName}/invocations}), asynchronous only:
 * the call is verified (ROA signature: {@code Authorization: acs AK:base64(HMAC-SHA1(secret, METHOD\nAccept\n
 * Content-MD5\nContent-Type\nDate\n x-acs-* headers \n resource))}), recorded, and answered 202 at once, as FC
 * persists an async invocation and returns. The sandbox runs no function code: a test or the benchmark takes the
 * recorded invocations ({@link Sandbox#takeFcAsyncRequests()}) and runs them. A synchronous call is refused.
 * <p>Beside the local FC ({@link FcApi}, which runs deployed functions and takes V3 signatures): the sandbox routes
 * here only an InvokeFunction signed the ROA way ({@code Authorization: acs ...}), the function's own continuation
 * client; everything else goes to the local FC. To be folded into it (issue 18's follow-up).
 */
final class FcAsyncRequests {
    static final String PREFIX = "/2023-03-30/functions/";
    private static final String SUFFIX = "/invocations";
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private final List<FcAsyncRequest> accepted = new ArrayList<>();

    /** An InvokeFunction path with the ROA {@code acs AK:signature} Authorization. */
    static boolean handles(String path, String authorization) {
        return authorization != null && authorization.startsWith("acs ") && path != null && path.startsWith(PREFIX) && path.endsWith(SUFFIX) && path.length() > PREFIX.length() + SUFFIX.length();
    }

    synchronized List<FcAsyncRequest> take() {
        List<FcAsyncRequest> out = new ArrayList<>(accepted);
        accepted.clear();
        return out;
    }

    synchronized List<FcAsyncRequest> peek() {
        return new ArrayList<>(accepted);
    }

    synchronized void clear() {
        accepted.clear();
    }

    void handle(HttpExchange exchange, WireRequest request, List<AccessKey> keys, RequestLog log, long started) throws IOException {
        String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        String function = URLDecoder.decode(request.path.substring(PREFIX.length(), request.path.length() - SUFFIX.length()), StandardCharsets.UTF_8);
        String qualifier = null;
        Map<String, String> query = new TreeMap<>();
        for (String[] kv : request.queryPairs) query.put(kv[0], kv[1]);
        if (query.containsKey("qualifier")) qualifier = query.get("qualifier");
        String type = request.header("x-fc-invocation-type");
        Map<String, String> logged = new LinkedHashMap<>();
        logged.put("functionName", function);
        if (qualifier != null) logged.put("qualifier", qualifier);
        logged.put("x-fc-invocation-type", type == null ? "Sync" : type);
        int status = 202;
        String code = null;
        String body = "";
        try {
            if (!"POST".equals(request.method)) throw new ApiError(405, "MethodNotAllowed", "InvokeFunction is POST.");
            verify(request, keys, query);
            if (type == null || type.equals("Sync")) {
                throw new ApiError(400, "SandboxUnsupported", "The sandbox runs no function code: only x-fc-invocation-type Async is accepted.");
            }
            if (!type.equals("Async")) throw new ApiError(400, "InvalidArgument", "x-fc-invocation-type must be Sync or Async.");
            synchronized (this) {
                accepted.add(new FcAsyncRequest(function, qualifier, new String(request.body, StandardCharsets.UTF_8), requestId));
            }
        } catch (ApiError e) {
            status = e.httpStatus;
            code = e.code;
            JsonObject o = new JsonObject();
            o.addProperty("Code", e.code);
            o.addProperty("Message", e.getMessage());
            o.addProperty("RequestId", requestId);
            body = Json.WIRE.toJson(o);
        }
        log.add(new SandboxCall("fc", "InvokeFunction", logged, status, code, (System.nanoTime() - started) / 1_000_000, "ROA"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("x-fc-request-id", requestId);
        if (bytes.length > 0) exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void verify(WireRequest request, List<AccessKey> keys, Map<String, String> query) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.startsWith("acs ") || authorization.indexOf(':') < 0) {
            throw new ApiError(400, "MissingAuthorization", "The Authorization header 'acs AccessKeyId:Signature' is missing.");
        }
        String keyId = authorization.substring(4, authorization.lastIndexOf(':'));
        String given = authorization.substring(authorization.lastIndexOf(':') + 1);
        AccessKey key = null;
        for (AccessKey k : keys) if (k.id.equals(keyId)) key = k;
        if (key == null) throw new ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        String date = request.header("date");
        try {
            ZonedDateTime at = ZonedDateTime.parse(date == null ? "" : date, DateTimeFormatter.RFC_1123_DATE_TIME);
            if (Duration.between(at.toInstant(), java.time.Instant.now()).abs().compareTo(MAX_SKEW) > 0) {
                throw new ApiError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
            }
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "InvalidTimeStamp.Format", "The Date header is not an RFC 1123 date.");
        }
        if (key.securityToken != null && !key.securityToken.equals(request.header("x-acs-security-token"))) {
            throw new ApiError(400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.");
        }
        StringBuilder s = new StringBuilder("POST\n");
        s.append(nonNull(request.header("accept"))).append('\n').append(nonNull(request.header("content-md5"))).append('\n')
                .append(nonNull(request.header("content-type"))).append('\n').append(date).append('\n');
        for (Map.Entry<String, String> h : new TreeMap<>(request.headers).entrySet()) {
            if (h.getKey().startsWith("x-acs-")) s.append(h.getKey()).append(':').append(h.getValue().trim()).append('\n');
        }
        s.append(request.path);
        if (!query.isEmpty()) {
            StringBuilder q = new StringBuilder();
            for (Map.Entry<String, String> e : query.entrySet()) q.append(q.length() == 0 ? "" : "&").append(e.getKey()).append('=').append(e.getValue());
            s.append('?').append(q);
        }
        String expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            expected = Base64.getEncoder().encodeToString(mac.doFinal(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (!expected.equals(given)) {
            throw new ApiError(403, "SignatureDoesNotMatch", "The request signature does not conform to Aliyun standards. StringToSign: " + s);
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
