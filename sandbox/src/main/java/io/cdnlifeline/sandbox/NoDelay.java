package io.cdnlifeline.sandbox;

/**
 * TCP_NODELAY for every JDK HTTP server of this JVM. Without it the JDK server's separate header and body writes
 * meet the client's delayed ACK: ~40 ms a call. The JDK reads {@code sun.net.httpserver.nodelay} once, when the
 * first server of the JVM is made, so every server the sandbox makes (the API, the local origins) asks for it
 * before it is made, whichever comes first; a value set on the command line wins.
 */
final class NoDelay {
    private NoDelay() {
    }

    static void ensure() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
}
