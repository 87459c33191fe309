package io.cdnlifeline.handler;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import io.cdnlifeline.accounts.AccountRuns;
import io.cdnlifeline.accounts.MemberAccount;
import io.cdnlifeline.accounts.RoleSessions;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.aliyun.AliyunRoles;
import io.cdnlifeline.report.AccountOutcome;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.aliyun.AliyunCloud;
import io.cdnlifeline.cloud.aliyun.CallPolicy;
import io.cdnlifeline.cloud.aliyun.DefaultCredentials;
import io.cdnlifeline.cloud.aliyun.FcAsyncInvoker;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.event.BadInputException;
import io.cdnlifeline.event.EventParser;
import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.Progress;
import io.cdnlifeline.notify.Notifier;
import io.cdnlifeline.notify.RunFacts;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.report.ReportJson;
import io.cdnlifeline.run.Continuer;
import io.cdnlifeline.run.Invocation;
import io.cdnlifeline.run.LifelineFunction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The FC entry point of every function, thin: bytes in -> Request -> function -> Report -> bytes out.
 * The SDK clients are built once per instance (the initializer), and read the credentials of the
 * latest invocation, because FC rotates the role's STS credentials.
 * <p>When any change failed, the Report is written and then {@link RemediationFailedException} is
 * thrown, so FC's async retry runs the function again (safe: every remedy plans from live state).
 */
public abstract class LifelineHandler implements StreamRequestHandler, FunctionInitializer {
    /** A trigger payload larger than this is refused before it is parsed. */
    static final int MAX_EVENT_BYTES = 1024 * 1024;

    private final AtomicReference<CloudCredentials> latest = new AtomicReference<>();
    /**
     * The running invocation's deadline, read by the SDK adapters before every attempt so retries stop
     * in time. One value per instance: FC runs one invocation at a time per Java instance by default.
     */
    private final AtomicLong runDeadline = new AtomicLong(Long.MAX_VALUE);
    private volatile Cloud cloud;
    private volatile Settings settings;
    private volatile Continuer continuer;
    private volatile Progress progress = Progress.NONE;
    private volatile Notifier notifier;
    private volatile io.cdnlifeline.state.ObjectStore stateStore;
    private volatile AccountRuns accountRuns;

    /** The function this handler runs. */
    protected abstract LifelineFunction function();

    /** Used by the CLI and tests: the settings and cloud to use instead of the environment's. */
    public final LifelineHandler with(Settings s, Cloud c) {
        this.settings = s;
        this.cloud = c;
        return this;
    }

    /** Used by the CLI: told what each run does, for a person watching (FC has no one watching). */
    public final LifelineHandler withProgress(Progress p) {
        this.progress = java.util.Objects.requireNonNull(p, "progress");
        return this;
    }

    /**
     * Used by the CLI and tests: who continues a run that reaches its deadline (the CLI: the next round in the same
     * process) instead of FC's asynchronous invocation of this function.
     */
    public final LifelineHandler continuingWith(Continuer c) {
        this.continuer = c;
        return this;
    }

    /**
     * Used by the command line: the runs over several accounts of the whole process (one STS client, so every AssumeRole
     * shares STS's rate limit; role tokens cached across the accounts' handlers).
     */
    public final LifelineHandler withAccountRuns(AccountRuns runs) {
        this.accountRuns = runs;
        return this;
    }

