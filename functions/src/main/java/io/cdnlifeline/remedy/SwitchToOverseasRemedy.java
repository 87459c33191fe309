package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.detect.Selector;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.report.ChangeStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * switch-to-overseas (the seed's "Solution 1"): when a domain's ICP filing is invalid, Alibaba Cloud stops
 * accelerating it in mainland China; moving its acceleration region to "Global (Excluding Mainland China)"
 * keeps it served to overseas visitors. Per domain whose coverage is {@code domestic} or {@code global}:
 * <ol>
 *   <li>tag {@code lifeline:coverage=<original>} (TagResources / TagDcdnResources), so the original is never
 *       lost even when the switch fails or the run crashes after the tag;</li>
 *   <li>{@code ModifyCdnDomainSchdmByProperty} / {@code ModifyDCdnDomainSchdmByProperty} {@code {"coverage":"overseas"}}.</li>
 * </ol>
 * A domain already tagged but not yet overseas (a run that crashed between the two) is only switched: an
 * existing tag is never overwritten, least of all with {@code overseas}. A domain already overseas is unchanged.
 * The tag goes with {@code lifeline:since=<time>} ({@link TagIntent}): a domain restore-coverage is putting back
 * ({@code lifeline:restoring} younger than the {@link MarkerLease lease}) is left alone; an older one (the
 * restore died) is taken over. Undone by {@link RestoreCoverageRemedy}.
 */
public final class SwitchToOverseasRemedy extends DomainTagRemedy {
    static final Refusals SWITCH_REFUSALS = Refusals.of(
            Refusal.finalOn("DomainTraffic.ExceedThreshold", "Alibaba Cloud does not allow changing the acceleration region of this domain "
                    + "because its traffic peak of the last day exceeds the threshold; change it in the console or wait for the traffic to fall. "
                    + "The lifeline:coverage tag keeps the original region"),
            Refusal.finalOn("Schedule.NotFound", "Alibaba Cloud has no acceleration resources for this domain outside mainland China, "
                    + "so it cannot be switched to overseas. The lifeline:coverage tag keeps the original region"),
            Refusal.transientOn("Schedule.ChangeFail", "Alibaba Cloud could not change the acceleration region this time; "
                    + "the next run retries (the lifeline:coverage tag keeps the original region)"));

    public SwitchToOverseasRemedy() {
        super(Markers.COVERAGE);
    }

    @Override
    public String function() {
        return "switch-to-overseas";
    }

    /** Without a documented API to change the acceleration region there is nothing to switch (Product's reason). */
    @Override
    public String cannot(Product p) {
        return p.can().changesCoverage() ? null : p.can().whyNoCoverageChange();
    }

    @Override
    public Selector defaultSelector() {
        return Selector.anyOf(Selector.is(Condition.ICP_INVALID));
    }

    @Override
    Plan planDomain(Target target, RunContext ctx) throws CloudException {
        Product p = target.product();
        String name = target.name();
        CdnApi cdn = ctx.cloud().cdn();
        String current = DomainSteps.currentCoverage(target, cdn);
        Map<String, String> tags = tags(target, ctx);
        String remembered = marker(target, ctx);
        String original = remembered != null ? Markers.normalCoverage(remembered) : current;

        if (remembered != null && (original == null || !Markers.MAINLAND.contains(original))) {
            return Plan.skip(target, "its " + Markers.COVERAGE + " tag holds '" + remembered + "', not domestic or global: "
                    + "the original acceleration region is not known, so it is left alone; correct or remove the tag");
        }
        Instant now = MarkerLease.now();
        // Read under this run's lock flag (DomainTagRemedy): no restore-coverage is changing the domain now, so a restoring
        // tag (written by versions before the lock) is a dead restore's: this run takes the domain over, its since tag newer.
        boolean restoring = remembered != null && TagIntent.restoring(tags);
        boolean remark = remembered != null && (restoring || !MarkerLease.fresh(TagIntent.time(tags, TagIntent.SINCE), now));
        if (Markers.OVERSEAS.equals(current) && restoring) {
            return Plan.of(target, List.of(
                    DomainSteps.markStep(cdn, p, name, Markers.COVERAGE, remembered, TagIntent.SINCE, TagIntent.stamp(now))));
        }
        if (Markers.OVERSEAS.equals(current)) {
            String why = remembered != null
                    ? "already overseas; the original region (" + remembered + ") is kept in its " + Markers.COVERAGE + " tag"
                    : "already overseas (not switched by cdn-lifeline, so there is nothing for restore-coverage to undo)";
            return Plan.unchanged(target, DomainSteps.coverageChange(p, name, "set-coverage", current, current), why);
        }
        if (current == null || !Markers.MAINLAND.contains(current)) {
            return Plan.skip(target, "its acceleration region is " + (current == null ? "unknown" : "'" + current + "'")
                    + ", not domestic or global: nothing to switch");
        }

        List<Step> steps = new ArrayList<>();
        if (remembered == null || remark) {
            // A marker of a dead run is renewed before the switch, so that restore-coverage does not take this run for dead.
            steps.add(DomainSteps.markStep(cdn, p, name, Markers.COVERAGE, remembered == null ? original : remembered,
                    TagIntent.SINCE, TagIntent.stamp(now)));
        }
        steps.add(new Step(DomainSteps.coverageChange(p, name, "set-coverage", current, Markers.OVERSEAS),
                () -> {
                    cdn.setCoverage(p, name, Markers.OVERSEAS);
                    return ChangeStatus.APPLIED;
                }, SWITCH_REFUSALS));
        return Plan.of(target, steps);
    }
}
