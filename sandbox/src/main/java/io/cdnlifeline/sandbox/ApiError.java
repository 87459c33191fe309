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

    /** The gateway's answer for an absent required parameter: {@code MissingDomainName}, "DomainName is mandatory for this action." */
    static ApiError missing(String parameter) {
        String name = parameter.endsWith(".1") ? parameter.substring(0, parameter.length() - 2) : parameter;
        return new ApiError(400, "Missing" + name.replace(".", ""), name + " is mandatory for this action.");
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
