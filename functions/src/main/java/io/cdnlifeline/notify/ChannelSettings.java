package io.cdnlifeline.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.cdnlifeline.notify.NotifySettings.value;

/** The channels of the LIFELINE_NOTIFY_* variables; a malformed one is an error naming the variable, never its value. */
final class ChannelSettings {
    private ChannelSettings() {
    }

    static List<Channel> read(Map<String, String> env) {
        List<Channel> out = new ArrayList<>();
        String dingtalk = value(env, "LIFELINE_NOTIFY_DINGTALK");
        String dingtalkSecret = value(env, "LIFELINE_NOTIFY_DINGTALK_SECRET");
        if (dingtalk != null) {
            if (dingtalkSecret != null && !dingtalkSecret.startsWith("SEC")) {
                throw new IllegalArgumentException("LIFELINE_NOTIFY_DINGTALK_SECRET must be the robot's signing secret, which starts with SEC");
            }
            out.add(new DingTalkChannel(url(env, "LIFELINE_NOTIFY_DINGTALK"), dingtalkSecret));
        } else if (dingtalkSecret != null) {
            throw new IllegalArgumentException("LIFELINE_NOTIFY_DINGTALK_SECRET is set but LIFELINE_NOTIFY_DINGTALK (the robot's URL) is not");
        }
        if (value(env, "LIFELINE_NOTIFY_WECOM") != null) out.add(new WeComChannel(url(env, "LIFELINE_NOTIFY_WECOM")));
        String feishuSecret = value(env, "LIFELINE_NOTIFY_FEISHU_SECRET");
        if (value(env, "LIFELINE_NOTIFY_FEISHU") != null) {
            out.add(new FeishuChannel(url(env, "LIFELINE_NOTIFY_FEISHU"), feishuSecret));
        } else if (feishuSecret != null) {
            throw new IllegalArgumentException("LIFELINE_NOTIFY_FEISHU_SECRET is set but LIFELINE_NOTIFY_FEISHU (the bot's URL) is not");
        }
        if (value(env, "LIFELINE_NOTIFY_SLACK") != null) out.add(new SlackChannel(url(env, "LIFELINE_NOTIFY_SLACK")));
        String webhookSecret = value(env, "LIFELINE_NOTIFY_WEBHOOK_SECRET");
        if (value(env, "LIFELINE_NOTIFY_WEBHOOK") != null) {
            out.add(new WebhookChannel(url(env, "LIFELINE_NOTIFY_WEBHOOK"), webhookSecret));
        } else if (webhookSecret != null) {
            throw new IllegalArgumentException("LIFELINE_NOTIFY_WEBHOOK_SECRET is set but LIFELINE_NOTIFY_WEBHOOK is not");
        }
        return out;
    }

    /** An http(s) URL with a host; the error never repeats the value (it holds the robot's token). */
    static String url(Map<String, String> env, String name) {
        String v = value(env, name);
        try {
            URI u = new URI(v);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && u.getHost() != null && !u.getHost().isEmpty()) return v;
        } catch (java.net.URISyntaxException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be an https:// URL (http:// only for a local receiver); "
                + "the value set is not one (not repeated here: it holds the robot's token)");
    }

}
