package io.cdnlifeline.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Log Service's control plane, as far as {@code lifeline setup} and {@code lifeline uninstall} need it: CreateProject
 * ({@code POST /}), GetProject ({@code GET /}), DeleteProject ({@code DELETE /}), CreateLogStore ({@code POST /logstores}),
 * GetLogStore ({@code GET /logstores/<name>}) and DeleteLogStore ({@code DELETE /logstores/<name>}), REST with
 * SLS's own signature ({@code Authorization: LOG id:base64(hmac-sha1)}, {@link #stringToSign}). The project is the first
 * label of the Host, {@code <project>.<region>.log.aliyuncs.com}, as on the real endpoint: a client pointed at the
 * sandbox connects to its port and sends that Host. Errors are SLS's {@code {"errorCode","errorMessage"}} with
 * {@code x-log-requestid}. Each call acts on the account of the key that signed it.
 */
final class LogServiceApi {
    static final String PRODUCT = "sls";
    private static final Pattern HOST = Pattern.compile("(?:([a-z0-9][a-z0-9-]{1,61}[a-z0-9])\\.)?([a-z0-9-]+)\\.log\\.aliyuncs\\.com(?::\\d+)?");
    private static final Pattern PROJECT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern LOGSTORE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]");
    /** SLS's "Request time ... has been expired" after 15 minutes. */
    private static final Duration SKEW = Duration.ofMinutes(15);

    private final Sandbox sandbox;

    LogServiceApi(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** An SLS request: signed {@code LOG id:sig}, or aimed at a {@code *.log.aliyuncs.com} host. */
    static boolean handles(WireRequest r) {
        String auth = r.header("authorization");
        String host = r.header("host");
        return (auth != null && auth.startsWith("LOG ")) || (host != null && host.toLowerCase(Locale.ROOT).contains(".log.aliyuncs.com"));
    }

    /**
     * The string SLS signs: VERB, Content-MD5, Content-Type, Date (each followed by a newline), the {@code x-log-*} and
     * {@code x-acs-*} headers sorted by lower-cased name as {@code name:value} joined by newlines, a newline, and the
     * resource: the path, then {@code ?} and the query parameters sorted by name as {@code k=v} joined by {@code &}
     * (values decoded).
     */
    static String stringToSign(String method, Map<String, String> lowerCaseHeaders, String path, Map<String, String> query) {
        StringBuilder b = new StringBuilder();
        b.append(method).append('\n')
                .append(nz(lowerCaseHeaders.get("content-md5"))).append('\n')
                .append(nz(lowerCaseHeaders.get("content-type"))).append('\n')
                .append(nz(lowerCaseHeaders.get("date"))).append('\n');
        TreeMap<String, String> signed = new TreeMap<>();
        for (Map.Entry<String, String> h : lowerCaseHeaders.entrySet()) {
            String k = h.getKey().toLowerCase(Locale.ROOT);
            if (k.startsWith("x-log-") || k.startsWith("x-acs-")) signed.put(k, h.getValue().trim());
        }
        for (Map.Entry<String, String> h : signed.entrySet()) b.append(h.getKey()).append(':').append(h.getValue()).append('\n');
        b.append(path);
        if (query != null && !query.isEmpty()) {
            StringBuilder q = new StringBuilder();
            for (Map.Entry<String, String> e : new TreeMap<>(query).entrySet()) {
                if (q.length() > 0) q.append('&');
                q.append(e.getKey()).append('=').append(e.getValue());
            }
            b.append('?').append(q);
        }
        return b.toString();
    }

    /** The signature of a string to sign: base64 of its HMAC-SHA1 under the secret. */
    static String sign(String secret, String toSign) {
        return Base64.getEncoder().encodeToString(Signatures.hmac("HmacSHA1", secret, toSign));
    }

    FcApi.Answer handle(WireRequest r, String requestId) {
        String action = action(r);
        try {
            Matcher host = HOST.matcher(nz(r.header("host")).toLowerCase(Locale.ROOT));
            if (!host.matches()) {
                throw new ApiError(400, "InvalidHost", "Host header " + r.header("host") + " is invalid.");
            }
            String project = host.group(1);
            String region = host.group(2);
            AccessKey key = verify(r);
            String account = sandbox.accountIdOf(key);
            // faults.inject names Log Service actions as for any product: after the signature, instead of the call
            ApiError injected = sandbox.traffic().injectedError(action);
            if (injected != null) throw injected;
            JsonObject answer;
            switch (action) {
                case "CreateProject":
                    createProject(account, region, project, body(r));
                    answer = null;
                    break;
                case "GetProject":
                    answer = getProject(account, need(project));
                    break;
                case "CreateLogStore":
                    createLogstore(account, need(project), body(r));
                    answer = null;
                    break;
                case "GetLogStore":
                    answer = getLogstore(account, need(project), r.path.substring("/logstores/".length()));
                    break;
                case "DeleteLogStore":
                    deleteLogstore(account, need(project), r.path.substring("/logstores/".length()));
                    answer = null;
                    break;
                case "DeleteProject":
                    deleteProject(account, need(project));
                    answer = null;
                    break;
                default:
                    throw new ApiError(404, "InvalidAction", "the sandbox's Log Service has no " + r.method + " " + r.path);
            }
            FcApi.Answer a = answer == null ? new FcApi.Answer(200, action, new byte[0], null) : FcApi.Answer.json(action, answer);
            a.headers.put("x-log-requestid", requestId);
            return a;
        } catch (ApiError e) {
            JsonObject error = new JsonObject();
            error.addProperty("errorCode", e.code);
            error.addProperty("errorMessage", e.getMessage());
            FcApi.Answer a = new FcApi.Answer(e.httpStatus, action, Json.WIRE.toJson(error).getBytes(StandardCharsets.UTF_8), e.code);
            a.headers.put("x-log-requestid", requestId);
            return a;
        }
    }

    static String action(WireRequest r) {
        if ("/".equals(r.path)) {
            return "POST".equals(r.method) ? "CreateProject" : "GET".equals(r.method) ? "GetProject" : "DELETE".equals(r.method) ? "DeleteProject" : "Unknown";
        }
        if ("/logstores".equals(r.path) && "POST".equals(r.method)) return "CreateLogStore";
        if (r.path.startsWith("/logstores/") && r.path.indexOf('/', "/logstores/".length()) < 0) {
            return "GET".equals(r.method) ? "GetLogStore" : "DELETE".equals(r.method) ? "DeleteLogStore" : "Unknown";
        }
        return "Unknown";
    }

    /** The key that signed, after the checks SLS makes: the headers it needs, the time, the key, the signature, the token. */
    private AccessKey verify(WireRequest r) {
        String auth = r.header("authorization");
        if (auth == null || !auth.startsWith("LOG ") || auth.indexOf(':') < 0) {
            throw new ApiError(400, "ParameterInvalid", "Http extend authorization : " + auth + " pair is invalid.");
        }
        if (!"0.6.0".equals(r.header("x-log-apiversion"))) {
            throw new ApiError(400, "ParameterInvalid", "Http extend x-log-apiversion : " + r.header("x-log-apiversion") + " pair is invalid.");
        }
        if (!"hmac-sha1".equals(r.header("x-log-signaturemethod"))) {
            throw new ApiError(400, "ParameterInvalid", "Http extend x-log-signaturemethod : " + r.header("x-log-signaturemethod") + " pair is invalid.");
        }
        String date = nz(r.header("date"));
        Instant at;
        try {
            at = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "InvalidRequestTime", "Request time " + date + " not follow RFC822 spec.");
        }
        if (Duration.between(at, Instant.now()).abs().compareTo(SKEW) > 0) {
            throw new ApiError(400, "RequestTimeExpired", "Request time " + date + " has been expired while server time is "
                    + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(java.time.ZoneOffset.UTC)) + ".");
        }
        if (r.body.length > 0) {
            String md5 = Signatures.hex(md5(r.body)).toUpperCase(Locale.ROOT);
            if (!md5.equals(r.header("content-md5"))) {
                throw new ApiError(400, "InvalidContentMD5", "Content-MD5 " + r.header("content-md5") + " does not match the body.");
            }
        }
        String[] idSig = auth.substring(4).trim().split(":", 2);
        AccessKey key;
        List<AccessKey> keys = sandbox.accessKeys();
        try {
            key = Signatures.find(keys, idSig[0]);
        } catch (ApiError e) {
            throw new ApiError(401, "Unauthorized", "AccessKeyId not found: " + idSig[0]);
        }
        Map<String, String> query = new TreeMap<>();
        for (String[] p : r.queryPairs) query.put(p[0], p[1]);
        String expected = sign(key.secret, stringToSign(r.method, r.headers, r.path, query));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), idSig[1].getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(401, "SignatureNotMatch", "Signature " + idSig[1] + " not matched.");
        }
        if (key.securityToken != null && !key.securityToken.equals(r.header("x-acs-security-token"))) {
            throw new ApiError(401, "Unauthorized", "The security token you provided is invalid.");
        }
        return key;
    }

    private void createProject(String account, String region, String hostProject, JsonObject body) {
        String name = text(body, "projectName");
        String description = text(body, "description");
        if (name == null) throw new ApiError(400, "ParameterInvalid", "projectName is required");
        if (description == null) throw new ApiError(400, "ParameterInvalid", "description is required");
        if (!PROJECT_NAME.matcher(name).matches()) {
            throw new ApiError(400, "ParameterInvalid", "project name " + name + " is invalid: 3-63 lowercase letters, digits and -,"
                    + " starting and ending with a letter or digit");
        }
        if (hostProject != null && !hostProject.equals(name)) {
            throw new ApiError(400, "ParameterInvalid", "projectName " + name + " is not the project of the Host, " + hostProject);
        }
        if (description.length() > 64 || description.matches(".*[<>'\"\\\\].*")) {
            throw new ApiError(400, "ParameterInvalid", "description must be at most 64 characters without < > ' \" \\");
        }
        sandbox.update(s -> {
            for (SandboxState a : s.accounts()) {
                LogServiceState.Account projects = a.logService == null ? null : a.logService.find(a.accountIdOrDefault());
                if (projects != null && projects.projects.containsKey(name)) {
                    throw new ApiError(400, "ProjectAlreadyExist", "Project " + name + " already exist.");
                }
            }
            LogServiceState.Project p = new LogServiceState.Project();
            p.projectName = name;
            p.description = description;
            p.region = region;
            p.owner = account;
            p.createTime = Instant.now().getEpochSecond();
            p.lastModifyTime = p.createTime;
            accountState(s, account).logService.account(account).projects.put(name, p);
        });
    }

    private JsonObject getProject(String account, String name) {
        return sandbox.read(s -> {
            LogServiceState.Project p = project(s, account, name);
            JsonObject o = new JsonObject();
            o.addProperty("projectName", p.projectName);
            o.addProperty("description", p.description);
            o.addProperty("region", p.region);
            o.addProperty("owner", p.owner);
            o.addProperty("status", p.status);
            o.addProperty("createTime", time(p.createTime));
            o.addProperty("lastModifyTime", time(p.lastModifyTime));
            o.addProperty("resourceGroupId", "rg-aek2i6weeb4nfii");
            o.addProperty("dataRedundancyType", "LRS");
            o.add("quota", new JsonObject());
            return o;
        });
    }

    private void createLogstore(String account, String projectName, JsonObject body) {
        String name = text(body, "logstoreName");
        if (name == null) throw new ApiError(400, "ParameterInvalid", "logstoreName is required");
        if (!LOGSTORE_NAME.matcher(name).matches()) {
            throw new ApiError(400, "ParameterInvalid", "logstore name " + name + " is invalid: 3-63 lowercase letters, digits, - and _,"
                    + " starting and ending with a letter or digit");
        }
        int ttl = integer(body, "ttl", 1, 3650);
        int shards = integer(body, "shardCount", 1, 100);
        boolean autoSplit = body.has("autoSplit") && body.get("autoSplit").getAsBoolean();
        int maxSplit = body.has("maxSplitShard") ? integer(body, "maxSplitShard", 1, 256) : 0;
        sandbox.update(s -> {
            LogServiceState.Project p = project(s, account, projectName);
            if (p.logstores.size() >= 200 && !p.logstores.containsKey(name)) {
                throw new ApiError(400, "LogstoreExceed", "the project already has 200 logstores, the most a project may have");
            }
            if (p.logstores.containsKey(name)) {
                throw new ApiError(400, "LogStoreAlreadyExist", "logstore " + name + " already exists");
            }
            LogServiceState.Logstore l = new LogServiceState.Logstore();
            l.logstoreName = name;
            l.ttl = ttl;
            l.shardCount = shards;
            l.autoSplit = autoSplit;
            l.maxSplitShard = maxSplit;
            l.appendMeta = body.has("appendMeta") && body.get("appendMeta").getAsBoolean();
            l.createTime = Instant.now().getEpochSecond();
            l.lastModifyTime = l.createTime;
            p.logstores.put(name, l);
        });
    }

    private JsonObject getLogstore(String account, String projectName, String name) {
        return sandbox.read(s -> {
            LogServiceState.Logstore l = project(s, account, projectName).logstores.get(name);
            if (l == null) throw new ApiError(404, "LogStoreNotExist", "logstore " + name + " does not exist");
            JsonObject o = new JsonObject();
            o.addProperty("logstoreName", l.logstoreName);
            o.addProperty("ttl", l.ttl);
            o.addProperty("shardCount", l.shardCount);
            o.addProperty("enable_tracking", false);
            o.addProperty("autoSplit", l.autoSplit);
            o.addProperty("maxSplitShard", l.maxSplitShard);
            o.addProperty("appendMeta", l.appendMeta);
            o.addProperty("telemetryType", "None");
            o.addProperty("mode", "standard");
            o.addProperty("createTime", l.createTime);
            o.addProperty("lastModifyTime", l.lastModifyTime);
            return o;
        });
    }

    /** DeleteLogStore ({@code DELETE /logstores/<name>}): its logs go with it. 404 {@code LogStoreNotExist} when it is not there. */
    private void deleteLogstore(String account, String projectName, String name) {
        sandbox.update(s -> {
            if (project(s, account, projectName).logstores.remove(name) == null) {
                throw new ApiError(404, "LogStoreNotExist", "logstore " + name + " does not exist");
            }
        });
    }

    /**
     * DeleteProject ({@code DELETE /} on the project's host): the project with every logstore in it, as Log Service
     * documents it (no refusal while logstores remain). 404 {@code ProjectNotExist} when it is not there.
     */
    private void deleteProject(String account, String projectName) {
        sandbox.update(s -> {
            project(s, account, projectName);
            for (SandboxState a : s.accounts()) {
                LogServiceState.Account projects = a.logService == null ? null : a.logService.find(a.accountIdOrDefault());
                if (projects != null && a.accountIdOrDefault().equals(account)) projects.projects.remove(projectName);
            }
        });
    }

    /**
     * The caller's project: 404 {@code ProjectNotExist} when no account has it; a project of another account answers 403
     * {@code Unauthorized} (our choice: the name exists, the caller may not see it).
     */
    private static LogServiceState.Project project(SandboxState s, String account, String name) {
        for (SandboxState a : s.accounts()) {
            LogServiceState.Account projects = a.logService == null ? null : a.logService.find(a.accountIdOrDefault());
            LogServiceState.Project p = projects == null ? null : projects.projects.get(name);
            if (p == null) continue;
            if (!a.accountIdOrDefault().equals(account)) {
                throw new ApiError(403, "Unauthorized", "The project " + name + " does not belong to you.");
            }
            return p;
        }
        throw new ApiError(404, "ProjectNotExist", "The Project does not exist : " + name);
    }

    private static SandboxState accountState(SandboxState root, String account) {
        for (SandboxState a : root.accounts()) {
            if (a.accountIdOrDefault().equals(account)) return a;
        }
        return root;
    }

    private static String need(String project) {
        if (project == null) throw new ApiError(400, "InvalidHost", "Host header names no project: <project>.<region>.log.aliyuncs.com");
        return project;
    }

    private static JsonObject body(WireRequest r) {
        try {
            JsonElement e = JsonParser.parseString(new String(r.body, StandardCharsets.UTF_8));
            if (e.isJsonObject()) return e.getAsJsonObject();
        } catch (RuntimeException ignored) {
            // answered below
        }
        throw new ApiError(400, "PostBodyInvalid", "The request body is not valid JSON object.");
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static int integer(JsonObject o, String key, int min, int max) {
        JsonElement e = o.get(key);
        int v;
        try {
            v = e.getAsInt();
        } catch (RuntimeException ex) {
            throw new ApiError(400, "ParameterInvalid", key + " is required, a number from " + min + " to " + max);
        }
        if (v < min || v > max) throw new ApiError(400, "ParameterInvalid", key + " " + v + " is out of range " + min + "-" + max);
        return v;
    }

    /** GetProject's time form, {@code 2021-07-07 14:08:09} (the sandbox writes UTC; the page does not say which zone). */
    private static String time(long epochSeconds) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC).format(Instant.ofEpochSecond(epochSeconds));
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
