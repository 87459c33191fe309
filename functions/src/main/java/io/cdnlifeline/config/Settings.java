package io.cdnlifeline.config;

import io.cdnlifeline.notify.NotifySettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
 * LIFELINE_NOTIFY_*     where the digest of a run goes (see {@link NotifySettings})  (default: nowhere)
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
    private final NotifySettings notify;

    private Settings(Builder b) {
        this.scopeText = b.scope;
        this.excludeText = b.exclude;
        this.scope = globs(b.scope);
        this.exclude = globs(b.exclude);
        this.maxChanges = b.maxChanges;
        this.dryRun = b.dryRun;
        this.endpoint = b.endpoint;
        this.region = b.region;
        this.concurrency = b.concurrency;
        this.notify = b.notify;
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
        b.notifications(NotifySettings.fromMap(env));
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().scope(scopeText).exclude(excludeText).maxChanges(maxChanges).dryRun(dryRun)
                .endpoint(endpoint).region(region).concurrency(concurrency).notifications(notify);
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
    public String scope() { return scopeText; }
    public String exclude() { return excludeText; }
    /** Where the digest of a run goes; off unless a LIFELINE_NOTIFY_* channel is set. */
    public NotifySettings notifications() { return notify; }

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
        private NotifySettings notify = NotifySettings.off();

        private Builder() {
        }

        public Builder scope(String v) { scope = v == null || v.isBlank() ? "*" : v; return this; }
        public Builder exclude(String v) { exclude = v == null ? "" : v; return this; }
        public Builder maxChanges(int v) { maxChanges = v; return this; }
        public Builder dryRun(boolean v) { dryRun = v; return this; }
        public Builder endpoint(String v) { endpoint = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder concurrency(int v) { concurrency = v; return this; }
        public Builder notifications(NotifySettings v) { notify = v == null ? NotifySettings.off() : v; return this; }

        public Settings build() { return new Settings(this); }
    }
}
