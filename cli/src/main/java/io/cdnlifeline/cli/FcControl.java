package io.cdnlifeline.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.CloudCredentials;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The few FC 3.0 control-plane calls the day-two commands make (ROA under {@code /2023-03-30/}, signed V3
 * ACS3-HMAC-SHA256 as the FC 3.0 SDKs sign): ListFunctions, ListTriggers, UpdateTrigger, DeleteTrigger and
 * DeleteFunction. The operator's machine calls them, never the functions: the function role needs no FC permission.
 * A dozen calls a command, so the JDK's HTTP client and no SDK.
 */
final class FcControl {
    static final String VERSION = "2023-03-30";

    private final String baseUrl;
    private final CloudCredentials credentials;

    /** @param baseUrl {@code https://<account id>.<region>.fc.aliyuncs.com}, or a sandbox's URL */
    FcControl(String baseUrl, CloudCredentials credentials) {
        String b = Objects.requireNonNull(baseUrl, "baseUrl");
        this.baseUrl = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** FC's documented public endpoint of an account and region. */
    static String endpoint(String accountId, String region) {
        return "https://" + accountId + "." + region + ".fc.aliyuncs.com";
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Every function of the region (ListFunctions, followed page by page). */
    List<JsonObject> functions() {
        List<JsonObject> out = new ArrayList<>();
        String next = null;
        do {
            String query = "limit=100" + (next == null ? "" : "&nextToken=" + encode(next));
            JsonObject page = call("GET", "ListFunctions", "/" + VERSION + "/functions", query, null);
            for (JsonElement f : array(page, "functions")) out.add(f.getAsJsonObject());
            next = text(page, "nextToken");
        } while (next != null && !next.isEmpty());
        return out;
    }

    /** The triggers of one function (ListTriggers, followed page by page). */
    List<JsonObject> triggers(String function) {
        List<JsonObject> out = new ArrayList<>();
        String next = null;
        do {
            String query = "limit=100" + (next == null ? "" : "&nextToken=" + encode(next));
            JsonObject page = call("GET", "ListTriggers", functionPath(function) + "/triggers", query, null);
            for (JsonElement t : array(page, "triggers")) out.add(t.getAsJsonObject());
            next = text(page, "nextToken");
        } while (next != null && !next.isEmpty());
        return out;
    }

    /** UpdateTrigger with an UpdateTriggerInput ({@code description}, {@code triggerConfig}, ...); returns the Trigger. */
    JsonObject updateTrigger(String function, String trigger, JsonObject input) {
        return call("PUT", "UpdateTrigger", functionPath(function) + "/triggers/" + encode(trigger), "", input);
    }

    void deleteTrigger(String function, String trigger) {
        call("DELETE", "DeleteTrigger", functionPath(function) + "/triggers/" + encode(trigger), "", null);
    }

    void deleteFunction(String function) {
        call("DELETE", "DeleteFunction", functionPath(function), "", null);
    }

    private static String functionPath(String function) {
        return "/" + VERSION + "/functions/" + encode(function);
    }

    /** One signed call; package-private for the tests that deploy to the local FC as `s deploy` does. */
    JsonObject call(String method, String action, String path, String query, JsonObject body) {
        byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        String url = baseUrl + path + (query.isEmpty() ? "" : "?" + query);
        try {
            URL u = new URL(url);
            Map<String, String> headers = new TreeMap<>();
            headers.put("host", u.getPort() == -1 || u.getPort() == u.getDefaultPort() ? u.getHost() : u.getHost() + ":" + u.getPort());
            headers.put("x-acs-action", action);
            headers.put("x-acs-version", VERSION);
            headers.put("x-acs-date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            headers.put("x-acs-signature-nonce", UUID.randomUUID().toString());
            headers.put("x-acs-content-sha256", hex(sha256(bytes)));
            if (body != null) headers.put("content-type", "application/json");
            String token = credentials.securityToken();
            if (token != null && !token.isEmpty()) headers.put("x-acs-security-token", token);
            String signedHeaders = String.join(";", headers.keySet());
            StringBuilder canonicalHeaders = new StringBuilder();
            for (Map.Entry<String, String> e : headers.entrySet()) {
                canonicalHeaders.append(e.getKey()).append(':').append(e.getValue().trim()).append('\n');
            }
            String canonical = method + "\n" + path + "\n" + canonicalQuery(query) + "\n" + canonicalHeaders + "\n" + signedHeaders
                    + "\n" + headers.get("x-acs-content-sha256");
            String stringToSign = "ACS3-HMAC-SHA256\n" + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
            String signature = hex(hmac(credentials.accessKeySecret(), stringToSign));

            HttpURLConnection h = (HttpURLConnection) u.openConnection();
            h.setRequestMethod(method);
            h.setConnectTimeout(5_000);
            h.setReadTimeout(20_000);
            h.setRequestProperty("Accept", "application/json");
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (!e.getKey().equals("host")) h.setRequestProperty(e.getKey(), e.getValue());
            }
            h.setRequestProperty("Authorization", "ACS3-HMAC-SHA256 Credential=" + credentials.accessKeyId()
                    + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature);
            if (body != null) {
                h.setDoOutput(true);
                try (OutputStream out = h.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = h.getResponseCode();
            if (status / 100 == 2) {
                String text = drain(h.getInputStream());
                return text.isBlank() ? new JsonObject() : JsonParser.parseString(text).getAsJsonObject();
            }
            String text = drain(h.getErrorStream());
            JsonObject error = parse(text);
            String code = error == null ? null : text(error, "Code");
            String message = error == null ? text : text(error, "Message");
            throw new FcCallException(action, status, code == null ? "Fc.Http" + status : code, message);
        } catch (IOException e) {
            throw new FcCallException(action, 0, "Lifeline.ConnectionFailed", "FC at " + baseUrl + " could not be reached: " + e);
        }
    }

    /** The V3 canonical query: every name and value percent-encoded, sorted by name. */
    private static String canonicalQuery(String query) {
        if (query.isEmpty()) return "";
        TreeMap<String, String> sorted = new TreeMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            sorted.put(encode(name), encode(value));
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (b.length() > 0) b.append('&');
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }

    /** RFC 3986 percent-encoding, as Alibaba Cloud's signatures want it. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static JsonArray array(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    static String text(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static JsonObject parse(String text) {
        try {
            JsonElement e = JsonParser.parseString(text);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String drain(InputStream in) throws IOException {
        if (in == null) return "";
        try (InputStream i = in) {
            return new String(i.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) b.append(String.format(Locale.ROOT, "%02x", x));
        return b.toString();
    }
}
