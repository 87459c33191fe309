package io.cdnlifeline.cloud.aliyun;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.watch.EventPublisher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * EventBridge's {@code PutEvents}: REST, not RPC. {@code POST /openapi/putEvents} on
 * {@code <accountId>.eventbridge.<region>.aliyuncs.com} with {@code x-eventbridge-version: 2020-04-01} and the body a
 * JSON array of CloudEvents ({@code application/cloudevents-batch+json}), at most 16 a request; signed
 * {@code acs:<AccessKeyId>:<Base64 HMAC-SHA1>} over the method, Content-MD5, Content-Type, Date, the sorted
 * {@code x-acs-*} headers and the path (the EventBridge SDK's SignatureHelper; the Authorization form is the one its
 * Java {@code Client} sends, {@code "acs:" + accessKeyId + ":" + signature}, aliyun/alibabacloud-eventbridge-sdk, not the
 * {@code acs <id>:<sig>} the API reference's examples print); STS
 * credentials add {@code x-acs-accesskey-id} and {@code x-acs-security-token}. The answer names the events that failed
 * ({@code FailedEntryCount}, {@code EntryList[].ErrorCode}).
 */
public final class EventBridgePublisher implements EventPublisher {
    static final String VERSION = "2020-04-01";
    static final String PATH = "/openapi/putEvents";
    static final int MAX_EVENTS = 16;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);
    private static final String CONTENT_TYPE = "application/cloudevents-batch+json; charset=utf-8";

    private final String baseUrl;
    private final Supplier<CloudCredentials> credentials;

    public EventBridgePublisher(String baseUrl, Supplier<CloudCredentials> credentials) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** EventBridge's documented endpoint of an account and region. */
    public static String endpoint(String accountId, String region) {
        return "https://" + accountId + ".eventbridge." + region + ".aliyuncs.com";
    }

    @Override
    public void publish(List<JsonObject> events) throws CloudException {
        for (int i = 0; i < events.size(); i += MAX_EVENTS) {
            publishBatch(events.subList(i, Math.min(events.size(), i + MAX_EVENTS)));
        }
    }

    private void publishBatch(List<JsonObject> batch) throws CloudException {
        JsonArray array = new JsonArray();
        batch.forEach(array::add);
        byte[] body = array.toString().getBytes(StandardCharsets.UTF_8);
        CloudException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                once(body);
                return;
            } catch (CloudException e) {
                last = e;
                if (!e.retryable()) throw e;
            }
            try {
                Thread.sleep(200L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw last;
    }

    private void once(byte[] body) throws CloudException {
        CloudCredentials c = credentials.get();
        Map<String, String> acs = new TreeMap<>();
        if (c.securityToken() != null && !c.securityToken().isEmpty()) {
            acs.put("x-acs-accesskey-id", c.accessKeyId());
            acs.put("x-acs-security-token", c.securityToken());
        }
        String date = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        String signature = OssStore.hmacSha1(c.accessKeySecret(), stringToSign("POST", "", CONTENT_TYPE, date, acs, PATH));
        try {
            HttpURLConnection h = (HttpURLConnection) new URL(baseUrl + PATH).openConnection();
            h.setRequestMethod("POST");
            h.setDoOutput(true);
            h.setConnectTimeout(3_000);
            h.setReadTimeout(10_000);
            h.setFixedLengthStreamingMode(body.length);
            h.setRequestProperty("Accept", "application/json");
            h.setRequestProperty("Content-Type", CONTENT_TYPE);
            h.setRequestProperty("Date", date);
            h.setRequestProperty("User-Agent", RpcClient.USER_AGENT);
            h.setRequestProperty("x-eventbridge-version", VERSION);
            for (Map.Entry<String, String> e : acs.entrySet()) h.setRequestProperty(e.getKey(), e.getValue());
            h.setRequestProperty("Authorization", authorization(c.accessKeyId(), signature));
            try (OutputStream out = h.getOutputStream()) {
                out.write(body);
            }
            int status = h.getResponseCode();
            String requestId = h.getHeaderField("x-eventbridge-request-id");
            String text = read(status / 100 == 2 ? h.getInputStream() : h.getErrorStream());
            JsonObject answer = AnswerJson.parseObject(text);
            if (status / 100 != 2) {
                String code = answer == null ? null : first(AnswerJson.text(answer, "code"), AnswerJson.text(answer, "Code"));
                String message = answer == null ? null : first(AnswerJson.text(answer, "message"), AnswerJson.text(answer, "Message"));
                throw new CloudException(code == null ? "EventBridge.Http" + status : code,
                        "EventBridge PutEvents answered HTTP " + status + (message == null ? "" : ": " + message), requestId, status,
                        status >= 500 || status == 429);
            }
            List<String> failed = failures(answer);
            if (!failed.isEmpty()) {
                throw new CloudException("EventBridge.FailedEntries", "EventBridge PutEvents did not take " + failed.size() + " event(s): "
                        + String.join("; ", failed), requestId, status, false);
            }
        } catch (IOException e) {
            throw new CloudException("Lifeline.ConnectionFailed", "EventBridge PutEvents failed: " + e, null, 0, true, e);
        }
    }

    /** The events the answer says failed ("id: code message"); none when FailedEntryCount is 0. */
    static List<String> failures(JsonObject answer) {
        List<String> out = new ArrayList<>();
        if (answer == null) return out;
        JsonElement count = answer.get("FailedEntryCount");
        if (count == null || !count.isJsonPrimitive() || count.getAsInt() == 0) return out;
        JsonElement list = answer.get("EntryList");
        if (list != null && list.isJsonArray()) {
            for (JsonElement e : list.getAsJsonArray()) {
                if (!e.isJsonObject()) continue;
                JsonObject entry = e.getAsJsonObject();
                String code = AnswerJson.text(entry, "ErrorCode");
                if (code != null && !code.isEmpty()) {
                    out.add(AnswerJson.text(entry, "EventId") + ": " + code + " " + first(AnswerJson.text(entry, "ErrorMessage"), ""));
                }
            }
        }
        if (out.isEmpty()) out.add(count.getAsInt() + " failed entries");
        return out;
    }

    /** The Authorization header as EventBridge's SDK writes it: {@code acs:<AccessKeyId>:<signature>}. */
    static String authorization(String accessKeyId, String signature) {
        return "acs:" + accessKeyId + ":" + signature;
    }

    /** The string to sign: method, Content-MD5, Content-Type, Date, the sorted x-acs-* headers, the path. */
    static String stringToSign(String method, String contentMd5, String contentType, String date, Map<String, String> acs, String path) {
        StringBuilder b = new StringBuilder();
        b.append(method).append('\n').append(contentMd5).append('\n').append(contentType).append('\n').append(date).append('\n');
        for (Map.Entry<String, String> e : new TreeMap<>(acs).entrySet()) {
            b.append(e.getKey().toLowerCase(Locale.ROOT)).append(':').append(e.getValue().trim()).append('\n');
        }
        return b.append(path).toString();
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) return "";
        try (InputStream i = in) {
            return new String(i.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
