package io.cdnlifeline.notify;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.report.ReportJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which findings were told, and when: finding key -> epoch ms. One small JSON object per function,
 * {@code notify-<function>.json} in the LIFELINE_NOTIFY_MEMORY directory.
 * <p>Why there: a finding may be about a domain (a locked record, a refusal), a VOD domain or the whole account,
 * and only the domains have tags; a tag or remark written to remember a message would also be one more write to a
 * customer's resource per finding, on the very tags the domain remedies use as lock flags. An object holds every
 * kind of finding, costs no cloud API call, and in FC is an OSS object through the function's OSS mount (a file
 * path to the code), so it outlives instances and is shared by them. One file per function keeps two functions
 * from overwriting each other's memory; two runs of one function at once may, and the cost of that is one
 * repeated message, never a lost one.
 * <p>Without a directory, the instance remembers while it lives: messages repeat after a cold start.
 */
final class NotifyMemory {
    private static final Map<String, Map<String, Long>> INSTANCE = new ConcurrentHashMap<>();
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");
    private final Path dir;
    private final io.cdnlifeline.state.ObjectStore store;

    private NotifyMemory(Path dir, io.cdnlifeline.state.ObjectStore store) {
        this.dir = dir;
        this.store = store;
    }

    static NotifyMemory of(String directory) {
        return new NotifyMemory(directory == null ? null : Paths.get(directory), null);
    }

    /**
     * The memory as {@code notify/notify-<function>.json} in the functions' store (LIFELINE_STATE: in FC the OSS bucket the
     * watch keeps its state in). Read and overwritten, no conditional write: two runs of one function at once may each
     * write what they told, the later one wins, and the cost is one message repeated early, never one lost.
     */
    static NotifyMemory in(io.cdnlifeline.state.ObjectStore store) {
        return new NotifyMemory(null, java.util.Objects.requireNonNull(store, "store"));
    }

    /** Where this memory lives, for the notes. */
    String where() {
        return store != null ? store.where() : dir == null ? "this function instance" : "the memory directory";
    }

    /** What the function told, and when; an unreadable memory reads as empty (a message repeats, none is lost). */
    Map<String, Long> read(String function) {
        if (store != null) {
            try {
                return parse(store.get(storeKey(function)));
            } catch (IOException | RuntimeException unreadable) {
                return new HashMap<>();
            }
        }
        if (dir == null) return new HashMap<>(INSTANCE.getOrDefault(function, Map.of()));
        Path f = file(function);
        if (!Files.isRegularFile(f)) return new HashMap<>();
        try {
            return parse(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException unreadable) {
            return new HashMap<>();
        }
    }

    private static Map<String, Long> parse(String text) {
        Map<String, Long> out = new HashMap<>();
        if (text == null) return out;
        {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) return out;
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                if (m.getValue().isJsonPrimitive() && m.getValue().getAsJsonPrimitive().isNumber()) {
                    out.put(m.getKey(), m.getValue().getAsLong());
                }
            }
        }
        return out;
    }

    /**
     * Adds the told findings at {@code now} and forgets what is older than the repeat window (it is due again
     * anyway). Written to a temporary file and moved into place, so a reader never sees half an object.
     */
    void remember(String function, Iterable<String> told, long now, Duration repeat) throws IOException {
        Map<String, Long> m = read(function);
        m.values().removeIf(t -> now - t >= repeat.toMillis() || t > now);
        for (String k : told) m.put(k, now);
        JsonObject o = new JsonObject();
        m.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.addProperty(e.getKey(), e.getValue()));
        if (store != null) {
            store.put(storeKey(function), ReportJson.compact(o));
            return;
        }
        if (dir == null) {
            INSTANCE.put(function, m);
            return;
        }
        Files.createDirectories(dir);
        Path f = file(function);
        Path tmp = Files.createTempFile(dir, ".notify-", ".tmp");
        try {
            Files.write(tmp, ReportJson.compact(o).getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String storeKey(String function) {
        String name = SAFE.matcher(function).matches() ? function : Integer.toHexString(function.hashCode());
        return "notify/notify-" + name + ".json";
    }

    private Path file(String function) {
        String name = SAFE.matcher(function).matches() ? function : Integer.toHexString(function.hashCode());
        return dir.resolve("notify-" + name + ".json");
    }

    /** For tests: forget what this JVM's instance memory holds. */
    static void forgetInstance() {
        INSTANCE.clear();
    }
}
