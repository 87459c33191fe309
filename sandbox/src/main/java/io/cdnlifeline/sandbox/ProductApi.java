package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;

/** One emulated product: answers an action from the state (called under the state lock). */
interface ProductApi {
    /** {@code cdn}, {@code dcdn}, {@code alidns} or {@code bssopenapi}. */
    String product();

    /** The HostId an error body names, e.g. {@code cdn.aliyuncs.com}. */
    String hostId();

    /** The success body without RequestId; throws ApiError for error answers. */
    JsonObject call(String action, Params params, SandboxState state);

    static ApiError unknownAction() {
        return new ApiError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    }
}
