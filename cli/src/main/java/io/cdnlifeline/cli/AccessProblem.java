package io.cdnlifeline.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A run that failed because the cloud could not be reached or would not take the credentials, read from the
 * Report's failed changes. It says what is wrong and what to do, for the person at the command line: no change
 * can succeed before that is fixed, and retrying does not fix it.
 */
final class AccessProblem {
    enum Kind {
        /** No answer: connection refused, reset, a name that does not resolve, a timeout. */
        UNREACHABLE,
        /** The cloud answered and refused the credentials (unknown key, wrong secret, expired token). */
        CREDENTIALS,
        /** The cloud refused the request's time: this machine's clock is off. */
        CLOCK
    }

    private final Kind kind;
    private final String code;
    private final String message;
    private final int failed;

    private AccessProblem(Kind kind, String code, String message, int failed) {
        this.kind = kind;
        this.code = code;
        this.message = message;
        this.failed = failed;
    }

    /** The kind of access failure of an error code, or null for any other failure. */
    static Kind kindOf(String code) {
        if (code == null) return null;
        if (code.equals("SDK.ServerUnreachable") || code.equals("SDK.ReadTimeout")) return Kind.UNREACHABLE;
        if (code.startsWith("InvalidAccessKeyId") || code.equals("SignatureDoesNotMatch") || code.equals("IncompleteSignature")
                || code.startsWith("InvalidSecurityToken") || code.equals("Lifeline.NoCredentials")
                || code.equals("Forbidden.AccessKeyDisabled")) {
            return Kind.CREDENTIALS;
        }
        if (code.equals("InvalidTimeStamp.Expired")) return Kind.CLOCK;
        return null;
    }

    /**
     * The access problem of a Report whose failed changes all failed for want of access, or null: a run where
     * anything else failed too is an ordinary failed run, whose Report lists what to look at.
     */
    static AccessProblem of(JsonObject report) {
        JsonElement changes = report.get("changes");
        if (changes == null || !changes.isJsonArray()) return null;
        Kind first = null;
        String code = null;
        String message = null;
        int failed = 0;
        for (JsonElement e : changes.getAsJsonArray()) {
            JsonObject c = e.getAsJsonObject();
            if (!"failed".equals(text(c, "status")) || !c.has("error")) continue;
            JsonObject error = c.getAsJsonObject("error");
            String errorCode = text(error, "code");
            Kind k = kindOf(errorCode);
            if (k == null) {
                // A step not attempted because an earlier one of its domain failed says nothing of its own.
                if ("Lifeline.NotAttempted".equals(errorCode)) continue;
                return null;
            }
            failed++;
            if (first == null || k == Kind.CREDENTIALS && first != Kind.CREDENTIALS) {
                first = k;
                code = errorCode;
                message = withoutStringToSign(text(error, "message"));
            }
        }
        return first == null ? null : new AccessProblem(first, code, message, failed);
    }

    /**
     * When the cloud took the credentials but refused an action to them (RAM), what to do about it; else null.
     * Such a run is an ordinary failed run (exit 1): the calls that were allowed did their work.
     */
    static String permissionHint(JsonObject report) {
        JsonElement changes = report.get("changes");
        if (changes == null || !changes.isJsonArray()) return null;
        for (JsonElement e : changes.getAsJsonArray()) {
            JsonObject c = e.getAsJsonObject();
            if (!c.has("error")) continue;
            String code = text(c.getAsJsonObject("error"), "code");
            if (code != null && (code.startsWith("Forbidden.RAM") || code.startsWith("NoPermission") || code.equals("Forbidden.NoPermission"))) {
                return "The credentials lack a permission (" + code + "): give their RAM user or role the policy in ram-policy.json.";
            }
        }
        return null;
    }

    /** Enough of a key id to recognise it: the first and last four characters of a long one; never the secret. */
    static String shortenedKey(String id) {
        if (id == null) return "(none)";
        return id.length() <= 12 ? id : id.substring(0, 4) + "…" + id.substring(id.length() - 4);
    }

    /** A refused signature's message ends in the cloud's string to sign, already omitted: nothing to read there. */
    static String withoutStringToSign(String message) {
        if (message == null) return "";
        int cut = message.toLowerCase(java.util.Locale.ROOT).indexOf(" server string to sign");
        return cut < 0 ? message : message.substring(0, cut).trim();
    }

    Kind kind() {
        return kind;
    }

    /**
     * What went wrong and what to do, in one paragraph.
     * @param endpoint   the URL the calls went to, or null for the real Alibaba Cloud endpoints
     * @param credential where the credentials came from, e.g. "access key LTAI…abcd from ALIBABA_CLOUD_ACCESS_KEY_ID"
     * @param applied    changes made before the failure
     */
    String explain(String endpoint, String credential, long applied) {
        String where = endpoint == null ? "the Alibaba Cloud API endpoints" : endpoint;
        String done = applied == 0 ? "Nothing was changed." : applied + " change(s) were made before; running again is safe.";
        String calls = failed + (failed == 1 ? " call" : " calls");
        switch (kind) {
            case UNREACHABLE:
                return "could not reach " + where + " (" + code + ": " + message + "; " + calls + " failed after retries). "
                        + (endpoint == null
                        ? "Check this machine's network and proxy settings, or send the calls to a sandbox with --endpoint URL. "
                        : "Is the sandbox or endpoint running (lifeline sandbox --port N), and is --endpoint / LIFELINE_ENDPOINT right? ")
                        + done;
            case CLOCK:
                return where + " refused the requests' time (" + code + "): this machine's clock is off. Set it right"
                        + " (e.g. with NTP), then run again. " + done;
            default:
                return where + " refused the credentials: " + credential + " (" + code + ": " + message + "). "
                        + "Check the key and its secret"
                        + (code.startsWith("InvalidSecurityToken") ? " and renew the STS token (ALIBABA_CLOUD_SECURITY_TOKEN)" : "")
                        + ", or use other credentials (--profile NAME, or ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET). " + done;
        }
    }

    private static String text(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v == null || v.isJsonNull() ? null : v.getAsString();
    }
}
