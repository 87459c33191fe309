package io.cdnlifeline.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failed runs are "could not reach or authenticate" (exit 4), and what they say. */
class AccessProblemTest {
    private static JsonObject report(String... codes) {
        StringBuilder changes = new StringBuilder();
        for (String code : codes) {
            if (changes.length() > 0) changes.append(',');
            changes.append("{\"domain\":\"www.example.com\",\"status\":\"failed\",\"error\":{\"code\":\"").append(code)
                    .append("\",\"message\":\"Specified signature is not matched with our calculation. server string to sign is: (omitted)\"}}");
        }
        return JsonParser.parseString("{\"changes\":[" + changes + "],\"summary\":{\"failed\":" + codes.length + "}}").getAsJsonObject();
    }

    @Test
    void credentialAndConnectionCodesAreAccessProblemsOthersAreNot() {
        assertEquals(AccessProblem.Kind.CREDENTIALS, AccessProblem.kindOf("InvalidAccessKeyId.NotFound"));
        assertEquals(AccessProblem.Kind.CREDENTIALS, AccessProblem.kindOf("SignatureDoesNotMatch"));
        assertEquals(AccessProblem.Kind.CREDENTIALS, AccessProblem.kindOf("InvalidSecurityToken.Expired"));
        assertEquals(AccessProblem.Kind.UNREACHABLE, AccessProblem.kindOf("SDK.ServerUnreachable"));
        assertEquals(AccessProblem.Kind.CLOCK, AccessProblem.kindOf("InvalidTimeStamp.Expired"));
        assertNull(AccessProblem.kindOf("Throttling.User"));
        assertNull(AccessProblem.kindOf("DomainRecordConflict"));
    }

    @Test
    void aRunIsAnAccessProblemOnlyWhenEveryFailureIsOne() {
        assertEquals(AccessProblem.Kind.CREDENTIALS, AccessProblem.of(report("SignatureDoesNotMatch", "Lifeline.NotAttempted")).kind());
        assertEquals(AccessProblem.Kind.CREDENTIALS, AccessProblem.of(report("SDK.ServerUnreachable", "SignatureDoesNotMatch")).kind(),
                "a refused credential is what to fix first");
        assertNull(AccessProblem.of(report("SignatureDoesNotMatch", "DomainRecordConflict")), "something else failed too");
        assertNull(AccessProblem.of(report()));
    }

    @Test
    void aPermissionRefusedIsAnOrdinaryFailureWithAHint() {
        JsonObject r = report("Forbidden.RAM");
        assertNull(AccessProblem.of(r));
        assertTrue(AccessProblem.permissionHint(r).contains("ram-policy.json"), AccessProblem.permissionHint(r));
        assertNull(AccessProblem.permissionHint(report("Throttling.User")));
    }

    @Test
    void theExplanationNamesTheEndpointTheKeyAndWhatToDoWithoutTheStringToSign() {
        String text = AccessProblem.of(report("SignatureDoesNotMatch"))
                .explain("http://127.0.0.1:8787", "access key sandbox-ak from ALIBABA_CLOUD_ACCESS_KEY_ID", 0);
        assertEquals("http://127.0.0.1:8787 refused the credentials: access key sandbox-ak from ALIBABA_CLOUD_ACCESS_KEY_ID"
                + " (SignatureDoesNotMatch: Specified signature is not matched with our calculation.). Check the key and its secret,"
                + " or use other credentials (--profile NAME, or ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET). Nothing was changed.", text);
        String unreachable = AccessProblem.of(report("SDK.ServerUnreachable")).explain(null, "", 3);
        assertTrue(unreachable.startsWith("could not reach the Alibaba Cloud API endpoints") && unreachable.endsWith(
                "3 change(s) were made before; running again is safe."), unreachable);
    }
}
