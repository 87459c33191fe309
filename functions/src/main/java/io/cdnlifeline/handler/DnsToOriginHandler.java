package io.cdnlifeline.handler;

import io.cdnlifeline.run.Functions;
import io.cdnlifeline.run.LifelineFunction;

/** FC entry point of {@code dns-to-origin}: handler {@code io.cdnlifeline.handler.DnsToOriginHandler::handleRequest}. */
public final class DnsToOriginHandler extends LifelineHandler {
    private final LifelineFunction function = Functions.byName("dns-to-origin");

    @Override
    protected LifelineFunction function() {
        return function;
    }
}
