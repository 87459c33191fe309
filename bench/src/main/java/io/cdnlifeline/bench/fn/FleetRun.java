package io.cdnlifeline.bench.fn;

import com.aliyun.fc.runtime.StreamRequestHandler;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The fleet benchmark's child JVM (run under -Xmx128m): the timer passes of the functions named on the
 * command line, one after the other, each as one FC invocation with an empty timer payload (the function's
 * default conditions, account-wide). Between passes it waits for the runner, which reads the sandbox's
 * request log and changes the account (the cause of the outage is fixed); at the end it waits again so the
 * runner can read this process's peak RSS before it exits.
 * <p>Protocol on stdin/stdout, one line each: runner "run N", child "done N MILLIS FAILED"; runner "exit".
 * <p>Usage: {@code FleetRun REPORT_DIR HANDLER_CLASS...}
 */
public final class FleetRun {
    private static final String TIMER_EVENT =
            "{\"triggerTime\":\"2026-11-22T06:00:00Z\",\"triggerName\":\"lifeline-timer\",\"payload\":\"\"}";

    private FleetRun() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        Files.createDirectories(dir);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        System.out.flush();
        for (int n = 1; n < args.length; n++) {
            expect(in, "run " + n);
            StreamRequestHandler handler = (StreamRequestHandler) Class.forName(args[n]).getDeclaredConstructor().newInstance();
            LocalContext context = new LocalContext("fleet-" + n, args[n], 600_000, null);
            ((com.aliyun.fc.runtime.FunctionInitializer) handler).initialize(context);
            long start = System.nanoTime();
            boolean failed = false;
            try (OutputStream report = Files.newOutputStream(dir.resolve("report-" + n + ".json"))) {
                handler.handleRequest(new ByteArrayInputStream(TIMER_EVENT.getBytes(StandardCharsets.UTF_8)), report, context);
            } catch (RuntimeException e) {
                failed = true;
                System.err.println("pass " + n + " failed: " + e);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("done " + n + " " + ms + " " + failed);
            System.out.flush();
        }
        expect(in, "exit");
    }

    private static void expect(BufferedReader in, String line) throws Exception {
        String got = in.readLine();
        if (!line.equals(got)) throw new IllegalStateException("expected '" + line + "' from the runner, got '" + got + "'");
    }
}
