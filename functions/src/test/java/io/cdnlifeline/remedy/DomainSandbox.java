package io.cdnlifeline.remedy;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.RequestParser;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.run.RemedyFunction;
import io.cdnlifeline.sandbox.Domain;
import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.sandbox.SandboxCall;
import io.cdnlifeline.sandbox.SandboxState;
import io.cdnlifeline.sandbox.Source;
import io.cdnlifeline.testing.SandboxCloud;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A sandbox account for the domain remedies' integration tests, on {@link SandboxCloud}: every call goes through
 * the real Aliyun SDK adapters over HTTP to {@link Sandbox}; the tests build the account from domains, and read
 * its state and the calls it answered.
 */
final class DomainSandbox implements AutoCloseable {
    private static final Gson SEED = new GsonBuilder().disableHtmlEscaping().create();

    private final SandboxCloud sandboxCloud;
    private final Sandbox sandbox;
    private final Cloud cloud;
    /** Every audit line of every run, in order. */
    final List<String> audit = Collections.synchronizedList(new ArrayList<>());

    private DomainSandbox(SandboxState seed) {
        this.sandboxCloud = SandboxCloud.start(SEED.toJson(seed));
        this.sandbox = sandboxCloud.sandbox();
        this.cloud = sandboxCloud.cloud();
    }

    static DomainSandbox start(SandboxState seed) {
        return new DomainSandbox(seed);
    }

    /** An account with these CDN and DCDN domains and nothing owed. */
    static SandboxState account(List<Domain> cdn, List<Domain> dcdn) {
        SandboxState s = new SandboxState();
        s.cdn = new ArrayList<>(cdn);
        s.dcdn = new ArrayList<>(dcdn);
        return s;
    }

    static Domain cdn(String name, String status, String coverage, boolean icp, Map<String, String> tags) {
        Domain d = domain(name, name + ".w.kunlunsl.com", status, coverage, icp, tags);
        d.cdnType = "web";
        return d;
    }

    static Domain dcdn(String name, String status, String coverage, boolean icp, Map<String, String> tags) {
        return domain(name, name + ".w.kunluncan.com", status, coverage, icp, tags);
    }

    private static Domain domain(String name, String cname, String status, String coverage, boolean icp, Map<String, String> tags) {
        Domain d = new Domain(name, cname, status, coverage);
        d.icp = icp;
        d.tags = new LinkedHashMap<>(tags);
        d.source(new Source("ipaddr", "203.0.113.10", 80, "20"));
        return d;
    }

    Sandbox sandbox() {
        return sandbox;
    }

    Cloud cloud() {
        return cloud;
    }

    Report run(Remedy remedy, String requestJson) {
        return run(remedy, requestJson, Settings.builder().build());
    }

    Report run(Remedy remedy, String requestJson, Settings settings) {
        SandboxCloud.Run run = sandboxCloud.run(new RemedyFunction(remedy), RequestParser.parse(requestJson), settings);
        audit.addAll(run.auditLines());
        return run.report();
    }

    /** One domain as the cloud now has it: {@code {"status","coverage","tags"}}. */
    JsonObject cdnNow(String name) {
        return sandbox.read(s -> view(s.cdnDomain(name)));
    }

    JsonObject dcdnNow(String name) {
        return sandbox.read(s -> view(s.dcdnDomain(name)));
    }

    /** Every domain of the account as {@link #cdnNow} shows it: what an exact round trip must give back. */
    JsonObject everyDomain() {
        return sandbox.read(s -> {
            JsonObject o = new JsonObject();
            JsonArray cdn = new JsonArray();
            s.cdn.forEach(d -> cdn.add(view(d)));
            JsonArray dcdn = new JsonArray();
            s.dcdn.forEach(d -> dcdn.add(view(d)));
            o.add("cdn", cdn);
            o.add("dcdn", dcdn);
            return o;
        });
    }

    private static JsonObject view(Domain d) {
        JsonObject o = new JsonObject();
        o.addProperty("domain", d.domain);
        o.addProperty("status", d.status);
        o.addProperty("coverage", d.coverage);
        o.add("tags", SEED.toJsonTree(new LinkedHashMap<>(d.tags)));
        return o;
    }

    /**
     * How many calls of this action the sandbox answered since the last {@link #clearCalls()}, leaving out the writes
     * of lock flags ({@link #lockWrites()}); the reads under the flags are counted.
     */
    long calls(String action) {
        return sandbox.requests().stream().filter(c -> action.equals(c.action) && !lockOnly(c)).count();
    }

    /**
     * The actions answered, in order, leaving out the reads ({@code Describe*}, {@code CheckCdnDomainICP}) and the lock
     * flags of remedy.DomainLock (raised before and lowered after a run's writes; {@link #lockWrites()} counts them).
     */
    List<String> writes() {
        return sandbox.requests().stream().filter(c -> !lockOnly(c)).map(c -> c.action)
                .filter(a -> !a.startsWith("Describe") && !a.equals("CheckCdnDomainICP"))
                .collect(Collectors.toList());
    }

    /** The tag writes that only raise or lower lock flags ({@code lifeline:lock:<run>}), in order. */
    List<String> lockWrites() {
        return sandbox.requests().stream().filter(DomainSandbox::lockOnly).map(c -> c.action).collect(Collectors.toList());
    }

    /** A tag write whose every tag key is a lock flag of remedy.DomainLock. */
    static boolean lockOnly(SandboxCall c) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> e : c.params.entrySet()) {
            if (e.getKey().matches("Tag\\.\\d+\\.Key|TagKey\\.\\d+")) keys.add(e.getValue());
        }
        return !keys.isEmpty() && keys.stream().allMatch(DomainSandbox::lockFlag);
    }

    static boolean lockFlag(String tagKey) {
        return tagKey.startsWith("lifeline:lock:");
    }

    /** The writes that named this domain (DomainName, DomainNames or ResourceId.N), in order, without lock flags. */
    List<String> writesFor(String domain) {
        return sandbox.requests().stream()
                .filter(c -> !c.action.startsWith("Describe") && !c.action.equals("CheckCdnDomainICP") && !lockOnly(c))
                .filter(c -> names(c).contains(domain))
                .map(c -> c.action)
                .collect(Collectors.toList());
    }

    private static List<String> names(SandboxCall c) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : c.params.entrySet()) {
            if (e.getKey().equals("DomainName") || e.getKey().startsWith("ResourceId.")) out.add(e.getValue());
            if (e.getKey().equals("DomainNames")) out.addAll(List.of(e.getValue().split(",")));
        }
        return out;
    }

    /** The calls of one action, with their parameters. */
    List<SandboxCall> callsOf(String action) {
        return sandbox.requests().stream().filter(c -> action.equals(c.action)).collect(Collectors.toList());
    }

    void clearCalls() {
        sandbox.clearRequests();
    }

    @Override
    public void close() {
        sandboxCloud.close();
    }
}
