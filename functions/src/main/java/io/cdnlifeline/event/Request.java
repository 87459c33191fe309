package io.cdnlifeline.event;

import io.cdnlifeline.cloud.Product;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What every function takes, whatever triggered it (DESIGN.md "Request"). Built by
 * {@link RequestParser} from JSON or by an event parser; immutable.
 * <ul>
 *   <li>{@code domains}: explicit targets, lower-case; empty means every domain of the account in scope.</li>
 *   <li>{@code when}: conditions, any of which selects a domain; empty means the function's default.</li>
 *   <li>{@code products}: any of cdn, dcdn, vod, live; empty means every product the account uses
 *       ({@link #productsNamed()} false: a product the account has not activated, or may not read, is left out).</li>
 *   <li>{@code dryRun}: null when the request does not say (the environment decides).</li>
 *   <li>{@code maxChanges}: null when the request does not say (the environment decides).</li>
 *   <li>{@code continuation}: null for a run that starts from the beginning; where a stopped run left off
 *       otherwise ({@link Continuation}).</li>
 *   <li>{@code accounts}: account ids (or {@code self}) of LIFELINE_ACCOUNTS that the run is narrowed to; empty means
 *       every configured account. A member run of a fan-out names exactly one.</li>
 *   <li>{@code memberOf}: set on a member run of a fan-out: the request id of the run over several accounts.</li>
 * </ul>
 */
public final class Request {
    private final List<String> domains;
    private final Set<Condition> when;
    private final Set<Product> products;
    private final boolean productsNamed;
    private final Boolean dryRun;
    private final Integer maxChanges;
    private final String reason;
    private final String source;
    private final Continuation continuation;
    private final List<String> accounts;
    private final String memberOf;

    private Request(Builder b) {
        this.domains = Collections.unmodifiableList(new ArrayList<>(new LinkedHashSet<>(b.domains)));
        this.when = b.when.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(b.when));
        this.productsNamed = !b.products.isEmpty();
        this.products = b.products.isEmpty() ? Collections.unmodifiableSet(EnumSet.allOf(Product.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(b.products));
        this.dryRun = b.dryRun;
        this.maxChanges = b.maxChanges;
        this.reason = b.reason;
        this.source = b.source == null ? "manual" : b.source;
        this.continuation = b.continuation;
        this.accounts = Collections.unmodifiableList(new ArrayList<>(new LinkedHashSet<>(b.accounts)));
        this.memberOf = b.memberOf;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.domains.addAll(domains);
        b.when.addAll(when);
        if (productsNamed) b.products.addAll(products);
        b.dryRun = dryRun;
        b.maxChanges = maxChanges;
        b.reason = reason;
        b.source = source;
        b.continuation = continuation;
        b.accounts.addAll(accounts);
        b.memberOf = memberOf;
        return b;
    }

    public List<String> domains() { return domains; }
    public Set<Condition> when() { return when; }
    public Set<Product> products() { return products; }
    /**
     * Whether the Request named its products. When it did not, every product is looked at, and one the account has not
     * activated (or the role may not read) is left out with a note instead of failing the run.
     */
    public boolean productsNamed() { return productsNamed; }
    public Boolean dryRun() { return dryRun; }
    public Integer maxChanges() { return maxChanges; }
    public String reason() { return reason; }
    /** What produced this request (e.g. {@code timer}, {@code actiontrail:StopCdnDomain}, {@code manual}); kept in the audit log. */
    public String source() { return source; }
    /** Where an earlier round of this run stopped, or null. */
    public Continuation continuation() { return continuation; }
    /** The accounts (ids or {@code self}) this run is narrowed to; empty: every configured account. */
    public List<String> accounts() { return accounts; }
    /** The request id of the run over several accounts this member run belongs to, or null. */
    public String memberOf() { return memberOf; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Request)) return false;
        Request r = (Request) o;
        return domains.equals(r.domains) && when.equals(r.when) && products.equals(r.products) && productsNamed == r.productsNamed
                && Objects.equals(dryRun, r.dryRun) && Objects.equals(maxChanges, r.maxChanges)
                && Objects.equals(reason, r.reason) && source.equals(r.source) && Objects.equals(continuation, r.continuation)
                && accounts.equals(r.accounts) && Objects.equals(memberOf, r.memberOf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domains, when, products, productsNamed, dryRun, maxChanges, reason, source, continuation, accounts, memberOf);
    }

    @Override
    public String toString() {
        return RequestParser.toJson(this);
    }

    /** Builds a Request; {@link RequestParser} validates the values from outside before they get here. */
    public static final class Builder {
        private final List<String> domains = new ArrayList<>();
        private final Set<Condition> when = EnumSet.noneOf(Condition.class);
        private final Set<Product> products = EnumSet.noneOf(Product.class);
        private Boolean dryRun;
        private Integer maxChanges;
        private String reason;
        private String source;
        private Continuation continuation;
        private final List<String> accounts = new ArrayList<>();
        private String memberOf;

        private Builder() {
        }

        public Builder domain(String d) { domains.add(DomainNames.normalize(d)); return this; }
        public Builder domains(List<String> ds) { ds.forEach(this::domain); return this; }
        public Builder when(Condition c) { when.add(c); return this; }
        public Builder when(Set<Condition> cs) { when.addAll(cs); return this; }
        public Builder product(Product p) { products.add(p); return this; }
        public Builder dryRun(Boolean v) { dryRun = v; return this; }
        public Builder maxChanges(Integer v) { maxChanges = v; return this; }
        public Builder reason(String v) { reason = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder continuation(Continuation v) { continuation = v; return this; }
        /** Narrows the run to these accounts (ids or {@code self}), replacing any named before. */
        public Builder accounts(List<String> ids) { accounts.clear(); accounts.addAll(ids); return this; }
        public Builder memberOf(String requestId) { memberOf = requestId; return this; }

        public Request build() { return new Request(this); }
    }
}
