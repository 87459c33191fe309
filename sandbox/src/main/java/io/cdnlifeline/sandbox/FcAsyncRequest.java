package io.cdnlifeline.sandbox;

/** One asynchronous FC InvokeFunction the local FC held without running it (the function is driven in-process): FC would run it; a test or the benchmark runs it instead. */
public final class FcAsyncRequest {
    public final String function;
    /** The version or alias asked for, or null (LATEST). */
    public final String qualifier;
    /** The event bytes, as UTF-8 text. */
    public final String payload;
    public final String requestId;

    FcAsyncRequest(String function, String qualifier, String payload, String requestId) {
        this.function = function;
        this.qualifier = qualifier;
        this.payload = payload;
        this.requestId = requestId;
    }

    @Override
    public String toString() {
        return function + (qualifier == null ? "" : ":" + qualifier) + " " + payload;
    }
}
