package io.cdnlifeline.cli;

/** How a Report is printed on stdout. */
enum OutputFormat {
    /** The Report JSON exactly as the function returns it in FC. */
    json,
    /** Aligned columns for a person at a terminal. */
    table
}
