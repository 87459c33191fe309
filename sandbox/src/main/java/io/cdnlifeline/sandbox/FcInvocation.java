package io.cdnlifeline.sandbox;

/** One invocation of the local FC, as {@code GET /_sandbox/fc/invocations} lists it. */
public final class FcInvocation {
    public final String requestId;
    public final String functionName;
    /** {@code Sync} or {@code Async}. */
    public final String invocationType;
    /** Who invoked: {@code api} (InvokeFunction), {@code timer:<trigger>}, {@code eventbridge:<trigger>}. */
    public final String source;
    public final String payload;
    /** {@code Running}, {@code Succeeded} or {@code Failed}. */
    public String status = "Running";
    public int attempts;
    /** Null on success; FC's {@code x-fc-error-type} otherwise. */
    public String errorType;
    public String output;
    public String log;
    /** When the invocation was accepted and when its last attempt ended (epoch ms; 0 while running). */
    public final long acceptedAtMillis = System.currentTimeMillis();
    public long finishedAtMillis;
    /** The onFailure destination an async invocation that failed after its retries went to. */
    public String destination;

    FcInvocation(String requestId, String functionName, String invocationType, String source, String payload) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.invocationType = invocationType;
        this.source = source;
        this.payload = payload;
    }
}
