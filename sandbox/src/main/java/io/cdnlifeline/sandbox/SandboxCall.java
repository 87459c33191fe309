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
    /** {@code V1} (HMAC-SHA1 parameters) or {@code V3} (ACS3-HMAC-SHA256 Authorization header). */
    public final String signature;
    /** When the call was answered (epoch milliseconds): the outage benchmark's time to lifeline per domain. */
    public final long at;
    /** The account the call ran in (told by its key or STS token); null when the call was refused before that was known. */
    public String account;

    public SandboxCall(String product, String action, Map<String, String> params, int httpStatus, String errorCode, long millis,
                       String signature) {
        this.product = product;
        this.action = action;
        this.params = params;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.millis = millis;
        this.signature = signature;
        this.at = System.currentTimeMillis();
    }

    /** Names the account the call ran in. */
    SandboxCall inAccount(String accountId) {
        this.account = accountId;
        return this;
    }

    @Override
    public String toString() {
        return signature + " " + product + " " + action + " " + httpStatus + (errorCode == null ? "" : " " + errorCode) + " " + params;
    }
}
