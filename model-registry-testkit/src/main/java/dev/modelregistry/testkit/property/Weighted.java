package dev.modelregistry.testkit.property;

import java.util.Objects;

/**
 * A generator with a relative weight, for {@link Gen#frequency}. Immutable and thread-safe.
 *
 * @param weight the relative weight, at least 1
 * @param gen the generator, not null
 * @param <T> the value type
 */
public record Weighted<T>(int weight, Gen<T> gen) {

    /**
     * Validates the components.
     *
     * @param weight the relative weight, at least 1
     * @param gen the generator, not null
     *
     * @throws IllegalArgumentException if {@code weight} is below 1
     * @throws NullPointerException if {@code gen} is null
     */
    public Weighted {
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be >= 1 but was " + weight);
        }
        Objects.requireNonNull(gen, "gen");
    }

    /**
     * Shorthand for the constructor: {@code Gen.frequency(Weighted.of(9, small), Weighted.of(1, huge))}.
     *
     * @param weight the relative weight, at least 1
     * @param gen the generator, not null
     * @param <T> the value type
     * @return the weighted generator
     */
    public static <T> Weighted<T> of(int weight, Gen<T> gen) {
        return new Weighted<>(weight, gen);
    }
}
