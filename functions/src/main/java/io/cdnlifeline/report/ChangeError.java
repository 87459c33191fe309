package io.cdnlifeline.report;

import io.cdnlifeline.cloud.CloudException;

import java.util.Objects;

/** Why a change failed: the cloud's code, message and request id, plus a hint an operator can act on. */
public final class ChangeError {
    private final String code;
    private final String message;
    private final String requestId;

    public ChangeError(String code, String message, String requestId) {
        this.code = Objects.requireNonNull(code, "code");
        this.message = message == null ? "" : message;
        this.requestId = requestId;
    }

    public static ChangeError of(CloudException e) {
        return new ChangeError(e.code() == null ? "Unknown" : e.code(), e.getMessage(), e.requestId());
    }

    public String code() { return code; }
    public String message() { return message; }
    public String requestId() { return requestId; }
}
