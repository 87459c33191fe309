package io.cdnlifeline.notify;

import java.util.Objects;

/** How one channel's delivery went, in words safe to print (no URL, no secret, no receiver body). */
final class Delivery {
    final String channel;
    final boolean delivered;
    final int attempts;
    final String why;

    private Delivery(String channel, boolean delivered, int attempts, String why) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.delivered = delivered;
        this.attempts = attempts;
        this.why = why;
    }

    static Delivery delivered(String channel, int attempts) {
        return new Delivery(channel, true, attempts, null);
    }

    static Delivery failed(String channel, int attempts, String why) {
        return new Delivery(channel, false, attempts, why);
    }

    @Override
    public String toString() {
        return delivered ? channel + " delivered" : channel + " failed after " + attempts + " attempt(s): " + why;
    }
}
