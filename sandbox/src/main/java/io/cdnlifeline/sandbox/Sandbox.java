package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * A local emulator of the Alibaba Cloud RPC APIs cdn-lifeline uses (CDN, DCDN, Alidns, BSS), on 127.0.0.1.
 * Point any Aliyun SDK client at {@link #endpoint()} with access key {@value #DEFAULT_ACCESS_KEY_ID} /
 * {@value #DEFAULT_ACCESS_KEY_SECRET} (or the keys of the seed).
 */
public final class Sandbox implements AutoCloseable {
    public static final String DEFAULT_ACCESS_KEY_ID = "sandbox-ak";
    public static final String DEFAULT_ACCESS_KEY_SECRET = "sandbox-secret";
    static final String DEMO_SEED = "demo-seed.json";
    /** Calls answered at once, unless {@link #start(int, String, int)} says otherwise. */
    private static final int THREADS = 32;

    /** Read-only actions share the state; changes, admin writes and {@link #update} take it alone. */
    private final ReentrantReadWriteLock stateLock = new ReentrantReadWriteLock();
    private final Lock writeLock = stateLock.writeLock();
    private final Lock readLock = stateLock.readLock();
    private final Traffic traffic = new Traffic();
    private final RequestLog log = new RequestLog();
    private final FcAsyncRequests fcAsyncRequests = new FcAsyncRequests();
    private final HttpServer server;
    private final FcCodeStore fcCode = new FcCodeStore();
    private final FcInvoker fcInvoker = new FcInvoker(this);
    private final FcTriggers fcTriggers = new FcTriggers(this, fcInvoker);
    private final ExecutorService executor;
    private SandboxState state;

    private Sandbox(int port, SandboxState initial, int threads) throws IOException {
        NoDelay.ensure();
        install(initial);
        // 127.0.0.1 exactly (not whatever "loopback" resolves to): endpoint() promises that address
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 256);
        server.createContext("/", new ApiServer(this, fcCode, fcInvoker));
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threadFactory = r -> {
            Thread t = new Thread(r, "sandbox-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        executor = Executors.newFixedThreadPool(threads, threadFactory);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts a sandbox on {@code port} (0: any free port) with the given seed JSON, or with the built-in demo
     * account when {@code seedJsonOrNull} is null.
     */
    public static Sandbox start(int port, String seedJsonOrNull) {
        return start(port, seedJsonOrNull, THREADS);
    }

    /**
     * The same, answering up to {@code threads} calls at once (default 32). The cloud's capacity is not shared between
     * accounts, only their QPS limits are each account's own: a benchmark of many accounts at once needs more.
     */
    public static Sandbox start(int port, String seedJsonOrNull, int threads) {
        if (threads < 1 || threads > 4096) throw new IllegalArgumentException("threads must be 1..4096; got " + threads);
        try {
            return new Sandbox(port, parse(seedJsonOrNull == null ? demoSeed() : seedJsonOrNull), threads);
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox could not listen on port " + port, e);
        }
    }

    /** The built-in demo account (the seed used when none is given). */
    public static String demoSeed() {
        try (InputStream in = Sandbox.class.getResourceAsStream(DEMO_SEED)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEMO_SEED);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The QPS the sandbox enforces for {@code action} when {@code enforceQps} is on (documented, or a conservative default). */
    public static int qps(String action) {
        return Traffic.QPS.getOrDefault(action, Traffic.DEFAULT_QPS);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The current state in the seed format (what {@code GET /_sandbox/state} returns). */
    public String stateJson() {
        writeLock.lock();
        try {
            state.limits = traffic.limits();
            state.faults = traffic.faults();
            return Json.STATE.toJson(state);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Replaces the whole state with a seed (what {@code PUT /_sandbox/state} does). The limits and faults stay as
     * they are unless the seed has them: a state edited by hand replaces the account, not the weather.
     */
    public void replaceState(String seedJson) {
        SandboxState next = parse(seedJson);
        JsonObject given = com.google.gson.JsonParser.parseString(seedJson).getAsJsonObject();
        writeLock.lock();
        try {
            if (!given.has("limits")) next.limits = traffic.limits();
            if (!given.has("faults")) next.faults = traffic.faults();
            install(next);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Changes the live state under the lock, e.g. to play "the cloud took the domain offline":
     * {@code sandbox.update(s -> s.cdnDomain("www.example.com").status = "offline")}. Indexes are rebuilt after.
     */
    public void update(Consumer<SandboxState> change) {
        writeLock.lock();
        try {
            Limits limitsBefore = state.limits;
            Faults faultsBefore = state.faults;
            change.accept(state);
            state.reindex();
            if (state.limits != limitsBefore) {
                traffic.setLimits(state.limits);
            }
            if (state.faults != faultsBefore) {
                traffic.setFaults(state.faults);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Plays one story verb of the admin API on the live state: {@code /_sandbox/domains/{domain}/{verb}} (offline,
     * online, icp-invalid, icp-valid) or {@code /_sandbox/account/{verb}} (debt, pay; the body may say
     * {@code {"allDomains": true, "availableAmount": "-42.17"}}). Answers the fields changed, before and after.
     * @throws IllegalArgumentException for a malformed body
     */
    public JsonObject play(String path, String body) {
        String rest = path.substring("/_sandbox/".length());
        String[] parts = rest.split("/");
        JsonObject options = body == null || body.isBlank() ? new JsonObject() : parseObject(body, JsonObject.class);
        JsonObject[] result = new JsonObject[1];
        if (parts.length == 3 && parts[0].equals("domains")) {
            String domain = java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            // a member's domain plays in that member's account
            update(s -> {
                SandboxState holder = s.accountOfDomain(domain);
                result[0] = StoryVerbs.onDomain(holder == null ? s : holder, domain, parts[2]);
            });
        } else if (parts.length == 2 && parts[0].equals("account")) {
            boolean all = options.has("allDomains") && options.get("allDomains").getAsBoolean();
            String balance = options.has("availableAmount") ? options.get("availableAmount").getAsString() : null;
            String memberId = options.has("accountId") ? options.get("accountId").getAsString() : null;
            update(s -> {
                SandboxState which = memberId == null || memberId.equals(s.accountIdOrDefault()) ? s : s.member(memberId);
                if (which == null) throw new StoryVerbs.NotFound("no account " + memberId + " in this sandbox");
                result[0] = StoryVerbs.onAccount(which, parts[1], all, balance);
            });
        } else {
            throw new StoryVerbs.NotFound("expected /_sandbox/domains/{domain}/{" + String.join("|", StoryVerbs.DOMAIN_VERBS)
                    + "} or /_sandbox/account/{" + String.join("|", StoryVerbs.ACCOUNT_VERBS) + "}; got " + path);
        }
        return result[0];
    }

    /** Changes the state under the exclusive lock without rebuilding the domain indexes (the local FC's writes). */
    <T> T change(java.util.function.Function<SandboxState, T> change) {
        writeLock.lock();
        try {
            return change.apply(state);
        } finally {
            writeLock.unlock();
        }
    }

    /** Reads the live state under the lock. */
    public <T> T read(java.util.function.Function<SandboxState, T> query) {
        readLock.lock();
        try {
            return query.apply(state);
        } finally {
            readLock.unlock();
        }
    }

    /** The API calls answered so far (the last {@value RequestLog#CAPACITY}), oldest first. */
    public List<SandboxCall> requests() {
        return log.snapshot();
    }

    /**
     * Holds the asynchronous invocations of {@code functionName} instead of running them: for a test or the benchmark that
     * runs the function's handler in its own process. The function need not be deployed; InvokeFunction answers 202 as
     * for any async call, and {@link #takeFcAsyncRequests()} hands the held invocations over.
     */
    public void fcHoldAsync(String functionName) {
        fcAsyncRequests.hold(functionName);
    }

    /**
     * The asynchronous InvokeFunction calls held since the last take (see {@link #fcHoldAsync}), oldest first, and
     * forgets them: the caller runs them, as FC would.
     */
    public List<FcAsyncRequest> takeFcAsyncRequests() {
        return fcAsyncRequests.take();
    }

    /** The same, without forgetting them. */
    public List<FcAsyncRequest> fcAsyncRequests() {
        return fcAsyncRequests.peek();
    }

    FcAsyncRequests fcAsyncRequestsHandler() {
        return fcAsyncRequests;
    }

    public void clearRequests() {
        log.clear();
    }

    /** Same JSON as {@code PUT /_sandbox/faults}: {@code {"errorRate":0.1,"throttleRate":0,"dropRate":0,"seed":1}}. */
    public void setFaults(String faultsJson) {
        setFaults(parseObject(faultsJson, Faults.class));
    }

    public void setFaults(Faults faults) {
        writeLock.lock();
        try {
            traffic.setFaults(faults);   // first: a bad injection entry changes nothing
            state.faults = faults;
        } finally {
            writeLock.unlock();
        }
    }

    /** Same JSON as {@code PUT /_sandbox/limits}: {@code {"latencyMs":0,"enforceQps":true}}. */
    public void setLimits(String limitsJson) {
        setLimits(parseObject(limitsJson, Limits.class));
    }

    public void setLimits(Limits limits) {
        writeLock.lock();
        try {
            state.limits = limits;
            traffic.setLimits(limits);
        } finally {
            writeLock.unlock();
        }
    }

    /** The local FC's invocations so far, oldest first (what {@code GET /_sandbox/fc/invocations} lists). */
    public List<FcInvocation> fcInvocations() {
        return fcInvoker.invocations();
    }

    /**
     * Moves the local FC's clock forward and fires every enabled timer whose cron falls in that span, in time order
     * (each an async invocation); returns their request ids. The clock starts at the real time and moves only here.
     */
    public List<String> fcAdvanceClock(java.time.Duration by) {
        return fcTriggers.advance(by.getSeconds());
    }

    /** Fires one timer trigger now, as the console's "trigger once" does; returns the request id. */
    public String fcFireTimer(String functionName, String triggerName) {
        return fcTriggers.fire(functionName, triggerName);
    }

    /**
     * Lets the local FC's timers fire on the wall clock, as in the cloud ({@code true}), or only when a test moves the
     * clock ({@code false}, the default).
     */
    public void fcTimersInRealTime(boolean on) {
        fcTriggers.realTime(on);
    }

    /** Every event EventBridge PutEvents accepted so far (the last 10,000), oldest first, as the triggers received them. */
    public List<JsonObject> publishedEvents() {
        return fcTriggers.published();
    }

    FcTriggers fcTriggers() {
        return fcTriggers;
    }

    @Override
    public void close() {
        fcTriggers.realTime(false);
        fcInvoker.close();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Traffic traffic() {
        return traffic;
    }

    RequestLog log() {
        return log;
    }

    /** Every key the sandbox accepts: the central account's and each member's (the STS keys AssumeRole handed out). */
    List<AccessKey> accessKeys() {
        readLock.lock();
        try {
            List<AccessKey> all = new ArrayList<>();
            for (SandboxState a : state.accounts()) all.addAll(a.accessKeys);
            return all;
        } finally {
            readLock.unlock();
        }
    }

    /** The id of the account that holds the key (the central one when no account does: an unsigned call). */
    String accountIdOf(AccessKey key) {
        return read(s -> {
            SandboxState a = key == null ? null : s.accountOfKey(key.id);
            return (a == null ? s : a).accountIdOrDefault();
        });
    }

    /** Runs one action against the state of the caller's account: reads under the shared lock, changes under the exclusive one. */
    JsonObject apply(ProductApi api, String action, Params params, AccessKey key) {
        Lock l = isReadOnly(action) ? readLock : writeLock;
        l.lock();
        try {
            SandboxState account = key == null ? null : state.accountOfKey(key.id);
            if (account == null) account = state;
            Caller caller = new Caller(key, account, state);
            Account a = account.account;
            if (a.notActivated != null && a.notActivated.contains(api.product())) {
                throw api.notActivated();
            }
            if (a.notAuthorized != null && a.notAuthorized.contains(api.product())) {
                throw api.forbidden();
            }
            return api.call(action, params, account, caller);
        } finally {
            l.unlock();
        }
    }

    /** Every emulated action that only reads is named Describe*, Get*, Check* or Query*. */
    static boolean isReadOnly(String action) {
        return action.startsWith("Describe") || action.startsWith("Get") || action.startsWith("Check") || action.startsWith("Query");
    }

    private void install(SandboxState next) {
        next.reindex();
        state = next;
        traffic.setLimits(next.limits);
        traffic.setFaults(next.faults);
    }

    static SandboxState parse(String seedJson) {
        SandboxState s = parseObject(seedJson, SandboxState.class);
        if (s == null) {
            throw new IllegalArgumentException("empty seed");
        }
        checkMembers(s, com.google.gson.JsonParser.parseString(seedJson).getAsJsonObject());
        if (s.faults != null && s.faults.inject != null) {
            for (ErrorInjection i : s.faults.inject) {
                i.error();   // a bad entry refuses the whole seed before anything is installed
            }
        }
        check(s);
        return s;
    }

    /** The keys a member entry may have: the single-account keys, its id and its role (and keys of its own, rarely needed). */
    static final java.util.Set<String> MEMBER_KEYS = java.util.Set.of("accountId", "account", "cdn", "dcdn", "vod", "live", "dns", "role",
            "accessKeys", "tags", "ram", "eventBridge", "logService");

    /**
     * {@code members}: each with a unique {@code accountId} of digits (not the central one), a {@code role} with a
     * {@code name}, and only {@link #MEMBER_KEYS}: {@code limits} and {@code faults} are the top level's, for every account.
     */
    private static void checkMembers(SandboxState s, JsonObject raw) {
        if (s.members == null) return;
        com.google.gson.JsonArray list = raw.getAsJsonArray("members");
        java.util.Set<String> ids = new java.util.HashSet<>();
        ids.add(s.accountIdOrDefault());
        for (int i = 0; i < s.members.size(); i++) {
            SandboxState m = s.members.get(i);
            String where = "seed: members[" + i + "]";
            if (m == null) throw new IllegalArgumentException(where + " is null; expected an account object");
            for (String key : list.get(i).getAsJsonObject().keySet()) {
                if (!MEMBER_KEYS.contains(key)) {
                    throw new IllegalArgumentException(where + " has \"" + key + "\"; a member may have " + new java.util.TreeSet<>(MEMBER_KEYS)
                            + (key.equals("limits") || key.equals("faults") ? " (the top-level limits and faults apply to every account)" : ""));
                }
            }
            if (m.accountId == null || !m.accountId.matches("[0-9]{1,32}")) {
                throw new IllegalArgumentException(where + " needs an \"accountId\" of digits; got " + m.accountId);
            }
            if (!ids.add(m.accountId)) {
                throw new IllegalArgumentException(where + " repeats the account id " + m.accountId);
            }
            if (m.role == null || m.role.name == null || m.role.name.isBlank()) {
                throw new IllegalArgumentException(where + " (" + m.accountId + ") needs a \"role\" with a \"name\": members are reached "
                        + "only through AssumeRole");
            }
            check(m);
        }
    }

    /** What the seed format requires and no default can fill: a name per domain, a value per record. */
    private static void check(SandboxState s) {
        for (String product : List.of("cdn", "dcdn", "vod", "live")) {
            List<Domain> ds = product.equals("cdn") ? s.cdn : product.equals("dcdn") ? s.dcdn : product.equals("vod") ? s.vod : s.live;
            if (ds == null) continue;
            for (int i = 0; i < ds.size(); i++) {
                if (ds.get(i) == null || ds.get(i).domain == null || ds.get(i).domain.isBlank()) {
                    throw new IllegalArgumentException("seed: " + product + "[" + i + "] has no \"domain\"");
                }
            }
        }
        if (s.dns == null) return;
        for (DnsZone z : s.dns) {
            if (z == null || z.zone == null || z.zone.isBlank()) throw new IllegalArgumentException("seed: a dns entry has no \"zone\"");
            if (z.records == null) continue;
            for (int i = 0; i < z.records.size(); i++) {
                DnsRecord r = z.records.get(i);
                String which = "seed: zone " + z.zone + ", record " + (r != null && r.recordId != null ? r.recordId : "#" + (i + 1))
                        + (r != null && r.rr != null ? " (rr " + r.rr + ")" : "");
                if (r == null || r.value == null || r.value.isBlank()) throw new IllegalArgumentException(which + " has no \"value\"");
            }
        }
    }

    private static <T> T parseObject(String json, Class<T> type) {
        try {
            T value = Json.STATE.fromJson(json, type);
            if (value == null) {
                throw new IllegalArgumentException("empty JSON where a " + type.getSimpleName() + " was expected");
            }
            return value;
        } catch (JsonParseException e) {
            String what = type == SandboxState.class ? "seed" : type.getSimpleName().toLowerCase();
            throw new IllegalArgumentException("not a valid " + what + " JSON: " + e.getMessage(), e);
        }
    }
}
