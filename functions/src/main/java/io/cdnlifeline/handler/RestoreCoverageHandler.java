package io.cdnlifeline.handler;

import io.cdnlifeline.run.Functions;
import io.cdnlifeline.run.LifelineFunction;

/** FC entry point of {@code restore-coverage}: handler {@code io.cdnlifeline.handler.RestoreCoverageHandler::handleRequest}. */
public final class RestoreCoverageHandler extends LifelineHandler {
    private final LifelineFunction function = Functions.byName("restore-coverage");

    @Override
    protected LifelineFunction function() {
        return function;
    }
}
