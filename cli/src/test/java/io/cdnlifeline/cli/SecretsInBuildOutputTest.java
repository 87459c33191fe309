package io.cdnlifeline.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 8, secrets, build-wide: no access key secret or security token the tests use appears in anything the
 * build's tests wrote (surefire's reports, captured stdout/stderr, dumps) in the sandbox and functions modules,
 * which build before this one, and in this module as far as its tests have run (the verify-phase jar checks run after). The secrets are every secret and token given to {@code new AccessKey(...)} or
 * {@code new CloudCredentials(...)} in the repository's test sources, the sandbox's default secret, and the
 * canaries of the reliability tests. A test that must handle a secret may do so; it must not print it.
 */
class SecretsInBuildOutputTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern KEY_LITERAL = Pattern.compile(
            "new\\s+(?:AccessKey|CloudCredentials)\\(\\s*\"[^\"]*\"\\s*,\\s*\"([^\"]+)\"(?:\\s*,\\s*\"([^\"]+)\")?");
    /** Shorter literals ("s-env") would match unrelated text; every real test secret is longer. */
    private static final int MIN_LENGTH = 8;

    static Set<String> secrets() {
        Set<String> out = new TreeSet<>(List.of("sandbox-secret", "Canary-Secret-9f41c2d7e8b3a6", "Canary-Token-CAIS0d8e7f6a5b4c3d2e1f0",
                "Canary-WrongSecret-5e2b1a9c", "Canary-WrongToken-7d3c0b8a"));
        for (Path java : files(ROOT, "src/test/java", ".java")) {
            Matcher m = KEY_LITERAL.matcher(read(java));
            while (m.find()) {
                for (int g = 1; g <= 2; g++) {
                    String s = m.group(g);
                    if (s != null && s.length() >= MIN_LENGTH) out.add(s);
                }
            }
        }
        return out;
    }

    /** What the modules' tests wrote: surefire's reports and captured output, of the test and verify phases. */
    static List<Path> outputs() {
        List<Path> out = new ArrayList<>();
        for (String module : new String[] {"sandbox", "functions", "cli"}) {
            for (String dir : new String[] {"surefire-reports", "surefire-reports-built-jar"}) {
                Path reports = ROOT.resolve(module).resolve("target").resolve(dir);
                if (!Files.isDirectory(reports)) continue;
                try (Stream<Path> s = Files.list(reports)) {
                    s.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".txt") || n.endsWith(".xml") || n.endsWith(".dump") || n.endsWith(".dumpstream");
                    }).forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    @Test
    void noTestOutputOfTheBuildHoldsASecret() {
        List<Path> outputs = outputs();
        assumeTrue(!outputs.isEmpty(), "no test output of the sandbox or functions module in this build to scan");
        Set<String> secrets = secrets();
        assertTrue(secrets.size() >= 5, "secrets found: " + secrets.size());

        List<String> leaks = new ArrayList<>();
        for (Path p : outputs) {
            String text = read(p);
            for (String s : secrets) {
                // the finding names the file and the secret's start only, so this report does not leak it in turn
                if (text.contains(s)) leaks.add(ROOT.relativize(p) + " holds " + s.substring(0, 3) + "*** (" + s.length() + " characters)");
            }
        }
        System.out.println("scanned " + outputs.size() + " test output files for " + secrets.size() + " secrets");
        assertEquals(List.of(), leaks);
    }

    @Test
    void theScanFindsASecretWhereOneIs() throws IOException {
        // given an output file holding the sandbox's secret, as a test printing the sandbox state would write
        Path dir = Files.createTempDirectory("lifeline-scan");
        Path leaky = dir.resolve("SomeTest-output.txt");
        Files.writeString(leaky, "state: {\"accessKeys\":[{\"id\":\"sandbox-ak\",\"secret\":\"sandbox-secret\"}]}");
        try {
            // then the scan's matching finds it
            String text = read(leaky);
            assertTrue(secrets().stream().anyMatch(text::contains));
        } finally {
            Files.delete(leaky);
            Files.delete(dir);
        }
    }

    private static List<Path> files(Path root, String under, String suffix) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root, 12)) {
            s.filter(p -> p.toString().replace('\\', '/').contains("/" + under + "/") && p.toString().endsWith(suffix)
                    && !p.toString().contains("/target/")).forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
