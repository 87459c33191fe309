package io.cdnlifeline.testing;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.aliyun.AliyunCloud;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.sandbox.SandboxCall;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A sandbox with a seed and the real SDK adapters pointed at it; the request log is the call counter. */
public final class SandboxAccount implements AutoCloseable {
    public final Sandbox sandbox;
    public final Settings settings;
    public final Cloud cloud;

    public SandboxAccount(String seedJson, Settings.Builder settings) {
        sandbox = Sandbox.start(0, seedJson);
        this.settings = settings.endpoint(sandbox.endpoint()).build();
        cloud = AliyunCloud.create(this.settings,
                () -> new CloudCredentials(Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET, null));
    }

    public SandboxAccount(String seedJson) {
        this(seedJson, Settings.builder());
    }

    /** The API calls answered since the last {@link #forget()}. */
    public List<SandboxCall> calls() {
        return sandbox.requests();
    }

    public List<SandboxCall> calls(String action) {
        List<SandboxCall> out = new ArrayList<>();
        for (SandboxCall c : sandbox.requests()) if (action.equals(c.action)) out.add(c);
        return out;
    }

    public void forget() {
        sandbox.clearRequests();
    }

    /**
     * A port that answers like {@code real} except that the methods {@code failing} names throw the given
     * CloudException: how a test makes one condition unreadable while the rest of the account works.
     */
    @SuppressWarnings("unchecked")
    public static <T> T failing(Class<T> port, T real, Predicate<String> failing, io.cdnlifeline.cloud.CloudException error) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, (proxy, method, args) -> {
            if (failing.test(method.getName())) throw error;
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
