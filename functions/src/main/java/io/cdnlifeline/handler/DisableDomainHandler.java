package io.cdnlifeline.handler;

import io.cdnlifeline.run.Functions;
import io.cdnlifeline.run.LifelineFunction;

/** FC entry point of {@code disable-domain}: handler {@code io.cdnlifeline.handler.DisableDomainHandler::handleRequest}. */
public final class DisableDomainHandler extends LifelineHandler {
    private final LifelineFunction function = Functions.byName("disable-domain");

    @Override
    protected LifelineFunction function() {
        return function;
    }
}
