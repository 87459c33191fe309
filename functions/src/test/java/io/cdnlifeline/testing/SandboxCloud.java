package io.cdnlifeline.testing;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.aliyun.AliyunCloud;
import io.cdnlifeline.cloud.aliyun.CallPolicy;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.origin.OriginCheck;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.run.LifelineFunction;
import io.cdnlifeline.sandbox.Sandbox;
import io.cdnlifeline.sandbox.SandboxCall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * For integration tests: a running {@link Sandbox} and a {@link Cloud} built by the production
 * {@link AliyunCloud#create} (real Aliyun SDK, real signing, real retries and rate limits) pointed at it
 * with the sandbox keys {@code sandbox-ak} / {@code sandbox-secret}.
 * <pre>{@code
 * try (SandboxCloud sc = SandboxCloud.start(seedJson)) {
 *     sc.cloud().cdn().stopDomain(Product.CDN, "www.example.com");
 *     assertEquals(1, sc.count("StopCdnDomain"));
 *     SandboxCloud.Run run = sc.run(new RemedyFunction(new DisableDomainRemedy()), request);
 *     run.report(); run.auditLines();
 * }
 * }</pre>
 * The cloud retries with a short backoff ({@link #TEST_POLICY}) so retry tests take milliseconds; the
 * client-side rate limits are on, as in production. Change state with {@code sandbox().update(...)}.
 */
public final class SandboxCloud implements AutoCloseable {
    /** The keys every sandbox accepts unless its seed says otherwise. */
    public static final CloudCredentials SANDBOX_KEYS =
            new CloudCredentials(Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET, null);
    /** The production policy with a 10 ms .. 200 ms backoff. */
    public static final CallPolicy TEST_POLICY =
            CallPolicy.defaults().toBuilder().backoff(Duration.ofMillis(10), Duration.ofMillis(200)).build();

    private final Sandbox sandbox;
    private final Settings settings;
    /** The deadline of the run in progress ({@link #run}), which the cloud's calls respect, as in FC. */
    private final AtomicLong runDeadline = new AtomicLong(Long.MAX_VALUE);
    private final Cloud cloud;

    private SandboxCloud(Sandbox sandbox, CallPolicy policy) {
        this.sandbox = sandbox;
        // Tests not about origin readiness run with the check off: their origins (203.0.113.x) must never be probed.
        this.settings = Settings.builder().endpoint(sandbox.endpoint()).originCheck(OriginCheck.OFF).build();
        this.cloud = cloud(() -> SANDBOX_KEYS, policy);
    }

    /** The notification bus {@code lifeline setup} makes (template.yml's notificationBus), which the functions publish to. */
    public static final String NOTIFICATION_BUS = "cdn-lifeline";

    /**
     * A sandbox on a free port with {@code seedJson} (null: the sandbox's demo account), and its cloud with {@link #TEST_POLICY}.
     * The account is one {@code lifeline setup} has prepared as far as the functions see it: its EventBridge has the
     * notification bus (the sandbox refuses PutEvents to a bus its control plane did not make).
     */
    public static SandboxCloud start(String seedJson) {
        return start(seedJson, TEST_POLICY);
    }

    /** Same, with another call policy (e.g. {@code rateLimited(false)} to watch the sandbox throttle). */
    public static SandboxCloud start(String seedJson, CallPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        Sandbox sandbox = Sandbox.start(0, seedJson);
        try {
            sandbox.update(s -> s.eventBridge.account(s.accountIdOrDefault()).addBus(s.fc.region, NOTIFICATION_BUS));
            return new SandboxCloud(sandbox, policy);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    public Sandbox sandbox() { return sandbox; }

    /** The cloud built once at start, with the sandbox keys. */
    public Cloud cloud() { return cloud; }

    /** Default settings with {@code endpoint} = the sandbox; change others with {@code settings().toBuilder()}. */
    public Settings settings() { return settings; }

    /** Another cloud on the same sandbox, e.g. with STS or rotating credentials, or another policy. */
    public Cloud cloud(Supplier<CloudCredentials> credentials, CallPolicy policy) {
        LongSupplier own = policy.deadlineMillis();
        return AliyunCloud.create(settings, credentials,
                policy.withDeadline(() -> Math.min(own.getAsLong(), runDeadline.get())));
    }

    /** Every API call the sandbox answered so far, oldest first. */
    public List<SandboxCall> requests() {
        return sandbox.requests();
    }

    /** The calls of one action (e.g. {@code "StopCdnDomain"}), oldest first. */
    public List<SandboxCall> requests(String action) {
        List<SandboxCall> out = new ArrayList<>();
        for (SandboxCall c : sandbox.requests()) {
            if (action.equals(c.action)) out.add(c);
        }
        return out;
    }

    /** How many calls of one action the sandbox answered (errors included). */
    public int count(String action) {
        return requests(action).size();
    }

    public void clearRequests() {
        sandbox.clearRequests();
    }

    /** Runs a function on {@link #cloud()} with {@link #settings()}. */
    public Run run(LifelineFunction function, Request request) {
        return run(function, request, settings);
    }

    /** Runs a function on {@link #cloud()} with the given settings, collecting what it logs. */
    public Run run(LifelineFunction function, Request request, Settings runSettings) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Invocation invocation = Invocation.local(cloud, runSettings, lines::add);
        runDeadline.set(invocation.deadlineMillis());
        try {
            Report report = function.run(request, invocation);
            return new Run(report, lines);
        } finally {
            runDeadline.set(Long.MAX_VALUE);
        }
    }

    @Override
    public void close() {
        sandbox.close();
    }

    /** What one function run gave: its Report and the lines it logged (the audit trail, one JSON object per line). */
    public static final class Run {
        private final Report report;
        private final List<String> auditLines;

        Run(Report report, List<String> auditLines) {
            this.report = report;
            this.auditLines = List.copyOf(auditLines);
        }

        public Report report() { return report; }
        public List<String> auditLines() { return auditLines; }
    }
}
