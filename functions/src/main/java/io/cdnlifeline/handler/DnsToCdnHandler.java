package io.cdnlifeline.handler;

import io.cdnlifeline.run.Functions;
import io.cdnlifeline.run.LifelineFunction;

/** FC entry point of {@code dns-to-cdn}: handler {@code io.cdnlifeline.handler.DnsToCdnHandler::handleRequest}. */
public final class DnsToCdnHandler extends LifelineHandler {
    private final LifelineFunction function = Functions.byName("dns-to-cdn");

    @Override
    protected LifelineFunction function() {
        return function;
    }
}
