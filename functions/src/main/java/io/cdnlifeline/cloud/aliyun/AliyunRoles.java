package io.cdnlifeline.cloud.aliyun;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.DirectoryApi;
import io.cdnlifeline.cloud.RoleApi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link RoleApi} on STS {@code AssumeRole} and {@link DirectoryApi} on Resource Manager {@code ListAccounts}, in the shapes
 * of api-examples/sts and api-examples/resourcemanager, through the same resilient caller as every product (retries of
 * throttling and 5xx, the client-side rate limit: AssumeRole at STS's 100 calls/s).
 */
public final class AliyunRoles implements RoleApi, DirectoryApi {
    /** ListAccounts' largest page (resourcemanager/README-notes.md). */
    static final int PAGE_SIZE = 100;
    /** More pages than any directory has (a directory holds at most a few thousand accounts); a longer listing is a loop. */
    static final int MAX_PAGES = 1_000;

    private final AcsCaller caller;

    AliyunRoles(AcsCaller caller) {
        this.caller = caller;
    }

    @Override
    public AssumedRole assumeRole(String roleArn, String sessionName, int durationSeconds, String externalId) throws CloudException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("RoleArn", roleArn);
        p.put("RoleSessionName", sessionName);
        p.put("DurationSeconds", String.valueOf(durationSeconds));
        if (externalId != null) p.put("ExternalId", externalId);
        return caller.call(AliyunApi.ASSUME_ROLE, p, r -> {
            JsonObject c = AnswerJson.object(r, "Credentials");
            String id = AnswerJson.text(c, "AccessKeyId");
            String secret = AnswerJson.text(c, "AccessKeySecret");
            String token = AnswerJson.text(c, "SecurityToken");
            String expiration = AnswerJson.text(c, "Expiration");
            if (id == null || secret == null || token == null || expiration == null) {
                throw new IllegalStateException("Credentials without AccessKeyId, AccessKeySecret, SecurityToken or Expiration");
            }
            JsonObject user = r.has("AssumedRoleUser") && r.get("AssumedRoleUser").isJsonObject() ? r.getAsJsonObject("AssumedRoleUser") : null;
            return new AssumedRole(new CloudCredentials(id, secret, token), Instant.parse(expiration), user == null ? null : AnswerJson.text(user, "Arn"));
        });
    }

    @Override
    public List<String> memberAccountIds() throws CloudException {
        List<String> ids = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("PageNumber", String.valueOf(page));
            p.put("PageSize", String.valueOf(PAGE_SIZE));
            int[] total = new int[1];
            List<String> got = caller.call(AliyunApi.LIST_ACCOUNTS, p, r -> {
                total[0] = r.get("TotalCount").getAsInt();
                List<String> out = new ArrayList<>();
                for (JsonObject a : AnswerJson.list(r, "Accounts", "Account")) {
                    String id = AnswerJson.text(a, "AccountId");
                    if (id == null || id.isBlank()) throw new IllegalStateException("an account without AccountId");
                    out.add(id);
                }
                return out;
            });
            ids.addAll(got);
            if (got.isEmpty() || ids.size() >= total[0]) return ids;
        }
        throw new CloudException("Lifeline.UnexpectedResponse", "ListAccounts still had accounts after " + MAX_PAGES + " pages", null, 200, false);
    }
}
