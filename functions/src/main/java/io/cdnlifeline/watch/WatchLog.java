package io.cdnlifeline.watch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdnlifeline.state.ObjectStore;
import io.cdnlifeline.state.StoreException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The watch's memory of the last state, in an {@link ObjectStore}: a numbered log of generations.
 * <pre>
 * watch/gen/00000000000000000042.json   the state after a change and the events it owes (its outbox); created, never overwritten
 * watch/sent/00000000000000000042.json  the outbox of generation 42 was published
 * watch/head.json                       a hint: the newest generation and whether it was sent (overwritten)
 * </pre>
 * A run reads the newest generation, compares it with what it polled, and records a change by <em>creating</em> the
 * next generation with {@link ObjectStore#create} (OSS {@code x-oss-forbid-overwrite}). That is the conditional write
 * the safety rests on: of two runs that overlap, exactly one creates generation N+1, and only that run publishes the
 * events in it; the other publishes nothing (its observations are polled again a minute later, so nothing is lost).
 * A generation's events are published after it was created, then {@code sent/N} is created:
 * <ul>
 *   <li>A run that dies before it created N+1 recorded nothing: the next run sees the same change and records it.</li>
 *   <li>A run that dies after creating N+1 but before {@code sent/N+1}: the next run finds N+1 unsent. While N+1 is
 *       younger than the lease (longer than the watch's FC time limit, so its writer cannot still be running after it)
 *       the next runs record nothing new; after it, a run carries N+1's events (same ids) into N+2 and publishes them.</li>
 *   <li>The one case of an event published twice: a run that dies in the instant between EventBridge accepting the
 *       events and its {@code sent} marker. The copy has the same CloudEvents id, and every consumer plans from live
 *       state, so it changes nothing.</li>
 * </ul>
 * The head is only a hint (stale when runs overlap): the reader probes forward from it to the newest generation. Each
 * write deletes the generation before the previous one, so the log stays two generations long.
 */
public final class WatchLog {
    static final String HEAD = "watch/head.json";
    private final ObjectStore store;
    private final String runId;
    private final long leaseMillis;

    public WatchLog(ObjectStore store, String runId, long leaseMillis) {
        this.store = Objects.requireNonNull(store, "store");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.leaseMillis = leaseMillis;
    }

    /** One recorded generation: the state by subject, the events it owes, who wrote it and when. */
    public static final class Generation {
        final long number;
        final Map<String, String> state;
        final List<JsonObject> outbox;
        final String writtenBy;
        final long writtenAt;

        Generation(long number, Map<String, String> state, List<JsonObject> outbox, String writtenBy, long writtenAt) {
            this.number = number;
            this.state = Collections.unmodifiableMap(new TreeMap<>(state));
            this.outbox = Collections.unmodifiableList(new ArrayList<>(outbox));
            this.writtenBy = writtenBy;
            this.writtenAt = writtenAt;
        }

        public long number() { return number; }
        public Map<String, String> state() { return state; }
        public List<JsonObject> outbox() { return outbox; }
        public long writtenAt() { return writtenAt; }

        String json() {
            JsonObject o = new JsonObject();
            o.addProperty("generation", number);
            JsonObject s = new JsonObject();
            state.forEach(s::addProperty);
            o.add("state", s);
            JsonArray events = new JsonArray();
            outbox.forEach(events::add);
            o.add("outbox", events);
            o.addProperty("writtenBy", writtenBy);
            o.addProperty("writtenAt", writtenAt);
            return o.toString();
        }

        static Generation parse(String text) {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            Map<String, String> state = new TreeMap<>();
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("state").entrySet()) state.put(e.getKey(), e.getValue().getAsString());
            List<JsonObject> outbox = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("outbox")) outbox.add(e.getAsJsonObject());
            return new Generation(o.get("generation").getAsLong(), state, outbox, o.get("writtenBy").getAsString(), o.get("writtenAt").getAsLong());
        }
    }

    /** What a run finds: the newest generation (null before the first run) and whether its events are still owed. */
    public static final class Latest {
        final Generation generation;
        final boolean unsent;

        Latest(Generation generation, boolean unsent) {
            this.generation = generation;
            this.unsent = unsent;
        }

        public Generation generation() { return generation; }
        /** True when the newest generation has events and no {@code sent} marker. */
        public boolean unsent() { return unsent; }
    }

    /** Reads the newest generation: the head's hint, then forward until a generation is missing. */
    public Latest read() throws StoreException {
        String head = store.get(HEAD);
        long hint = 0;
        long sentHint = 0;
        if (head != null) {
            try {
                JsonObject h = JsonParser.parseString(head).getAsJsonObject();
                hint = h.get("generation").getAsLong();
                sentHint = h.has("sent") ? h.get("sent").getAsLong() : 0;
            } catch (RuntimeException unreadable) {
                hint = 0;
            }
        }
        Generation newest = null;
        int misses = 0;
        for (long g = Math.max(1, hint); ; g++) {
            Generation found = generation(g);
            if (found != null) {
                newest = found;
                misses = 0;
            } else {
                misses++;
            }
            // stop at the first gap after the newest found; before any is found, a deleted hint may hide one more
            if ((newest != null && misses >= 1) || misses >= 2) break;
        }
        if (newest == null) return new Latest(null, false);
        boolean unsent = !newest.outbox.isEmpty() && sentHint != newest.number && store.get(sentKey(newest.number)) == null;
        return new Latest(newest, unsent);
    }

    /**
     * Creates the generation after {@code latest} with this state and outbox.
     * @return the generation this run now owns, or null when another run created that generation first
     */
    public Generation commit(Generation latest, Map<String, String> state, List<JsonObject> outbox, long now) throws StoreException {
        long next = latest == null ? 1 : latest.number + 1;
        Generation g = new Generation(next, state, outbox, runId, now);
        if (!store.create(genKey(next), g.json())) {
            // a create retried after a dropped connection may find this run's own first attempt
            String existing = store.get(genKey(next));
            if (existing == null || !runId.equals(Generation.parse(existing).writtenBy)) return null;
        }
        return g;
    }

    /** After the outbox was published: the sent marker, the head, and the generation before the previous one deleted. */
    public void sent(Generation g, long now) throws StoreException {
        if (!g.outbox.isEmpty()) {
            JsonObject marker = new JsonObject();
            marker.addProperty("sentBy", runId);
            marker.addProperty("sentAt", now);
            store.create(sentKey(g.number), marker.toString());
        }
        JsonObject head = new JsonObject();
        head.addProperty("generation", g.number);
        head.addProperty("sent", g.number);
        store.put(HEAD, head.toString());
        if (g.number > 2) {
            store.delete(genKey(g.number - 2));
            store.delete(sentKey(g.number - 2));
        }
    }

    /** True when {@code g}'s writer may still be publishing it: younger than the lease. */
    public boolean leased(Generation g, long now) {
        return now - g.writtenAt < leaseMillis;
    }

    private Generation generation(long number) throws StoreException {
        String text = store.get(genKey(number));
        if (text == null) return null;
        try {
            return Generation.parse(text);
        } catch (RuntimeException e) {
            throw new StoreException("the watch's " + genKey(number) + " in " + store.where() + " is not a generation: " + e.getMessage(), false, e);
        }
    }

    static String genKey(long number) {
        return String.format("watch/gen/%020d.json", number);
    }

    static String sentKey(long number) {
        return String.format("watch/sent/%020d.json", number);
    }
}
