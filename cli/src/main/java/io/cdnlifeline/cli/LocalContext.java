package io.cdnlifeline.cli;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.aliyun.fc.runtime.FunctionParam;
import com.aliyun.fc.runtime.OpenTracing;
import com.aliyun.fc.runtime.Service;
import io.cdnlifeline.cloud.CloudCredentials;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * What FC hands a handler, built on the operator's machine: a request id, a logger writing to stderr,
 * the credentials the command line resolved (in the place FC puts the function role's STS
 * credentials), and the function's name, handler and time limit.
 */
final class LocalContext implements Context {
    /** The functions' timeout in template.yml: a local run gets the same budget. */
    static final int TIME_LIMIT_MILLIS = 600_000;

    private final String requestId;
    private final CloudCredentials credentials;
    private final FunctionComputeLogger logger;
    private final String functionName;
    private final String handler;
    private final int timeLimitMillis;

    LocalContext(String requestId, CloudCredentials credentials, FunctionComputeLogger logger, String functionName, String handler) {
        this(requestId, credentials, logger, functionName, handler, TIME_LIMIT_MILLIS);
    }

    /** @param timeLimitMillis the invocation's time limit, as FC's function timeout ({@code --timeout}) */
    LocalContext(String requestId, CloudCredentials credentials, FunctionComputeLogger logger, String functionName, String handler,
                 int timeLimitMillis) {
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.logger = Objects.requireNonNull(logger, "logger");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.timeLimitMillis = timeLimitMillis;
    }

    @Override
    public String getRequestId() {
        return requestId;
    }

    @Override
    public Credentials getExecutionCredentials() {
        return new Credentials() {
            @Override public String getAccessKeyId() { return credentials.accessKeyId(); }
            @Override public String getAccessKeySecret() { return credentials.accessKeySecret(); }
            @Override public String getSecurityToken() { return credentials.securityToken(); }
        };
    }

    @Override
    public FunctionParam getFunctionParam() {
        return new FunctionParam() {
            @Override public String getFunctionName() { return functionName; }
            @Override public String getFunctionHandler() { return handler + "::handleRequest"; }
            @Override public String getFunctionInitializer() { return handler + "::initialize"; }
            @Override public int getExecTimeLimitInMillis() { return timeLimitMillis; }
            @Override public int getMemoryLimitInMB() { return (int) (Runtime.getRuntime().maxMemory() / (1024 * 1024)); }
        };
    }

    @Override
    public Service getService() {
        return new Service() {
            @Override public String getName() { return "lifeline-local"; }
            @Override public String getLogProject() { return ""; }
            @Override public String getLogStore() { return ""; }
            @Override public String getQualifier() { return "LATEST"; }
            @Override public String getVersionId() { return ""; }
        };
    }

    @Override
    public FunctionComputeLogger getLogger() {
        return logger;
    }

    @Override
    public OpenTracing getTracing() {
        return new OpenTracing() {
            @Override public String getSpanContext() { return ""; }
            @Override public Map<String, String> getSpanBaggages() { return Collections.emptyMap(); }
            @Override public String getJaegerEndpoint() { return ""; }
        };
    }

    @Override
    public int getRetryCount() {
        return 0;
    }
}