    @Override
    public void initialize(Context context) {
        remember(context);
        cloud();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        remember(context);
        String functionName = function().name();
        Consumer<String> log = logSink(context);
        Request request;
        String event;
        try {
            event = readLimited(input);
            request = EventParser.parse(event, functionName);
        } catch (BadInputException e) {
            log.accept("{\"audit\":\"lifeline\",\"function\":\"" + functionName + "\",\"error\":\"bad input\"}");
            throw e;
        }
        long limit = context == null || context.getFunctionParam() == null ? 600_000L
                : Math.max(1_000L, context.getFunctionParam().getExecTimeLimitInMillis());
        long started = System.currentTimeMillis();
        // Leave a margin to write the report (and send its digest) before FC cuts the invocation.
        long deadline = started + limit - Math.min(5_000L, limit / 10);
        long notifyEnd = started + limit - Math.min(1_000L, limit / 20);
        runDeadline.set(deadline);
        String requestId = context == null ? null : context.getRequestId();
        Report report;
        try {
            report = run(request, new Invocation(cloud(), settings(), log, requestId, deadline, continuer(context)).withProgress(progress), context);
        } catch (RuntimeException e) {
            // On FC's last attempt nothing runs after this invocation: the people hear of it now.
            Notifier n = notifier();
            if (n != null) n.afterCrash(functionName, requestId, e, runFacts(request, event, context), notifyEnd, log);
            throw e;
        }
        Notifier n = notifier();
        if (n != null) report = n.afterRun(report, runFacts(request, event, context), notifyEnd, log);
        output.write(ReportJson.pretty(report).getBytes(StandardCharsets.UTF_8));
        output.flush();
        if (report.hasFailures()) {
            throw new RemediationFailedException(report);
        }
    }

    /**
     * The run: in this account as always, unless LIFELINE_ACCOUNTS (or the Request's {@code accounts}) makes it a run over
     * accounts. One account (a fan-out's member run, or a Request naming one) runs here, through the role assumed into
     * it; several fan out, one asynchronous invocation of this function per account. An account that cannot be worked on
     * is reported with its cause and never stops the others.
     */
    private Report run(Request request, Invocation inv, Context context) {
        if (!settings().accounts().configured() && request.accounts().isEmpty()) return function().run(request, inv);
        AccountRuns runs = accountRuns();
        boolean dryRun = request.dryRun() != null ? request.dryRun() : settings().dryRun();
        List<MemberAccount> accounts;
        try {
            accounts = runs.resolve(request);
        } catch (CloudException e) {
            return AccountRuns.directoryFailed(function().name(), inv.requestId(), settings().accounts(), e, dryRun);
        }
        if (accounts.size() == 1) return runs.runIn(accounts.get(0), function(), request, inv, cloud());
        FcAsyncInvoker fc = fcInvoker(context);
        if (fc == null) {
            throw new BadInputException("a run over " + accounts.size() + " accounts fans out through FC's asynchronous invocation, and this "
                    + "is not FC: name one account in the Request's accounts, or use the command line, which runs them at once");
        }
        String id = inv.requestId() != null && inv.requestId().matches("[A-Za-z0-9_-]{1,64}") ? inv.requestId() : java.util.UUID.randomUUID().toString();
        Report fanned = AccountRuns.fanOut(function().name(), request, accounts, fc::invoke, id, dryRun);
        for (AccountOutcome a : fanned.accounts()) {
            inv.log().accept("{\"audit\":\"lifeline\",\"account\":\"" + a.account() + "\",\"function\":\"" + function().name()
                    + "\",\"requestId\":\"" + id + "\",\"fanOut\":\"" + a.status().id() + "\""
                    + (a.error() == null ? "" : ",\"error\":\"" + a.error().code() + "\"") + "}");
        }
        return fanned;
    }

    /** Built on the first run over accounts: STS and Resource Directory with the function's own credentials. */
    private AccountRuns accountRuns() {
        AccountRuns r = accountRuns;
        if (r == null) {
            synchronized (this) {
                r = accountRuns;
                if (r == null) {
                    CallPolicy policy = CallPolicy.defaults().withDeadline(runDeadline::get);
                    AliyunRoles roles = AliyunCloud.roles(settings(), this::credentials, policy);
                    r = new AccountRuns(settings().accounts(), new RoleSessions(roles, settings().accounts().externalId()), roles,
                            credentials -> AliyunCloud.create(settings(), credentials, policy), null, System.getenv("FC_ACCOUNT_ID"));
                    accountRuns = r;
                }
            }
        }
        return r;
    }

    /**
     * The continuation of a run stopped at its deadline: the one handed in, else an asynchronous invocation of this
     * very function ({@link #fcInvoker}); none outside FC.
     */
    private Continuer continuer(Context context) {
        if (continuer != null) return continuer;
        return fcInvoker(context);
    }

