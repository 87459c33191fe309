package io.cdnlifeline.config;

import io.cdnlifeline.notify.NotifySettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.cdnlifeline.origin.Cidr;
import io.cdnlifeline.origin.OriginCheck;
import io.cdnlifeline.origin.OriginNetwork;
import io.cdnlifeline.origin.StatusSet;

/**
 * The function's configuration, read from its environment (template.yml sets it). Every value has
 * a safe default; a malformed value is an error at start-up, not a silent default.
 * <pre>
 * LIFELINE_SCOPE        comma-separated globs of domains the functions may touch   (default *)
 * LIFELINE_EXCLUDE      comma-separated globs never touched, even when named        (default none)
 * LIFELINE_MAX_CHANGES  a run that would change more refuses to change anything     (default 50)
 * LIFELINE_DRY_RUN      true: plan and report, change nothing                       (default false)
 * LIFELINE_ENDPOINT     send every API call to this URL (the sandbox)               (default: the real endpoints)
 * LIFELINE_REGION       region of the API clients                                   (default cn-hangzhou)
 * LIFELINE_CONCURRENCY  domains worked on at once                                   (default 8)
 * LIFELINE_OUTAGE_UNDO_FROM dns-to-cdn restores in outage mode from this many domains (default 50)
 * LIFELINE_ORIGIN_CHECK require|warn|off: dns-to-origin's origin readiness check     (default require)
 * LIFELINE_ORIGIN_ALLOW address ranges accepted although visitors cannot reach them (default none)
 * LIFELINE_ORIGIN_PATH  the path the probe asks for                                 (default /)
 * LIFELINE_ORIGIN_STATUSES HTTP statuses that count as serving                     (default 200-399)
 * LIFELINE_ORIGIN_TIMEOUT_MS a probe's whole time limit                             (default 5000)
 * LIFELINE_ORIGIN_CONNECT_TIMEOUT_MS a probe's connect time limit                   (default 3000)
 * LIFELINE_ORIGIN_PROBES  probes in flight at once                                  (default 64)
 * LIFELINE_NOTIFY_*     where the digest of a run goes (see {@link NotifySettings})  (default: nowhere)
 * LIFELINE_ACCOUNTS     role ARNs, self, rd:&lt;role name&gt;: the accounts a run covers (default: this account only)
 * LIFELINE_ACCOUNTS_EXTERNAL_ID  sent with every AssumeRole                      (default: none)
 * </pre>
 */
public final class Settings {
    private final List<Pattern> scope;
    private final List<Pattern> exclude;
    private final String scopeText;
    private final String excludeText;
    private final int maxChanges;
    private final boolean dryRun;
    private final String endpoint;
    private final String region;
    private final int concurrency;
    private final int outageUndoFrom;
    private final OriginCheck originCheck;
    private final String originAllowText;
    private final List<Cidr> originAllow;
    private final String originPath;
    private final StatusSet originStatuses;
    private final int originTimeoutMs;
    private final int originConnectTimeoutMs;
    private final int originProbes;
    private final OriginNetwork originNetwork;
    private final java.security.KeyStore originTrustStore;
    private final NotifySettings notify;
    private final io.cdnlifeline.accounts.AccountsConfig accounts;

    private Settings(Builder b) {
        this.scopeText = b.scope;
        this.excludeText = b.exclude;
        this.scope = globs(b.scope);
        this.exclude = globs(b.exclude);
        this.maxChanges = b.maxChanges;
        this.outageUndoFrom = b.outageUndoFrom;
        this.dryRun = b.dryRun;
        this.endpoint = b.endpoint;
        this.region = b.region;
        this.concurrency = b.concurrency;
        this.originCheck = b.originCheck;
        this.originAllowText = b.originAllow;
        this.originAllow = Cidr.parseList(b.originAllow);
        if (b.originPath == null || !b.originPath.startsWith("/") || b.originPath.matches(".*[\\s\\x00-\\x1f].*")) {
            throw new IllegalArgumentException("LIFELINE_ORIGIN_PATH must be a path starting with / and without spaces; got '" + b.originPath + "'");
        }
        this.originPath = b.originPath;
        this.originStatuses = StatusSet.parse(b.originStatuses);
        this.originTimeoutMs = b.originTimeoutMs;
        this.originConnectTimeoutMs = Math.min(b.originConnectTimeoutMs, b.originTimeoutMs);
        this.originProbes = b.originProbes;
        this.originNetwork = b.originNetwork;
        this.originTrustStore = b.originTrustStore;
        this.notify = b.notify;
        this.accounts = b.accounts;
    }

    public static Settings fromEnvironment() {
        return fromMap(System.getenv());
    }

