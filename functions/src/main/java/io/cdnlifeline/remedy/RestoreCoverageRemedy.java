package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.detect.Selector;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.detect.Truth;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.report.ChangeStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * restore-coverage: undoes {@link SwitchToOverseasRemedy}. Per domain carrying {@code lifeline:coverage=<original>}:
 * set the coverage back to the original, then remove the tag (in that order: a crash in between leaves the tag,
 * and the next run, finding the coverage already restored, only removes it). It plans and writes under its lock
 * flag ({@link DomainLock}): switch-to-overseas leaves the domain alone meanwhile, so a tagged domain not yet overseas
 * is a switch that died before its write (only its tags are removed).
 * <p>While the ICP filing is still invalid Alibaba Cloud refuses mainland coverage. For CDN the filing is checked
 * before the write ({@code CheckCdnDomainICP}); for DCDN, which has no such check, the cloud's refusal
 * ({@code Domain.BeianInvalid}) says it. Either way that is final for this run: the domain is reported as skipped with the reason in plain words, the tag
 * stays, and no change counts as failed, so FC does not retry an invocation that can only be refused again.
 * Run it again once the filing is valid (the default selector does so: remediated and not icp-invalid).
 */
public final class RestoreCoverageRemedy extends DomainTagRemedy {
    static final Refusals RESTORE_REFUSALS = Refusals.of(
            Refusal.finalOn("Domain.BeianInvalid", "coverage not restored: the ICP filing of this domain is still not valid in "
                    + "mainland China, and Alibaba Cloud only accelerates it outside mainland China until it is. It stays overseas "
                    + "and keeps its lifeline:coverage tag; run restore-coverage again once the filing is valid"),
            Refusal.finalOn("DomainTraffic.ExceedThreshold", "coverage not restored: Alibaba Cloud does not allow changing the "
                    + "acceleration region while the traffic peak of the last day exceeds the threshold. The lifeline:coverage tag "
                    + "stays; run restore-coverage again later"),
            Refusal.finalOn("Schedule.NotFound", "coverage not restored: Alibaba Cloud has no acceleration resources for this "
                    + "domain in the original region. The lifeline:coverage tag stays"),
            Refusal.transientOn("Schedule.ChangeFail", "Alibaba Cloud could not change the acceleration region this time; "
                    + "the tag stays and the next run retries"));

    public RestoreCoverageRemedy() {
        super(Markers.COVERAGE);
    }

    @Override
    public String function() {
        return "restore-coverage";
    }

    /** Without a documented API to change the acceleration region there is nothing to switch (Product's reason). */
    @Override
    public String cannot(Product p) {
        return p.can().changesCoverage() ? null : p.can().whyNoCoverageChange();
    }

    @Override
    public Selector defaultSelector() {
        return Selector.allOf(Selector.is(Condition.REMEDIATED), Selector.not(Condition.ICP_INVALID));
    }

    /**
     * Named (an IcpRestored notification, an operator): every named domain that carries the tag. The filing is not
     * left to the detector here, which cannot check DCDN at all: plan() checks a CDN filing, the cloud refuses a DCDN
     * domain whose filing is still invalid, and both end as a skip that says so.
     */
    @Override
    public Selector namedSelector() {
        return Selector.anyOf(Selector.is(Condition.REMEDIATED));
    }

    @Override
    Plan planDomain(Target target, RunContext ctx) throws CloudException {
        Product p = target.product();
        String name = target.name();
        CdnApi cdn = ctx.cloud().cdn();
        String tagValue = marker(target, ctx);
        if (tagValue == null) {
            return Plan.skip(target, "it carries no " + Markers.COVERAGE + " tag: its acceleration region was not changed "
                    + "by switch-to-overseas, so there is nothing to restore");
        }
        String original = Markers.normalCoverage(tagValue);
        if (original == null || !Markers.COVERAGES.contains(original)) {
            return Plan.skip(target, "its " + Markers.COVERAGE + " tag holds '" + tagValue + "', not domestic, global or overseas: "
                    + "the original region is not known, so it is left alone; correct or remove the tag");
        }
        String current = DomainSteps.currentCoverage(target, cdn);
        // Read under this run's lock flag (DomainTagRemedy): no switch-to-overseas is changing the domain now, so a marker
        // on a domain already back at its original region is a switch that died before its write, or a restore that died
        // before its untag: either way, what is left is the untag.

        // The detector proves a valid filing when its selector asked for it (the timer's default); a run that
        // selected the domain otherwise (named, when: remediated) checks here, before a write the cloud would
        // refuse. DCDN has no such check: the cloud's Domain.BeianInvalid refusal says it instead.
        boolean provenValid = target.conditions().holds(Condition.ICP_INVALID, false) == Truth.TRUE;
        if (p.can().checksIcp() && !original.equals(current) && Markers.MAINLAND.contains(original) && !provenValid
                && !cdn.icpValid(name)) {
            return Plan.skip(target, "coverage not restored: the ICP filing of this domain is still not valid "
                    + "(CheckCdnDomainICP: DomainNotRegistration), and Alibaba Cloud only accelerates it outside mainland China "
                    + "until it is. It stays overseas and keeps its lifeline:coverage tag; run restore-coverage again once the filing is valid");
        }
        List<Step> steps = new ArrayList<>();
        if (!original.equals(current)) {
            steps.add(new Step(DomainSteps.coverageChange(p, name, "set-coverage", current, original), () -> {
                cdn.setCoverage(p, name, original);
                return ChangeStatus.APPLIED;
            }, RESTORE_REFUSALS));
        }
        Step unmark = unmarkStep(ctx, p, name, Markers.COVERAGE, tagValue);
        steps.add(unmark);
        return Plan.of(target, steps);
    }
}
