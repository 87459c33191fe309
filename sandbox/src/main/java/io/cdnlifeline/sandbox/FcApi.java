package io.cdnlifeline.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FC 3.0 control plane (ROA, {@code /2023-03-30/...}, signed V3) and FC 2.0's {@code /2016-08-15/tempBucketToken}
 * (signed {@code FC id:sig}), answering in the shapes of {@code @alicloud/fc20230330}'s models: the calls the fc3
 * component makes for {@code s deploy}, {@code s info}, {@code s remove} and {@code s invoke}.
 * Errors are {@code {"Code","Message","RequestId"}} with FC's codes (FunctionNotFound 404, FunctionAlreadyExists 409,
 * TriggerNotFound 404, TriggerAlreadyExists 409, InvalidArgument 400).
 */
final class FcApi {
    private static final Pattern FUNCTIONS = Pattern.compile("/2023-03-30/functions/?");
    private static final Pattern FUNCTION = Pattern.compile("/2023-03-30/functions/([^/]+)");
    private static final Pattern TRIGGERS = Pattern.compile("/2023-03-30/functions/([^/]+)/triggers/?");
    private static final Pattern TRIGGER = Pattern.compile("/2023-03-30/functions/([^/]+)/triggers/([^/]+)");
    private static final Pattern ASYNC_CONFIG = Pattern.compile("/2023-03-30/functions/([^/]+)/async-invoke-config");
    private static final Pattern INVOCATIONS = Pattern.compile("/2023-03-30/functions/([^/]+)/invocations");
    private static final Pattern SUB_RESOURCE = Pattern.compile("/2023-03-30/functions/([^/]+)/(concurrency|provision-config|scaling-config|vpc-bindings|aliases|versions)");
    /** Fields FC fills in and never takes from a CreateFunctionInput. */
    private static final List<String> OUTPUT_ONLY = List.of("code", "tags");

    /** One answer: status, extra headers, body bytes. */
    static final class Answer {
        final int status;
        final Map<String, String> headers = new LinkedHashMap<>();
        final byte[] body;
        final String action;
        final String errorCode;

        Answer(int status, String action, byte[] body, String errorCode) {
            this.status = status;
            this.action = action;
            this.body = body;
            this.errorCode = errorCode;
        }

        static Answer json(String action, JsonElement body) {
            return new Answer(200, action, Json.WIRE.toJson(body).getBytes(StandardCharsets.UTF_8), null);
        }
    }

    private final Sandbox sandbox;
    private final Signatures signatures;
    private final FcCodeStore code;
    private final FcInvoker invoker;

    FcApi(Sandbox sandbox, Signatures signatures, FcCodeStore code, FcInvoker invoker) {
        this.sandbox = sandbox;
        this.signatures = signatures;
        this.code = code;
        this.invoker = invoker;
    }

    static boolean handles(String path) {
        return path.startsWith("/2023-03-30/") || path.startsWith("/2016-08-15/");
    }

    Answer handle(WireRequest request, String requestId) {
        String action = actionOf(request);
        try {
            if (request.path.startsWith("/2016-08-15/")) {
                FcSignatures.verifyFc2(request, sandbox.accessKeys());
            } else {
                signatures.verify(request, sandbox.accessKeys());
            }
            return route(request, action);
        } catch (ApiError e) {
            JsonObject o = new JsonObject();
            o.addProperty("Code", e.code);
            o.addProperty("Message", e.getMessage());
            o.addProperty("RequestId", requestId);
            return new Answer(e.httpStatus, action, Json.WIRE.toJson(o).getBytes(StandardCharsets.UTF_8), e.code);
        }
    }

