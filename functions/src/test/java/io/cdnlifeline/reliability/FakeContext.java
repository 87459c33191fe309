package io.cdnlifeline.reliability;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.aliyun.fc.runtime.FunctionParam;
import com.aliyun.fc.runtime.OpenTracing;
import com.aliyun.fc.runtime.Service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The FC invocation context as the runtime hands it to a handler: a request id, the role's STS credentials,
 * the function's time limit, and a logger whose lines the test can read (what FC ships to Log Service).
 */
public final class FakeContext implements Context {
    /** The function name every FakeContext gives: the local FC holds its async invocations for the test (Sandbox.fcHoldAsync). */
    public static final String FUNCTION = "lifeline-test";
    private final String requestId;
    private final String accessKeyId;
    private final String secret;
    private final String token;
    private final int timeLimitMillis;
    private final int retryCount;
    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());

    public FakeContext(String requestId, String accessKeyId, String secret, String token, int timeLimitMillis) {
        this(requestId, accessKeyId, secret, token, timeLimitMillis, 0);
    }

    /** The context of FC's async retry number {@code retryCount} (0: the first attempt), with the sandbox's keys. */
    public static FakeContext onRetry(String requestId, int retryCount) {
        return new FakeContext(requestId, "sandbox-ak", "sandbox-secret", null, 300_000, retryCount);
    }

    private FakeContext(String requestId, String accessKeyId, String secret, String token, int timeLimitMillis, int retryCount) {
        this.retryCount = retryCount;
        this.requestId = requestId;
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.token = token;
        this.timeLimitMillis = timeLimitMillis;
    }

    /** Everything the handler logged through FC's logger, in order. */
    public List<String> logged() {
        synchronized (logged) {
            return new ArrayList<>(logged);
        }
    }

    @Override public String getRequestId() { return requestId; }

    @Override
    public Credentials getExecutionCredentials() {
        return new Credentials() {
            @Override public String getAccessKeyId() { return accessKeyId; }
            @Override public String getAccessKeySecret() { return secret; }
            @Override public String getSecurityToken() { return token; }
        };
    }

    @Override
    public FunctionParam getFunctionParam() {
        return new FunctionParam() {
            @Override public String getFunctionName() { return FUNCTION; }
            @Override public String getFunctionHandler() { return "handler"; }
            @Override public String getFunctionInitializer() { return "initializer"; }
            @Override public int getExecTimeLimitInMillis() { return timeLimitMillis; }
            @Override public int getMemoryLimitInMB() { return 512; }
        };
    }

    @Override public Service getService() { return null; }
    @Override public OpenTracing getTracing() { return null; }
    @Override public int getRetryCount() { return retryCount; }

    @Override
    public FunctionComputeLogger getLogger() {
        return new FunctionComputeLogger() {
            @Override public void trace(String s) { logged.add(s); }
            @Override public void debug(String s) { logged.add(s); }
            @Override public void info(String s) { logged.add(s); }
            @Override public void warn(String s) { logged.add(s); }
            @Override public void error(String s) { logged.add(s); }
            @Override public void fatal(String s) { logged.add(s); }
            @Override public void setLogLevel(Level level) { }
        };
    }
}
