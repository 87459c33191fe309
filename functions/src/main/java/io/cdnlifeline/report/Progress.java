package io.cdnlifeline.report;

/**
 * What a run is doing, for a person watching it on the command line: the phase, and how many of the phase's
 * domains are done. FC has no one watching ({@link #NONE}); the changes themselves are in the audit log.
 * Called from several threads: implementations must be thread-safe and cheap.
 */
public interface Progress {
    /** Reports nothing: what a function gets in FC. */
    Progress NONE = new Progress() {
        @Override public void phase(String name, int total) { }
        @Override public void advance() { }
    };

    /**
     * A new phase begins.
     * @param name  what the run does now, e.g. "planning"
     * @param total the domains the phase goes through, 0 when it does not count them
     */
    void phase(String name, int total);

    /** One more domain of the current phase is done. */
    void advance();
}
