package io.cdnlifeline.sandbox;

/** An error answer of the cloud: code, HTTP status and message, sent as {@code {RequestId, HostId, Code, Message, Recommend}}. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String code;
    final int httpStatus;

    ApiError(int httpStatus, String code, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    static ApiError missing(String parameter) {
        return new ApiError(400, "MissingParameter",
                "The input parameter \"" + parameter + "\" that is mandatory for processing this request is not supplied.");
    }

    static ApiError invalid(String parameter) {
        return new ApiError(400, "InvalidParameter", "The specified parameter \"" + parameter + "\" is not valid.");
    }

    static ApiError domainNotFound() {
        // 404 and this wording are the en docs' InvalidDomain.NotFound (README section 3).
        return new ApiError(404, "InvalidDomain.NotFound", "The domain provided does not exist in our records.");
    }

    static ApiError internalError() {
        return new ApiError(500, "InternalError", "The request processing has failed due to some unknown error.");
    }

    static ApiError serviceUnavailable() {
        return new ApiError(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");
    }

    /** The API gateway's flow-control answer (HTTP 400, as the gateway sends it for every product). */
    static ApiError throttled() {
        return new ApiError(400, "Throttling.User", "Request was denied due to user flow control.");
    }
}
