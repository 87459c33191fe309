package io.cdnlifeline.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one HTTP handler: admin endpoints under {@code /_sandbox/}, everything else an RPC call routed by its
 * Version (or the V3 {@code x-acs-version} header) to a product, whatever the Host.
 */
final class ApiServer implements HttpHandler {
    /** The error code the request log shows for a call whose answer the fault injector dropped after carrying it out. */
    static final String LOST_REPLY = "LostReply";
    private static final Set<String> NOT_LOGGED = Set.of("Signature", "SignatureNonce", "SignatureMethod", "SignatureVersion",
            "SignatureType", "SecurityToken", "Timestamp", "Format", "Action", "Version", "AccessKeyId");

    private final Sandbox sandbox;
    private final Map<String, ProductApi> byVersion = new LinkedHashMap<>();
    private final Signatures signatures = new Signatures();
    private final FcApi fc;
    private final FcOssApi oss;
    private final LogServiceApi logService;
    private final EventBridgeDataPlane eventBridge;

    ApiServer(Sandbox sandbox, FcCodeStore code, FcInvoker invoker) {
        this.sandbox = sandbox;
        this.fc = new FcApi(sandbox, signatures, code, invoker);
        this.oss = new FcOssApi(sandbox, code);
        this.logService = new LogServiceApi(sandbox);
        this.eventBridge = new EventBridgeDataPlane(sandbox);
        byVersion.put("2018-05-10", new CdnApi());
        byVersion.put("2018-01-15", new DcdnApi());
        byVersion.put("2017-03-21", new VodApi());
        byVersion.put("2016-11-01", new LiveApi());
        byVersion.put("2015-01-09", new AlidnsApi());
        byVersion.put("2017-12-14", new BssApi());
        byVersion.put(StsApi.VERSION, new StsApi());
        byVersion.put("2020-03-31", new ResourceManagerApi());
        byVersion.put(RamApi.VERSION, new RamApi());
        byVersion.put(EventBridgeApi.VERSION, new EventBridgeApi());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getRawPath();
            if (path != null && path.startsWith("/_sandbox/")) {
                admin(exchange, path, body);
            } else if (EventBridgeDataPlane.handles(path, exchange.getRequestHeaders().getFirst("x-eventbridge-version"))) {
                sandbox.traffic().delay();
                fc(exchange, path, body, arrived, Kind.EVENTBRIDGE);
            } else if (path != null && FcApi.handles(path)) {
                fc(exchange, path, body, arrived, Kind.FC);
            } else if (LogServiceApi.handles(wire(exchange, path, body))) {
                logService(exchange, path, body, arrived);
            } else if (FcOssApi.handles(wire(exchange, path, body))) {
                fc(exchange, path, body, arrived, Kind.OSS);
            } else {
                api(exchange, path, body, arrived);
            }
        } catch (RuntimeException e) {
            // a bug in the sandbox, not an emulated fault: answer as the cloud would, and say why on stderr
            System.err.println("sandbox: unexpected error: " + e);
            send(exchange, 500, errorBody(UUID.randomUUID().toString().toUpperCase(), "sandbox", ApiError.internalError(), null));
        } finally {
            exchange.close();
        }
    }

    private void api(HttpExchange exchange, String path, byte[] body, long started) throws IOException {
        WireRequest request = new WireRequest(exchange.getRequestMethod(), path == null ? "/" : path,
                exchange.getRequestURI().getRawQuery(), WireRequest.lowerCaseHeaders(exchange.getRequestHeaders()), body);
        String action = first(request.params.get("Action"), request.header("x-acs-action"));
        String version = first(request.params.get("Version"), request.header("x-acs-version"));
        ProductApi api = version == null ? null : byVersion.get(version);
        String requestId = UUID.randomUUID().toString().toUpperCase();
        Map<String, String> logged = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : request.params.entrySet()) {
            if (!NOT_LOGGED.contains(e.getKey())) {
                logged.put(e.getKey(), e.getValue());
            }
        }
        String authorization = request.header("authorization");
        String signatureVersion = authorization != null && authorization.startsWith(Signatures.V3_ALGORITHM) ? "V3" : "V1";
        int status = 200;
        String errorCode = null;
        String responseBody;
        Traffic traffic = sandbox.traffic();
        Traffic.Fault fault = Traffic.Fault.NONE;
        String accountId = null;
        try {
            traffic.delay();
            fault = traffic.drawFault();
            if (fault == Traffic.Fault.DROP) {
                // closing before any response header makes the client see a dropped connection
                sandbox.log().add(new SandboxCall(api == null ? null : api.product(), action, logged, 0, "DroppedConnection",
                        (System.nanoTime() - started) / 1_000_000, signatureVersion));
                return;
            }
            if (action == null) {
                throw ApiError.missing("Action");
            }
            if (version == null) {
                throw ApiError.missing("Version");
            }
            if (api == null) {
                throw new ApiError(400, "InvalidVersion", "Specified parameter Version is not valid.");
            }
            AccessKey key = null;
            if (!StsApi.isAnonymous(api, action)) {
                key = signatures.verify(request, sandbox.accessKeys());
            }
            // QPS limits are per account: the key (or STS token) tells the accounts apart
            accountId = sandbox.accountIdOf(key);
            if (fault == Traffic.Fault.THROTTLE || !traffic.admit(accountId, action, started)) {
                throw ApiError.throttled();
            }
            if (fault == Traffic.Fault.ERROR_500) {
                throw ApiError.internalError();
            }
            if (fault == Traffic.Fault.ERROR_503) {
                throw ApiError.serviceUnavailable();
            }
            ApiError injected = traffic.injectedError(action);
            if (injected != null) {
                throw injected;
            }
            JsonObject result = sandbox.apply(api, action, new Params(request.params), key);
            JsonObject out = new JsonObject();
            out.addProperty("RequestId", requestId);
            for (Map.Entry<String, com.google.gson.JsonElement> e : result.entrySet()) {
                out.add(e.getKey(), e.getValue());
            }
            responseBody = Json.WIRE.toJson(out);
        } catch (ApiError e) {
            status = e.httpStatus;
            errorCode = e.code;
            responseBody = errorBody(requestId, api == null ? hostOf(request) : api.hostId(), e, api);
        }
        if (fault == Traffic.Fault.LOST_REPLY) {
            // the call was carried out (or refused) as usual; only its answer is lost: the log keeps the status it
            // would have had, so 200 still means "the account changed"
            sandbox.log().add(new SandboxCall(api == null ? null : api.product(), action, logged, status, LOST_REPLY,
                    (System.nanoTime() - started) / 1_000_000, signatureVersion).inAccount(accountId));
            return;
        }
        if (status == 200 && api != null && (api.product().equals("cdn") || api.product().equals("dcdn"))) {
            // ActionTrail reports the write; EventBridge hands it to the matching triggers of the local FC
            sandbox.fcTriggers().actionTrail(api.product(), action, logged);
        }
        // logged before answering, so a client that reads the log right after its call finds the call there
        sandbox.log().add(new SandboxCall(api == null ? null : api.product(), action, logged, status, errorCode,
                (System.nanoTime() - started) / 1_000_000, signatureVersion).inAccount(accountId));
        exchange.getResponseHeaders().set("x-acs-request-id", requestId);
        send(exchange, status, responseBody);
    }

    private static WireRequest wire(HttpExchange exchange, String path, byte[] body) {
        return new WireRequest(exchange.getRequestMethod(), path == null ? "/" : path,
                exchange.getRequestURI().getRawQuery(), WireRequest.lowerCaseHeaders(exchange.getRequestHeaders()), body);
    }

    /** Log Service (REST, signed {@code LOG id:sig}): its own paths, signature and error body. */
    private void logService(HttpExchange exchange, String path, byte[] body, long started) throws IOException {
        WireRequest request = wire(exchange, path, body);
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase();
        FcApi.Answer answer = logService.handle(request, requestId);
        Map<String, String> logged = new LinkedHashMap<>();
        logged.put("path", path);
        logged.put("host", request.header("host"));
        sandbox.log().add(new SandboxCall(LogServiceApi.PRODUCT, answer.action, logged, answer.status, answer.errorCode,
                (System.nanoTime() - started) / 1_000_000, "LOG"));
        for (Map.Entry<String, String> h : answer.headers.entrySet()) {
            exchange.getResponseHeaders().set(h.getKey(), h.getValue());
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        boolean empty = answer.body.length == 0;
        exchange.sendResponseHeaders(answer.status, empty ? -1 : answer.body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body);
            }
        }
    }

    private enum Kind { FC, OSS, EVENTBRIDGE }

    /** The local FC (ROA), OSS and EventBridge's data plane (REST): their own paths, signatures and error bodies. */
    private void fc(HttpExchange exchange, String path, byte[] body, long started, Kind kind) throws IOException {
        WireRequest request = wire(exchange, path, body);
        String requestId = UUID.randomUUID().toString();
        boolean isOss = kind == Kind.OSS;
        FcApi.Answer answer = kind == Kind.OSS ? oss.handle(request, requestId)
                : kind == Kind.EVENTBRIDGE ? eventBridge.handle(request, requestId) : fc.handle(request, requestId);
        Map<String, String> logged = new LinkedHashMap<>();
        logged.put("path", path);
        String authorization = request.header("authorization");
        String signature = authorization == null ? "none" : authorization.startsWith(Signatures.V3_ALGORITHM) ? "V3"
                : authorization.startsWith("FC ") ? "FC" : authorization.startsWith("OSS ") ? "OSS"
                : authorization.startsWith("acs") ? "ROA" : "other";
        sandbox.log().add(new SandboxCall(isOss ? "oss" : kind == Kind.EVENTBRIDGE ? "eventbridge" : "fc", answer.action, logged, answer.status, answer.errorCode,
                (System.nanoTime() - started) / 1_000_000, signature));
        exchange.getResponseHeaders().set("x-fc-request-id", requestId);
        for (Map.Entry<String, String> h : answer.headers.entrySet()) {
            exchange.getResponseHeaders().set(h.getKey(), h.getValue());
        }
        if (!answer.headers.containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        }
        boolean empty = answer.body.length == 0;
        exchange.sendResponseHeaders(answer.status, empty ? -1 : answer.body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body);
            }
        }
    }

    /** Without a known Version the Host the client aimed at is the best name for the error's HostId. */
    private static String hostOf(WireRequest request) {
        String host = request.header("host");
        return host == null ? "127.0.0.1" : host;
    }

    private static String errorBody(String requestId, String hostId, ApiError e, ProductApi api) {
        JsonObject o = new JsonObject();
        o.addProperty("RequestId", requestId);
        o.addProperty("HostId", hostId);
        o.addProperty("Code", e.code);
        o.addProperty("Message", e.getMessage());
        o.addProperty("Recommend", "https://api.aliyun.com/troubleshoot?q=" + e.code
                + (api == null ? "" : "&product=" + productName(api.product())) + "&requestId=" + requestId);
        return Json.WIRE.toJson(o);
    }

    private static String productName(String product) {
        switch (product) {
            case "cdn":
                return "Cdn";
            case "dcdn":
                return "dcdn";
            case "alidns":
                return "Alidns";
            case "sts":
                return "Sts";
            case "ram":
                return "Ram";
            case "eventbridge":
                return "eventbridge";
            case "resourcemanager":
                return "ResourceManager";
            default:
                return "BssOpenApi";
        }
    }

    private void admin(HttpExchange exchange, String path, byte[] body) throws IOException {
        if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
            send(exchange, 403, "{\"error\":\"loopback only\"}");
            return;
        }
        String method = exchange.getRequestMethod();
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            switch (path) {
                case "/_sandbox/state":
                    if ("PUT".equals(method) || "POST".equals(method)) {
                        sandbox.replaceState(text);
                    }
                    send(exchange, 200, sandbox.stateJson());
                    return;
                case "/_sandbox/requests":
                    if ("DELETE".equals(method)) {
                        sandbox.clearRequests();
                    }
                    JsonArray calls = new JsonArray();
                    for (SandboxCall c : sandbox.requests()) {
                        calls.add(Json.WIRE.toJsonTree(c));
                    }
                    send(exchange, 200, Json.STATE.toJson(calls));
                    return;
                case "/_sandbox/faults":
                    if ("PUT".equals(method) || "POST".equals(method)) {
                        sandbox.setFaults(text);
                    }
                    send(exchange, 200, Json.STATE.toJson(sandbox.traffic().faults()));
                    return;
                case "/_sandbox/fc/invocations": {
                    JsonArray list = new JsonArray();
                    for (FcInvocation i : sandbox.fcInvocations()) {
                        list.add(Json.WIRE.toJsonTree(i));
                    }
                    send(exchange, 200, Json.STATE.toJson(list));
                    return;
                }
                case "/_sandbox/fc/clock": {
                    JsonObject o = new JsonObject();
                    JsonArray fired = new JsonArray();
                    if ("POST".equals(method) || "PUT".equals(method)) {
                        JsonObject in = com.google.gson.JsonParser.parseString(text.isBlank() ? "{}" : text).getAsJsonObject();
                        long seconds = in.has("advanceSeconds") ? in.get("advanceSeconds").getAsLong() : 0;
                        sandbox.fcAdvanceClock(java.time.Duration.ofSeconds(seconds)).forEach(fired::add);
                        if (in.has("realTime")) sandbox.fcTimersInRealTime(in.get("realTime").getAsBoolean());
                    }
                    o.addProperty("now", sandbox.fcTriggers().now().toString());
                    o.add("fired", fired);
                    send(exchange, 200, Json.STATE.toJson(o));
                    return;
                }
                case "/_sandbox/limits":
                    if ("PUT".equals(method) || "POST".equals(method)) {
                        sandbox.setLimits(text);
                    }
                    send(exchange, 200, Json.STATE.toJson(sandbox.traffic().limits()));
                    return;
                default:
                    if (path.startsWith("/_sandbox/domains/") || path.startsWith("/_sandbox/account/")) {
                        if (!"POST".equals(method)) {
                            send(exchange, 405, "{\"error\":\"a story verb is a POST\"}");
                            return;
                        }
                        send(exchange, 200, Json.STATE.toJson(sandbox.play(path, text)));
                        return;
                    }
                    if (path.startsWith("/_sandbox/fc/timers/") && "POST".equals(method)) {
                        String[] parts = path.substring("/_sandbox/fc/timers/".length()).split("/");
                        if (parts.length == 2) {
                            JsonObject o = new JsonObject();
                            o.addProperty("requestId", sandbox.fcFireTimer(parts[0], parts[1]));
                            send(exchange, 200, Json.STATE.toJson(o));
                            return;
                        }
                    }
                    send(exchange, 404, "{\"error\":\"unknown admin endpoint\"}");
            }
        } catch (StoryVerbs.NotFound e) {
            JsonObject o = new JsonObject();
            o.addProperty("error", e.getMessage());
            send(exchange, 404, Json.WIRE.toJson(o));
        } catch (RuntimeException e) {
            JsonObject o = new JsonObject();
            o.addProperty("error", String.valueOf(e.getMessage()));
            send(exchange, 400, Json.WIRE.toJson(o));
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String first(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }
}
