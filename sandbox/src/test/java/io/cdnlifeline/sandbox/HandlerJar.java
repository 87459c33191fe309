package io.cdnlifeline.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A code package for the local FC's tests, compiled here: {@code demo.Echo}, a StreamRequestHandler that answers
 * what it saw (event, environment, context, heap limit), sleeps on "sleep", throws on "fail", fills the heap on
 * "oom"; and the few {@code com.aliyun.fc.runtime} interfaces it uses, inside the package as FC code carries them.
 */
final class HandlerJar {
    private static final String CONTEXT = "package com.aliyun.fc.runtime; public interface Context {"
            + " String getRequestId(); Credentials getExecutionCredentials(); FunctionParam getFunctionParam(); }";
    private static final String CREDENTIALS = "package com.aliyun.fc.runtime; public interface Credentials {"
            + " String getAccessKeyId(); String getSecurityToken(); }";
    private static final String PARAM = "package com.aliyun.fc.runtime; public interface FunctionParam {"
            + " String getFunctionName(); long getExecTimeLimitInMillis(); int getFunctionTimeoutInSeconds(); }";
    private static final String HANDLER = "package com.aliyun.fc.runtime; public interface StreamRequestHandler {"
            + " void handleRequest(java.io.InputStream in, java.io.OutputStream out, Context c) throws java.io.IOException; }";
    private static final String ECHO = "package demo; import com.aliyun.fc.runtime.*;\n"
            + "public class Echo implements StreamRequestHandler {\n"
            + "  static int initialized;\n"
            + "  public void init(Context c) { initialized++; }\n"
            + "  public void handleRequest(java.io.InputStream in, java.io.OutputStream out, Context c) throws java.io.IOException {\n"
            + "    String event = new String(in.readAllBytes(), \"UTF-8\");\n"
            + "    if (event.equals(\"sleep\")) { try { Thread.sleep(30000); } catch (InterruptedException e) { } }\n"
            + "    if (event.equals(\"fail\")) throw new IllegalStateException(\"asked to fail\");\n"
            + "    if (event.equals(\"oom\")) { java.util.List<long[]> l = new java.util.ArrayList<>(); while (true) l.add(new long[1 << 20]); }\n"
            + "    out.write((\"{\\\"event\\\":\\\"\" + event + \"\\\",\\\"endpoint\\\":\\\"\" + System.getenv(\"LIFELINE_ENDPOINT\")"
            + " + \"\\\",\\\"greeting\\\":\\\"\" + System.getenv(\"GREETING\") + \"\\\",\\\"requestId\\\":\\\"\" + c.getRequestId()"
            + " + \"\\\",\\\"key\\\":\\\"\" + c.getExecutionCredentials().getAccessKeyId() + \"\\\",\\\"token\\\":\\\"\" + c.getExecutionCredentials().getSecurityToken()"
            + " + \"\\\",\\\"function\\\":\\\"\" + c.getFunctionParam().getFunctionName() + \"\\\",\\\"timeout\\\":\" + c.getFunctionParam().getFunctionTimeoutInSeconds()"
            + " + \",\\\"initialized\\\":\" + initialized + \",\\\"maxHeapMb\\\":\" + Runtime.getRuntime().maxMemory() / 1048576 + \"}\").getBytes(\"UTF-8\"));\n"
            + "  }\n}\n";

    private HandlerJar() {
    }

    static byte[] build(Path dir) throws IOException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        List<String> files = new ArrayList<>();
        files.add(write(src.resolve("com/aliyun/fc/runtime/Context.java"), CONTEXT));
        files.add(write(src.resolve("com/aliyun/fc/runtime/Credentials.java"), CREDENTIALS));
        files.add(write(src.resolve("com/aliyun/fc/runtime/FunctionParam.java"), PARAM));
        files.add(write(src.resolve("com/aliyun/fc/runtime/StreamRequestHandler.java"), HANDLER));
        files.add(write(src.resolve("demo/Echo.java"), ECHO));
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "11", "-d", classes.toString()));
        args.addAll(files);
        if (javac.run(null, null, null, args.toArray(new String[0])) != 0) {
            throw new IllegalStateException("the test handler did not compile");
        }
        Path jar = dir.resolve("code.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> all = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return Files.readAllBytes(jar);
    }

    private static String write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p.toString();
    }
}
