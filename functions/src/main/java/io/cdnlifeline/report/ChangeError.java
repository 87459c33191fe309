package io.cdnlifeline.report;

import io.cdnlifeline.cloud.CloudException;

import java.util.Objects;

/** Why a change failed: the cloud's code, message and request id, plus a hint an operator can act on. */
public final class ChangeError {
    private final String code;
    private final String message;
    private final String requestId;
    private final String hostId;
    private final String recommend;

    public ChangeError(String code, String message, String requestId) {
        this(code, message, requestId, null, null);
    }

    /** With the cloud's {@code HostId} and {@code Recommend} (the diagnosis link an operator clicks), each null when absent. */
    public ChangeError(String code, String message, String requestId, String hostId, String recommend) {
        this.code = Objects.requireNonNull(code, "code");
        this.message = message == null ? "" : message;
        this.requestId = requestId;
        this.hostId = hostId;
        this.recommend = recommend;
    }

    public static ChangeError of(CloudException e) {
        return new ChangeError(e.code() == null ? "Unknown" : e.code(), e.getMessage(), e.requestId(), e.hostId(), e.recommend());
    }

    public String code() { return code; }
    public String message() { return message; }
    public String requestId() { return requestId; }
    public String hostId() { return hostId; }
    public String recommend() { return recommend; }
}
