package io.cdnlifeline.run;

import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.Report;

/** inspect: read-only view of every domain in scope. Placeholder until issue 5 lands. */
public final class InspectFunction implements LifelineFunction {
    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public Report run(Request request, Invocation invocation) {
        throw new UnsupportedOperationException("inspect is not built yet");
    }
}
