package io.cdnlifeline.remedy;

import io.cdnlifeline.detect.MarkerProbe;
import io.cdnlifeline.detect.Selector;
import io.cdnlifeline.detect.Target;
import io.cdnlifeline.event.Condition;

/** disable-domain: placeholder until its issue lands; the pipeline, handler and template already name it. */
public final class DisableDomainRemedy implements Remedy {
    @Override
    public String function() {
        return "disable-domain";
    }

    @Override
    public Selector defaultSelector() {
        return Selector.anyOf(java.util.EnumSet.of(Condition.ALWAYS));
    }

    @Override
    public MarkerProbe markerProbe(RunContext ctx) {
        return candidates -> java.util.Set.of();
    }

    @Override
    public Plan plan(Target target, RunContext ctx) {
        throw new UnsupportedOperationException("disable-domain is not built yet");
    }
}
