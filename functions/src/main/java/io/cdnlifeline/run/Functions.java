package io.cdnlifeline.run;

import io.cdnlifeline.remedy.DisableDomainRemedy;
import io.cdnlifeline.remedy.DnsToCdnRemedy;
import io.cdnlifeline.remedy.DnsToOriginRemedy;
import io.cdnlifeline.remedy.EnableDomainRemedy;
import io.cdnlifeline.remedy.RestoreCoverageRemedy;
import io.cdnlifeline.remedy.SwitchToOverseasRemedy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Every function by name, in the order DESIGN.md lists them. */
public final class Functions {
    private static final Map<String, Supplier<LifelineFunction>> ALL;

    static {
        Map<String, Supplier<LifelineFunction>> m = new LinkedHashMap<>();
        m.put("dns-to-origin", () -> new RemedyFunction(new DnsToOriginRemedy()));
        m.put("dns-to-cdn", () -> new RemedyFunction(new DnsToCdnRemedy()));
        m.put("switch-to-overseas", () -> new RemedyFunction(new SwitchToOverseasRemedy()));
        m.put("restore-coverage", () -> new RemedyFunction(new RestoreCoverageRemedy()));
        m.put("disable-domain", () -> new RemedyFunction(new DisableDomainRemedy()));
        m.put("enable-domain", () -> new RemedyFunction(new EnableDomainRemedy()));
        m.put("inspect", InspectFunction::new);
        ALL = Collections.unmodifiableMap(m);
    }

    private Functions() {
    }

    /** The function of that name, or null. */
    public static LifelineFunction byName(String name) {
        Supplier<LifelineFunction> s = ALL.get(name);
        return s == null ? null : s.get();
    }

    public static java.util.Set<String> names() {
        return ALL.keySet();
    }
}
