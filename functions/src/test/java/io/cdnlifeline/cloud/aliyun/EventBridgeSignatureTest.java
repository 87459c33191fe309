package io.cdnlifeline.cloud.aliyun;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The string PutEvents signs, as the EventBridge SDK's SignatureHelper builds it (method, Content-MD5, Content-Type,
 * Date, the sorted x-acs-* headers as key:value lines, the path), written out here by hand for the documented example's
 * Date; and the answer's failed entries read from the documented response shape.
 */
class EventBridgeSignatureTest {
    @Test
    void theStringToSignHasTheDocumentedPartsInOrderWithTheStsHeaders() {
        String date = "Sat, 18 Apr 2020 05:30:41 GMT";
        String expected = "POST\n\napplication/cloudevents-batch+json; charset=utf-8\n" + date + "\n"
                + "x-acs-accesskey-id:STS.key\nx-acs-security-token:token\n/openapi/putEvents";
        assertEquals(expected, EventBridgePublisher.stringToSign("POST", "", "application/cloudevents-batch+json; charset=utf-8", date,
                Map.of("x-acs-security-token", "token", "x-acs-accesskey-id", "STS.key"), "/openapi/putEvents"));
    }

    @Test
    void theAuthorizationHeaderIsWrittenAsEventBridgesSdkWritesIt() {
        // aliyun/alibabacloud-eventbridge-sdk, Java Client: "acs:" + accessKeyId + ":" + signature
        assertEquals("acs:LTAI-key:c2lnbmF0dXJl", EventBridgePublisher.authorization("LTAI-key", "c2lnbmF0dXJl"));
    }

    @Test
    void failedEntriesAreNamedAndASuccessfulAnswerHasNone() {
        assertEquals(List.of(), EventBridgePublisher.failures(JsonParser.parseString(
                "{\"RequestId\":\"5E9AB1DF333245F1D800****\",\"FailedEntryCount\":0,\"EntryList\":[{\"EventId\":\"a\",\"TraceId\":\"t\"}]}").getAsJsonObject()));
        assertEquals(List.of("b: EventBusNotExist The event bus x does not exist."), EventBridgePublisher.failures(JsonParser.parseString(
                "{\"FailedEntryCount\":1,\"EntryList\":[{\"EventId\":\"a\"},{\"EventId\":\"b\",\"ErrorCode\":\"EventBusNotExist\","
                        + "\"ErrorMessage\":\"The event bus x does not exist.\"}]}").getAsJsonObject()));
    }
}
