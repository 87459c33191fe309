package io.cdnlifeline.bench.fn;

import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One FC invocation in a fresh JVM, as FC's Java runtime does it: load the handler class by name, call the
 * initializer, then handleRequest with the event bytes. Prints the Report on stdout. The function reads
 * LIFELINE_ENDPOINT (the sandbox) and the rest of its settings from the environment, as in FC.
 * <p>Usage: {@code Invoke HANDLER_CLASS EVENT_JSON}
 */
public final class Invoke {
    private Invoke() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Invoke HANDLER_CLASS EVENT_JSON");
            System.exit(2);
        }
        Object handler = Class.forName(args[0]).getDeclaredConstructor().newInstance();
        LocalContext context = new LocalContext("bench-" + ProcessHandle.current().pid(), args[0], 600_000, System.err);
        if (handler instanceof FunctionInitializer) ((FunctionInitializer) handler).initialize(context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = 0;
        try {
            ((StreamRequestHandler) handler).handleRequest(new ByteArrayInputStream(args[1].getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (RuntimeException e) {
            // FC reports the invocation as failed (and retries an async one); the Report was written first.
            System.err.println("invocation failed: " + e);
            status = 1;
        }
        System.out.println(out.toString(StandardCharsets.UTF_8));
        System.out.flush();
        System.exit(status);
    }
}
