package io.cdnlifeline.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Objects in this JVM only: what a function remembers when no store is configured. In FC that is one instance while
 * it lives (a cold start forgets); FC may run several instances, each with its own memory. Shared by every user in
 * the JVM, as FC's instance is.
 */
public final class InstanceStore implements ObjectStore {
    private static final Map<String, String> OBJECTS = new ConcurrentHashMap<>();
    private final String prefix;

    /** @param prefix keeps users of one JVM apart (tests use a fresh one each) */
    public InstanceStore(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    public String get(String key) {
        return OBJECTS.get(prefix + key);
    }

    @Override
    public void put(String key, String content) {
        OBJECTS.put(prefix + key, content);
    }

    @Override
    public boolean create(String key, String content) {
        return OBJECTS.putIfAbsent(prefix + key, content) == null;
    }

    @Override
    public void delete(String key) {
        OBJECTS.remove(prefix + key);
    }

    @Override
    public String where() {
        return "this function instance";
    }

    /** For tests: forgets every object of every prefix. */
    public static void forgetAll() {
        OBJECTS.clear();
    }
}
