package io.cdnlifeline.handler;

import io.cdnlifeline.cloud.aliyun.WatchPortsFactory;
import io.cdnlifeline.run.LifelineFunction;
import io.cdnlifeline.watch.WatchFunction;
import io.cdnlifeline.watch.WatchSettings;

/** FC entry point of {@code watch}: handler {@code io.cdnlifeline.handler.WatchHandler::handleRequest}. */
public final class WatchHandler extends LifelineHandler {
    private volatile LifelineFunction function;

    @Override
    protected LifelineFunction function() {
        LifelineFunction f = function;
        if (f == null) {
            WatchSettings ws = WatchSettings.fromMap(System.getenv());
            f = new WatchFunction(ws, inv -> WatchPortsFactory.create(ws, inv, stateStore(), credentialSource()));
            function = f;
        }
        return f;
    }
}
