package io.cdnlifeline.notify;

import java.util.Objects;
import java.util.function.Consumer;

/** The demo's channel: the digest as the chat would show it, handed to a consumer instead of sent. */
final class PreviewChannel extends Channel {
    static final int MAX_TEXT_BYTES = 20_000;
    private final Consumer<String> sink;

    PreviewChannel(Consumer<String> sink) {
        super("preview", 0);
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public String name() {
        return "preview";
    }

    @Override
    Outgoing render(Digest d, long nowMillis) {
        throw new UnsupportedOperationException("the preview is not sent over HTTP");
    }

    @Override
    Delivery deliver(Digest d, Sender sender, long deadlineNanos) {
        sink.accept(DigestText.render(d, DigestText.Style.PLAIN, MAX_TEXT_BYTES));
        return Delivery.delivered(name(), 1);
    }

}