    public static Settings fromMap(Map<String, String> env) {
        Builder b = builder();
        String v;
        if ((v = env.get("LIFELINE_SCOPE")) != null && !v.isBlank()) b.scope(v);
        if ((v = env.get("LIFELINE_EXCLUDE")) != null) b.exclude(v);
        if ((v = env.get("LIFELINE_MAX_CHANGES")) != null && !v.isBlank()) b.maxChanges(intValue("LIFELINE_MAX_CHANGES", v, 0, 1_000_000));
        if ((v = env.get("LIFELINE_DRY_RUN")) != null && !v.isBlank()) b.dryRun(boolValue("LIFELINE_DRY_RUN", v));
        if ((v = env.get("LIFELINE_ENDPOINT")) != null && !v.isBlank()) b.endpoint(v.trim());
        if ((v = env.get("LIFELINE_REGION")) != null && !v.isBlank()) b.region(v.trim());
        if ((v = env.get("LIFELINE_CONCURRENCY")) != null && !v.isBlank()) b.concurrency(intValue("LIFELINE_CONCURRENCY", v, 1, 64));
        if ((v = env.get("LIFELINE_OUTAGE_UNDO_FROM")) != null && !v.isBlank()) {
            b.outageUndoFrom(intValue("LIFELINE_OUTAGE_UNDO_FROM", v, 1, 1_000_000));
        }
        if ((v = env.get("LIFELINE_ORIGIN_CHECK")) != null && !v.isBlank()) b.originCheck(OriginCheck.parse(v));
        if ((v = env.get("LIFELINE_ORIGIN_ALLOW")) != null) b.originAllow(v);
        if ((v = env.get("LIFELINE_ORIGIN_PATH")) != null && !v.isBlank()) b.originPath(v.trim());
        if ((v = env.get("LIFELINE_ORIGIN_STATUSES")) != null && !v.isBlank()) b.originStatuses(v);
        if ((v = env.get("LIFELINE_ORIGIN_TIMEOUT_MS")) != null && !v.isBlank()) {
            b.originTimeoutMs(intValue("LIFELINE_ORIGIN_TIMEOUT_MS", v, 100, 60_000));
        }
        if ((v = env.get("LIFELINE_ORIGIN_CONNECT_TIMEOUT_MS")) != null && !v.isBlank()) {
            b.originConnectTimeoutMs(intValue("LIFELINE_ORIGIN_CONNECT_TIMEOUT_MS", v, 100, 60_000));
        }
        if ((v = env.get("LIFELINE_ORIGIN_PROBES")) != null && !v.isBlank()) b.originProbes(intValue("LIFELINE_ORIGIN_PROBES", v, 1, 512));
        b.notifications(NotifySettings.fromMap(env));
        b.accounts(io.cdnlifeline.accounts.AccountsConfig.parse(env.get("LIFELINE_ACCOUNTS"), env.get("LIFELINE_ACCOUNTS_EXTERNAL_ID")));
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().scope(scopeText).exclude(excludeText).maxChanges(maxChanges).dryRun(dryRun)
                .endpoint(endpoint).region(region).concurrency(concurrency).outageUndoFrom(outageUndoFrom).originCheck(originCheck).originAllow(originAllowText)
                .originPath(originPath).originStatuses(originStatuses.toString()).originTimeoutMs(originTimeoutMs)
                .originConnectTimeoutMs(originConnectTimeoutMs).originProbes(originProbes).originNetwork(originNetwork)
                .originTrustStore(originTrustStore).notifications(notify).accounts(accounts);
    }

    /** True when the scope globs match the domain and no exclude glob does. */
    public boolean inScope(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        for (Pattern p : exclude) {
            if (p.matcher(d).matches()) return false;
        }
        for (Pattern p : scope) {
            if (p.matcher(d).matches()) return true;
        }
        return false;
    }

    /** Why a domain is out of scope, in the operator's terms. */
    public String outOfScopeReason(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        for (int i = 0; i < exclude.size(); i++) {
            if (exclude.get(i).matcher(d).matches()) return "excluded by LIFELINE_EXCLUDE (" + excludeText + ")";
        }
        return "out of scope: LIFELINE_SCOPE is " + scopeText;
    }

