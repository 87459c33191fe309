package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The actions CDN and DCDN answer alike (domain detail, stop, start, coverage, tags), under each product's own
 * action names, domain index and error messages. Each {@link ProductApi} answers its other actions itself.
 */
final class DomainActions {
    private interface Action {
        JsonObject call(Params p, SandboxState s);
    }

    private final BiFunction<SandboxState, String, Domain> lookup;
    private final Map<String, Action> byName = new HashMap<>();

    /** {@code lookup}: the product's domain index, e.g. {@code SandboxState::cdnDomain}. */
    DomainActions(BiFunction<SandboxState, String, Domain> lookup) {
        this.lookup = lookup;
    }

    /** The detail action: {@code {"<wrapper>": detail(domain)}}. */
    DomainActions detail(String action, String wrapper, Function<Domain, JsonObject> detail) {
        return on(action, (p, s) -> {
            JsonObject out = new JsonObject();
            out.add(wrapper, detail.apply(named(p, s)));
            return out;
        });
    }

    DomainActions stop(String action) {
        return on(action, (p, s) -> {
            DomainOps.stop(named(p, s));
            return new JsonObject();
        });
    }

    DomainActions start(String action) {
        return on(action, (p, s) -> {
            DomainOps.start(named(p, s), s.account);
            return new JsonObject();
        });
    }

    /** BatchStop/BatchStart: {@code DomainNames}, comma-separated, at most 50; every name must exist before any changes. */
    DomainActions batch(String stopAction, String startAction) {
        on(stopAction, (p, s) -> {
            for (Domain d : batch(p, s)) {
                DomainOps.stop(d);
            }
            return new JsonObject();
        });
        return on(startAction, (p, s) -> {
            for (Domain d : batch(p, s)) {
                DomainOps.start(d, s.account);
            }
            return new JsonObject();
        });
    }

    /** {@code beianInvalidMessage}: the product's wording of {@code Domain.BeianInvalid}. */
    DomainActions coverage(String action, String beianInvalidMessage) {
        return on(action, (p, s) -> {
            DomainOps.modifyCoverage(named(p, s), p.require("Property"), beianInvalidMessage);
            return new JsonObject();
        });
    }

    /** {@code notExistMessage}: the product's wording of {@code Resource.NotExist}. */
    DomainActions tags(String tagAction, String untagAction, String describeAction, String notExistMessage) {
        on(tagAction, (p, s) -> {
            DomainOps.tag(name -> lookup.apply(s, name), p, notExistMessage);
            return new JsonObject();
        });
        on(untagAction, (p, s) -> {
            DomainOps.untag(name -> lookup.apply(s, name), p, notExistMessage);
            return new JsonObject();
        });
        return on(describeAction, (p, s) -> {
            JsonObject out = new JsonObject();
            out.add("TagResources", DomainOps.describeTags(name -> lookup.apply(s, name), p));
            return out;
        });
    }

    boolean answers(String action) {
        return byName.containsKey(action);
    }

    JsonObject call(String action, Params p, SandboxState s) {
        return byName.get(action).call(p, s);
    }

    private DomainActions on(String action, Action a) {
        byName.put(action, a);
        return this;
    }

    private java.util.List<Domain> batch(Params p, SandboxState s) {
        return DomainOps.batch(name -> lookup.apply(s, name), p, ApiError::domainNotFound);
    }

    /** The domain the {@code DomainName} parameter names, or {@code InvalidDomain.NotFound}. */
    private Domain named(Params p, SandboxState s) {
        return DomainOps.find(name -> lookup.apply(s, name), p.require("DomainName"));
    }
}
