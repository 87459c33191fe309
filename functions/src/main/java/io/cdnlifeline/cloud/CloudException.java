package io.cdnlifeline.cloud;

/**
 * A cloud API call that failed, with the cloud's own error code, message and request id, so a
 * Report can name exactly what the cloud said. {@code retryable} marks throttling, 5xx and
 * connection failures; client errors (4xx codes) are never retried.
 */
public class CloudException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String requestId;
    private final int httpStatus;
    private final boolean retryable;
    private final String hostId;
    private final String recommend;

    public CloudException(String code, String message, String requestId, int httpStatus, boolean retryable, Throwable cause) {
        this(code, message, requestId, httpStatus, retryable, cause, null, null);
    }

    /**
     * With the error body's {@code HostId} (the endpoint that answered) and {@code Recommend} (the cloud's
     * diagnosis link an operator opens), both null when the answer had none.
     */
    public CloudException(String code, String message, String requestId, int httpStatus, boolean retryable, Throwable cause,
                          String hostId, String recommend) {
        super(message, cause);
        this.code = code;
        this.requestId = requestId;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.hostId = hostId;
        this.recommend = recommend;
    }

    public CloudException(String code, String message, String requestId, int httpStatus, boolean retryable) {
        this(code, message, requestId, httpStatus, retryable, null);
    }

    public String code() { return code; }
    public String requestId() { return requestId; }
    public int httpStatus() { return httpStatus; }
    public boolean retryable() { return retryable; }
    /** The error body's {@code HostId}, or null. */
    public String hostId() { return hostId; }
    /** The error body's {@code Recommend} link, or null. */
    public String recommend() { return recommend; }

    @Override
    public String toString() {
        return code + ": " + getMessage() + (requestId == null ? "" : " (RequestId " + requestId + ")");
    }
}
