package io.cdnlifeline.handler;

import io.cdnlifeline.run.Functions;
import io.cdnlifeline.run.LifelineFunction;

/** FC entry point of {@code inspect}: handler {@code io.cdnlifeline.handler.InspectHandler::handleRequest}. */
public final class InspectHandler extends LifelineHandler {
    private final LifelineFunction function = Functions.byName("inspect");

    @Override
    protected LifelineFunction function() {
        return function;
    }
}
