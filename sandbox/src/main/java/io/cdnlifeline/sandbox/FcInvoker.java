package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The local FC's data plane: one invocation is one JVM ({@link FcRuntime}) running the deployed handler from the
 * uploaded code package, with the function's environment variables, {@code -Xmx} from its memory size, its
 * timeout, the role's STS credentials in {@code ALIBABA_CLOUD_*} and in the Context, and {@code LIFELINE_ENDPOINT}
 * set to this sandbox (how this local cloud is reached; nothing else differs from the deployed configuration).
 * It runs on the JDK of this machine: there is no Java 11 runtime here, whatever {@code runtime: java11} says.
 * Async invocations answer 202 at once and run in the background, retried up to {@code maxAsyncRetryAttempts}.
 */
final class FcInvoker implements AutoCloseable {
    /** The STS key of the function role, as FC hands it to the function. */
    static final String ROLE_KEY_ID = "STS.fc-function-role";
    private static final int LOG_TAIL_BYTES = 4096;

    private final Sandbox sandbox;
    private final ExecutorService async = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "local-fc-async");
        t.setDaemon(true);
        return t;
    });
    private final List<FcInvocation> invocations = new ArrayList<>();

    FcInvoker(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    FcApi.Answer invoke(String functionName, byte[] payload, String invocationType, String logType, String source) {
        String type = invocationType == null || invocationType.isEmpty() ? "Sync" : invocationType;
        if (!type.equals("Sync") && !type.equals("Async")) {
            throw FcRules.invalid("x-fc-invocation-type \"" + type + "\" must be Sync or Async");
        }
        if (type.equals("Async") && payload.length > 128 * 1024) {
            throw FcRules.invalid("an async payload is at most 128 KB; this one is " + payload.length + " bytes");
        }
        Snapshot f = snapshot(functionName);
        String requestId = UUID.randomUUID().toString();
        if (type.equals("Async")) {
            FcApi.Answer a = new FcApi.Answer(202, "InvokeFunction", new byte[0], null);
            a.headers.put("x-fc-request-id", startAsync(f, payload, source));
            return a;
        }
        FcInvocation record = record(new FcInvocation(requestId, functionName, "Sync", source, new String(payload, StandardCharsets.UTF_8)));
        Outcome o = run(f, payload, requestId);
        finish(record, o, 1);
        FcApi.Answer a = new FcApi.Answer(200, "InvokeFunction", o.output, null);
        a.headers.put("x-fc-request-id", requestId);
        a.headers.put("x-fc-code-checksum", f.codeChecksum);
        a.headers.put("x-fc-instance-id", "local-" + requestId.substring(0, 8));
        a.headers.put("x-fc-invocation-service-version", "LATEST");
        if (o.errorType != null) {
            a.headers.put("x-fc-error-type", o.errorType);
        }
        if ("Tail".equals(logType)) {
            byte[] log = o.log;
            int from = Math.max(0, log.length - LOG_TAIL_BYTES);
            a.headers.put("x-fc-log-result", Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(log, from, log.length)));
        }
        return a;
    }

    /** An async invocation (as timers and EventBridge make): queued at once, run in the background; its request id. */
    String invokeAsync(String functionName, byte[] payload, String source) {
        return startAsync(snapshot(functionName), payload, source);
    }

    private String startAsync(Snapshot f, byte[] payload, String source) {
        String requestId = UUID.randomUUID().toString();
        FcInvocation record = record(new FcInvocation(requestId, f.name, "Async", source, new String(payload, StandardCharsets.UTF_8)));
        async.submit(() -> runWithRetries(f, payload, record));
        return requestId;
    }

    /** Every invocation so far, oldest first (the admin endpoint {@code /_sandbox/fc/invocations}). */
    synchronized List<FcInvocation> invocations() {
        return new ArrayList<>(invocations);
    }

    private synchronized FcInvocation record(FcInvocation i) {
        invocations.add(i);
        if (invocations.size() > 1000) {
            invocations.remove(0);
        }
        return i;
    }

    private void runWithRetries(Snapshot f, byte[] payload, FcInvocation record) {
        int attempts = 0;
        Outcome o;
        do {
            attempts++;
            o = run(f, payload, record.requestId);
        } while (o.errorType != null && attempts <= f.maxRetries);
        finish(record, o, attempts);
        if (o.errorType != null && f.onFailure != null) {
            record.destination = f.onFailure;
        }
    }

    private static void finish(FcInvocation record, Outcome o, int attempts) {
        synchronized (record) {
            record.attempts = attempts;
            record.status = o.errorType == null ? "Succeeded" : "Failed";
            record.errorType = o.errorType;
            record.output = new String(o.output, StandardCharsets.UTF_8);
            record.log = new String(o.log, StandardCharsets.UTF_8);
            record.finishedAtMillis = System.currentTimeMillis();
        }
    }

    private Snapshot snapshot(String functionName) {
        String endpoint = sandbox.endpoint();
        AccessKey role = roleKey();
        return sandbox.read(s -> {
            FcFunction fn = FcApi.existing(s, functionName);
            return new Snapshot(fn, endpoint, role);
        });
    }

    private AccessKey roleKey() {
        return sandbox.change(s -> {
            for (AccessKey k : s.accessKeys) {
                if (k.id.equals(ROLE_KEY_ID)) return k;
            }
            AccessKey k = new AccessKey(ROLE_KEY_ID, UUID.randomUUID().toString());
            k.securityToken = "fc-role-" + UUID.randomUUID();
            s.accessKeys.add(k);
            return k;
        });
    }

    private static Outcome run(Snapshot f, byte[] payload, String requestId) {
        Path result;
        Path log;
        try {
            result = Files.createTempFile("fc-result", ".out");
            log = Files.createTempFile("fc-log", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // FC's memory size caps the whole instance; here it caps the heap, leaving room for the JVM itself
            cmd.add("-Xmx" + Math.max(32, f.memoryMb * 85 / 100) + "m");
            cmd.add("-cp");
            cmd.add(FcRuntime.classPath());
            cmd.add(FcRuntime.class.getName());
            cmd.addAll(List.of(f.codeFile, f.handler, f.initializer == null ? "-" : f.initializer, result.toString(), requestId,
                    f.name, String.valueOf(f.timeoutSeconds), String.valueOf(f.memoryMb), String.valueOf(f.initTimeoutSeconds)));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.clear();
            env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.put("FC_FUNCTION_NAME", f.name);
            env.put("FC_FUNCTION_MEMORY_SIZE", String.valueOf(f.memoryMb));
            env.put("FC_REGION", f.region);
            env.put("FC_ACCOUNT_ID", f.accountId);
            if (f.logProject != null) env.put("FC_LOG_PROJECT", f.logProject);
            if (f.logStore != null) env.put("FC_LOG_STORE", f.logStore);
            env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", f.roleKey.id);
            env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", f.roleKey.secret);
            env.put("ALIBABA_CLOUD_SECURITY_TOKEN", f.roleKey.securityToken);
            env.putAll(f.environment);
            env.put("LIFELINE_ENDPOINT", f.endpoint);
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(payload);
            }
            long limit = f.timeoutSeconds + (f.initializer == null ? 0 : f.initTimeoutSeconds);
            if (!p.waitFor(limit, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                String error = "{\"errorMessage\":\"Function timed out after " + f.timeoutSeconds + " seconds\"}";
                return new Outcome(error.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(log), "UnhandledInvocationError");
            }
            byte[] out = Files.readAllBytes(result);
            byte[] logBytes = Files.readAllBytes(log);
            if (p.exitValue() == 0) {
                return new Outcome(out, logBytes, null);
            }
            if (out.length == 0) {
                // the JVM died without the runtime writing an error: out of memory, killed, or it could not start
                String why = new String(logBytes, StandardCharsets.UTF_8).contains("OutOfMemoryError")
                        ? "Process exited unexpectedly: out of memory (memorySize " + f.memoryMb + " MB)"
                        : "Process exited unexpectedly with status " + p.exitValue();
                out = ("{\"errorMessage\":\"" + why + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            return new Outcome(out, logBytes, "UnhandledInvocationError");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the function ran", e);
        } finally {
            try {
                Files.deleteIfExists(result);
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // temp files; the OS cleans up what is left
            }
        }
    }

    @Override
    public void close() {
        async.shutdownNow();
    }

    /** What one invocation needs of the function, copied under the state lock. */
    private static final class Snapshot {
        final String name;
        final String codeFile;
        final String handler;
        final String initializer;
        final long timeoutSeconds;
        final long initTimeoutSeconds;
        final long memoryMb;
        final String codeChecksum;
        final Map<String, String> environment = new java.util.LinkedHashMap<>();
        final String endpoint;
        final AccessKey roleKey;
        final String region;
        final String accountId;
        final String logProject;
        final String logStore;
        final int maxRetries;
        final String onFailure;

        Snapshot(FcFunction f, String endpoint, AccessKey roleKey) {
            JsonObject c = f.config;
            this.name = f.name();
            this.codeFile = f.codeFile;
            this.handler = FcRules.str(c, "handler");
            JsonObject init = FcRules.obj(FcRules.obj(c, "instanceLifecycleConfig"), "initializer");
            String initHandler = FcRules.str(init, "handler");
            this.initializer = initHandler == null || initHandler.isEmpty() ? null : initHandler;
            Integer initTimeout = FcRules.integer(init, "timeout");
            this.initTimeoutSeconds = initTimeout == null ? 3 : initTimeout;
            this.timeoutSeconds = FcRules.integer(c, "timeout");
            this.memoryMb = FcRules.integer(c, "memorySize");
            this.codeChecksum = FcRules.str(c, "codeChecksum");
            JsonObject env = FcRules.obj(c, "environmentVariables");
            if (env != null) {
                for (String k : env.keySet()) environment.put(k, env.get(k).getAsString());
            }
            this.endpoint = endpoint;
            this.roleKey = roleKey;
            String arn = FcRules.str(c, "functionArn");
            String[] parts = arn == null ? new String[0] : arn.split(":");
            this.region = parts.length > 3 ? parts[3] : "cn-hangzhou";
            this.accountId = parts.length > 4 ? parts[4] : "";
            JsonObject logConfig = FcRules.obj(c, "logConfig");
            this.logProject = FcRules.str(logConfig, "project");
            this.logStore = FcRules.str(logConfig, "logstore");
            JsonObject async = f.asyncInvokeConfig;
            this.maxRetries = async == null || !async.has("maxAsyncRetryAttempts") ? 3 : async.get("maxAsyncRetryAttempts").getAsInt();
            this.onFailure = FcRules.str(FcRules.obj(FcRules.obj(async, "destinationConfig"), "onFailure"), "destination");
            if (codeFile == null || !Files.isRegularFile(Path.of(codeFile))) {
                throw new ApiError(412, "FunctionNotReady", "the code package of function " + name + " is not on this machine");
            }
        }
    }

    private static final class Outcome {
        final byte[] output;
        final byte[] log;
        final String errorType;

        Outcome(byte[] output, byte[] log, String errorType) {
            this.output = output;
            this.log = log;
            this.errorType = errorType;
        }
    }
}
