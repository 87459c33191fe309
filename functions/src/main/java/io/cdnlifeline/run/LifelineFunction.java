package io.cdnlifeline.run;

import io.cdnlifeline.event.Request;
import io.cdnlifeline.report.Report;

/** One cdn-lifeline function: a Request in, a Report out. Knows nothing about FC. */
public interface LifelineFunction {
    /** The function name, as in template.yml: {@code dns-to-origin}, {@code inspect}, ... */
    String name();

    Report run(Request request, Invocation invocation);
}
