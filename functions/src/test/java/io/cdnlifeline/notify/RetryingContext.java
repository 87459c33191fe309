package io.cdnlifeline.notify;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.aliyun.fc.runtime.FunctionParam;
import com.aliyun.fc.runtime.OpenTracing;
import com.aliyun.fc.runtime.Service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** FC's invocation context on a given async attempt ({@code getRetryCount()}), with a logger the test reads. */
final class RetryingContext implements Context {
    private final String requestId;
    private final int retryCount;
    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());

    RetryingContext(String requestId, int retryCount) {
        this.requestId = requestId;
        this.retryCount = retryCount;
    }

    List<String> logged() {
        synchronized (logged) {
            return new ArrayList<>(logged);
        }
    }

    @Override public String getRequestId() { return requestId; }
    @Override public int getRetryCount() { return retryCount; }
    @Override public Service getService() { return null; }
    @Override public OpenTracing getTracing() { return null; }

    @Override
    public Credentials getExecutionCredentials() {
        return new Credentials() {
            @Override public String getAccessKeyId() { return "sandbox-ak"; }
            @Override public String getAccessKeySecret() { return "sandbox-secret"; }
            @Override public String getSecurityToken() { return null; }
        };
    }

    @Override
    public FunctionParam getFunctionParam() {
        return new FunctionParam() {
            @Override public String getFunctionName() { return "dns-to-origin"; }
            @Override public String getFunctionHandler() { return "handler"; }
            @Override public String getFunctionInitializer() { return "initializer"; }
            @Override public int getExecTimeLimitInMillis() { return 300_000; }
            @Override public int getMemoryLimitInMB() { return 512; }
        };
    }

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
