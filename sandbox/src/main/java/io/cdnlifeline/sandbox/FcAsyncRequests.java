package io.cdnlifeline.sandbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Asynchronous InvokeFunction calls the local FC holds instead of running: those of a function a test or the benchmark
 * drives in its own process ({@link Sandbox#fcHoldAsync(String)}), for example the FC handler run in-process with a
 * fake Context. The call is the real one (FC 3.0 InvokeFunction, V3-signed, {@code x-fc-invocation-type: Async}) and is
 * answered as FC answers it (202, {@code x-fc-request-id}); the driver takes the held invocations
 * ({@link Sandbox#takeFcAsyncRequests()}) and runs them, as FC would. The function need not be deployed. Every other
 * async invocation is run by the local FC.
 */
final class FcAsyncRequests {
    private final Set<String> held = new HashSet<>();
    private final List<FcAsyncRequest> accepted = new ArrayList<>();

    synchronized void hold(String functionName) {
        held.add(functionName);
    }

    synchronized boolean holds(String functionName) {
        return held.contains(functionName);
    }

    synchronized void add(FcAsyncRequest request) {
        accepted.add(request);
    }

    synchronized List<FcAsyncRequest> take() {
        List<FcAsyncRequest> out = new ArrayList<>(accepted);
        accepted.clear();
        return out;
    }

    synchronized List<FcAsyncRequest> peek() {
        return new ArrayList<>(accepted);
    }
}
