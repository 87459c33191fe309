package io.cdnlifeline.reliability;

import io.cdnlifeline.cloud.AccountApi;
import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.DnsApi;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Our own ports, passed through to the real SDK adapters, playing a function instance that dies right after its
 * k-th write reached the cloud: from then on every call throws {@link Died}, as nothing of a dead process happens.
 * (A decorator of our ports, not a mock of the SDK: every call that happens goes through the SDK to the sandbox.)
 * A proxy rather than three classes, so methods the ports gain later pass through without changes here.
 */
final class DyingCloud {
    /** The port methods that change the account. */
    static final Set<String> WRITES = Set.of("stopDomain", "startDomain", "batchStopDomains", "batchStartDomains", "setCoverage",
            "tag", "untag", "addRecord", "updateRecord", "deleteRecord", "setRemark");

    /** What every call of a dead instance throws. */
    static final class Died extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Died() {
            super("the function instance died");
        }
    }

    private final int allowed;
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicBoolean dead = new AtomicBoolean();
    private final Cloud cloud;

    /** @param allowed writes that happen before the instance dies; {@link Integer#MAX_VALUE}: it never dies (counts writes) */
    DyingCloud(Cloud real, int allowed) {
        this.allowed = allowed;
        this.cloud = new Cloud(wrap(CdnApi.class, real.cdn()), wrap(DnsApi.class, real.dns()), wrap(AccountApi.class, real.account()));
    }

    Cloud cloud() {
        return cloud;
    }

    /** Writes that reached the cloud. */
    int writes() {
        return Math.min(writes.get(), allowed);
    }

    boolean died() {
        return dead.get();
    }

    private <T> T wrap(Class<T> port, T real) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) return method.invoke(real, args);
            if (dead.get()) throw new Died();
            if (WRITES.contains(method.getName()) && writes.incrementAndGet() > allowed) {
                dead.set(true);
                throw new Died();
            }
            try {
                Object result = method.invoke(real, args);
                if (WRITES.contains(method.getName()) && writes.get() == allowed) dead.set(true);
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, h));
    }
}
