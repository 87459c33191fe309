package io.cdnlifeline.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's first command, for real: {@code java -jar cli/target/lifeline.jar demo} at the repository
 * root, in a fresh JVM, from the jar just shaded. Runs in the verify phase (the test phase comes
 * before the jar exists); its name keeps it out of the ordinary test run.
 */
class DemoJarCheck {

    @Test
    void theReadmeDemoCommandExitsZeroFromTheBuiltJar() throws Exception {
        // given
        Path jar = Paths.get(System.getProperty("lifeline.jar", "target/lifeline.jar")).toAbsolutePath();
        Path root = Paths.get(System.getProperty("lifeline.root", "..")).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), "the jar is built: " + jar);
        Path out = Files.createTempFile("lifeline-demo", ".out");
        Path err = Files.createTempFile("lifeline-demo", ".err");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // when
        Process p = new ProcessBuilder(java, "-jar", root.relativize(jar).toString(), "demo")
                .directory(root.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        // then
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        String seen = "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        assertTrue(ended, "the demo ends within two minutes" + seen);
        assertEquals(0, p.exitValue(), seen);
        assertTrue(stdout.contains("identical:") && stdout.contains("demo done"), seen);
        assertEquals("", stderr, "a clean run writes nothing on stderr" + seen);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        assertTrue(new File(root.toFile(), "README.md").isFile(), "run at the repository root");
    }
}
