package io.cdnlifeline.notify;

import java.util.function.IntFunction;

/**
 * One place a digest goes: how the message is built and signed for it, its size and rate limits, and how its
 * receiver says it took the message. Made from the settings only; the URL and secret never leave the channel
 * (no toString, no message names them: a robot's URL is its password).
 */
public abstract class Channel {
    /** Sent once per run and channel; this spacing per robot keeps a busy instance within the documented rate. */
    private final long minIntervalMillis;
    /** Where the message goes, as the operator configured it (it holds the robot's token: never printed). */
    final String url;

    Channel(String url, long minIntervalMillis) {
        this.url = url;
        this.minIntervalMillis = minIntervalMillis;
    }

    /** The channel's name in notes and the audit log: {@code dingtalk}, {@code wecom}, ... */
    public abstract String name();

    /** The HTTP request carrying the digest, signed at {@code nowMillis}. */
    abstract Outgoing render(Digest d, long nowMillis);

    /** True when the receiver's answer means the message was taken. */
    boolean accepted(int status, String body) {
        return status >= 200 && status < 300;
    }

    /** Hands the digest over: an HTTP post through the sender, unless the channel is local (the preview). */
    Delivery deliver(Digest d, Sender sender, long deadlineNanos) {
        return sender.post(this, render(d, System.currentTimeMillis()), deadlineNanos);
    }

    long minIntervalMillis() {
        return minIntervalMillis;
    }

    /** Identifies the robot for the rate limiter (never printed). */
    String robot() {
        return url;
    }

    @Override
    public final String toString() {
        return name();
    }

    /**
     * The body built with the largest text budget that keeps the whole body within {@code maxBodyBytes}:
     * escaping in JSON can make the body longer than the text, so the budget shrinks by the overflow until it fits.
     */
    static byte[] fitting(IntFunction<byte[]> bodyForTextBudget, int textBudget, int maxBodyBytes) {
        int budget = textBudget;
        for (int i = 0; i < 8; i++) {
            byte[] body = bodyForTextBudget.apply(budget);
            if (body.length <= maxBodyBytes) return body;
            budget = Math.max(256, budget - (body.length - maxBodyBytes) - 64);
        }
        return bodyForTextBudget.apply(256);
    }
}
