package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CdnApi;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.detect.Selector;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.event.Condition;
import io.cdnlifeline.report.Change;
import io.cdnlifeline.report.ChangeStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * enable-domain: brings domains back online ({@code StartCdnDomain} / {@code StartDcdnDomain}), then removes
 * the {@code lifeline:disabled} tag (in that order: a crash in between leaves the tag on an online domain, and
 * the next run only removes it). Selected by condition it starts only the domains disable-domain stopped (the
 * tag) while the account is not in debt, and never any other domain whatever the Request's {@code when};
 * named explicitly, any domain named.
 * <p>The cloud's final refusals (an account in debt, a domain on the ICP or ISP blacklist) are reported as
 * skips in plain words and keep the tag, so FC does not retry what can only be refused again; an ICP check
 * that is briefly unavailable ({@code RecordCheckNotAvailable}) is a failed change, and FC's retry tries again.
 * One call per domain (not BatchStartCdnDomain): the cloud refuses a start per domain, and one blacklisted
 * domain must not hold back the others or hide which one it was.
 */
public final class EnableDomainRemedy extends DomainTagRemedy {
    static final Refusals START_REFUSALS = Refusals.of(
            Refusal.finalOn("IcpBlack", "not started: Alibaba Cloud has put this domain on the ICP blacklist (its filing is "
                    + "revoked or flagged by the filing authority), and it will not accelerate it until the filing is cleared "
                    + "with the filing authority and Alibaba Cloud support. It stays offline"),
            Refusal.finalOn("IspBlack", "not started: the domain is on the ISP blacklist (blocked by the network operators, "
                    + "usually for its content), and Alibaba Cloud will not accelerate it until it is removed from that list. "
                    + "It stays offline"),
            Refusal.finalWhen(EnableDomainRemedy::isDebtCode, "not started: the Alibaba Cloud account has an overdue payment, "
                    + "and no domain can be started until it is settled. Top up the account, then run enable-domain again. "
                    + "It stays offline"),
            Refusal.transientOn("RecordCheckNotAvailable", "not started this time: Alibaba Cloud's ICP filing check, which it "
                    + "consults before starting a domain, was unavailable; the next run tries again"));

    public EnableDomainRemedy() {
        super(Markers.DISABLED);
    }

    @Override
    public String function() {
        return "enable-domain";
    }

    @Override
    public Selector defaultSelector() {
        return Selector.allOf(Selector.is(Condition.REMEDIATED), Selector.not(Condition.IN_DEBT));
    }

    /** Named explicitly, any domain named: the operator decides (and the cloud's refusals are reported in words). */
    @Override
    public Selector namedSelector() {
        return Selector.anyOf(Selector.is(Condition.ALWAYS));
    }

    @Override
    Plan planDomain(Target target, RunContext ctx) throws CloudException {
        Product p = target.product();
        String name = target.name();
        CdnApi cdn = ctx.cloud().cdn();
        String status = target.domain().status();
        // Read under this run's lock flag (DomainTagRemedy): no disable-domain is changing the domain now, so a marker
        // on an online domain is a disable that died before its stop, or an enable that died before its untag.
        String marker = marker(target, ctx);

        if (marker == null && ctx.request().domains().isEmpty() && !p.can().tags()) {
            return Plan.skip(target, p.can().whyNoTags() + ": a run by condition never starts its domains, because none can carry "
                    + "the " + Markers.DISABLED + " tag; name the domain to start it");
        }
        if (marker == null && ctx.request().domains().isEmpty()) {
            // Whatever "when" says, a run by condition only starts what disable-domain stopped: a domain Alibaba
            // Cloud took offline (filing, debt, a violation) or a person stopped is not ours to start.
            return Plan.skip(target, "not stopped by cdn-lifeline (no " + Markers.DISABLED + " tag): a run by condition only "
                    + "starts the domains disable-domain stopped; name the domain to start it anyway");
        }
        List<Step> steps = new ArrayList<>();
        if (target.domain().isOffline()) {
            steps.add(new Step(startChange(p, name, status), () -> {
                if (p.can().stopsOneByOne()) cdn.startDomain(p, name);
                else cdn.batchStartDomains(p, List.of(name));
                return ChangeStatus.APPLIED;
            }, START_REFUSALS));
        } else if (!target.domain().isOnline()) {
            return Plan.skip(target, "its status is '" + status + "': only offline domains are started; run again once it settles");
        }
        if (marker != null) {
            Step unmark = unmarkStep(ctx, p, name, Markers.DISABLED, marker);
            steps.add(unmark);
        }
        if (steps.isEmpty()) {
            return Plan.unchanged(target, startChange(p, name, status), "already online");
        }
        return Plan.of(target, steps);
    }

    private static Change startChange(Product p, String name, String before) {
        return Change.planned(name, p.id(), Markers.statusResource(p, name), "start",
                DomainSteps.field("status", before), DomainSteps.field("status", "online"));
    }

    /**
     * The codes an in-debt account's start is refused with. The CDN docs name none; we accept the spellings seen
     * across Alibaba Cloud for arrears (InDebt, Arrearage, Overdue), e.g. {@code Forbidden.InDebt}.
     */
    static boolean isDebtCode(String code) {
        String c = code.toLowerCase(Locale.ROOT);
        return c.contains("indebt") || c.contains("arrear") || c.contains("overdue");
    }
}
