package io.cdnlifeline.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.aliyun.Acs3Signer;
import io.cdnlifeline.cloud.aliyun.FcAsyncInvoker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The few FC 3.0 control-plane calls the day-two commands make (ROA under {@code /2023-03-30/}, signed V3
 * ACS3-HMAC-SHA256 by {@link Acs3Signer}, as the functions' own invocations are): ListFunctions, ListTriggers, UpdateTrigger, DeleteTrigger and
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
        return FcAsyncInvoker.endpoint(accountId, region);
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Every function of the region (ListFunctions, followed page by page). */
    List<JsonObject> functions() {
        List<JsonObject> out = new ArrayList<>();
        String next = null;
        do {
            String query = "limit=100" + (next == null ? "" : "&nextToken=" + Acs3Signer.encode(next));
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
            String query = "limit=100" + (next == null ? "" : "&nextToken=" + Acs3Signer.encode(next));
            JsonObject page = call("GET", "ListTriggers", functionPath(function) + "/triggers", query, null);
            for (JsonElement t : array(page, "triggers")) out.add(t.getAsJsonObject());
            next = text(page, "nextToken");
        } while (next != null && !next.isEmpty());
        return out;
    }

    /** UpdateTrigger with an UpdateTriggerInput ({@code description}, {@code triggerConfig}, ...); returns the Trigger. */
    JsonObject updateTrigger(String function, String trigger, JsonObject input) {
        return call("PUT", "UpdateTrigger", functionPath(function) + "/triggers/" + Acs3Signer.encode(trigger), "", input);
    }

    void deleteTrigger(String function, String trigger) {
        call("DELETE", "DeleteTrigger", functionPath(function) + "/triggers/" + Acs3Signer.encode(trigger), "", null);
    }

    void deleteFunction(String function) {
        call("DELETE", "DeleteFunction", functionPath(function), "", null);
    }

    private static String functionPath(String function) {
        return "/" + VERSION + "/functions/" + Acs3Signer.encode(function);
    }

    /** One signed call; package-private for the tests that deploy to the local FC as `s deploy` does. */
    JsonObject call(String method, String action, String path, String query, JsonObject body) {
        byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        String url = baseUrl + path + (query.isEmpty() ? "" : "?" + query);
        try {
            URL u = new URL(url);
            Map<String, String> headers = Acs3Signer.headers(method, u, path, query, action, VERSION, bytes,
                    body == null ? Map.of() : Map.of("content-type", "application/json"), credentials);

            HttpURLConnection h = (HttpURLConnection) u.openConnection();
            h.setRequestMethod(method);
            h.setConnectTimeout(5_000);
            h.setReadTimeout(20_000);
            h.setRequestProperty("Accept", "application/json");
            for (Map.Entry<String, String> e : headers.entrySet()) h.setRequestProperty(e.getKey(), e.getValue());
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
}
