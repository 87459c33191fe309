package io.cdnlifeline.run;

import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.event.Request;

/**
 * Hands the rest of a run that reached its deadline to a continuation: in FC an asynchronous invocation of the same
 * function (FC is the engine that runs it, retries it and keeps it), on the command line the next round in the same
 * process. The Request carries where the run stopped ({@link Request#continuation()}).
 */
public interface Continuer {
    /** No continuation possible: a run goes on until it is done, whatever its deadline (the behaviour before issue 18). */
    Continuer NONE = null;

    /**
     * Starts the continuation; returns once it is handed over (persisted by FC, queued by the command line).
     *
     * @throws CloudException when FC refused or could not be reached: the run reports a failed change, so the
     *                        invocation fails and FC's retry runs it again from live state
     */
    void continueWith(Request next) throws CloudException;
}
