package io.cdnlifeline.event;

import io.cdnlifeline.cloud.Product;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a run that reached its deadline stopped, carried by the Request of the run that goes on from there (an
 * asynchronous invocation of the same function in FC, the next round on the command line): the round number and,
 * per product, the last domain (in name order) the stopped rounds already handled. Every self-invocation has this
 * one shape, inside an ordinary Request.
 */
public final class Continuation {
    /** More rounds than any outage needs (10,000 domains take a handful); a larger number is a loop, refused. */
    public static final int MAX_ROUND = 1_000;

    private final int round;
    private final Map<Product, String> after;

    public Continuation(int round, Map<Product, String> after) {
        if (round < 2 || round > MAX_ROUND) throw new IllegalArgumentException("round " + round + " is not 2.." + MAX_ROUND);
        this.round = round;
        EnumMap<Product, String> copy = new EnumMap<>(Product.class);
        for (Map.Entry<Product, String> e : after.entrySet()) copy.put(e.getKey(), DomainNames.normalize(Objects.requireNonNull(e.getValue())));
        this.after = Collections.unmodifiableMap(copy);
    }

    /** The round this Request starts: 2 for the first continuation. */
    public int round() { return round; }

    /** Per product, the last domain already handled; a product without an entry starts at its first domain. */
    public Map<Product, String> after() { return after; }

    /** Whether a domain of a product is still to do: its name comes after the product's cursor. */
    public boolean isLeft(Product product, String domain) {
        String last = after.get(product);
        return last == null || domain.compareTo(last) > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Continuation && ((Continuation) o).round == round && ((Continuation) o).after.equals(after);
    }

    @Override
    public int hashCode() {
        return Objects.hash(round, after);
    }

    @Override
    public String toString() {
        return "round " + round + " after " + after;
    }
}