    /**
     * An asynchronous invocation of this very function (its name and qualifier from the context) at LIFELINE_ENDPOINT or
     * FC's endpoint of the account and region FC runs it in ({@code FC_ACCOUNT_ID}, {@code FC_REGION}), signed with the
     * function's own credentials; null outside FC.
     */
    private FcAsyncInvoker fcInvoker(Context context) {
        if (context == null || context.getFunctionParam() == null || context.getFunctionParam().getFunctionName() == null) return null;
        String base = settings().endpoint();
        if (base == null) {
            String account = System.getenv("FC_ACCOUNT_ID");
            String region = System.getenv("FC_REGION");
            if (account == null || account.isEmpty()) return null;
            base = FcAsyncInvoker.endpoint(account, region == null || region.isEmpty() ? settings().region() : region);
        }
        String qualifier = context.getService() == null ? null : context.getService().getQualifier();
        return new FcAsyncInvoker(base, this::credentials, context.getFunctionParam().getFunctionName(), qualifier);
    }

    private Settings settings() {
        Settings s = settings;
        if (s == null) {
            s = Settings.fromEnvironment();
            settings = s;
        }
        return s;
    }

    /** The notify step, or null when no channel is configured (then none of its classes is loaded: cold start). */
    private Notifier notifier() {
        if (!settings().notifications().enabled()) return null;
        Notifier n = notifier;
        if (n == null) {
            n = new Notifier(settings().notifications(), stateStore());
            notifier = n;
        }
        return n;
    }

    /** What the digest says besides the Report: trigger, reason, account, and where FC's retries stand. */
    private RunFacts runFacts(Request request, String event, Context context) {
        return RunFacts.builder().trigger(request.source()).reason(request.reason())
                .account(System.getenv("FC_ACCOUNT_ID"))
                .retryCount(context == null ? 0 : context.getRetryCount())
                .asyncRetries(settings().notifications().asyncRetries())
                .scheduledAt(RunFacts.timerTime(event))
                .build();
    }

    /** The credentials of the latest invocation (FC rotates the role's), for clients a function builds itself. */
    protected final java.util.function.Supplier<CloudCredentials> credentialSource() {
        return this::credentials;
    }

    /**
     * LIFELINE_STATE's store (in FC the OSS bucket, at its internal endpoint; at LIFELINE_ENDPOINT a sandbox's), opened
     * once per instance: the watch's memory and the notify memory.
     */
    protected final io.cdnlifeline.state.ObjectStore stateStore() {
        io.cdnlifeline.state.ObjectStore s = stateStore;
        if (s == null) {
            String fcRegion = System.getenv("FC_REGION");
            boolean inFc = fcRegion != null && !fcRegion.isEmpty() && settings().endpoint() == null;
            s = io.cdnlifeline.cloud.aliyun.StateStores.open(settings().notifications().state(), settings().endpoint(),
                    inFc ? fcRegion : settings().region(), inFc, this::credentials);
            stateStore = s;
        }
        return s;
    }

    private Cloud cloud() {
        Cloud c = cloud;
        if (c == null) {
            synchronized (this) {
                c = cloud;
                if (c == null) {
                    c = AliyunCloud.create(settings(), this::credentials, CallPolicy.defaults().withDeadline(runDeadline::get));
                    cloud = c;
                }
            }
        }
        return c;
    }

    private CloudCredentials credentials() {
        CloudCredentials c = latest.get();
        return c != null ? c : DefaultCredentials.resolve(null);
    }

    private void remember(Context context) {
        if (context == null) return;
        Credentials c = context.getExecutionCredentials();
        if (c != null && c.getAccessKeyId() != null && !c.getAccessKeyId().isEmpty()) {
            latest.set(new CloudCredentials(c.getAccessKeyId(), c.getAccessKeySecret(), c.getSecurityToken()));
        }
    }

    private static Consumer<String> logSink(Context context) {
        FunctionComputeLogger logger = context == null ? null : context.getLogger();
        if (logger == null) return line -> System.err.println(line);
        return logger::info;
    }

    static String readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) != -1) {
            if (buf.size() + n > MAX_EVENT_BYTES) {
                throw new BadInputException("the event is larger than " + MAX_EVENT_BYTES + " bytes; expected a Request or a trigger event");
            }
            buf.write(chunk, 0, n);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