    public int maxChanges() { return maxChanges; }
    public boolean dryRun() { return dryRun; }
    /** The URL every API call goes to instead of the real endpoints, or null. */
    public String endpoint() { return endpoint; }
    public String region() { return region; }
    public int concurrency() { return concurrency; }
    /**
     * {@code LIFELINE_OUTAGE_UNDO_FROM}: dns-to-cdn restores in outage mode (the intent tag in batches, the updates back,
     * the remarks after them) when it has at least this many domains to restore and the cloud confirms the account is no
     * longer in debt. 50 domains are about 100 remark writes marker-first: 5 s at the remark's 20 QPS before the last
     * visitor-facing write; below that the marker-first undo is as quick and makes two calls fewer per 50 domains.
     */
    public int outageUndoFrom() { return outageUndoFrom; }
    public String scope() { return scopeText; }
    public String exclude() { return excludeText; }
    /** {@code LIFELINE_ORIGIN_CHECK}: what dns-to-origin does with a domain whose origin is not ready. */
    public OriginCheck originCheck() { return originCheck; }
    /** {@code LIFELINE_ORIGIN_ALLOW}: ranges accepted as origins although visitors on the Internet cannot reach them. */
    public List<Cidr> originAllow() { return originAllow; }
    public String originPath() { return originPath; }
    public StatusSet originStatuses() { return originStatuses; }
    public int originTimeoutMs() { return originTimeoutMs; }
    public int originConnectTimeoutMs() { return originConnectTimeoutMs; }
    /** {@code LIFELINE_ORIGIN_PROBES}: the most probes in flight at once. */
    public int originProbes() { return originProbes; }
    /** How the probe resolves names and reaches addresses: the system's, unless the demo hands in its own. */
    public OriginNetwork originNetwork() { return originNetwork; }
    /** Trust anchors for the probe's TLS instead of the JVM's trust store, or null (the JVM's). */
    public java.security.KeyStore originTrustStore() { return originTrustStore; }
    /** Where the digest of a run goes; off unless a LIFELINE_NOTIFY_* channel is set. */
    public NotifySettings notifications() { return notify; }
    /** {@code LIFELINE_ACCOUNTS}: the accounts a run covers; not configured: this account only. */
    public io.cdnlifeline.accounts.AccountsConfig accounts() { return accounts; }

    static List<Pattern> globs(String csv) {
        if (csv == null || csv.isBlank()) return Collections.emptyList();
        List<Pattern> out = new ArrayList<>();
        for (String g : csv.split(",")) {
            String t = g.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) continue;
            StringBuilder re = new StringBuilder();
            for (char c : t.toCharArray()) {
                if (c == '*') re.append(".*");
                else if (c == '?') re.append('.');
                else re.append(Pattern.quote(String.valueOf(c)));
            }
            out.add(Pattern.compile(re.toString()));
        }
        return Collections.unmodifiableList(out);
    }

    static int intValue(String name, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + "; got '" + v + "'");
    }

    static boolean boolValue(String name, String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("1") || t.equals("yes")) return true;
        if (t.equals("false") || t.equals("0") || t.equals("no")) return false;
        throw new IllegalArgumentException(name + " must be true or false; got '" + v + "'");
    }

    /** Builds Settings; defaults are the documented ones. */
    public static final class Builder {
        private String scope = "*";
        private String exclude = "";
        private int maxChanges = 50;
        private boolean dryRun;
        private String endpoint;
        private String region = "cn-hangzhou";
        private int concurrency = 8;
        private int outageUndoFrom = 50;
        private OriginCheck originCheck = OriginCheck.REQUIRE;
        private String originAllow = "";
        private String originPath = "/";
        private String originStatuses = "200-399";
        private int originTimeoutMs = 5_000;
        private int originConnectTimeoutMs = 3_000;
        private int originProbes = 64;
        private OriginNetwork originNetwork = OriginNetwork.system();
        private java.security.KeyStore originTrustStore;
        private NotifySettings notify = NotifySettings.off();
        private io.cdnlifeline.accounts.AccountsConfig accounts = io.cdnlifeline.accounts.AccountsConfig.none();

        private Builder() {
        }

        public Builder scope(String v) { scope = v == null || v.isBlank() ? "*" : v; return this; }
        public Builder exclude(String v) { exclude = v == null ? "" : v; return this; }
        public Builder maxChanges(int v) { maxChanges = v; return this; }
        public Builder dryRun(boolean v) { dryRun = v; return this; }
        public Builder endpoint(String v) { endpoint = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder concurrency(int v) { concurrency = v; return this; }
        public Builder outageUndoFrom(int v) { outageUndoFrom = v; return this; }
        public Builder originCheck(OriginCheck v) { originCheck = java.util.Objects.requireNonNull(v, "originCheck"); return this; }
        public Builder originAllow(String v) { originAllow = v == null ? "" : v; return this; }
        public Builder originPath(String v) { originPath = v; return this; }
        public Builder originStatuses(String v) { originStatuses = v; return this; }
        public Builder originTimeoutMs(int v) { originTimeoutMs = v; return this; }
        public Builder originConnectTimeoutMs(int v) { originConnectTimeoutMs = v; return this; }
        public Builder originProbes(int v) { originProbes = v; return this; }
        /** Not from the environment: the demo resolves its own names to its own local origins. */
        public Builder originNetwork(OriginNetwork v) { originNetwork = java.util.Objects.requireNonNull(v, "originNetwork"); return this; }
        /** Not from the environment: trust anchors for tests and the demo; null is the JVM's trust store. */
        public Builder originTrustStore(java.security.KeyStore v) { originTrustStore = v; return this; }
        public Builder notifications(NotifySettings v) { notify = v == null ? NotifySettings.off() : v; return this; }
        public Builder accounts(io.cdnlifeline.accounts.AccountsConfig v) {
            accounts = v == null ? io.cdnlifeline.accounts.AccountsConfig.none() : v;
            return this;
        }

        public Settings build() { return new Settings(this); }
    }
}
