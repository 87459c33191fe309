package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.detect.MarkerProbe;
import io.cdnlifeline.detect.Target;

import java.util.List;

/**
 * A remedy whose ownership marker is one {@code lifeline:} tag on the domain (switch-to-overseas and
 * restore-coverage: {@code lifeline:coverage}; disable-domain and enable-domain: {@code lifeline:disabled}).
 * The marker probe, the batched read before planning and plan() all use this run's {@link DomainTags}, so a
 * domain's tags are read once per run whichever of them asks first.
 */
abstract class DomainTagRemedy implements Remedy {
    private final String markerKey;

    DomainTagRemedy(String markerKey) {
        this.markerKey = markerKey;
    }

    @Override
    public final MarkerProbe markerProbe(RunContext ctx) {
        return candidates -> DomainTags.of(ctx).carrying(markerKey, candidates);
    }

    @Override
    public final void prepare(List<Target> targets, RunContext ctx) {
        DomainSteps.prefetchTags(targets, ctx);
    }

    /** The value of this remedy's marker tag on the target's domain, or null when it carries none. */
    final String marker(Target target, RunContext ctx) throws CloudException {
        return DomainTags.of(ctx).of(target.product(), target.name()).get(markerKey);
    }
}
