package io.cdnlifeline.sandbox;

/**
 * One entry of {@code faults.inject}: calls of {@code action} answer the error {@code code} with probability
 * {@code rate} (1 = every call), at most {@code count} times (0 = no limit). A documented code needs only its
 * name: the HTTP status and message come from {@link DocumentedErrors}; any other code must give both.
 * Injected after the signature and QPS checks, and instead of carrying the call out.
 */
public final class ErrorInjection {
    public String action;
    public String code;
    public double rate = 1.0;
    public int count;
    public Integer httpStatus;
    public String message;

    public ErrorInjection() {
    }

    public ErrorInjection(String action, String code, double rate, int count) {
        this.action = action;
        this.code = code;
        this.rate = rate;
        this.count = count;
    }

    /** The error this entry answers; throws IllegalArgumentException when the entry is incomplete or out of range. */
    ApiError error() {
        if (action == null || action.isBlank()) throw new IllegalArgumentException("faults.inject: each entry needs an action");
        if (code == null || code.isBlank()) throw new IllegalArgumentException("faults.inject: the entry for " + action + " needs a code");
        if (!(rate > 0 && rate <= 1)) throw new IllegalArgumentException("faults.inject: rate of " + action + " must be within (0, 1]; got " + rate);
        if (count < 0) throw new IllegalArgumentException("faults.inject: count of " + action + " must be 0 (no limit) or more; got " + count);
        ApiError documented = DocumentedErrors.of(code);
        if (documented == null && (httpStatus == null || message == null)) {
            throw new IllegalArgumentException("faults.inject: " + code + " is not a documented code the sandbox knows ("
                    + String.join(", ", DocumentedErrors.codes()) + "); give its httpStatus and message");
        }
        return new ApiError(httpStatus != null ? httpStatus : documented.httpStatus, code,
                message != null ? message : documented.getMessage());
    }
}
