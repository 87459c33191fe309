package io.cdnlifeline.cli;

/** How a run's log lines go to stderr. */
enum LogFormat {
    /** For a person: a progress line and the outcome; the audit JSON lines only with --verbose. */
    text,
    /** As in FC: every log line, the audit trail's JSON lines included, and no progress line. */
    json
}
