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

    private NotifyMemory(Path dir) {
        this.dir = dir;
    }

    static NotifyMemory of(String directory) {
        return new NotifyMemory(directory == null ? null : Paths.get(directory));
    }

    /** Where this memory lives, for the notes. */
    String where() {
        return dir == null ? "this function instance" : "the memory directory";
    }

    /** What the function told, and when; an unreadable memory reads as empty (a message repeats, none is lost). */
    Map<String, Long> read(String function) {
        if (dir == null) return new HashMap<>(INSTANCE.getOrDefault(function, Map.of()));
        Path f = file(function);
        Map<String, Long> out = new HashMap<>();
        if (!Files.isRegularFile(f)) return out;
        try {
            JsonElement e = JsonParser.parseString(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            if (!e.isJsonObject()) return out;
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                if (m.getValue().isJsonPrimitive() && m.getValue().getAsJsonPrimitive().isNumber()) {
                    out.put(m.getKey(), m.getValue().getAsLong());
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return new HashMap<>();
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
        if (dir == null) {
            INSTANCE.put(function, m);
            return;
        }
        JsonObject o = new JsonObject();
        m.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.addProperty(e.getKey(), e.getValue()));
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

    private Path file(String function) {
        String name = SAFE.matcher(function).matches() ? function : Integer.toHexString(function.hashCode());
        return dir.resolve("notify-" + name + ".json");
    }

    /** For tests: forget what this JVM's instance memory holds. */
    static void forgetInstance() {
        INSTANCE.clear();
    }
}
