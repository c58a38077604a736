package dev.modelregistry.testkit.property;

import java.util.Objects;

/**
 * Two values, the counterexample type of a two-argument property. Immutable; thread-safe if its
 * values are.
 *
 * @param first the first value, not null
 * @param second the second value, not null
 * @param <A> the first type
 * @param <B> the second type
 */
public record Pair<A, B>(A first, B second) {

    /**
     * Validates the components.
     *
     * @param first the first value, not null
     * @param second the second value, not null
     *
     * @throws NullPointerException if a value is null
     */
    public Pair {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
    }

    /**
     * Both values, printed as counterexamples are, e.g. {@code ("a", 3)}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "(" + Printer.print(first) + ", " + Printer.print(second) + ")";
    }
}