    /** The FC API action a method and path stand for (the request log names calls by it). */
    static String actionOf(WireRequest r) {
        String p = r.path;
        String m = r.method;
        if (p.equals("/2016-08-15/tempBucketToken")) return "GetTempBucketToken";
        if (FUNCTIONS.matcher(p).matches()) return m.equals("POST") ? "CreateFunction" : "ListFunctions";
        if (FUNCTION.matcher(p).matches()) {
            return m.equals("PUT") ? "UpdateFunction" : m.equals("DELETE") ? "DeleteFunction" : "GetFunction";
        }
        if (TRIGGERS.matcher(p).matches()) return m.equals("POST") ? "CreateTrigger" : "ListTriggers";
        if (TRIGGER.matcher(p).matches()) {
            return m.equals("PUT") ? "UpdateTrigger" : m.equals("DELETE") ? "DeleteTrigger" : "GetTrigger";
        }
        if (ASYNC_CONFIG.matcher(p).matches()) {
            return m.equals("PUT") ? "PutAsyncInvokeConfig" : m.equals("DELETE") ? "DeleteAsyncInvokeConfig" : "GetAsyncInvokeConfig";
        }
        if (p.equals("/2023-03-30/async-invoke-configs")) return "ListAsyncInvokeConfigs";
        if (INVOCATIONS.matcher(p).matches()) return "InvokeFunction";
        Matcher sub = SUB_RESOURCE.matcher(p);
        if (sub.matches()) return m + " " + sub.group(2);
        return m + " " + p;
    }

    private Answer route(WireRequest r, String action) {
        Matcher m;
        switch (action) {
            case "GetTempBucketToken":
                return tempBucketToken(r);
            case "CreateFunction":
                return Answer.json(action, createFunction(body(r)));
            case "ListFunctions":
                return Answer.json(action, sandbox.read(s -> {
                    JsonArray list = new JsonArray();
                    for (FcFunction f : s.fc.functions) list.add(f.config.deepCopy());
                    JsonObject o = new JsonObject();
                    o.add("functions", list);
                    return o;
                }));
            case "GetFunction":
                m = match(FUNCTION, r.path);
                return Answer.json(action, sandbox.read(s -> existing(s, m.group(1)).config.deepCopy()));
            case "UpdateFunction":
                m = match(FUNCTION, r.path);
                return Answer.json(action, updateFunction(m.group(1), body(r)));
            case "DeleteFunction":
                m = match(FUNCTION, r.path);
                sandbox.change(s -> {
                    FcFunction f = existing(s, m.group(1));
                    if (!f.triggers.isEmpty()) {
                        throw new ApiError(412, "FunctionNotEmpty", "function " + f.name() + " still has triggers; delete them first");
                    }
                    return s.fc.functions.remove(f);
                });
                return new Answer(204, action, new byte[0], null);
            case "CreateTrigger":
                m = match(TRIGGERS, r.path);
                return Answer.json(action, createTrigger(m.group(1), body(r)));
            case "ListTriggers":
                m = match(TRIGGERS, r.path);
                return Answer.json(action, sandbox.read(s -> {
                    JsonArray list = new JsonArray();
                    for (JsonObject t : existing(s, m.group(1)).triggers) list.add(t.deepCopy());
                    JsonObject o = new JsonObject();
                    o.add("triggers", list);
                    return o;
                }));
            case "GetTrigger":
                m = match(TRIGGER, r.path);
                return Answer.json(action, sandbox.read(s -> existingTrigger(existing(s, m.group(1)), m.group(2)).deepCopy()));
            case "UpdateTrigger":
                m = match(TRIGGER, r.path);
                return Answer.json(action, updateTrigger(m.group(1), m.group(2), body(r)));
            case "DeleteTrigger":
                m = match(TRIGGER, r.path);
                sandbox.change(s -> {
                    FcFunction f = existing(s, m.group(1));
                    return f.triggers.remove(existingTrigger(f, m.group(2)));
                });
                return new Answer(204, action, new byte[0], null);
            case "PutAsyncInvokeConfig":
                m = match(ASYNC_CONFIG, r.path);
                return Answer.json(action, putAsyncConfig(m.group(1), body(r)));
            case "GetAsyncInvokeConfig":
                m = match(ASYNC_CONFIG, r.path);
                return Answer.json(action, sandbox.read(s -> {
                    FcFunction f = existing(s, m.group(1));
                    if (f.asyncInvokeConfig == null) {
                        throw new ApiError(404, "AsyncConfigNotExists", "async invoke config of function " + f.name() + " does not exist");
                    }
                    return f.asyncInvokeConfig.deepCopy();
                }));
            case "DeleteAsyncInvokeConfig":
                m = match(ASYNC_CONFIG, r.path);
                sandbox.change(s -> {
                    existing(s, m.group(1)).asyncInvokeConfig = null;
                    return null;
                });
                return new Answer(204, action, new byte[0], null);
            case "ListAsyncInvokeConfigs":
                return Answer.json(action, sandbox.read(s -> {
                    JsonArray list = new JsonArray();
                    for (FcFunction f : s.fc.functions) {
                        if (f.asyncInvokeConfig != null) list.add(f.asyncInvokeConfig.deepCopy());
                    }
                    JsonObject o = new JsonObject();
                    o.add("configs", list);
                    return o;
                }));
            case "InvokeFunction":
                m = match(INVOCATIONS, r.path);
                if ("Async".equals(r.header("x-fc-invocation-type")) && sandbox.fcAsyncRequestsHandler().holds(m.group(1))) {
                    // driven in-process by a test or the benchmark: held for it to run, as FC would
                    String heldId = UUID.randomUUID().toString();
                    String qualifier = null;
                    for (String[] pair : r.queryPairs) {
                        if (pair[0].equals("qualifier")) qualifier = pair[1];
                    }
                    sandbox.fcAsyncRequestsHandler().add(new FcAsyncRequest(m.group(1), qualifier,
                            new String(r.body, StandardCharsets.UTF_8), heldId));
                    Answer held = new Answer(202, "InvokeFunction", new byte[0], null);
                    held.headers.put("x-fc-request-id", heldId);
                    return held;
                }
                return invoker.invoke(m.group(1), r.body, r.header("x-fc-invocation-type"), r.header("x-fc-log-type"), "api");
            default:
                if (SUB_RESOURCE.matcher(r.path).matches() && r.method.equals("GET")) {
                    // nothing of these kinds is ever configured here; FC answers an absent one with 404
                    throw new ApiError(404, "NotFound", action.substring(4) + " of this function does not exist in the local FC");
                }
                throw new ApiError(404, "PathNotSupported", "the local FC does not emulate " + r.method + " " + r.path);
        }
    }

