package io.cdnlifeline.report;

import java.util.Objects;

/**
 * What became of one account of a run over several accounts: its member run was started (an FC async invocation, the
 * fan-out), ran, or failed before it could (the role could not be assumed, the invocation was refused), with the cause.
 * One account's failure never stops the others.
 */
public final class AccountOutcome {
    /** Where an account's run stands. */
    public enum Status {
        /** Its member run was handed to FC (async invocation); that run reports on its own. */
        INVOKED("invoked"),
        /** Its run finished (the changes are in that run's Report). */
        DONE("done"),
        /** It could not be worked on: see the error. */
        FAILED("failed");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        public String id() { return id; }
    }

    private final String account;
    private final String role;
    private final Status status;
    private final String step;
    private final ChangeError error;
    private final String invocationId;

    private AccountOutcome(String account, String role, Status status, String step, ChangeError error, String invocationId) {
        this.account = Objects.requireNonNull(account, "account");
        this.role = role;
        this.status = Objects.requireNonNull(status, "status");
        this.step = step;
        this.error = error;
        this.invocationId = invocationId;
    }

    public static AccountOutcome invoked(String account, String role, String invocationId) {
        return new AccountOutcome(account, role, Status.INVOKED, null, null, invocationId);
    }

    public static AccountOutcome done(String account, String role) {
        return new AccountOutcome(account, role, Status.DONE, null, null, null);
    }

    /** @param step what failed: {@code assume-role}, {@code list-accounts}, {@code invoke} or {@code run} */
    public static AccountOutcome failed(String account, String role, String step, ChangeError error) {
        return new AccountOutcome(account, role, Status.FAILED, step, Objects.requireNonNull(error, "error"), null);
    }

    /** The account id, or {@code self}. */
    public String account() { return account; }
    /** The role assumed to reach it; null for self. */
    public String role() { return role; }
    public Status status() { return status; }
    /** What failed; null unless FAILED. */
    public String step() { return step; }
    public ChangeError error() { return error; }
    /** FC's request id of the member run's async invocation; null unless INVOKED. */
    public String invocationId() { return invocationId; }
}
