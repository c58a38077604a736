package dev.modelregistry.testkit.property;

import java.util.Objects;

/**
 * A property over generated values: {@code Property.forAll(gen).check(value -> ...)}.
 *
 * <p>{@link #check} runs the check on {@code tries} generated values. A check fails by throwing
 * anything (an AssertJ assertion, an exception); it discards a try with {@link Assume} or JUnit's
 * {@code Assumptions}. On failure the input is shrunk and a {@link PropertyFailure} is thrown
 * that prints the seed for replay. Same seed, same values.
 *
 * <p>Tries default to {@code -Dmodelregistry.tries} (200 when unset); the seed to
 * {@code -Dmodelregistry.seed}, else a random one. Explicit {@link #tries} and {@link #seed} win
 * over the system properties.
 *
 * <p>Instances are immutable and thread-safe: the configuring methods return new instances. A run
 * happens on the calling thread.
 *
 * @param <T> the type of the generated values
 */
public final class Property<T> {

    private final Gen<T> gen;
    private final Config config;

    private Property(Gen<T> gen, Config config) {
        this.gen = gen;
        this.config = config;
    }

    /**
     * A property over the values of {@code gen}.
     *
     * @param gen the generator, not null
     * @param <T> the value type
     * @return the property, with default settings
     */
    public static <T> Property<T> forAll(Gen<T> gen) {
        return new Property<>(Objects.requireNonNull(gen, "gen"), Config.DEFAULT);
    }

    /**
     * A property over pairs of values: {@code Property.forAll(a, b).check((x, y) -> ...)}.
     *
     * @param a the first generator, not null
     * @param b the second generator, not null
     * @param <A> the first type
     * @param <B> the second type
     * @return the property, with default settings
     */
    public static <A, B> Property2<A, B> forAll(Gen<A> a, Gen<B> b) {
        return new Property2<>(forAll(Gen.zip(a, b, Pair::new)));
    }

    /**
     * Checks a property over pairs of values with default settings; shorthand for
     * {@code forAll(a, b).check(check)}.
     *
     * @param a the first generator, not null
     * @param b the second generator, not null
     * @param check the check, not null
     * @param <A> the first type
     * @param <B> the second type
     * @return the report of the passed run
     * @throws PropertyFailure if the check fails
     */
    public static <A, B> Report forAll(Gen<A> a, Gen<B> b, Check2<? super A, ? super B> check) {
        return forAll(a, b).check(check);
    }

    /**
     * This property with {@code tries} passing tries required.
     *
     * @param tries at least 1
     * @return the new property
     * @throws IllegalArgumentException if {@code tries} is below 1
     */
    public Property<T> tries(int tries) {
        return new Property<>(gen, config.withTries(tries));
    }

    /**
     * This property with a fixed seed; use the seed printed by a failure to replay it.
     *
     * @param seed the seed
     * @return the new property
     */
    public Property<T> seed(long seed) {
        return new Property<>(gen, config.withSeed(seed));
    }

    /**
     * This property with a different shrink budget: the most replays shrinking may spend
     * (default 5,000). Lower it when a single check is slow.
     *
     * @param maxShrinks at least 0; 0 reports the original counterexample unshrunk
     * @return the new property
     * @throws IllegalArgumentException if {@code maxShrinks} is negative
     */
    public Property<T> maxShrinks(int maxShrinks) {
        return new Property<>(gen, config.withMaxShrinks(maxShrinks));
    }

    /**
     * Runs the property.
     *
     * @param check the check, not null; fails by throwing
     * @return the report of the passed run
     * @throws PropertyFailure if the check fails for some value
     * @throws GenerationException if the generator cannot produce values
     * @throws AssertionError if more than ten times {@code tries} tries were discarded
     */
    public Report check(Check<? super T> check) {
        Objects.requireNonNull(check, "check");
        return Runner.run("Property", config, source -> {
            T value = source.draw(gen);
            source.describe(value);
            try {
                check.accept(value);
                return Trial.Outcome.PASSED;
            } catch (Throwable thrown) {
                return Trial.Outcome.of(thrown);
            }
        });
    }

    /**
     * The check of a one-argument property.
     *
     * @param <T> the value type
     */
    @FunctionalInterface
    public interface Check<T> {
        /**
         * Checks one value; fails by throwing.
         *
         * @param value the generated value, not null
         * @throws Exception to fail the property
         */
        void accept(T value) throws Exception;
    }

    /**
     * The check of a two-argument property.
     *
     * @param <A> the first type
     * @param <B> the second type
     */
    @FunctionalInterface
    public interface Check2<A, B> {
        /**
         * Checks two values; fails by throwing.
         *
         * @param a the first value, not null
         * @param b the second value, not null
         * @throws Exception to fail the property
         */
        void accept(A a, B b) throws Exception;
    }
}
