package io.cdnlifeline.cli;

import io.cdnlifeline.handler.DisableDomainHandler;
import io.cdnlifeline.handler.DnsToCdnHandler;
import io.cdnlifeline.handler.DnsToOriginHandler;
import io.cdnlifeline.handler.EnableDomainHandler;
import io.cdnlifeline.handler.InspectHandler;
import io.cdnlifeline.handler.LifelineHandler;
import io.cdnlifeline.handler.RestoreCoverageHandler;
import io.cdnlifeline.handler.SwitchToOverseasHandler;
import io.cdnlifeline.handler.WatchHandler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The FC handler class of every function, by the function's name in template.yml. */
final class FunctionHandlers {
    private static final Map<String, Supplier<LifelineHandler>> ALL;

    static {
        Map<String, Supplier<LifelineHandler>> m = new LinkedHashMap<>();
        m.put("dns-to-origin", DnsToOriginHandler::new);
        m.put("dns-to-cdn", DnsToCdnHandler::new);
        m.put("switch-to-overseas", SwitchToOverseasHandler::new);
        m.put("restore-coverage", RestoreCoverageHandler::new);
        m.put("disable-domain", DisableDomainHandler::new);
        m.put("enable-domain", EnableDomainHandler::new);
        m.put("inspect", InspectHandler::new);
        m.put("watch", WatchHandler::new);
        ALL = Collections.unmodifiableMap(m);
    }

    private FunctionHandlers() {
    }

    static Set<String> names() {
        return ALL.keySet();
    }

    /** A fresh handler, as FC makes one per instance; throws {@link UnknownFunctionException} naming every function. */
    static LifelineHandler create(String function) {
        Supplier<LifelineHandler> s = ALL.get(function);
        if (s == null) throw new UnknownFunctionException(function, names());
        return s.get();
    }
}
