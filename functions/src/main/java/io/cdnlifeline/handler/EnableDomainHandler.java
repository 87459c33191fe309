package io.cdnlifeline.handler;

import io.cdnlifeline.run.Functions;
import io.cdnlifeline.run.LifelineFunction;

/** FC entry point of {@code enable-domain}: handler {@code io.cdnlifeline.handler.EnableDomainHandler::handleRequest}. */
public final class EnableDomainHandler extends LifelineHandler {
    private final LifelineFunction function = Functions.byName("enable-domain");

    @Override
    protected LifelineFunction function() {
        return function;
    }
}
