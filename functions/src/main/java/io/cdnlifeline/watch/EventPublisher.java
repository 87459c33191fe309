package io.cdnlifeline.watch;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CloudException;

import java.util.List;

/** The narrow port to the event bus: publishes CloudEvents (EventBridge PutEvents in the cloud). */
public interface EventPublisher {
    /**
     * Publishes the events, all or nothing as far as the caller can tell: returns normally only when the bus accepted
     * every one of them; otherwise throws (the events the bus did accept may be published again by a later run, with
     * the same ids).
     */
    void publish(List<JsonObject> events) throws CloudException;
}
