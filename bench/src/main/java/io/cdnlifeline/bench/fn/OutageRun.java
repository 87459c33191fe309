package io.cdnlifeline.bench.fn;

import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The outage benchmark's child JVM: one FC instance that runs the invocations the runner hands it, one at a time,
 * as FC would (a function's first invocation, then each asynchronous continuation the function asked FC for).
 * Each handler class is created and initialised once, as in a warm FC instance.
 * <p>Protocol, one line each: runner {@code run N FUNCTION HANDLER_CLASS LIMIT_MS BASE64_EVENT}, child
 * {@code done N MILLIS FAILED} (the Report in {@code REPORT_DIR/report-N.json}); runner {@code exit}.
 * <p>Usage: {@code OutageRun REPORT_DIR}
 */
public final class OutageRun {
    private OutageRun() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        Files.createDirectories(dir);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Map<String, StreamRequestHandler> handlers = new HashMap<>();
        System.out.println("ready");
        System.out.flush();
        for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
            String[] f = line.split(" ");
            if (f.length != 6 || !f[0].equals("run")) throw new IllegalStateException("expected 'run N FUNCTION HANDLER LIMIT_MS EVENT', got '" + line + "'");
            String n = f[1];
            int limit = Integer.parseInt(f[4]);
            byte[] event = Base64.getDecoder().decode(f[5]);
            LocalContext context = new LocalContext("outage-" + n, f[2], limit, null);
            StreamRequestHandler handler = handlers.get(f[3]);
            if (handler == null) {
                handler = (StreamRequestHandler) Class.forName(f[3]).getDeclaredConstructor().newInstance();
                ((FunctionInitializer) handler).initialize(context);
                handlers.put(f[3], handler);
            }
            long start = System.nanoTime();
            boolean failed = false;
            try (OutputStream report = Files.newOutputStream(dir.resolve("report-" + n + ".json"))) {
                handler.handleRequest(new ByteArrayInputStream(event), report, context);
            } catch (RuntimeException e) {
                failed = true;
                System.err.println("invocation " + n + " failed: " + e);
            }
            System.out.println("done " + n + " " + (System.nanoTime() - start) / 1_000_000 + " " + failed);
            System.out.flush();
        }
    }
}
