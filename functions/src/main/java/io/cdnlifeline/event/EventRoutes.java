package io.cdnlifeline.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which functions act on one kind of event, and the Request each of them gets. An event routed to
 * a function that has no use for it is bad input (it changes nothing), and the message names the
 * functions it is meant for, so a mis-wired trigger shows up in the first invocation's log.
 */
final class EventRoutes {
    private final String event;
    private final Map<String, Supplier<Request>> byFunction = new LinkedHashMap<>();

    /** @param event what the event is, in words: e.g. "the ActionTrail event StopCdnDomain" */
    EventRoutes(String event) {
        this.event = event;
    }

    EventRoutes route(String function, Supplier<Request> request) {
        byFunction.put(function, request);
        return this;
    }

    Request requestFor(String function) {
        Supplier<Request> s = byFunction.get(function);
        if (s == null) {
            throw new BadInputException((function == null ? "this function" : DomainNames.printable(function))
                    + " does not act on " + event + "; expected it to be routed to " + String.join(" or ", byFunction.keySet()));
        }
        return s.get();
    }
}
