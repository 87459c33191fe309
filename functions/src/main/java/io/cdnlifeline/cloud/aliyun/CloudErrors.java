package io.cdnlifeline.cloud.aliyun;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.cloud.CloudException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns what the SDK and the cloud say about a failed call into a {@link CloudException} with the
 * cloud's code, message, RequestId and HTTP status, and decides whether it is worth retrying.
 * Messages never carry secrets: the SDK's own messages include the signed URL (with SecurityToken and
 * Signature) and a SignatureDoesNotMatch answer quotes the string to sign, so both are cut or redacted.
 */
final class CloudErrors {
    private static final Pattern SIGNED_PARAM = Pattern.compile(
            "(?i)(SecurityToken|Signature|AccessKeySecret|x-acs-security-token|BearerToken)(=|%3D|\":\\s*\")[^&\\s\"]*");
    private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s?]*)\\?\\S*");
    private static final Pattern STRING_TO_SIGN = Pattern.compile("(?is)(string\\s*to\\s*sign\\s*(is)?\\s*:?).*");

    private CloudErrors() {
    }

    /**
     * Whether a failure is worth another attempt: throttling of any kind, the cloud's transient server
     * errors, any 5xx, and calls that never got an answer. Client errors are final.
     */
    static boolean retryable(String code, int httpStatus) {
        if (code != null) {
            if (code.startsWith("Throttling") || code.equals("ServiceUnavailable") || code.equals("InternalError")
                    || code.equals("SDK.ServerUnreachable") || code.equals("SDK.ReadTimeout")) {
                return true;
            }
            if (code.startsWith("SDK.")) {
                return false;
            }
        }
        return httpStatus >= 500;
    }

    /** An error answer (non-2xx) of the API. The body is the documented JSON error shape when the cloud wrote it. */
    static CloudException fromResponse(AliyunApi api, int httpStatus, String body) {
        String code = null;
        String message = null;
        String requestId = null;
        JsonObject error = parseObject(body);
        if (error != null) {
            code = string(error, "Code", "code");
            message = string(error, "Message", "message");
            requestId = string(error, "RequestId", "requestId");
        }
        if (code == null) {
            code = "Http" + httpStatus;
            message = "HTTP " + httpStatus + " without an API error body from " + api.action();
        }
        return new CloudException(code, redact(message == null ? code : message), requestId, httpStatus,
                retryable(code, httpStatus));
    }

    /**
     * A failure the SDK raised itself (no answer, or an answer it could not read). Its messages hold the
     * signed URL, so only the code and the cause's kind are kept, with the host.
     */
    static CloudException fromSdk(AliyunApi api, String host, ClientException e) {
        String code = e.getErrCode() == null ? "SDK.Unknown" : e.getErrCode();
        if (e.getRequestId() != null && !code.startsWith("SDK.")) {
            // An API error the SDK raised from an answer: keep the cloud's words.
            int status = e instanceof ServerException ? 500 : 400;
            return new CloudException(code, redact(e.getErrMsg()), e.getRequestId(), status, retryable(code, status), null);
        }
        Throwable cause = e.getCause();
        String why = cause == null ? redact(e.getErrMsg()) : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + redact(cause.getMessage()));
        String message = describeSdkCode(code) + " " + api.action() + " at " + host + (why == null ? "" : " (" + why + ")");
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

    private static String describeSdkCode(String code) {
        switch (code) {
            case "SDK.ServerUnreachable": return "connection failed calling";
            case "SDK.ReadTimeout": return "read timed out calling";
            default: return code.toLowerCase(Locale.ROOT).startsWith("sdk.") ? "the SDK failed to call" : "failed to call";
        }
    }

    private static JsonObject parseObject(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            JsonElement e = JsonParser.parseString(body);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String string(JsonObject o, String... names) {
        for (String n : names) {
            JsonElement e = o.get(n);
            if (e != null && !e.isJsonNull() && e.isJsonPrimitive()) return e.getAsString();
        }
        return null;
    }
}
