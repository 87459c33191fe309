package io.cdnlifeline.reliability;

import io.cdnlifeline.handler.DisableDomainHandler;
import io.cdnlifeline.handler.DnsToCdnHandler;
import io.cdnlifeline.handler.DnsToOriginHandler;
import io.cdnlifeline.handler.EnableDomainHandler;
import io.cdnlifeline.handler.InspectHandler;
import io.cdnlifeline.handler.LifelineHandler;
import io.cdnlifeline.handler.RestoreCoverageHandler;
import io.cdnlifeline.handler.SwitchToOverseasHandler;

/** The FC entry point of each function by name, as template.yml wires them. */
final class Handlers {
    private Handlers() {
    }

    static LifelineHandler of(String function) {
        switch (function) {
            case "dns-to-origin": return new DnsToOriginHandler();
            case "dns-to-cdn": return new DnsToCdnHandler();
            case "switch-to-overseas": return new SwitchToOverseasHandler();
            case "restore-coverage": return new RestoreCoverageHandler();
            case "disable-domain": return new DisableDomainHandler();
            case "enable-domain": return new EnableDomainHandler();
            case "inspect": return new InspectHandler();
            case "watch": return new io.cdnlifeline.handler.WatchHandler();
            default: throw new IllegalArgumentException("no handler for " + function);
        }
    }
}
