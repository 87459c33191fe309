package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps a remedy and its opposite from changing one domain at the same time (disable-domain and enable-domain,
 * switch-to-overseas and restore-coverage). The CDN tag APIs have no conditional write, so each run raises its own
 * flag, a tag of its own key {@code lifeline:lock:<run>=<deadline epoch ms>.<function>}, and then reads the domain's tags:
 * it goes on only if no live flag of another function is up. Two runs of different functions cannot both go on
 * (Dekker): the one whose read came second saw the other's flag, written before the other's read. Both may see each
 * other; then both step back (their flags come down at once) and FC's retry of the failed invocations decides.
 * <p>Runs of the same function do not exclude each other: their writes are the same and repeating them is harmless,
 * and the next run after a crash (FC's retry) must be able to finish the dead run's work at once. A flag carries
 * the time by which FC ends the run that raised it: once that time (plus {@link #SKEW} for clocks apart) has passed,
 * the run is dead and the flag stale; the opposite remedy waits until then, and the next run that sees a stale flag
 * takes it down. Each run removes only its own key, so it never lowers a flag another run still relies on.
 */
final class DomainLock {
    static final String PREFIX = "lifeline:lock:";
    /** How far apart the clocks of two FC instances may be. */
    static final Duration SKEW = Duration.ofMinutes(1);
    /** What a domain another function is changing reports: nothing was written, and FC's retry decides later. */
    static final String LOCKED = "Lifeline.DomainLocked";
    /** UntagResources takes at most 20 keys a call: a remedy's three, this run's flag and up to 16 stale ones. */
    private static final int MAX_KEYS = 17;
    /** Rounds of UntagResources calls for the flags not yet down (each call retried by the adapters as any other). */
    private static final int LOWER_ROUNDS = 4;

    private final CdnApi cdn;
    private final String function;
    private final long deadlineMillis;
    private final String key = PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);

    DomainLock(CdnApi cdn, String function, long deadlineMillis) {
        this.cdn = cdn;
        this.function = function;
        this.deadlineMillis = deadlineMillis;
    }

    private static boolean live(String value, Instant now) {
        Instant until = writtenAt(value);
        return until != null && now.isBefore(until.plus(SKEW));
    }

    static boolean isLockKey(String tagKey) {
        return tagKey.startsWith(PREFIX);
    }

    /** The domains this run may change, with their tags as read under its flag, and why it may not change the others. */
    static final class Held {
        private final Map<Product, Map<String, Map<String, String>>> tags = new EnumMap<>(Product.class);
        private final Map<Product, Map<String, CloudException>> refused = new EnumMap<>(Product.class);
        /** Domains this run raised its flag on (held or not), and the stale flags seen there: what {@link #release} takes down. */
        private final Map<Product, Map<String, Set<String>>> flagged = new EnumMap<>(Product.class);

        /** The domain's tags read under this run's flag, without the flags; null when this run does not hold it. */
        Map<String, String> tags(Product p, String name) {
            return tags.getOrDefault(p, Map.of()).get(key(name));
        }

        /** Why this run may not change the domain, or null when it may. */
        CloudException refusal(Product p, String name) {
            CloudException e = refused.getOrDefault(p, Map.of()).get(key(name));
            if (e == null && tags(p, name) == null) {
                return new CloudException(LOCKED, "the domain could not be locked for this run", null, 409, false);
            }
            return e;
        }

        private void hold(Product p, String name, Map<String, String> t) {
            tags.computeIfAbsent(p, k -> new HashMap<>()).put(key(name), t);
        }

        private void refuse(Product p, String name, CloudException e) {
            refused.computeIfAbsent(p, k -> new HashMap<>()).put(key(name), e);
        }

        private void flagged(Product p, String name, Set<String> stale) {
            flagged.computeIfAbsent(p, k -> new java.util.concurrent.ConcurrentHashMap<>()).put(key(name), stale);
        }
    }

    /** Raises this run's flag on every domain and checks it; never throws for a domain, but says why in {@link Held#refusal}. */
    Held acquire(Map<Product, List<String>> wanted) {
        Held held = new Held();
        String value = deadlineMillis + "." + function;
        for (Map.Entry<Product, List<String>> e : wanted.entrySet()) {
            for (List<String> chunk : DomainSteps.batches(e.getValue())) {
                List<String> flagged = raise(e.getKey(), chunk, value, held);
                if (!flagged.isEmpty()) check(e.getKey(), flagged, held);
            }
        }
        // The refused step back at once: an opposite run that saw this flag too can then go on when FC retries it.
        Map<Product, Map<String, Set<String>>> down = new EnumMap<>(Product.class);
        for (Map.Entry<Product, Map<String, Set<String>>> e : held.flagged.entrySet()) {
            for (Map.Entry<String, Set<String>> f : e.getValue().entrySet()) {
                if (held.tags(e.getKey(), f.getKey()) == null) down.computeIfAbsent(e.getKey(), k -> new HashMap<>()).put(f.getKey(), f.getValue());
            }
        }
        try {
            lower(down);
            for (Map.Entry<Product, Map<String, Set<String>>> e : down.entrySet()) {
                for (String n : e.getValue().keySet()) held.flagged.get(e.getKey()).remove(n);
            }
        } catch (CloudException ignored) {
            // release() tries again at the end of the run
        }
        return held;
    }

    /** Takes down this run's flags (and the stale flags it saw) that are still up. A flag left behind goes stale once this run's time is up. */
    void release(Held held) throws CloudException {
        lower(held.flagged);
    }

    /**
     * The flag keys a last untag of the domain may take down with its own keys (this run's, and the stale ones seen
     * there), saving the run a call; {@link #lowered} then tells the lock they are down.
     */
    List<String> keysToLower(Held held, Product p, String name) {
        Set<String> stale = held.flagged.getOrDefault(p, Map.of()).get(key(name));
        if (stale == null) return List.of();
        List<String> out = new ArrayList<>();
        out.add(key);
        out.addAll(stale);
        return out;
    }

    void lowered(Held held, Product p, String name) {
        Map<String, Set<String>> m = held.flagged.get(p);
        if (m != null) m.remove(key(name));
    }

    private List<String> raise(Product p, List<String> chunk, String value, Held held) {
        try {
            cdn.tag(p, chunk, Map.of(key, value));
            return chunk;
        } catch (CloudException e) {
            if (e.retryable() || chunk.size() == 1) {
                for (String name : chunk) {
                    held.refuse(p, name, e);
                    held.flagged(p, name, Set.of()); // the write may have landed
                }
                return List.of();
            }
            // The cloud names no domain in a batch refusal (one domain gone, say): flag them one by one.
            List<String> out = new ArrayList<>();
            for (String name : chunk) out.addAll(raise(p, List.of(name), value, held));
            return out;
        }
    }

    private void check(Product p, List<String> chunk, Held held) {
        Map<String, Map<String, String>> now;
        try {
            now = byKey(cdn.tags(p, chunk));
        } catch (CloudException e) {
            for (String name : chunk) {
                held.refuse(p, name, e);
                held.flagged(p, name, Set.of());
            }
            return;
        }
        Instant clock = MarkerLease.now();
        for (String name : chunk) {
            Map<String, String> t = now.getOrDefault(key(name), Map.of());
            Set<String> stale = new LinkedHashSet<>();
            String other = null;
            Map<String, String> plain = new HashMap<>();
            for (Map.Entry<String, String> tag : t.entrySet()) {
                String k = tag.getKey();
                if (!isLockKey(k)) {
                    plain.put(k, tag.getValue());
                } else if (!k.equals(key)) {
                    if (!live(tag.getValue(), clock)) {
                        if (stale.size() < MAX_KEYS - 1) stale.add(k);
                    } else if (!function.equals(functionOf(tag.getValue())) && other == null) {
                        other = k + "=" + tag.getValue();
                    }
                }
            }
            held.flagged(p, name, stale);
            if (!t.containsKey(key)) {
                held.refuse(p, name, new CloudException(LOCKED, "this run's " + PREFIX + " tag was not on the domain when read back; "
                        + "nothing written, the next run tries again", null, 409, false));
            } else if (other != null) {
                held.refuse(p, name, new CloudException(LOCKED, "another cdn-lifeline run (" + other + ") is changing this domain: "
                        + "nothing written; the next run (FC retries a failed invocation) decides from what it leaves", null, 409, false));
            } else {
                held.hold(p, name, plain);
            }
        }
    }

    /**
     * Takes the flags down, trying again what failed: a flag left up holds the opposite remedy off until this run's
     * time is up, and no later run of this function may take it down (it cannot tell this run from a live one).
     */
    private void lower(Map<Product, Map<String, Set<String>>> flags) throws CloudException {
        Map<Product, Map<String, Set<String>>> left = flags;
        CloudException last = null;
        for (int round = 0; round < LOWER_ROUNDS && !left.isEmpty(); round++) {
            Map<Product, Map<String, Set<String>>> failed = new EnumMap<>(Product.class);
            last = lowerOnce(left, failed);
            left = failed;
        }
        if (!left.isEmpty()) throw last;
    }

    /** One UntagResources call per product, 50 domains and 20 keys: this run's key and the stale ones seen there. */
    private CloudException lowerOnce(Map<Product, Map<String, Set<String>>> flags, Map<Product, Map<String, Set<String>>> failed) {
        CloudException first = null;
        for (Map.Entry<Product, Map<String, Set<String>>> e : flags.entrySet()) {
            Map<Set<String>, List<String>> byKeys = new HashMap<>();
            for (Map.Entry<String, Set<String>> f : e.getValue().entrySet()) {
                Set<String> keys = new LinkedHashSet<>();
                keys.add(key);
                keys.addAll(f.getValue());
                byKeys.computeIfAbsent(keys, k -> new ArrayList<>()).add(f.getKey());
            }
            for (Map.Entry<Set<String>, List<String>> g : byKeys.entrySet()) {
                for (List<String> chunk : DomainSteps.batches(g.getValue())) {
                    try {
                        cdn.untag(e.getKey(), chunk, new ArrayList<>(g.getKey()));
                    } catch (CloudException failure) {
                        if (first == null) first = failure;
                        for (String n : chunk) failed.computeIfAbsent(e.getKey(), k -> new HashMap<>()).put(n, e.getValue().get(n));
                    }
                }
            }
        }
        return first;
    }

    private static Instant writtenAt(String value) {
        int dot = value.indexOf('.');
        return TagIntent.time(Map.of("t", dot < 0 ? value : value.substring(0, dot)), "t");
    }

    private static String functionOf(String value) {
        int dot = value.indexOf('.');
        return dot < 0 ? "" : value.substring(dot + 1);
    }

    private static Map<String, Map<String, String>> byKey(Map<String, Map<String, String>> got) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> e : got.entrySet()) out.put(key(e.getKey()), e.getValue() == null ? Map.of() : e.getValue());
        return out;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
