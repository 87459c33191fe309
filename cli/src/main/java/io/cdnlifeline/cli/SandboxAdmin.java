package io.cdnlifeline.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import picocli.CommandLine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line's client of a running sandbox's admin API (unsigned, loopback only): plays a story verb and
 * returns what changed, one line per field, e.g. {@code www.example.com (cdn): status online -> offline}.
 */
final class SandboxAdmin {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String endpoint;

    private SandboxAdmin(String endpoint) {
        this.endpoint = endpoint;
    }

    /** The sandbox of --endpoint, else of LIFELINE_ENDPOINT; it must be on this machine. */
    static SandboxAdmin of(String endpointOption, Map<String, String> env, CommandLine cmd) {
        String e = endpointOption != null ? endpointOption : env.get("LIFELINE_ENDPOINT");
        if (e == null || e.isBlank()) {
            throw new CommandLine.ParameterException(cmd, "which sandbox? Pass --endpoint URL (e.g. http://127.0.0.1:8787)"
                    + " or set LIFELINE_ENDPOINT; start one with: lifeline sandbox --port 8787");
        }
        String checked = LocalSession.checkedEndpoint(cmd, e);
        if (!CredentialChain.isLoopback(checked)) {
            throw new CommandLine.ParameterException(cmd, "the sandbox's admin API answers on this machine only; "
                    + checked + " is not a loopback address");
        }
        return new SandboxAdmin(checked.endsWith("/") ? checked.substring(0, checked.length() - 1) : checked);
    }

    List<String> play(String path, String body) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/_sandbox/" + path)).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> answer;
        try {
            EndpointCheck.reachable(endpoint);
            answer = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EndpointUnreachableException("could not reach the sandbox at " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonObject o = parse(answer.body());
        if (answer.statusCode() != 200) {
            String why = o != null && o.has("error") ? o.get("error").getAsString() : "HTTP " + answer.statusCode();
            throw new SandboxVerbException(why);
        }
        List<String> lines = new ArrayList<>();
        if (o == null || !o.has("changed")) return lines;
        for (JsonElement e : o.getAsJsonArray("changed")) {
            JsonObject c = e.getAsJsonObject();
            String who = c.has("domain") ? c.get("domain").getAsString() + " (" + c.get("product").getAsString() + ")" : "account";
            String field = c.get("field").getAsString().replaceFirst("^account\\.", "");
            String before = c.get("before").getAsString();
            String after = c.get("after").getAsString();
            lines.add(who + ": " + field + " " + before + " -> " + after + (before.equals(after) ? " (already so)" : ""));
        }
        return lines;
    }

    private static JsonObject parse(String body) {
        try {
            JsonElement e = JsonParser.parseString(body);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException notJson) {
            return null;
        }
    }
}
