package io.cdnlifeline.handler;

import io.cdnlifeline.report.Report;

/**
 * Thrown after the Report is written when a change failed, so FC counts the invocation as failed
 * and its async retry (and failure destination) take over. The message names no secret.
 */
public final class RemediationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Report report;

    public RemediationFailedException(Report report) {
        super(report.function() + ": " + report.count(io.cdnlifeline.report.ChangeStatus.FAILED)
                + " change(s) failed; the report lists them. FC's retry will run it again.");
        this.report = report;
    }

    public Report report() {
        return report;
    }
}
