package io.cdnlifeline.cli;

import io.cdnlifeline.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lifeline sandbox}: serves the local Alibaba Cloud API emulator on 127.0.0.1 until stopped. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Starts a local emulator of the Alibaba Cloud CDN, DCDN, Alidns and BSS APIs on 127.0.0.1.",
                "Point any Aliyun SDK at the printed endpoint with access key sandbox-ak / sandbox-secret."})
public final class SandboxCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on; 0 picks a free port (default: ${DEFAULT-VALUE}).")
    int port = 0;

    @Option(names = "--seed", paramLabel = "FILE", description = "Seed JSON (initial state); without it, a small demo account.")
    Path seed;

    @Override
    public Integer call() throws InterruptedException {
        Sandbox sandbox;
        try {
            String seedJson = seed == null ? null : new String(Files.readAllBytes(seed), StandardCharsets.UTF_8);
            sandbox = Sandbox.start(port, seedJson);
        } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException e) {
            spec.commandLine().getErr().println("sandbox: " + (e instanceof IOException ? "cannot read seed " + seed + ": " : "")
                    + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("sandbox listening on " + sandbox.endpoint());
        out.println("access key: " + Sandbox.DEFAULT_ACCESS_KEY_ID + " / " + Sandbox.DEFAULT_ACCESS_KEY_SECRET
                + (seed == null ? " (demo account)" : " (unless the seed names other keys)"));
        out.println("admin: " + sandbox.endpoint() + "/_sandbox/state, /_sandbox/requests, /_sandbox/faults, /_sandbox/limits");
        out.flush();
        try {
            stopped.await();
        } finally {
            sandbox.close();
        }
        return 0;
    }
}
