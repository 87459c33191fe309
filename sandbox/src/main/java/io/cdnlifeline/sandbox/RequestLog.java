package io.cdnlifeline.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last {@value #CAPACITY} API calls, oldest first: bounded so a long benchmark cannot exhaust memory. */
final class RequestLog {
    static final int CAPACITY = 100_000;
    private final ArrayDeque<SandboxCall> calls = new ArrayDeque<>();

    synchronized void add(SandboxCall call) {
        if (calls.size() == CAPACITY) {
            calls.pollFirst();
        }
        calls.addLast(call);
    }

    synchronized List<SandboxCall> snapshot() {
        return new ArrayList<>(calls);
    }

    synchronized void clear() {
        calls.clear();
    }
}
