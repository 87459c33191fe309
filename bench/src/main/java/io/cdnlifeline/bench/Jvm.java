package io.cdnlifeline.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh child JVM: the same java binary and the same JVM flags for everything measured side by side, so
 * the only difference between a trivial JVM, the floor client and the function is the code they run.
 */
final class Jvm {
    /** One finished run: wall time from process start to exit, its exit status and its stdout. */
    static final class Run {
        final long wallNanos;
        final int exit;
        final String stdout;

        Run(long wallNanos, int exit, String stdout) {
            this.wallNanos = wallNanos;
            this.exit = exit;
            this.stdout = stdout;
        }

        double wallMs() {
            return wallNanos / 1e6;
        }
    }

    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final List<String> classpath;
    private final List<String> flags = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();

    Jvm(String... classpath) {
        this.classpath = Arrays.asList(classpath);
    }

    Jvm flag(String f) {
        flags.add(f);
        return this;
    }

    Jvm env(String k, String v) {
        env.put(k, v);
        return this;
    }

    List<String> command(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classpath));
        cmd.add(mainClass);
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    ProcessBuilder builder(List<String> command, Path stderr) {
        ProcessBuilder pb = new ProcessBuilder(command);
        // A clean environment: nothing from the caller's shell (a real LIFELINE_* or cloud key) leaks in.
        pb.environment().keySet().removeIf(k -> k.startsWith("LIFELINE_") || k.startsWith("ALIBABA_CLOUD_") || k.startsWith("JAVA_TOOL") || k.equals("JDK_JAVA_OPTIONS"));
        pb.environment().putAll(env);
        pb.redirectError(stderr.toFile());
        return pb;
    }

    /** Runs to completion; the wall time spans process start to exit, stdout read as it comes. */
    Run run(Path stderr, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> cmd = command(mainClass, args);
        ProcessBuilder pb = builder(cmd, stderr);
        long start = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int exit = p.waitFor();
        long wall = System.nanoTime() - start;
        return new Run(wall, exit, out);
    }

    /** Classes the JVM loaded running this program (a separate, untimed run with class-load logging). */
    ClassCount countClasses(Path work, String name, String mainClass, String... args) throws IOException, InterruptedException {
        Path log = work.resolve(name + "-classes.log");
        Files.deleteIfExists(log);
        Jvm logged = new Jvm(classpath.toArray(new String[0]));
        logged.flags.addAll(flags);
        logged.env.putAll(env);
        logged.flag("-Xlog:class+load=info:file=" + log);
        Run r = logged.run(work.resolve(name + "-classes.err"), mainClass, args);
        if (r.exit != 0) throw new IllegalStateException(name + " failed with exit " + r.exit + " while counting classes; see " + work);
        int total = 0;
        int shared = 0;
        int fromJars = 0;
        for (String line : Files.readAllLines(log)) {
            if (!line.contains("source:")) continue;
            total++;
            if (line.contains("shared objects file")) shared++;
            else if (line.contains(".jar")) fromJars++;
        }
        return new ClassCount(total, shared, fromJars);
    }

    /** Loaded classes: all, those from the CDS archive (cheap), and those read from the application's jars. */
    static final class ClassCount {
        final int total;
        final int shared;
        final int fromJars;

        ClassCount(int total, int shared, int fromJars) {
            this.total = total;
            this.shared = shared;
            this.fromJars = fromJars;
        }

        @Override
        public String toString() {
            return total + " (" + shared + " from the CDS archive, " + fromJars + " from application jars)";
        }
    }
}
