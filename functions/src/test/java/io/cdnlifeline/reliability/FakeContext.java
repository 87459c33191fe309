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
    private final String requestId;
    private final String accessKeyId;
    private final String secret;
    private final String token;
    private final int timeLimitMillis;
    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());

    public FakeContext(String requestId, String accessKeyId, String secret, String token, int timeLimitMillis) {
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
            @Override public String getFunctionName() { return "lifeline-test"; }
            @Override public String getFunctionHandler() { return "handler"; }
            @Override public String getFunctionInitializer() { return "initializer"; }
            @Override public int getExecTimeLimitInMillis() { return timeLimitMillis; }
            @Override public int getMemoryLimitInMB() { return 512; }
        };
    }

    @Override public Service getService() { return null; }
    @Override public OpenTracing getTracing() { return null; }
    @Override public int getRetryCount() { return 0; }

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
