package io.cdnlifeline.sandbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The local FC's Java runtime: the {@code main} of the JVM {@link FcInvoker} starts for one invocation. It loads the
 * handler class from the uploaded code package alone (parent: the platform class loader, so nothing of the sandbox
 * or the CLI is visible to it), runs the initializer, then {@code handleRequest(InputStream, OutputStream, Context)}
 * with the event read from stdin, and writes the output (or FC's error object) to the result file. The Context is a
 * proxy of the package's own {@code com.aliyun.fc.runtime} interfaces. JDK classes only: it runs beside any code.
 * <p>Arguments: codeFile handler initializerOrDash resultFile requestId functionName timeoutSeconds memoryMb
 * initializerTimeoutSeconds. Credentials come from {@code ALIBABA_CLOUD_*} in the environment, as FC injects them.
 * Exit status: 0 success, 2 the handler or initializer threw (the result file holds the error).
 */
public final class FcRuntime {
    private FcRuntime() {
    }

    public static void main(String[] args) throws Exception {
        Path code = Path.of(args[0]);
        String handler = args[1];
        String initializer = "-".equals(args[2]) ? null : args[2];
        Path result = Path.of(args[3]);
        String requestId = args[4];
        String functionName = args[5];
        long timeoutSeconds = Long.parseLong(args[6]);
        long memoryMb = Long.parseLong(args[7]);
        long initTimeoutSeconds = Long.parseLong(args[8]);
        byte[] event = System.in.readAllBytes();
        long started = System.currentTimeMillis();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {code.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Object context = context(loader, requestId, functionName, handler, initializer, timeoutSeconds, memoryMb,
                    initTimeoutSeconds, started);
            if (initializer != null) {
                Object target = instance(loader, initializer);
                System.out.println("FC Initialize Start RequestId: " + requestId);
                method(target.getClass(), initializer, 1).invoke(target, context);
                System.out.println("FC Initialize End RequestId: " + requestId);
            }
            Object target = instance(loader, handler);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            System.out.println("FC Invoke Start RequestId: " + requestId);
            method(target.getClass(), handler, 3).invoke(target, new ByteArrayInputStream(event), out, context);
            System.out.println("FC Invoke End RequestId: " + requestId);
            Files.write(result, out.toByteArray());
            System.exit(0);
        } catch (Throwable e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            System.out.println("FC Invoke End RequestId: " + requestId + ", Error: Unhandled function error");
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            System.err.print(trace);
            StringBuilder stack = new StringBuilder("[");
            for (StackTraceElement el : cause.getStackTrace()) {
                if (stack.length() > 1) stack.append(',');
                stack.append(quote(el.toString()));
            }
            stack.append(']');
            String error = "{\"errorMessage\":" + quote(String.valueOf(cause.getMessage())) + ",\"errorType\":"
                    + quote(cause.getClass().getName()) + ",\"stackTrace\":" + stack + "}";
            Files.write(result, error.getBytes(StandardCharsets.UTF_8));
            System.exit(2);
        }
    }

    private static Object instance(ClassLoader loader, String handler) throws ReflectiveOperationException {
        String className = handler.substring(0, handler.indexOf("::"));
        return loader.loadClass(className).getDeclaredConstructor().newInstance();
    }

    private static Method method(Class<?> type, String handler, int parameters) throws NoSuchMethodException {
        String name = handler.substring(handler.indexOf("::") + 2);
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == parameters) {
                return m;
            }
        }
        throw new NoSuchMethodException(type.getName() + "::" + name + " with " + parameters + " parameter(s)");
    }

    private static Object context(ClassLoader loader, String requestId, String functionName, String handler, String initializer,
                                  long timeoutSeconds, long memoryMb, long initTimeoutSeconds, long started)
            throws ClassNotFoundException {
        Object credentials = proxy(loader, "com.aliyun.fc.runtime.Credentials", (name, a) -> {
            switch (name) {
                case "getAccessKeyId": return System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
                case "getAccessKeySecret": return System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
                case "getSecurityToken": return System.getenv("ALIBABA_CLOUD_SECURITY_TOKEN");
                default: return null;
            }
        });
        Object param = proxy(loader, "com.aliyun.fc.runtime.FunctionParam", (name, a) -> {
            switch (name) {
                case "getFunctionName": return functionName;
                case "getFunctionHandler": return handler;
                case "getFunctionInitializer": return initializer;
                case "getFunctionTimeoutInSeconds": return (int) timeoutSeconds;
                case "getExecTimeLimitInMillis": return Math.max(0, timeoutSeconds * 1000 - (System.currentTimeMillis() - started));
                case "getMemoryLimitInMB": return memoryMb;
                case "getInitializationTimeoutInSeconds": return (int) initTimeoutSeconds;
                case "getInitTimeLimitInMillis": return initTimeoutSeconds * 1000;
                default: return null;
            }
        });
        Object logger = proxy(loader, "com.aliyun.fc.runtime.FunctionComputeLogger", (name, a) -> {
            if (a != null && a.length == 1 && a[0] instanceof String) {
                String level = name.toUpperCase(java.util.Locale.ROOT);
                System.out.println(Instant.now() + " " + requestId + " [" + level + "] " + a[0]);
            }
            return null;
        });
        Object service = proxy(loader, "com.aliyun.fc.runtime.Service", (name, a) -> {
            switch (name) {
                case "getName": return "";
                case "getQualifier": return "LATEST";
                case "getLogProject": return System.getenv("FC_LOG_PROJECT");
                case "getLogStore": return System.getenv("FC_LOG_STORE");
                default: return null;
            }
        });
        return proxy(loader, "com.aliyun.fc.runtime.Context", (name, a) -> {
            switch (name) {
                case "getRequestId": return requestId;
                case "getExecutionCredentials": return credentials;
                case "getFunctionParam": return param;
                case "getLogger": return logger;
                case "getService": return service;
                case "getRetryCount": return 0;
                default: return null;
            }
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    /** A proxy of {@code interfaceName} from the code package; null when the package lacks it (only Context is required). */
    private static Object proxy(ClassLoader loader, String interfaceName, Answer answer) throws ClassNotFoundException {
        Class<?> type;
        try {
            type = loader.loadClass(interfaceName);
        } catch (ClassNotFoundException e) {
            if (interfaceName.endsWith(".Context")) throw e;
            return null;
        }
        return Proxy.newProxyInstance(loader, new Class<?>[] {type}, (self, m, a) -> {
            if (m.getDeclaringClass() == Object.class) {
                switch (m.getName()) {
                    case "toString": return interfaceName + " of the local FC";
                    case "hashCode": return System.identityHashCode(self);
                    default: return self == a[0];
                }
            }
            return as(m.getReturnType(), answer.answer(m.getName(), a));
        });
    }

    /** The answer in the method's own return type (int, long, Integer, Long, ...); zero for an absent primitive. */
    private static Object as(Class<?> t, Object v) {
        if (v instanceof Number) {
            Number n = (Number) v;
            if (t == int.class || t == Integer.class) return n.intValue();
            if (t == long.class || t == Long.class) return n.longValue();
            if (t == short.class || t == Short.class) return n.shortValue();
            if (t == double.class || t == Double.class) return n.doubleValue();
            return v;
        }
        if (v != null || !t.isPrimitive() || t == void.class) return v;
        if (t == boolean.class) return false;
        if (t == long.class) return 0L;
        if (t == double.class) return 0.0;
        return 0;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c == '\n') sb.append("\\n");
            else if (c == '\t') sb.append("\\t");
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** The class path entry this class is in, for the child JVM's {@code -cp}. */
    static String classPath() {
        try {
            return new File(FcRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
