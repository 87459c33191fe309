package io.cdnlifeline.cloud.aliyun;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CloudException;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a failed call (no answer, or what the cloud said) into a {@link CloudException} with the
 * cloud's code, message, RequestId and HTTP status, and decides whether it is worth retrying.
 * Messages never carry secrets: a SignatureDoesNotMatch answer quotes the string to sign (with the
 * SecurityToken), and an I/O error may name a URL, so both are cut or redacted. The codes of calls
 * without an answer are the classic SDK's ({@code SDK.ServerUnreachable}, {@code SDK.ReadTimeout}).
 */
final class CloudErrors {
    private static final Pattern SIGNED_PARAM = Pattern.compile(
            "(?i)(SecurityToken|Signature|AccessKeySecret|x-acs-security-token|BearerToken)(=|%3D|\":\\s*\")[^&\\s\"]*");
    private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s?]*)\\?\\S*");
    private static final Pattern STRING_TO_SIGN = Pattern.compile("(?is)(string\\s*to\\s*sign\\s*(is)?\\s*:?).*");

    /**
     * Client-error codes (4xx) that the API reference documents as "try again later" for the operations the
     * adapters call (api-examples/README.md sections 3-5, cdn/ and dcdn/README-notes.md): retried like
     * throttling, within the same attempts, retry budget and run deadline.
     * <ul>
     * <li>{@code ServiceBusy} (CDN/DCDN domain operations, 403): "The specified Domain is configuring, please retry later";</li>
     * <li>{@code SystemUpgrading} (CDN, 403): "The system is being upgraded, please try again later!";</li>
     * <li>{@code RecordCheckNotAvailable} (Start/BatchStart of CDN and DCDN, 400): "The ICP filing interface is
     *     unavailable. Please try again later.";</li>
     * <li>{@code CheckDomainICPFail} (CheckCdnDomainICP, 400): the filing lookup itself failed, not the filing;</li>
     * <li>{@code UnKnownError} (Alidns Add/UpdateDomainRecord, 400): "There is an unknown error in system.";</li>
     * <li>{@code RecordForbidden.DNSChange} (Alidns, 400): "... because DNS is changing".</li>
     * </ul>
     */
    static final Set<String> TRANSIENT_CLIENT_CODES = Set.of("ServiceBusy", "SystemUpgrading", "RecordCheckNotAvailable",
            "CheckDomainICPFail", "UnKnownError", "RecordForbidden.DNSChange");

    private CloudErrors() {
    }

    /**
     * Whether a failure is worth another attempt: throttling of any kind, the cloud's transient server
     * errors, any 5xx, calls that never got an answer, and the client errors documented as transient
     * ({@link #TRANSIENT_CLIENT_CODES}). Other client errors are final.
     */
    static boolean retryable(String code, int httpStatus) {
        if (code != null) {
            if (code.startsWith("Throttling") || code.equals("ServiceUnavailable") || code.equals("InternalError")
                    || code.equals("SDK.ServerUnreachable") || code.equals("SDK.ReadTimeout")
                    || TRANSIENT_CLIENT_CODES.contains(code)) {
                return true;
            }
            if (code.startsWith("SDK.")) {
                return false;
            }
        }
        return httpStatus >= 500;
    }

    /**
     * An error answer (non-2xx) of the API. {@code HostId} and {@code Recommend} are kept as the cloud wrote them
     * (the link's query is its diagnosis: only signing parameters are masked in it). The body is the documented JSON error shape when the cloud wrote it. */
    static CloudException fromResponse(AliyunApi api, int httpStatus, String body) {
        String code = null;
        String message = null;
        String requestId = null;
        String hostId = null;
        String recommend = null;
        JsonObject error = AnswerJson.parseObject(body);
        if (error != null) {
            code = string(error, "Code", "code");
            message = string(error, "Message", "message");
            requestId = string(error, "RequestId", "requestId");
            hostId = string(error, "HostId", "hostId");
            recommend = string(error, "Recommend", "recommend");
        }
        if (code == null) {
            code = "Http" + httpStatus;
            message = "HTTP " + httpStatus + " without an API error body from " + api.action();
        }
        return new CloudException(code, redact(message == null ? code : message), requestId, httpStatus,
                retryable(code, httpStatus), null, hostId, recommend == null ? null : SIGNED_PARAM.matcher(recommend).replaceAll("$1$2***"));
    }

    /**
     * The call got no answer: {@code SDK.ReadTimeout} when connecting or reading timed out, else
     * {@code SDK.ServerUnreachable} (refused, reset, DNS, TLS), as the classic SDK named them. Only the
     * exception's kind and its redacted message are kept, with the host.
     */
    static CloudException noAnswer(AliyunApi api, String host, IOException e) {
        boolean timeout = e instanceof SocketTimeoutException;
        String code = timeout ? "SDK.ReadTimeout" : "SDK.ServerUnreachable";
        String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + redact(e.getMessage()));
        String message = (timeout ? "timed out calling " : "connection failed calling ") + api.action() + " at " + host + " (" + why + ")";
        return new CloudException(code, message, null, 0, retryable(code, 0), null);
    }

    /** The credentials supplier failed: nothing was sent. */
    static CloudException noCredentials(AliyunApi api, RuntimeException e) {
        return new CloudException("Lifeline.NoCredentials", "no credentials to call " + api.action() + ": " + redact(e.getMessage()),
                null, 0, false, e);
    }

    /** A 2xx answer that does not have the documented shape. */
    static CloudException unexpected(AliyunApi api, String requestId, int httpStatus, String what) {
        return new CloudException("Lifeline.UnexpectedResponse", api.action() + " answered without " + what, requestId,
                httpStatus, false);
    }

    static String redact(String text) {
        if (text == null) return null;
        String t = STRING_TO_SIGN.matcher(text).replaceAll("$1 (omitted)");
        t = URL_QUERY.matcher(t).replaceAll("$1?(query omitted)");
        return SIGNED_PARAM.matcher(t).replaceAll("$1$2***");
    }

    private static String string(JsonObject o, String... names) {
        for (String n : names) {
            JsonElement e = o.get(n);
            if (e != null && !e.isJsonNull() && e.isJsonPrimitive()) return e.getAsString();
        }
        return null;
    }
}
