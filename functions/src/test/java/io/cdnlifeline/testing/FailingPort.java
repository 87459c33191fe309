package io.cdnlifeline.testing;

import io.cdnlifeline.cloud.CloudException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Predicate;

/**
 * One of our ports (CdnApi, DnsApi, AccountApi) that answers like the real one except that the methods
 * {@code failing} names throw the given CloudException: how an integration test makes one condition
 * unreadable while the rest of the sandbox account works through the real SDK.
 */
public final class FailingPort {
    private FailingPort() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T of(Class<T> port, T real, Predicate<String> failing, CloudException error) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, (proxy, method, args) -> {
            if (failing.test(method.getName())) throw error;
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
