package io.cdnlifeline.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the digest of a run goes, read from the environment like every other setting (template.yml passes the
 * variables from the deploy environment; the command line reads them too). Empty means off. A malformed value is
 * an error at start-up; the message names the variable, never its value (robot URLs carry their access tokens).
 * <pre>
 * LIFELINE_NOTIFY_DINGTALK         DingTalk robot webhook URL
 * LIFELINE_NOTIFY_DINGTALK_SECRET  its signing secret (SEC...): timestamp + sign in the URL
 * LIFELINE_NOTIFY_WECOM            WeCom group robot webhook URL
 * LIFELINE_NOTIFY_FEISHU           Feishu/Lark custom bot webhook URL
 * LIFELINE_NOTIFY_FEISHU_SECRET    its signing secret: timestamp + sign in the body
 * LIFELINE_NOTIFY_SLACK            Slack incoming webhook URL
 * LIFELINE_NOTIFY_WEBHOOK          any endpoint: the digest as JSON
 * LIFELINE_NOTIFY_WEBHOOK_SECRET   signs the body: X-Lifeline-Signature: sha256=&lt;hex HMAC-SHA256&gt;
 * LIFELINE_NOTIFY_REPEAT           an unchanged finding is told again after this long        (default 6h)
 * LIFELINE_NOTIFY_TIMEOUT          the most the notify step may take, all channels together (default 5s)
 * LIFELINE_NOTIFY_MEMORY           file of the findings already told (an OSS object through FC's OSS mount);
 *                                  unset: the function instance remembers them while it lives
 * LIFELINE_ASYNC_RETRIES           FC's maxAsyncRetryAttempts (template.yml sets both from one value): the
 *                                  attempt with that retry count is the last; unset: 0, every attempt is the last
 * </pre>
 */
public final class NotifySettings {
    static final Duration DEFAULT_REPEAT = Duration.ofHours(6);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final List<String> CHANNEL_VARIABLES = List.of("LIFELINE_NOTIFY_DINGTALK", "LIFELINE_NOTIFY_DINGTALK_SECRET",
            "LIFELINE_NOTIFY_WECOM", "LIFELINE_NOTIFY_FEISHU", "LIFELINE_NOTIFY_FEISHU_SECRET", "LIFELINE_NOTIFY_SLACK",
            "LIFELINE_NOTIFY_WEBHOOK", "LIFELINE_NOTIFY_WEBHOOK_SECRET");

    private final List<Channel> channels;
    private final Duration repeat;
    private final Duration timeout;
    private final String memoryFile;
    private final io.cdnlifeline.state.StateLocation state;
    private final int asyncRetries;

    private NotifySettings(Builder b) {
        this.channels = Collections.unmodifiableList(new ArrayList<>(b.channels));
        this.repeat = b.repeat;
        this.timeout = b.timeout;
        this.memoryFile = b.memoryFile;
        this.state = b.state;
        this.asyncRetries = b.asyncRetries;
    }

    public static NotifySettings off() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.channels.addAll(channels);
        b.repeat = repeat;
        b.timeout = timeout;
        b.memoryFile = memoryFile;
        b.state = state;
        b.asyncRetries = asyncRetries;
        return b;
    }

    /** Reads the LIFELINE_NOTIFY_* variables; throws IllegalArgumentException naming the variable that is wrong. */
    public static NotifySettings fromMap(Map<String, String> env) {
        Builder b = builder();
        for (String name : CHANNEL_VARIABLES) {
            if (value(env, name) != null) {
                // Only now are the channel classes loaded: a function with no channel does not pay for them at cold start.
                ChannelSettings.read(env).forEach(b::channel);
                break;
            }
        }
        String v;
        if ((v = value(env, "LIFELINE_NOTIFY_REPEAT")) != null) b.repeat(duration("LIFELINE_NOTIFY_REPEAT", v, Duration.ofMinutes(1), Duration.ofDays(30)));
        if ((v = value(env, "LIFELINE_NOTIFY_TIMEOUT")) != null) b.timeout(duration("LIFELINE_NOTIFY_TIMEOUT", v, Duration.ofMillis(100), Duration.ofSeconds(60)));
        if ((v = value(env, "LIFELINE_NOTIFY_MEMORY")) != null) b.memoryFile(v);
        b.state(io.cdnlifeline.state.StateLocation.parse(value(env, "LIFELINE_STATE")));
        if ((v = value(env, "LIFELINE_ASYNC_RETRIES")) != null) {
            try {
                int n = Integer.parseInt(v);
                if (n < 0 || n > 8) throw new NumberFormatException();
                b.asyncRetries(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("LIFELINE_ASYNC_RETRIES must be FC's maxAsyncRetryAttempts, a whole number from 0 to 8; got '" + v + "'");
            }
        }
        return b.build();
    }

    public List<Channel> channels() { return channels; }
    public boolean enabled() { return !channels.isEmpty(); }
    public Duration repeat() { return repeat; }
    public Duration timeout() { return timeout; }
    /** The memory file, or null: the instance remembers. */
    public String memoryFile() { return memoryFile; }
    /**
     * LIFELINE_STATE: the store the memory lives in when LIFELINE_NOTIFY_MEMORY names no directory (in FC, the OSS bucket
     * the watch keeps its state in).
     */
    public io.cdnlifeline.state.StateLocation state() { return state; }
    public int asyncRetries() { return asyncRetries; }

    static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** {@code 6h}, {@code 30m}, {@code 90s}, {@code 1500ms}, {@code 1d}; a bare number is seconds. */
    static Duration duration(String name, String v, Duration min, Duration max) {
        Matcher m = Pattern.compile("(\\d{1,7})\\s*(ms|s|m|h|d)?").matcher(v.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            Duration d;
            switch (unit) {
                case "ms": d = Duration.ofMillis(n); break;
                case "m": d = Duration.ofMinutes(n); break;
                case "h": d = Duration.ofHours(n); break;
                case "d": d = Duration.ofDays(n); break;
                default: d = Duration.ofSeconds(n);
            }
            if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) return d;
        }
        throw new IllegalArgumentException(name + " must be a duration from " + min.toMillis() + " ms to " + max.toMillis()
                + " ms, such as 6h, 30m, 90s or 1500ms; got '" + v + "'");
    }

    /** Builds NotifySettings; defaults are the documented ones. */
    public static final class Builder {
        private final List<Channel> channels = new ArrayList<>();
        private Duration repeat = DEFAULT_REPEAT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private String memoryFile;
        private io.cdnlifeline.state.StateLocation state = io.cdnlifeline.state.StateLocation.instance();
        private int asyncRetries;

        private Builder() {
        }

        public Builder channel(Channel c) { channels.add(c); return this; }
        /** The demo's and the tests' channel: the digest as chat text, handed to a consumer instead of sent. */
        public Builder preview(Consumer<String> sink) { channels.add(new PreviewChannel(sink)); return this; }
        public Builder repeat(Duration d) { repeat = d; return this; }
        public Builder timeout(Duration d) { timeout = d; return this; }
        public Builder memoryFile(String path) { memoryFile = path; return this; }
        public Builder state(io.cdnlifeline.state.StateLocation v) { state = v == null ? io.cdnlifeline.state.StateLocation.instance() : v; return this; }
        public Builder asyncRetries(int n) { asyncRetries = n; return this; }

        public NotifySettings build() { return new NotifySettings(this); }
    }
}
