package io.cdnlifeline.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The repository root: the first folder, walking up from the working directory, that holds the parent pom and functions/. */
final class RepoRoot {
    private RepoRoot() {
    }

    static Path find() {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isRegularFile(d.resolve("functions/pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml beside functions/) above " + dir);
    }
}
