package io.cdnlifeline.notify;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.report.Report;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each channel against a local receiver that checks what the real one checks: the signature, computed here
 * from the channel's documented algorithm (not with the code under test), the body's shape, the size limits.
 */
class ChannelSignatureTest {
    private static final String DINGTALK_SECRET = "SEC0123456789abcdef0123456789abcdef";
    private static final String FEISHU_SECRET = "feishu-secret-xyz";
    private static final String WEBHOOK_SECRET = "webhook-secret-123";

    private static byte[] hmacSha256(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static Report send(Map<String, String> env, Report report) {
        Notifier n = new Notifier(NotifySettings.fromMap(env));
        return n.afterRun(report, RunFacts.builder().trigger("timer:every-5-minutes").reason("every 5 minutes").account("1234567890").build(),
                System.currentTimeMillis() + 10_000, line -> { });
    }

    @Test
    void dingTalkSignsTheUrlWithTheTimestampInMillisecondsAndTheSecretAsKey() throws Exception {
        try (Receiver robot = Receiver.start()) {
            // given a signed DingTalk robot
            String url = robot.url("/robot/send?access_token=tok123");
            long before = System.currentTimeMillis();
            // when a run that switched a domain is told
            Report out = send(Map.of("LIFELINE_NOTIFY_DINGTALK", url, "LIFELINE_NOTIFY_DINGTALK_SECRET", DINGTALK_SECRET),
                    TestReports.applied(1));
            // then one request came, with the token kept and timestamp + sign as DingTalk computes them
            assertEquals(1, robot.got().size());
            Receiver.Got got = robot.got().get(0);
            assertEquals("tok123", got.query("access_token"));
            String timestamp = got.query("timestamp");
            assertNotNull(timestamp);
            long ts = Long.parseLong(timestamp);
            assertTrue(ts >= before && ts <= System.currentTimeMillis(), "timestamp in milliseconds of now");
            String expected = Base64.getEncoder().encodeToString(
                    hmacSha256(DINGTALK_SECRET.getBytes(StandardCharsets.UTF_8), (timestamp + "\n" + DINGTALK_SECRET).getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, URLDecoder.decode(got.query("sign"), StandardCharsets.UTF_8));
            JsonObject body = JsonParser.parseString(got.text()).getAsJsonObject();
            assertEquals("markdown", body.get("msgtype").getAsString());
            String text = body.getAsJsonObject("markdown").get("text").getAsString();
            assertTrue(text.contains("site0.example.com"), text);
            assertTrue(text.contains("type CNAME -> A"), text);
            assertTrue(text.contains("value site0.example.com.w.kunlunsl.com -> 203.0.113.10"), text);
            assertTrue(text.contains("account 1234567890") && text.contains("timer:every-5-minutes") && text.contains("req-applied"), text);
            assertTrue(body.getAsJsonObject("markdown").get("title").getAsString().contains("dns-to-origin"));
            assertTrue(out.notes().contains("notify: digest sent to dingtalk"), out.notes().toString());
        }
    }

    @Test
    void feishuSignsTheBodyWithTheTimestampInSecondsAndTheSecretInTheKey() throws Exception {
        try (Receiver bot = Receiver.start().answering(200, "{\"code\":0,\"msg\":\"success\"}")) {
            long before = System.currentTimeMillis() / 1000;
            Report out = send(Map.of("LIFELINE_NOTIFY_FEISHU", bot.url("/open-apis/bot/v2/hook/abc"), "LIFELINE_NOTIFY_FEISHU_SECRET", FEISHU_SECRET),
                    TestReports.applied(2));
            assertEquals(1, bot.got().size());
            JsonObject body = JsonParser.parseString(bot.got().get(0).text()).getAsJsonObject();
            String timestamp = body.get("timestamp").getAsString();
            long ts = Long.parseLong(timestamp);
            assertTrue(ts >= before && ts <= System.currentTimeMillis() / 1000, "timestamp in seconds of now");
            String expected = Base64.getEncoder().encodeToString(
                    hmacSha256((timestamp + "\n" + FEISHU_SECRET).getBytes(StandardCharsets.UTF_8), new byte[0]));
            assertEquals(expected, body.get("sign").getAsString());
            assertEquals("text", body.get("msg_type").getAsString());
            String text = body.getAsJsonObject("content").get("text").getAsString();
            assertTrue(text.contains("site1.example.com") && !text.contains("**"), text);
            assertTrue(out.notes().contains("notify: digest sent to feishu"), out.notes().toString());
        }
    }

    @Test
    void theWebhookBodyIsTheDigestAsJsonSignedWithHmacSha256InHex() throws Exception {
        try (Receiver hook = Receiver.start().answering(204, "")) {
            send(Map.of("LIFELINE_NOTIFY_WEBHOOK", hook.url("/hooks/lifeline"), "LIFELINE_NOTIFY_WEBHOOK_SECRET", WEBHOOK_SECRET),
                    TestReports.run("req-w").change(TestReports.switched("www.example.com", io.cdnlifeline.report.ChangeStatus.APPLIED))
                            .change(TestReports.failedSwitch("img.example.com", "Throttling.User")).build());
            Receiver.Got got = hook.got().get(0);
            StringBuilder hex = new StringBuilder();
            for (byte b : hmacSha256(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), got.body)) hex.append(String.format("%02x", b));
            assertEquals("sha256=" + hex, got.headers.get("X-Lifeline-Signature"));
            JsonObject digest = JsonParser.parseString(got.text()).getAsJsonObject();
            assertEquals("run", digest.get("kind").getAsString(), "no FC retries configured: not 'after FC's retries'");
            assertTrue(digest.get("lastAttempt").getAsBoolean());
            assertEquals("dns-to-origin", digest.get("function").getAsString());
            assertEquals("req-w", digest.get("requestId").getAsString());
            assertEquals(1, digest.getAsJsonObject("counts").get("applied").getAsInt());
            assertEquals(1, digest.getAsJsonObject("counts").get("failed").getAsInt());
            JsonObject failedItem = null;
            for (JsonElement d : digest.getAsJsonArray("domains")) {
                JsonObject dom = d.getAsJsonObject();
                if (dom.get("domain").getAsString().equals("img.example.com")) failedItem = dom.getAsJsonArray("items").get(0).getAsJsonObject();
            }
            assertNotNull(failedItem);
            JsonObject error = failedItem.getAsJsonObject("error");
            assertEquals("Throttling.User", error.get("code").getAsString());
            assertEquals("5D3E-REQ-1", error.get("requestId").getAsString());
            assertEquals("https://api.aliyun.com/troubleshoot?q=Throttling.User&product=Alidns", error.get("recommend").getAsString());
            assertEquals("CNAME", failedItem.getAsJsonObject("before").get("type").getAsString());
            assertEquals("A", failedItem.getAsJsonObject("after").get("type").getAsString());
        }
    }

    @Test
    void weComMarkdownStaysWithin4096BytesAndCountsTheDomainsLeftOut() throws Exception {
        try (Receiver robot = Receiver.start()) {
            // given a run that switched 300 domains (far more than 4,096 bytes of text), with multi-byte text in it
            Report big = TestReports.applied(300).toBuilder().note("中文说明").build();
            send(Map.of("LIFELINE_NOTIFY_WECOM", robot.url("/cgi-bin/webhook/send?key=k1")), big);
            // then one message, within the limit, saying how many domains are not in it
            assertEquals(1, robot.got().size(), "one message, never a storm");
            JsonObject body = JsonParser.parseString(robot.got().get(0).text()).getAsJsonObject();
            assertEquals("markdown", body.get("msgtype").getAsString());
            String content = body.getAsJsonObject("markdown").get("content").getAsString();
            int bytes = content.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= 4096, "content is " + bytes + " bytes");
            assertTrue(bytes > 3000, "the budget is used, not wasted: " + bytes);
            int shown = count(content, "\n- **");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("… and (\\d+) more domain\\(s\\) not shown").matcher(content);
            assertTrue(m.find(), content);
            assertEquals(300, shown + Integer.parseInt(m.group(1)), "shown + left out = all");
        }
    }

