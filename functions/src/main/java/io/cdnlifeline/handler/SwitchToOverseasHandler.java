package io.cdnlifeline.handler;

import io.cdnlifeline.run.Functions;
import io.cdnlifeline.run.LifelineFunction;

/** FC entry point of {@code switch-to-overseas}: handler {@code io.cdnlifeline.handler.SwitchToOverseasHandler::handleRequest}. */
public final class SwitchToOverseasHandler extends LifelineHandler {
    private final LifelineFunction function = Functions.byName("switch-to-overseas");

    @Override
    protected LifelineFunction function() {
        return function;
    }
}
