package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.detect.MarkerProbe;
import io.cdnlifeline.detect.Selector;
import io.cdnlifeline.detect.Target;

import java.util.List;

/**
 * One remediation (an "action" in Cloud Custodian's terms): plans from live state, then the
 * pipeline applies the plan. A new remedy is one class implementing this and one thin handler.
 */
public interface Remedy {
    /** The function name, as in template.yml and the Report: e.g. {@code dns-to-origin}. */
    String function();

    /** Which domains it acts on when the Request names no {@code when}. */
    Selector defaultSelector();

    /**
     * Which domains it acts on when the Request names domains but no {@code when}. The default is
     * {@link #defaultSelector()}; enable-domain acts on any domain named ("named explicitly, any domain").
     */
    default Selector namedSelector() {
        return defaultSelector();
    }

    /** Reads the marker this remedy's counterpart (or itself) leaves: the {@code remediated} condition. */
    MarkerProbe markerProbe(RunContext ctx);

    /**
     * True when an account-wide run (no domains named) is allowed with the default selector. Remedies
     * whose default would touch every domain (disable-domain) return false and require domains or {@code when}.
     */
    default boolean allowsAccountWideDefault() {
        return true;
    }

    /**
     * Called once with every target before planning, so reads that serve many domains in one call
     * (tags: 50 domains a call) are made once per batch rather than once per domain. Best effort: a
     * failed read here is not reported, and {@link #plan} reads what it still lacks (and reports that).
     */
    default void prepare(List<Target> targets, RunContext ctx) {
    }

    /**
     * Called once at the end of a run that called {@link #prepare}, whatever happened in between (applied, refused by
     * a guard, a dry run, a failure): what prepare took (domain locks) is given back here.
     */
    default void finish(RunContext ctx) {
    }

    /**
     * Called once with every plan, after planning and before the guards: a remedy may replace plans with what it
     * learned from all of them (dns-to-origin holds back a domain whose origin is not ready). The default keeps them.
     */
    default List<Plan> review(List<Plan> plans, RunContext ctx) {
        return plans;
    }

    /** Reads what it needs (only what the Target does not already carry) and plans; writes nothing. */
    Plan plan(Target target, RunContext ctx) throws CloudException;

    /**
     * Applies the plans. The default runs each domain's steps in order, domains concurrently;
     * remedies with batch APIs (disable-domain: BatchStopCdnDomain) override it.
     */
    default void apply(List<Plan> plans, RunContext ctx, Applier applier) {
        applier.applyEach(plans);
    }

    /**
     * Why this remedy can do nothing for any domain of the product (its documented APIs lack what it needs), in words
     * for the skip every such domain gets; null when it can act on them. Asked once per product, from
     * {@link Product#can()}: a cell of the per-product table that cannot be done is a skip, never a guess.
     */
    default String cannot(Product product) {
        return null;
    }

    /**
     * The condition whose cloud-confirmed truth explains, account-wide, why this remedy must act on every domain at
     * once, or null. For dns-to-origin it is {@code in-debt}: in arrears the cloud takes every domain of the account
     * offline, and the debt flags (DescribeUserCdnStatus, the services' financial lock) are the cloud's own
     * statement of it. Changes to domains for which this condition was read TRUE in the run are not counted
     * against {@code maxChanges}: the guard is there for detection mistakes, not for the outage it exists for.
     */
    default io.cdnlifeline.event.Condition accountWideCause() {
        return null;
    }

    /**
     * True when a run of this remedy that reaches its deadline stops starting new domains and hands the rest to a
     * continuation (issue 18): each domain's work is independent and planned from live state, so a later run can
     * take over at any domain. The domain remedies keep false: their lock flags are raised for the whole run.
     */
    default boolean continuesAtDeadline() {
        return false;
    }

    /**
     * True when, in an outage the cloud confirms account-wide ({@link #accountWideCause()} TRUE for every target of a
     * run larger than {@code maxChanges}), the run plans and applies in one pipeline, chunk by chunk, instead of
     * planning every domain before the first write (issue 18: time to lifeline). {@link #outage} is called first.
     */
    default boolean pipelinesOutage() {
        return false;
    }

    /**
     * True when the remedy undoes an account-wide outage's remedy and has an outage mode of its own (dns-to-cdn): when
     * the run is large and the cloud confirms the cause is gone, {@link #outage} is called before planning; the guard
     * stays as for every run.
     */
    default boolean restoresInOutageMode() {
        return false;
    }

    /** This run is an outage-mode run (see {@link #pipelinesOutage()} and {@link #restoresInOutageMode()}). */
    default void outage(RunContext ctx) {
    }

    /**
     * Called once after every {@link #apply} of the run (not for dry runs or refused runs): bookkeeping that must come
     * after the visitor-facing writes (dns-to-origin's deferred markers and intent tags).
     */
    default void afterApply(RunContext ctx, Applier applier) {
    }

    /** Products this remedy handles: those it {@link #cannot} not. */
    default boolean supports(Product product) {
        return cannot(product) == null;
    }
}
