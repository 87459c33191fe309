package io.cdnlifeline.notify;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One run's message to the people: what kind of run, the counts, and per domain what happened (before -> after
 * and why) or what needs a human. Rendered per channel by {@link DigestText} (chat text) and {@link #toJson}
 * (the signed webhook); both cut it to the channel's size with a count of what was left out.
 */
final class Digest {
    /** What the message is about. */
    enum Kind {
        /** An ordinary run that changed, failed, was refused or found something. */
        RUN,
        /** A dry run: the plan, nothing was changed. */
        PLAN,
        /** The invocation failed on FC's last attempt: no retry follows. */
        FAILED_AFTER_RETRIES
    }

    /** One line of a domain's block. */
    static final class Item {
        final String status;
        final String text;
        final JsonObject json;

        Item(String status, String text, JsonObject json) {
            this.status = Objects.requireNonNull(status, "status");
            this.text = Objects.requireNonNull(text, "text");
            this.json = json;
        }
    }

    /** Everything the message says about one domain. */
    static final class Block {
        final String domain;
        final String product;
        final List<Item> items = new ArrayList<>();

        Block(String domain, String product) {
            this.domain = domain;
            this.product = product;
        }
    }

    final Kind kind;
    final String function;
    final String requestId;
    final String account;
    final String trigger;
    final String reason;
    final String refused;
    final String continues;
    final String memberOf;
    /** Set when this run reached its time limit itself: how many domains it handed to which round. */
    final String handsOn;
    final String crash;
    final int retryCount;
    final int asyncRetries;
    final long applied;
    final long planned;
    final long failed;
    final long needsHuman;
    final int alreadyTold;
    final Duration repeat;
    final List<Block> blocks;

    private Digest(Builder b) {
        this.kind = b.kind;
        this.function = b.function;
        this.requestId = b.requestId;
        this.account = b.account;
        this.trigger = b.trigger;
        this.reason = b.reason;
        this.refused = b.refused;
        this.continues = b.continues;
        this.memberOf = b.memberOf;
        this.handsOn = b.handsOn;
        this.crash = b.crash;
        this.retryCount = b.retryCount;
        this.asyncRetries = b.asyncRetries;
        this.applied = b.applied;
        this.planned = b.planned;
        this.failed = b.failed;
        this.needsHuman = b.needsHuman;
        this.alreadyTold = b.alreadyTold;
        this.repeat = b.repeat;
        this.blocks = Collections.unmodifiableList(new ArrayList<>(b.blocks));
    }

    static Builder builder(Kind kind, String function) {
        return new Builder(kind, function);
    }

    /** The first line: function and what happened, e.g. "dns-to-origin: applied 2, failed 1, needs a human 1". */
    String headline() {
        List<String> parts = new ArrayList<>();
        if (applied > 0) parts.add("applied " + applied);
        if (planned > 0) parts.add((kind == Kind.PLAN ? "planned " : "not applied ") + planned);
        if (failed > 0) parts.add("failed " + failed);
        if (needsHuman > 0) parts.add("needs a human " + needsHuman);
        if (refused != null) parts.add("refused by a guard");
        if (crash != null && parts.isEmpty()) parts.add("the invocation failed");
        String prefix;
        switch (kind) {
            case PLAN: prefix = "PLAN (dry run, nothing changed) "; break;
            case FAILED_AFTER_RETRIES: prefix = "FAILED after FC's retries: "; break;
            default: prefix = "";
        }
        return "cdn-lifeline " + prefix + function + ": " + String.join(", ", parts);
    }

    /** The lines under the headline: where and why the run ran, and what kind of run it was. */
    List<String> context() {
        List<String> lines = new ArrayList<>();
        lines.add("account " + (account == null ? "(not known: a local run)" : account) + " · trigger " + trigger
                + " · request " + requestId);
        if (reason != null && !reason.isBlank()) lines.add("why: " + reason);
        if (kind == Kind.PLAN) lines.add("This is a plan: a dry run changed nothing. It is sent once per " + human(repeat)
                + " from a timer, at every run started by an event or a person.");
        if (kind == Kind.FAILED_AFTER_RETRIES) {
            lines.add("FC ran it " + (retryCount + 1) + " time(s)" + (asyncRetries > 0 ? " (" + asyncRetries + " retries)" : "")
                    + " and will not retry it: what failed below stays failed until the next trigger or a person runs it again.");
        } else if (failed > 0 && retryCount < asyncRetries) {
            lines.add("FC will retry this invocation (attempt " + (retryCount + 1) + " of " + (asyncRetries + 1) + ").");
        }
        if (continues != null) lines.add("continued run (" + continues + "): it carries on the work of a run that reached its time limit");
        if (handsOn != null) lines.add(handsOn);
        if (memberOf != null) lines.add("member-account run: one account of run " + memberOf + " over several accounts");
        if (refused != null) lines.add(refused);
        if (crash != null) lines.add("error: " + crash);
        return lines;
    }

    /** The last line when findings were held back: they were told within the repeat window and have not changed. */
    String alreadyToldLine() {
        return alreadyTold == 0 ? null : alreadyTold + " unchanged finding(s) told within the last " + human(repeat) + " not repeated";
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0) return s / 86_400 + " d";
        if (s % 3_600 == 0) return s / 3_600 + " h";
        if (s % 60 == 0) return s / 60 + " min";
        return d.toMillis() + " ms";
    }

    /** The webhook's body: the digest as JSON, with at most {@code maxBlocks} domains and the count of the rest. */
    JsonObject toJson(int maxBlocks) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        o.addProperty("title", headline());
        o.addProperty("function", function);
        if (requestId != null) o.addProperty("requestId", requestId);
        if (account != null) o.addProperty("account", account);
        o.addProperty("trigger", trigger);
        if (reason != null) o.addProperty("reason", reason);
        if (continues != null) o.addProperty("continues", continues);
        if (memberOf != null) o.addProperty("memberOf", memberOf);
        if (refused != null) o.addProperty("refused", refused);
        if (crash != null) o.addProperty("error", crash);
        o.addProperty("retryCount", retryCount);
        o.addProperty("lastAttempt", retryCount >= asyncRetries);
        JsonObject counts = new JsonObject();
        counts.addProperty("applied", applied);
        counts.addProperty("planned", planned);
        counts.addProperty("failed", failed);
        counts.addProperty("needsHuman", needsHuman);
        counts.addProperty("alreadyTold", alreadyTold);
        o.add("counts", counts);
        JsonArray domains = new JsonArray();
        int n = Math.min(maxBlocks, blocks.size());
        for (int i = 0; i < n; i++) {
            Block b = blocks.get(i);
            JsonObject d = new JsonObject();
            d.addProperty("domain", b.domain);
            if (b.product != null) d.addProperty("product", b.product);
            JsonArray items = new JsonArray();
            for (Item it : b.items) {
                JsonObject j = it.json == null ? new JsonObject() : it.json.deepCopy();
                j.addProperty("status", it.status);
                j.addProperty("text", it.text);
                items.add(j);
            }
            d.add("items", items);
            domains.add(d);
        }
        o.add("domains", domains);
        o.addProperty("domainsLeftOut", blocks.size() - n);
        return o;
    }

    /** Builds a Digest. */
    static final class Builder {
        private final Kind kind;
        private final String function;
        private String requestId;
        private String account;
        private String trigger = "manual";
        private String reason;
        private String refused;
        private String continues;
        private String memberOf;
        private String handsOn;
        private String crash;
        private int retryCount;
        private int asyncRetries;
        private long applied;
        private long planned;
        private long failed;
        private long needsHuman;
        private int alreadyTold;
        private Duration repeat = NotifySettings.DEFAULT_REPEAT;
        private final List<Block> blocks = new ArrayList<>();

        private Builder(Kind kind, String function) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.function = Objects.requireNonNull(function, "function");
        }

        Builder requestId(String v) { requestId = v; return this; }
        Builder account(String v) { account = v; return this; }
        Builder trigger(String v) { trigger = v; return this; }
        Builder reason(String v) { reason = v; return this; }
        Builder refused(String v) { refused = v; return this; }
        Builder continues(String v) { continues = v; return this; }
        Builder memberOf(String v) { memberOf = v; return this; }
        Builder handsOn(String v) { handsOn = v; return this; }
        Builder crash(String v) { crash = v; return this; }
        Builder attempt(int retry, int retries) { retryCount = retry; asyncRetries = retries; return this; }
        Builder repeat(Duration d) { repeat = d; return this; }
        Builder alreadyTold(int n) { alreadyTold = n; return this; }

        /** Adds an item to the domain's block (made on first use), counting it by its status. */
        Builder item(String domain, String product, Item item) {
            Block block = null;
            for (Block b : blocks) {
                if (b.domain.equals(domain)) { block = b; break; }
            }
            if (block == null) {
                block = new Block(domain, product);
                blocks.add(block);
            }
            block.items.add(item);
            switch (item.status) {
                case DigestPlanner.APPLIED: applied++; break;
                case DigestPlanner.PLANNED: planned++; break;
                case DigestPlanner.FAILED: failed++; break;
                case DigestPlanner.NEEDS_HUMAN: needsHuman++; break;
                default: break;
            }
            return this;
        }

        boolean isEmpty() {
            return blocks.isEmpty() && refused == null && crash == null;
        }

        Digest build() { return new Digest(this); }
    }
}