    private Answer tempBucketToken(WireRequest r) {
        // STS credentials for the code bucket, valid for this upload: a sandbox key the OSS emulation checks
        String region = sandbox.read(s -> s.fc.region);
        AccessKey key = sandbox.change(s -> {
            for (AccessKey k : s.accessKeys) {
                if (k.id.equals(FcOssApi.UPLOAD_KEY_ID)) return k;
            }
            AccessKey k = new AccessKey(FcOssApi.UPLOAD_KEY_ID, UUID.randomUUID().toString());
            k.securityToken = "fc-temp-code-" + UUID.randomUUID();
            s.accessKeys.add(k);
            return k;
        });
        JsonObject credentials = new JsonObject();
        credentials.addProperty("AccessKeyId", key.id);
        credentials.addProperty("AccessKeySecret", key.secret);
        credentials.addProperty("SecurityToken", key.securityToken);
        credentials.addProperty("Expiration", Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
        JsonObject o = new JsonObject();
        o.add("credentials", credentials);
        o.addProperty("ossRegion", "oss-" + region);
        o.addProperty("ossBucket", FcCodeStore.BUCKET_PREFIX + region);
        o.addProperty("objectName", UUID.randomUUID() + ".zip");
        return Answer.json("GetTempBucketToken", o);
    }

    private JsonObject createFunction(JsonObject in) {
        FcRules.checkCreate(in);
        byte[] content = codeOf(in);
        return sandbox.change(s -> {
            String name = FcRules.str(in, "functionName");
            if (s.fc.function(name) != null) {
                throw new ApiError(409, "FunctionAlreadyExists", "function '" + name + "' already exists");
            }
            checkReferences(s, in);
            FcFunction f = new FcFunction();
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            JsonObject c = f.config;
            for (Map.Entry<String, JsonElement> e : in.entrySet()) {
                if (!OUTPUT_ONLY.contains(e.getKey())) c.add(e.getKey(), e.getValue().deepCopy());
            }
            defaults(c);
            c.addProperty("functionId", UUID.randomUUID().toString());
            c.addProperty("functionArn", "acs:fc:" + s.fc.region + ":" + s.fc.accountId + ":functions/" + name);
            c.addProperty("createdTime", now);
            c.addProperty("lastModifiedTime", now);
            c.addProperty("state", "Active");
            c.addProperty("lastUpdateStatus", "Successful");
            storeCode(f, content);
            s.fc.functions.add(f);
            return c.deepCopy();
        });
    }

    private JsonObject updateFunction(String name, JsonObject in) {
        byte[] content = in.has("code") ? codeOf(in) : null;
        return sandbox.change(s -> {
            FcFunction f = existing(s, name);
            JsonObject merged = f.config.deepCopy();
            for (Map.Entry<String, JsonElement> e : in.entrySet()) {
                if (!OUTPUT_ONLY.contains(e.getKey())) merged.add(e.getKey(), e.getValue().deepCopy());
            }
            FcRules.checkFunctionFields(in, merged);
            checkReferences(s, merged);
            merged.addProperty("lastModifiedTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            f.config = merged;
            if (content != null) storeCode(f, content);
            return merged.deepCopy();
        });
    }

    /** FC refuses a function whose role or log store does not exist (when the sandbox holds any, as after `lifeline setup`). */
    private static void checkReferences(SandboxState s, JsonObject function) {
        FcReferences.check(s, function);
    }

    private static void defaults(JsonObject c) {
        putIfAbsent(c, "timeout", 3);
        putIfAbsent(c, "memorySize", 128);
        putIfAbsent(c, "diskSize", 512);
        putIfAbsent(c, "instanceConcurrency", 1);
        putIfAbsent(c, "internetAccess", true);
        if (!c.has("cpu")) {
            c.addProperty("cpu", Math.max(0.05, Math.round(c.get("memorySize").getAsInt() / 1024.0 / 4 * 20) / 20.0));
        }
        if (!c.has("environmentVariables")) c.add("environmentVariables", new JsonObject());
        if (!c.has("description")) c.addProperty("description", "");
    }

    private static void putIfAbsent(JsonObject c, String key, Object value) {
        if (!c.has(key) || c.get(key).isJsonNull()) {
            if (value instanceof Number) c.addProperty(key, (Number) value);
            else c.addProperty(key, (Boolean) value);
        }
    }

    private byte[] codeOf(JsonObject in) {
        JsonObject codeIn = FcRules.obj(in, "code");
        if (codeIn == null) {
            throw FcRules.invalid("code must be {ossBucketName, ossObjectName} or {zipFile}");
        }
        if (codeIn.has("zipFile")) {
            return FcCodeStore.decodeZipFile(FcRules.str(codeIn, "zipFile"));
        }
        String bucket = FcRules.str(codeIn, "ossBucketName");
        String object = FcRules.str(codeIn, "ossObjectName");
        if (bucket == null || object == null) {
            throw FcRules.invalid("code needs ossBucketName and ossObjectName, or zipFile");
        }
        byte[] content = code.object(bucket, object);
        if (content == null) {
            throw FcRules.invalid("code oss://" + bucket + "/" + object + " does not exist");
        }
        if (content.length < 4 || content[0] != 'P' || content[1] != 'K') {
            throw FcRules.invalid("code oss://" + bucket + "/" + object + " is not a zip or jar file");
        }
        return content;
    }

    private void storeCode(FcFunction f, byte[] content) {
        f.codeFile = code.keepCode(f.name(), content).toString();
        f.config.addProperty("codeChecksum", Long.toUnsignedString(FcCodeStore.crc64(content)));
        f.config.addProperty("codeSize", content.length);
    }

    private JsonObject createTrigger(String functionName, JsonObject in) {
        FcRules.checkTrigger(in, true);
        return sandbox.change(s -> {
            FcFunction f = existing(s, functionName);
            String name = FcRules.str(in, "triggerName");
            if (f.trigger(name) != null) {
                throw new ApiError(409, "TriggerAlreadyExists", "trigger '" + name + "' already exists");
            }
            FcReferences.checkTrigger(s, in);
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            JsonObject t = new JsonObject();
            t.addProperty("triggerId", UUID.randomUUID().toString());
            t.addProperty("triggerName", name);
            t.addProperty("triggerType", FcRules.str(in, "triggerType"));
            t.addProperty("description", in.has("description") ? FcRules.str(in, "description") : "");
            t.addProperty("qualifier", in.has("qualifier") ? FcRules.str(in, "qualifier") : "LATEST");
            t.addProperty("triggerConfig", FcRules.str(in, "triggerConfig"));
            if (in.has("sourceArn")) t.addProperty("sourceArn", FcRules.str(in, "sourceArn"));
            if (in.has("invocationRole")) t.addProperty("invocationRole", FcRules.str(in, "invocationRole"));
            t.addProperty("targetArn", FcRules.str(f.config, "functionArn"));
            t.addProperty("status", "Ready");
            t.addProperty("createdTime", now);
            t.addProperty("lastModifiedTime", now);
            f.triggers.add(t);
            return t.deepCopy();
        });
    }

    private JsonObject updateTrigger(String functionName, String triggerName, JsonObject in) {
        FcRules.checkTrigger(in, false);
        return sandbox.change(s -> {
            JsonObject t = existingTrigger(existing(s, functionName), triggerName);
            JsonObject merged = t.deepCopy();
            for (String k : List.of("description", "qualifier", "triggerConfig", "invocationRole")) {
                if (in.has(k)) merged.addProperty(k, FcRules.str(in, k));
            }
            JsonObject check = merged.deepCopy();
            FcRules.checkTrigger(check, true);
            for (String k : List.copyOf(t.keySet())) t.remove(k);
            for (Map.Entry<String, JsonElement> e : merged.entrySet()) t.add(e.getKey(), e.getValue());
            t.addProperty("lastModifiedTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            return t.deepCopy();
        });
    }

    private JsonObject putAsyncConfig(String functionName, JsonObject in) {
        FcRules.checkAsyncConfig(in);
        return sandbox.change(s -> {
            FcFunction f = existing(s, functionName);
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            JsonObject c = new JsonObject();
            c.addProperty("functionArn", FcRules.str(f.config, "functionArn"));
            c.addProperty("maxAsyncRetryAttempts", in.has("maxAsyncRetryAttempts") ? in.get("maxAsyncRetryAttempts").getAsInt() : 3);
            c.addProperty("maxAsyncEventAgeInSeconds", in.has("maxAsyncEventAgeInSeconds") ? in.get("maxAsyncEventAgeInSeconds").getAsInt() : 86400);
            c.add("destinationConfig", in.has("destinationConfig") ? in.get("destinationConfig").deepCopy() : new JsonObject());
            c.addProperty("asyncTask", in.has("asyncTask") && in.get("asyncTask").getAsBoolean());
            c.addProperty("createdTime", f.asyncInvokeConfig == null ? now : FcRules.str(f.asyncInvokeConfig, "createdTime"));
            c.addProperty("lastModifiedTime", now);
            f.asyncInvokeConfig = c;
            return c.deepCopy();
        });
    }

    static FcFunction existing(SandboxState s, String name) {
        FcFunction f = s.fc.function(name);
        if (f == null) {
            throw new ApiError(404, "FunctionNotFound", "function '" + name + "' does not exist");
        }
        return f;
    }

    private static JsonObject existingTrigger(FcFunction f, String name) {
        JsonObject t = f.trigger(name);
        if (t == null) {
            throw new ApiError(404, "TriggerNotFound", "trigger '" + name + "' of function '" + f.name() + "' does not exist");
        }
        return t;
    }

    private static JsonObject body(WireRequest r) {
        if (r.body.length == 0) {
            return new JsonObject();
        }
        try {
            return JsonParser.parseString(new String(r.body, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw FcRules.invalid("the request body is not a JSON object");
        }
    }

    private static Matcher match(Pattern p, String path) {
        Matcher m = p.matcher(path);
        if (!m.matches()) {
            throw new IllegalStateException(path);
        }
        return m;
    }
}
