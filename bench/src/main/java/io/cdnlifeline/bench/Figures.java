package io.cdnlifeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every figure of a run by name, written to bench/target/figures.properties for tools and the README. */
final class Figures {
    private final Map<String, String> values = new LinkedHashMap<>();

    void put(String key, String value) {
        values.put(key, value);
    }

    void write(Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) b.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        Files.writeString(file, b.toString());
    }
}
