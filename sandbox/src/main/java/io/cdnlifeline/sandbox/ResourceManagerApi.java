package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;

/**
 * Resource Manager (2020-03-31, RPC): the service-linked-role checks the fc3 component makes before it creates an
 * EventBridge trigger ({@code CheckServiceLinkedRoleExistence}, then {@code CreateServiceLinkedRole} when absent), and
 * Resource Directory's {@code ListAccounts} (the central account's members, in the shape of
 * api-examples/resourcemanager/ListAccounts.json).
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

    /** The one resource directory of the sandbox: the central account is its management account. */
    static final String DIRECTORY_ID = "rd-sandbox";
    static final String ROOT_FOLDER = "r-sandbox";

    @Override
    public JsonObject call(String action, Params params, SandboxState state, Caller caller) {
        if (action.equals("ListAccounts")) {
            return listAccounts(params, caller);
        }
        return call(action, params, state);
    }

    /**
     * Only the management account may list (api-examples/resourcemanager/README-notes.md); a central account without
     * members, or a member, answers the documented {@code EntityNotExists.ResourceDirectory} (a member's answer is our
     * choice: the page names no code for it). PageSize 1-100 (default 10), PageNumber from 1.
     */
    private static JsonObject listAccounts(Params params, Caller caller) {
        if (caller.account != caller.root || caller.root.members == null || caller.root.members.isEmpty()) {
            throw new ApiError(404, "EntityNotExists.ResourceDirectory", "The resource directory for the account is not enabled. "
                    + "We recommend that you first enable the resource directory for the account.");
        }
        int size = params.intIn("PageSize", 10, 1, 100, "InvalidParameter.PageSize", "The specified parameter PageSize is invalid.");
        int number = params.intIn("PageNumber", 1, 1, Integer.MAX_VALUE, "InvalidParameter.PageNumber",
                "The specified parameter PageNumber is invalid.");
        java.util.List<SandboxState> members = caller.root.members;
        com.google.gson.JsonArray items = new com.google.gson.JsonArray();
        long from = (long) (number - 1) * size;
        for (long i = from; i < Math.min(members.size(), from + size); i++) {
            SandboxState m = members.get((int) i);
            JsonObject a = new JsonObject();
            a.addProperty("Status", "CreateSuccess");
            a.addProperty("Type", "ResourceAccount");
            a.addProperty("DisplayName", "member-" + m.accountId);
            a.addProperty("FolderId", "fd-sandbox");
            a.addProperty("ResourceDirectoryId", DIRECTORY_ID);
            a.addProperty("JoinTime", "2024-01-01T00:00:00.000Z");
            a.addProperty("AccountId", m.accountId);
            a.addProperty("JoinMethod", "created");
            a.addProperty("ModifyTime", "2024-01-01T00:00:00.000Z");
            a.addProperty("ResourceDirectoryPath", DIRECTORY_ID + "/" + ROOT_FOLDER + "/fd-sandbox/" + m.accountId);
            if ("true".equalsIgnoreCase(params.get("IncludeTags"))) {
                com.google.gson.JsonArray tagList = new com.google.gson.JsonArray();
                if (m.tags != null) {
                    m.tags.forEach((k, v) -> {
                        JsonObject t = new JsonObject();
                        t.addProperty("Key", k);
                        t.addProperty("Value", v);
                        tagList.add(t);
                    });
                }
                a.add("Tags", Json.wrap("Tag", tagList));
            }
            items.add(a);
        }
        JsonObject out = new JsonObject();
        out.addProperty("TotalCount", members.size());
        out.addProperty("PageSize", size);
        out.addProperty("PageNumber", number);
        out.add("Accounts", Json.wrap("Account", items));
        return out;
    }

    @Override
    public JsonObject call(String action, Params params, SandboxState state) {
        if (state.fc == null) {
            // a member has no local FC of its own; its service-linked roles are kept all the same
            state.fc = new LocalFc();
        }
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
