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
                "Point any Aliyun SDK at the printed endpoint with access key sandbox-ak / sandbox-secret.",
                "With a verb, plays the cloud on a running sandbox instead (see the commands below)."},
        footer = {"", "Play a story on a running sandbox (--endpoint URL or LIFELINE_ENDPOINT):",
                "  lifeline sandbox offline www.example.com      the cloud takes a domain offline",
                "  lifeline sandbox icp-invalid www.example.com  its ICP filing becomes invalid",
                "  lifeline sandbox debt --all-domains           the account is overdue; every online domain goes offline",
                "  lifeline sandbox pay --all-domains            the bill is paid; every offline domain comes back"})
public final class SandboxCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.ParentCommand Lifeline lifeline;

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

    @Command(name = "offline", mixinStandardHelpOptions = true, description = "The cloud takes these domains offline.")
    int offline(@picocli.CommandLine.Parameters(paramLabel = "DOMAIN", arity = "1..*") java.util.List<String> domains,
                @picocli.CommandLine.Mixin AdminEndpoint admin) {
        return onDomains("offline", domains, admin);
    }

    @Command(name = "online", mixinStandardHelpOptions = true, description = "The cloud brings these domains back online.")
    int online(@picocli.CommandLine.Parameters(paramLabel = "DOMAIN", arity = "1..*") java.util.List<String> domains,
               @picocli.CommandLine.Mixin AdminEndpoint admin) {
        return onDomains("online", domains, admin);
    }

    @Command(name = "icp-invalid", mixinStandardHelpOptions = true,
            description = {"The ICP filing of these domains becomes invalid (the cloud would also take them offline:",
                    "add 'lifeline sandbox offline DOMAIN')."})
    int icpInvalid(@picocli.CommandLine.Parameters(paramLabel = "DOMAIN", arity = "1..*") java.util.List<String> domains,
                   @picocli.CommandLine.Mixin AdminEndpoint admin) {
        return onDomains("icp-invalid", domains, admin);
    }

    @Command(name = "icp-valid", mixinStandardHelpOptions = true, description = "The ICP filing of these domains is approved again.")
    int icpValid(@picocli.CommandLine.Parameters(paramLabel = "DOMAIN", arity = "1..*") java.util.List<String> domains,
                 @picocli.CommandLine.Mixin AdminEndpoint admin) {
        return onDomains("icp-valid", domains, admin);
    }

    @Command(name = "debt", mixinStandardHelpOptions = true, description = "The account is overdue (in debt, balance below zero).")
    int debt(@Option(names = "--all-domains", description = "Also take every online domain offline, as the cloud does.") boolean all,
             @Option(names = "--balance", paramLabel = "AMOUNT", description = "The balance to show (default -100.00).") String balance,
             @picocli.CommandLine.Mixin AdminEndpoint admin) {
        return onAccount("debt", all, balance, admin);
    }

    @Command(name = "pay", mixinStandardHelpOptions = true, description = "The bill is paid (no debt, balance 100.00).")
    int pay(@Option(names = "--all-domains", description = "Also bring every offline domain back online.") boolean all,
            @Option(names = "--balance", paramLabel = "AMOUNT", description = "The balance to show (default 100.00).") String balance,
            @picocli.CommandLine.Mixin AdminEndpoint admin) {
        return onAccount("pay", all, balance, admin);
    }

    private int onDomains(String verb, java.util.List<String> domains, AdminEndpoint admin) {
        SandboxAdmin client = SandboxAdmin.of(admin.endpoint, lifeline.env(), spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        for (String d : domains) {
            for (String line : client.play("domains/" + java.net.URLEncoder.encode(d, StandardCharsets.UTF_8) + "/" + verb, "")) {
                out.println(line);
            }
        }
        out.flush();
        return ExitStatus.DONE;
    }

    private int onAccount(String verb, boolean all, String balance, AdminEndpoint admin) {
        SandboxAdmin client = SandboxAdmin.of(admin.endpoint, lifeline.env(), spec.commandLine());
        com.google.gson.JsonObject body = new com.google.gson.JsonObject();
        if (all) body.addProperty("allDomains", true);
        if (balance != null) body.addProperty("availableAmount", balance);
        PrintWriter out = spec.commandLine().getOut();
        for (String line : client.play("account/" + verb, body.toString())) out.println(line);
        out.flush();
        return ExitStatus.DONE;
    }

    /** Which sandbox a story verb plays on. */
    static final class AdminEndpoint {
        @Option(names = "--endpoint", paramLabel = "URL",
                description = "The running sandbox, e.g. http://127.0.0.1:8787. Default: env LIFELINE_ENDPOINT.")
        String endpoint;
    }
}
