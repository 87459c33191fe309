package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.CloudException;

import java.util.Objects;

/**
 * Calls that the adapters do not make themselves (the CLI's Log Service calls: REST, with a signature of their own),
 * run under a {@link CallPolicy} by the same {@link ResilientCaller} as every adapter call: what
 * {@link CloudException#retryable()} marks is retried with the policy's exponential backoff and jitter, within its
 * attempts, retry budget and deadline; an attempt gets the policy's read timeout, cut to the time left. No client-side
 * rate limit applies (none is documented for those calls, and {@code lifeline setup} makes a handful).
 */
public final class RetriedCalls {
    /** One try of the call, with the read timeout it must use. */
    public interface Attempt<T> {
        T run(int readTimeoutMillis) throws CloudException;
    }

    private final ResilientCaller caller;

    public RetriedCalls(CallPolicy policy) {
        this.caller = new ResilientCaller(Objects.requireNonNull(policy, "policy"));
    }

    public CallPolicy policy() {
        return caller.policy();
    }

    /** Runs {@code attempt} until it succeeds, fails with a non-retryable error, or the policy gives up; {@code action} names it in errors. */
    public <T> T call(String action, Attempt<T> attempt) throws CloudException {
        Objects.requireNonNull(attempt, "attempt");
        return caller.call(action, attempt::run);
    }
}
