package io.cdnlifeline.bench.fn;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.aliyun.fc.runtime.FunctionParam;
import com.aliyun.fc.runtime.OpenTracing;
import com.aliyun.fc.runtime.Service;

import java.io.PrintStream;

/**
 * What FC hands the handler, built locally: the role's credentials (here the sandbox key from
 * ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET, as FC passes STS keys), a request id, the time limit, and a
 * logger writing to stderr (FC ships it to Log Service).
 */
final class LocalContext implements Context {
    private final String requestId;
    private final String functionName;
    private final int timeLimitMillis;
    private final FunctionComputeLogger logger;

    LocalContext(String requestId, String functionName, int timeLimitMillis, PrintStream log) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.timeLimitMillis = timeLimitMillis;
        this.logger = new StreamLogger(log);
    }

    @Override
    public String getRequestId() {
        return requestId;
    }

    @Override
    public Credentials getExecutionCredentials() {
        final String id = System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
        final String secret = System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
        return new Credentials() {
            @Override public String getAccessKeyId() { return id; }
            @Override public String getAccessKeySecret() { return secret; }
            @Override public String getSecurityToken() { return null; }
        };
    }

    @Override
    public FunctionParam getFunctionParam() {
        return new FunctionParam() {
            @Override public String getFunctionName() { return functionName; }
            @Override public String getFunctionHandler() { return null; }
            @Override public String getFunctionInitializer() { return null; }
            @Override public int getExecTimeLimitInMillis() { return timeLimitMillis; }
            @Override public int getMemoryLimitInMB() { return 256; }
        };
    }

    @Override
    public Service getService() {
        return null;
    }

    @Override
    public FunctionComputeLogger getLogger() {
        return logger;
    }

    @Override
    public OpenTracing getTracing() {
        return null;
    }

    @Override
    public int getRetryCount() {
        return 0;
    }

    /** FC's logger: one line per message. A null stream drops the lines (the fleet's 2,000 audit lines). */
    private static final class StreamLogger implements FunctionComputeLogger {
        private final PrintStream out;

        StreamLogger(PrintStream out) {
            this.out = out;
        }

        private void line(String level, String s) {
            if (out != null) out.println(level + " " + s);
        }

        @Override public void trace(String s) { line("TRACE", s); }
        @Override public void debug(String s) { line("DEBUG", s); }
        @Override public void info(String s) { line("INFO", s); }
        @Override public void warn(String s) { line("WARN", s); }
        @Override public void error(String s) { line("ERROR", s); }
        @Override public void fatal(String s) { line("FATAL", s); }
        @Override public void setLogLevel(Level level) { }
    }
}
