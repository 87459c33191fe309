package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;

/** One emulated product: answers an action from the state (called under the state lock). */
interface ProductApi {
    /** {@code cdn}, {@code dcdn}, {@code vod}, {@code live}, {@code alidns} or {@code bssopenapi}. */
    String product();

    /** The HostId an error body names, e.g. {@code cdn.aliyuncs.com}. */
    String hostId();

    /** The success body without RequestId; throws ApiError for error answers. */
    JsonObject call(String action, Params params, SandboxState state);

    /**
     * The same, told who signed the call ({@code state} is the caller's account): STS and Resource Manager look at the
     * caller and at the other accounts; every other product works on the caller's account alone.
     */
    default JsonObject call(String action, Params params, SandboxState state, Caller caller) {
        return call(action, params, state);
    }

    /** What every call answers while the account has not activated the product ({@code account.notActivated}). */
    default ApiError notActivated() {
        return new ApiError(403, "OperationDenied", "Your account does not open " + product().toUpperCase(java.util.Locale.ROOT)
                + " service yet.");
    }

    /** What every call answers while the caller may not use the product ({@code account.notAuthorized}: RAM denies it). */
    default ApiError forbidden() {
        return new ApiError(403, "Forbidden", "User not authorized to operate on the specified resource.");
    }

    static ApiError unknownAction() {
        return new ApiError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    }
}
