package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;

/**
 * Resource Manager (2020-03-31, RPC): the service-linked-role checks the fc3 component makes before it creates an
 * EventBridge trigger ({@code CheckServiceLinkedRoleExistence}, then {@code CreateServiceLinkedRole} when absent).
 */
final class ResourceManagerApi implements ProductApi {
    @Override
    public String product() {
        return "resourcemanager";
    }

    @Override
    public String hostId() {
        return "resourcemanager.aliyuncs.com";
    }

    @Override
    public JsonObject call(String action, Params params, SandboxState state) {
        switch (action) {
            case "CheckServiceLinkedRoleExistence": {
                String service = params.require("ServiceName");
                JsonObject o = new JsonObject();
                o.addProperty("Exists", state.fc.serviceLinkedRoles.contains(service));
                return o;
            }
            case "CreateServiceLinkedRole": {
                String service = params.require("ServiceName");
                if (state.fc.serviceLinkedRoles.contains(service)) {
                    throw new ApiError(409, "EntityAlreadyExists.Role", "The role already exists: " + roleName(service));
                }
                state.fc.serviceLinkedRoles.add(service);
                JsonObject role = new JsonObject();
                role.addProperty("RoleName", roleName(service));
                role.addProperty("Arn", "acs:ram::" + state.fc.accountId + ":role/" + roleName(service).toLowerCase());
                role.addProperty("RoleId", Long.toUnsignedString(FcCodeStore.crc64(service.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
                role.addProperty("RolePrincipalName", roleName(service) + "@role." + state.fc.accountId + ".onaliyunservice.com");
                role.addProperty("Description", "service-linked role of " + service);
                role.addProperty("IsServiceLinkedRole", true);
                role.addProperty("CreateDate", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
                JsonObject o = new JsonObject();
                o.add("Role", role);
                return o;
            }
            default:
                throw ProductApi.unknownAction();
        }
    }

    /** {@code sendevent-fc.eventbridge.aliyuncs.com} -> {@code AliyunServiceRoleForEventBridgeSendToFC}-like names. */
    static String roleName(String service) {
        StringBuilder sb = new StringBuilder("AliyunServiceRoleFor");
        for (String part : service.replace(".aliyuncs.com", "").split("[.-]")) {
            if (!part.isEmpty()) sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }
}
