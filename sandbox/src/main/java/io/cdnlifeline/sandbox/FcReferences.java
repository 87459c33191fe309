package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a function or trigger names outside itself, checked as FC checks it when it is created: the role is a RAM
 * role ARN of this account, and an EventBridge trigger needs EventBridge's service-linked role (the fc3 component
 * asks Resource Manager to create it first).
 */
final class FcReferences {
    private static final Pattern ROLE = Pattern.compile("acs:ram::(\\d+):role/([\\w.@-]+)", Pattern.CASE_INSENSITIVE);
    static final String EVENTBRIDGE_SEND_TO_FC = "sendevent-fc.eventbridge.aliyuncs.com";

    private FcReferences() {
    }

    static void check(SandboxState s, JsonObject function) {
        String role = FcRules.str(function, "role");
        if (role != null && !role.isEmpty()) {
            Matcher m = ROLE.matcher(role);
            if (!m.matches()) {
                throw FcRules.invalid("role \"" + role + "\" is not a RAM role ARN (acs:ram::<account id>:role/<name>)");
            }
            if (!m.group(1).equals(s.fc.accountId)) {
                throw new ApiError(403, "AccessDenied", "role " + role + " belongs to account " + m.group(1)
                        + ", not to this account " + s.fc.accountId);
            }
        }
    }

    static void checkTrigger(SandboxState s, JsonObject trigger) {
        if ("eventbridge".equals(FcRules.str(trigger, "triggerType")) && !s.fc.serviceLinkedRoles.contains(EVENTBRIDGE_SEND_TO_FC)) {
            throw new ApiError(403, "AccessDenied", "EventBridge has no service-linked role " + EVENTBRIDGE_SEND_TO_FC
                    + " in this account (Resource Manager CreateServiceLinkedRole)");
        }
    }
}
