package io.cdnlifeline.watch;

import io.cdnlifeline.state.ObjectStore;

import java.util.Objects;
import java.util.function.LongSupplier;

/** What the watch works through besides the cloud ports: its memory, the event bus, and the clock. */
public final class WatchPorts {
    private final ObjectStore store;
    private final EventPublisher publisher;
    private final LongSupplier clock;

    public WatchPorts(ObjectStore store, EventPublisher publisher, LongSupplier clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ObjectStore store() { return store; }
    public EventPublisher publisher() { return publisher; }
    /** Epoch milliseconds now (tests move it to cross a repeat window). */
    public LongSupplier clock() { return clock; }
}
