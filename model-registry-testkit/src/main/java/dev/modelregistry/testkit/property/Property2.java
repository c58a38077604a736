package dev.modelregistry.testkit.property;

import java.util.Objects;

/**
 * A property over two generated values: {@code Property.forAll(a, b).tries(500).check((x, y) -> ...)}.
 * Counterexamples are {@link Pair}s. Behaves like {@link Property}: immutable and thread-safe,
 * runs on the calling thread.
 *
 * @param <A> the first type
 * @param <B> the second type
 */
public final class Property2<A, B> {

    private final Property<Pair<A, B>> pairs;

    Property2(Property<Pair<A, B>> pairs) {
        this.pairs = pairs;
    }

    /**
     * This property with {@code tries} passing tries required.
     *
     * @param tries at least 1
     * @return the new property
     * @throws IllegalArgumentException if {@code tries} is below 1
     */
    public Property2<A, B> tries(int tries) {
        return new Property2<>(pairs.tries(tries));
    }

    /**
     * This property with a fixed seed; use the seed printed by a failure to replay it.
     *
     * @param seed the seed
     * @return the new property
     */
    public Property2<A, B> seed(long seed) {
        return new Property2<>(pairs.seed(seed));
    }

    /**
     * This property with a different shrink budget, see {@link Property#maxShrinks}.
     *
     * @param maxShrinks at least 0
     * @return the new property
     * @throws IllegalArgumentException if {@code maxShrinks} is negative
     */
    public Property2<A, B> maxShrinks(int maxShrinks) {
        return new Property2<>(pairs.maxShrinks(maxShrinks));
    }

    /**
     * Runs the property.
     *
     * @param check the check, not null; fails by throwing
     * @return the report of the passed run
     * @throws PropertyFailure if the check fails for some pair
     * @throws GenerationException if a generator cannot produce values
     * @throws AssertionError if more than ten times {@code tries} tries were discarded
     */
    public Report check(Property.Check2<? super A, ? super B> check) {
        Objects.requireNonNull(check, "check");
        return pairs.check(pair -> check.accept(pair.first(), pair.second()));
    }
}
