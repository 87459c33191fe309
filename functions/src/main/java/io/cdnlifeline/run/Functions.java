package io.cdnlifeline.run;

import io.cdnlifeline.remedy.DisableDomainRemedy;
import io.cdnlifeline.remedy.DnsToCdnRemedy;
import io.cdnlifeline.remedy.DnsToOriginRemedy;
import io.cdnlifeline.remedy.EnableDomainRemedy;
import io.cdnlifeline.remedy.RestoreCoverageRemedy;
import io.cdnlifeline.remedy.SwitchToOverseasRemedy;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every function by name, in the order DESIGN.md lists them. */
public final class Functions {
    private static final Set<String> NAMES = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            "dns-to-origin", "dns-to-cdn", "switch-to-overseas", "restore-coverage", "disable-domain", "enable-domain", "inspect", "watch")));

    private Functions() {
    }

    /**
     * The function of that name, or null. A switch rather than a map of suppliers: seven lambdas would be
     * spun on every cold start to make one function.
     */
    public static LifelineFunction byName(String name) {
        if (name == null) return null;
        switch (name) {
            case "dns-to-origin": return new RemedyFunction(new DnsToOriginRemedy());
            case "dns-to-cdn": return new RemedyFunction(new DnsToCdnRemedy());
            case "switch-to-overseas": return new RemedyFunction(new SwitchToOverseasRemedy());
            case "restore-coverage": return new RemedyFunction(new RestoreCoverageRemedy());
            case "disable-domain": return new RemedyFunction(new DisableDomainRemedy());
            case "enable-domain": return new RemedyFunction(new EnableDomainRemedy());
            case "inspect": return new InspectFunction();
            // Outside a handler: the environment's LIFELINE_STATE and the default credential chain (the CLI, tests).
            case "watch": {
                io.cdnlifeline.watch.WatchSettings ws = io.cdnlifeline.watch.WatchSettings.fromMap(System.getenv());
                return new io.cdnlifeline.watch.WatchFunction(ws, inv -> {
                    java.util.function.Supplier<io.cdnlifeline.cloud.CloudCredentials> creds =
                            () -> io.cdnlifeline.cloud.aliyun.DefaultCredentials.resolve(null);
                    return io.cdnlifeline.cloud.aliyun.WatchPortsFactory.create(ws, inv,
                            io.cdnlifeline.cloud.aliyun.WatchPortsFactory.store(ws, inv, creds), creds);
                });
            }
            default: return null;
        }
    }

    public static Set<String> names() {
        return NAMES;
    }
}
