package io.cdnlifeline.cloud.aliyun;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The signed RPC calls of {@code lifeline setup} (and of {@code lifeline uninstall}, which takes setup's resources away): RAM (2015-05-01, {@code ram.aliyuncs.com}) and EventBridge's control
 * plane (2020-04-01, {@code eventbridge.<region>.aliyuncs.com}), through the same client, signature, retries, rate
 * limits and error mapping as every call of the functions ({@link AcsCaller}); the endpoint override sends them to a
 * sandbox like the rest. Only the actions listed in {@link AliyunApi} for those two products can be called.
 * <p>EventBridge answers some refusals as HTTP 200 with {@code "Success": false} and its {@code Code}: those become a
 * {@link CloudException} too, so a caller sees one kind of failure.
 */
public final class ControlPlane {
    private final AcsCaller caller;

    private ControlPlane(AcsCaller caller) {
        this.caller = caller;
    }

    /**
     * @param region           the region of the EventBridge calls (RAM is global)
     * @param endpointOverride every call to this URL (a sandbox), or null for the real endpoints
     * @param credentials      asked before each request is signed
     * @throws IllegalArgumentException for a malformed region or endpoint
     */
    public static ControlPlane create(String region, String endpointOverride, Supplier<CloudCredentials> credentials, CallPolicy policy) {
        Objects.requireNonNull(region, "region");
        return new ControlPlane(AcsCaller.create(region, endpointOverride, Objects.requireNonNull(credentials, "credentials"),
                Objects.requireNonNull(policy, "policy")));
    }

    /** Where RAM calls go, e.g. {@code https://ram.aliyuncs.com}. */
    public String ramEndpoint() {
        return caller.baseUrl(AliyunService.RAM);
    }

    /** Where EventBridge calls go, e.g. {@code https://eventbridge.cn-hangzhou.aliyuncs.com}. */
    public String eventBridgeEndpoint() {
        return caller.baseUrl(AliyunService.EVENTBRIDGE);
    }

    /** One RAM call, e.g. {@code ram("GetRole", Map.of("RoleName", "cdn-lifeline-fc"))}; the whole answer. */
    public JsonObject ram(String action, Map<String, String> params) throws CloudException {
        return caller.call(api(AliyunService.RAM, action), params);
    }

    /** One EventBridge call; an answer that says {@code "Success": false} is thrown as its {@code Code}. */
    public JsonObject eventBridge(String action, Map<String, String> params) throws CloudException {
        AliyunApi api = api(AliyunService.EVENTBRIDGE, action);
        JsonObject answer = caller.call(api, params);
        JsonElement success = answer.get("Success");
        if (success != null && success.isJsonPrimitive() && !success.getAsBoolean()) {
            String code = AnswerJson.text(answer, "Code");
            String message = AnswerJson.text(answer, "Message");
            throw new CloudException(code == null ? "Unsuccessful" : code, message == null ? action + " was not successful" : message,
                    AnswerJson.text(answer, "RequestId"), 200, false);
        }
        return answer;
    }

    private static AliyunApi api(AliyunService service, String action) {
        for (AliyunApi api : AliyunApi.values()) {
            if (api.service() == service && api.action().equals(action)) return api;
        }
        throw new IllegalArgumentException(service + " " + action + " is not an action of lifeline setup or uninstall");
    }
}
