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

    /** Products this remedy handles: those it {@link #cannot} not. */
    default boolean supports(Product product) {
        return cannot(product) == null;
    }
}