    @Test
    void dingTalkTextAndFeishuBodyStayWithinTheirLimits() throws Exception {
        try (Receiver robot = Receiver.start(); Receiver bot = Receiver.start().answering(200, "{\"code\":0}")) {
            Report big = TestReports.applied(500);
            send(Map.of("LIFELINE_NOTIFY_DINGTALK", robot.url("/robot/send?access_token=t"), "LIFELINE_NOTIFY_FEISHU", bot.url("/hook/f"),
                    "LIFELINE_NOTIFY_FEISHU_SECRET", FEISHU_SECRET), big);
            String text = JsonParser.parseString(robot.got().get(0).text()).getAsJsonObject().getAsJsonObject("markdown").get("text").getAsString();
            int textBytes = text.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(textBytes <= 20_000 && textBytes > 15_000, "DingTalk text of " + textBytes + " bytes");
            assertTrue(text.contains("more domain(s) not shown"), "cut with a count");
            int bodyBytes = bot.got().get(0).body.length;
            assertTrue(bodyBytes <= 20 * 1024 && bodyBytes > 15_000, "Feishu body of " + bodyBytes + " bytes");
            assertTrue(bot.got().get(0).text().contains("more domain(s) not shown"), "cut with a count");
        }
    }

    @Test
    void slackGetsBlockKitWithinItsLimitsAndATextFallback() throws Exception {
        try (Receiver hook = Receiver.start().answering(200, "ok")) {
            Report out = send(Map.of("LIFELINE_NOTIFY_SLACK", hook.url("/services/T0/B0/xyz")), TestReports.applied(400));
            assertEquals(1, hook.got().size());
            JsonObject body = JsonParser.parseString(hook.got().get(0).text()).getAsJsonObject();
            assertTrue(body.get("text").getAsString().startsWith("cdn-lifeline dns-to-origin: applied 400"), body.get("text").getAsString());
            JsonArray blocks = body.getAsJsonArray("blocks");
            assertTrue(blocks.size() <= 50, blocks.size() + " blocks");
            assertEquals("header", blocks.get(0).getAsJsonObject().get("type").getAsString());
            assertTrue(blocks.get(0).getAsJsonObject().getAsJsonObject("text").get("text").getAsString().length() <= 150);
            int shown = 0;
            String last = "";
            for (int i = 1; i < blocks.size(); i++) {
                JsonObject b = blocks.get(i).getAsJsonObject();
                assertEquals("section", b.get("type").getAsString());
                String text = b.getAsJsonObject("text").get("text").getAsString();
                assertEquals("mrkdwn", b.getAsJsonObject("text").get("type").getAsString());
                assertTrue(text.length() <= 3000, "section of " + text.length() + " chars");
                shown += count("\n" + text, "\n- *");
                last = text;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("… and (\\d+) more domain\\(s\\) not shown").matcher(last);
            assertTrue(m.find(), last);
            assertEquals(400, shown + Integer.parseInt(m.group(1)));
            assertTrue(out.notes().contains("notify: digest sent to slack"));
        }
    }

    @Test
    void aReceiverThatTakesTheRequestButRefusesTheMessageIsAFailedDelivery() throws Exception {
        try (Receiver robot = Receiver.start().answering(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}")) {
            Report out = send(Map.of("LIFELINE_NOTIFY_DINGTALK", robot.url("/robot/send?access_token=tok9")), TestReports.applied(1));
            assertEquals(1, robot.got().size(), "a refusal of the message itself is not retried");
            List<String> notes = new ArrayList<>(out.notes());
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("notify: dingtalk did not take the digest")), notes.toString());
            assertFalse(notes.toString().contains("tok9"), "the robot's token is never printed");
        }
    }

    @Test
    void messagesToOneRobotAreSpacedByItsRateLimit() {
        // given one Feishu bot (5 messages a second) and one DingTalk robot (20 a minute)
        Channel feishu = new FeishuChannel("http://127.0.0.1:9/open-apis/bot/v2/hook/rate-test", null);
        Channel dingtalk = new DingTalkChannel("http://127.0.0.1:9/robot/send?access_token=rate-test", null);
        long deadline = System.nanoTime() + 10_000_000_000L;
        // when four messages to the bot are paced one after the other
        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            slots.add(Sender.pace(feishu, deadline));
            // then none goes before its slot
            assertTrue(System.nanoTime() >= slots.get(i), "message " + i + " waited for its slot");
        }
        // and the slots are 200 ms apart
        for (int i = 1; i < slots.size(); i++) assertEquals(200_000_000L, slots.get(i) - slots.get(i - 1));
        // when the DingTalk robot's next slot is 3 s away but the notify step has 100 ms left, it waits 100 ms, not 3 s
        Sender.pace(dingtalk, deadline);
        long t = System.nanoTime();
        long slot = Sender.pace(dingtalk, t + 100_000_000L);
        long waited = (System.nanoTime() - t) / 1_000_000;
        assertTrue(slot - t > 2_000_000_000L, "the slot is about 3 s away");
        assertTrue(waited >= 99 && waited < 2_000, "waited " + waited + " ms");
    }

    @Test
    void aCrashFromBadInputThatAPersonTypedIsNotToldButOneATriggerDeliveredIs() throws Exception {
        try (Receiver hook = Receiver.start().answering(200, "{}")) {
            Notifier n = new Notifier(NotifySettings.fromMap(Map.of("LIFELINE_NOTIFY_WEBHOOK", hook.url("/h"))));
            io.cdnlifeline.event.BadInputException bad = new io.cdnlifeline.event.BadInputException("name the domains");
            n.afterCrash("disable-domain", "r1", bad, RunFacts.builder().trigger("manual").build(), System.currentTimeMillis() + 5_000, l -> { });
            assertEquals(0, hook.got().size());
            n.afterCrash("disable-domain", "r2", bad, RunFacts.builder().trigger("timer:x").build(), System.currentTimeMillis() + 5_000, l -> { });
            assertEquals(1, hook.got().size());
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
