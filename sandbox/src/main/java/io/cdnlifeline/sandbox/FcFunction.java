package io.cdnlifeline.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One deployed function of the local FC, kept in the shapes of the FC 3.0 API ({@code Function}, {@code Trigger},
 * {@code AsyncConfig} of {@code @alicloud/fc20230330}), so GetFunction and friends answer what was stored.
 */
public final class FcFunction {
    /** The Function object GetFunction returns. */
    public JsonObject config = new JsonObject();
    /** Trigger objects as GetTrigger returns them. */
    public List<JsonObject> triggers = new ArrayList<>();
    /** The AsyncConfig object, or null when none was put. */
    public JsonObject asyncInvokeConfig;
    /** The uploaded code package on this machine (a jar or zip). */
    public String codeFile;

    public String name() {
        return string(config, "functionName");
    }

    public JsonObject trigger(String triggerName) {
        for (JsonObject t : triggers) {
            if (triggerName.equals(string(t, "triggerName"))) {
                return t;
            }
        }
        return null;
    }

    static String string(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
