package io.cdnlifeline.sandbox;

import java.util.Map;

/** One API call the sandbox answered, as {@code GET /_sandbox/requests} lists it. Params never hold signatures or tokens. */
public final class SandboxCall {
    /** {@code cdn}, {@code dcdn}, {@code alidns}, {@code bssopenapi}, or null when the product could not be told. */
    public final String product;
    public final String action;
    public final Map<String, String> params;
    public final int httpStatus;
    /** Null on success. */
    public final String errorCode;
    public final long millis;

    public SandboxCall(String product, String action, Map<String, String> params, int httpStatus, String errorCode, long millis) {
        this.product = product;
        this.action = action;
        this.params = params;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.millis = millis;
    }

    @Override
    public String toString() {
        return product + " " + action + " " + httpStatus + (errorCode == null ? "" : " " + errorCode) + " " + params;
    }
}
