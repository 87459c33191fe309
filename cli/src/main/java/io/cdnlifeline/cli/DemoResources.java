package io.cdnlifeline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The demo's seed and the repository's sample events ({@code events/}, bundled into the jar by the
 * cli pom), read from the classpath so the demo runs from the jar wherever it is started.
 */
final class DemoResources {
    static final String SEED = "/io/cdnlifeline/cli/demo-seed.json";

    private DemoResources() {
    }

    static String seed() {
        return text(SEED);
    }

    /** A sample event by its file name in {@code events/}. */
    static String event(String fileName) {
        return text("/events/" + fileName);
    }

    private static String text(String resource) {
        try (InputStream in = DemoResources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " (the cli jar bundles events/ at build time: rebuild it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
