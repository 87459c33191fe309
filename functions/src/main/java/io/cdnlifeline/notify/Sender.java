package io.cdnlifeline.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Posts a digest with the JDK's HttpURLConnection (no HTTP library in the function jar), within a deadline:
 * every connect and read timeout is the time left, so a receiver that hangs costs at most LIFELINE_NOTIFY_TIMEOUT.
 * A brief retry (3 attempts, 200 ms then 400 ms apart) on a dropped connection, 429 or 5xx; never on an answer that
 * says the message itself is wrong. Each robot's messages are spaced by its rate limit within this instance.
 */
final class Sender {
    static final int MAX_ATTEMPTS = 3;
    private static final long FIRST_BACKOFF_MILLIS = 200;
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** When each robot may take the next message (System.nanoTime()), per instance. */
    private static final Map<String, Long> NEXT_FREE = new ConcurrentHashMap<>();

    Delivery post(Channel channel, Outgoing out, long deadlineNanos) {
        String name = channel.name();
        String why = "no time left";
        int attempt = 0;
        pace(channel, deadlineNanos);
        while (attempt < MAX_ATTEMPTS) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (leftMillis < 50) break;
            attempt++;
            try {
                Answer a = once(out, (int) Math.min(Integer.MAX_VALUE, leftMillis));
                if (channel.accepted(a.status, a.body)) return Delivery.delivered(name, attempt);
                why = "the receiver answered HTTP " + a.status + (a.status >= 200 && a.status < 300 ? " without accepting the message" : "");
                if (!(a.status == 429 || a.status >= 500)) return Delivery.failed(name, attempt, why);
            } catch (SocketTimeoutException e) {
                why = "no answer within the notify timeout";
            } catch (IOException e) {
                // The exception's message may hold the URL, and with it the robot's token: only its kind is told.
                why = "could not reach the receiver (" + e.getClass().getSimpleName() + ")";
            }
            long backoff = FIRST_BACKOFF_MILLIS << (attempt - 1);
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff) >= deadlineNanos) break;
            sleep(backoff);
        }
        return Delivery.failed(name, attempt, why);
    }

    /**
     * Waits, within the deadline, until the robot's rate allows another message, and books the next slot.
     * Returns the slot's start (System.nanoTime()); a slot beyond the deadline is waited for only until the deadline.
     */
    static long pace(Channel channel, long deadlineNanos) {
        long interval = TimeUnit.MILLISECONDS.toNanos(channel.minIntervalMillis());
        if (interval == 0) return System.nanoTime();
        long now = System.nanoTime();
        long[] start = new long[1];
        NEXT_FREE.compute(channel.robot(), (k, next) -> {
            start[0] = next == null ? now : Math.max(now, next);
            return start[0] + interval;
        });
        long until = Math.min(start[0], deadlineNanos);
        while (System.nanoTime() < until && !Thread.currentThread().isInterrupted()) {
            sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
        }
        return start[0];
    }

    private static Answer once(Outgoing out, int timeoutMillis) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(out.url).openConnection();
        try {
            c.setConnectTimeout(timeoutMillis);
            c.setReadTimeout(timeoutMillis);
            c.setInstanceFollowRedirects(false);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(out.body.length);
            for (Map.Entry<String, String> h : out.headers.entrySet()) c.setRequestProperty(h.getKey(), h.getValue());
            try (OutputStream os = c.getOutputStream()) {
                os.write(out.body);
            }
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            return new Answer(status, read(in));
        } finally {
            c.disconnect();
        }
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) return "";
        try (InputStream s = in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            int n;
            while ((n = s.read(chunk)) != -1 && buf.size() < MAX_ANSWER_BYTES) buf.write(chunk, 0, n);
            return buf.toString(StandardCharsets.UTF_8);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Answer {
        final int status;
        final String body;

        Answer(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }
}
