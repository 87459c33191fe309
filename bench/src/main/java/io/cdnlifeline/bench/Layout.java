package io.cdnlifeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built jars are, relative to the repository root. */
final class Layout {
    final Path root;
    final Path functionsJar;
    final Path floorJar;
    final Path fnJar;
    final Path work;

    Layout(Path root) throws IOException {
        this.root = root;
        this.functionsJar = root.resolve("functions/target/lifeline-functions.jar");
        this.floorJar = root.resolve("bench/target/lifeline-bench-0.1.0-SNAPSHOT-floor.jar");
        this.fnJar = root.resolve("bench/target/lifeline-bench-0.1.0-SNAPSHOT-fn.jar");
        this.work = Files.createDirectories(root.resolve("bench/target/work"));
        for (Path p : new Path[] {functionsJar, floorJar, fnJar}) {
            if (!Files.isRegularFile(p)) throw new IllegalStateException(p + " is missing: build with bench/run");
        }
    }
}
