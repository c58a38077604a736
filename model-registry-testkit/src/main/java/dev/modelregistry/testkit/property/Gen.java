package dev.modelregistry.testkit.property;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of values of type {@code T}, drawing its randomness from a {@link Source}.
 *
 * <p>Generators are stateless and immutable, hence thread-safe; all state of a try lives in the
 * source. They never produce null. Shrinking needs no code per generator: the engine shrinks the
 * recorded choices and generates again, and the built-in generators map smaller choices to
 * simpler values (numbers toward 0, collections toward empty, strings toward short strings of the
 * alphabet's first character, {@link #oneOf} toward its first alternative).
 *
 * <p>A custom generator is a lambda that draws its parts through {@link Source#draw}:
 * <pre>{@code
 * Gen<Point> points = source -> new Point(source.draw(Gen.integers(0, 9)), source.draw(Gen.integers(0, 9)));
 * }</pre>
 *
 * @param <T> the type of generated values
 */
@FunctionalInterface
public interface Gen<T> {

    /**
     * Generates one value. Call {@link Source#draw} rather than this method to draw from
     * another generator.
     *
     * @param source the try's source of choices, not null
     * @return the value, never null
     */
    T generate(Source source);

    /**
     * A generator applying {@code mapper} to this generator's values.
     *
     * @param mapper a pure function, not null, never returning null
     * @param <R> the result type
     * @return the mapped generator
     */
    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return source -> Objects.requireNonNull(mapper.apply(source.draw(this)), "map function returned null");
    }

    /**
     * A generator that draws a value from this generator, then a value from the generator
     * {@code next} builds for it.
     *
     * @param next a pure function, not null, never returning null
     * @param <R> the result type
     * @return the dependent generator
     */
    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> next) {
        Objects.requireNonNull(next, "next");
        return source -> source.draw(Objects.requireNonNull(next.apply(source.draw(this)), "flatMap function returned null"));
    }

    /**
     * A generator of this generator's values that satisfy {@code predicate}. It redraws up to
     * 100 times per value; prefer generating valid values directly (narrower ranges, {@link #map}).
     *
     * @param predicate the acceptance test, not null
     * @return the filtering generator; its {@code generate} throws {@link GenerationException}
     *     when 100 draws in a row are rejected
     */
    default Gen<T> filter(Predicate<? super T> predicate) {
        return Combinators.filter(this, predicate);
    }

    /**
     * Generates {@code count} values, the i-th from the i-th seed derived from {@code seed}.
     * Useful to look at a generator's output; the same seed always gives the same list.
     *
     * @param seed the seed
     * @param count how many values, at least 0
     * @return the values, unmodifiable
     */
    default List<T> samples(long seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0 but was " + count);
        }
        List<T> out = new ArrayList<>(count);
        long trySeed = seed;
        for (int i = 0; i < count; i++) {
            out.add(Source.random(trySeed).draw(this));
            trySeed = Runner.nextSeed(trySeed);
        }
        return List.copyOf(out);
    }

    // ---- constants and choices ------------------------------------------------------------

    /**
     * A generator always returning {@code value}.
     *
     * @param value the value, not null
     * @param <T> the value type
     * @return the constant generator
     */
    static <T> Gen<T> constant(T value) {
        Objects.requireNonNull(value, "value");
        return source -> value;
    }

    /**
     * A generator picking one of {@code values}; shrinks toward the first.
     *
     * @param values at least one value, none null
     * @param <T> the value type
     * @return the generator
     */
    @SafeVarargs
    static <T> Gen<T> elementOf(T... values) {
        List<T> list = new ArrayList<>();
        for (T value : values) {
            list.add(value);
        }
        return Combinators.elementOf(list);
    }

    /**
     * A generator picking one of {@code values} in iteration order; shrinks toward the first.
     *
     * @param values at least one value, none null; copied
     * @param <T> the value type
     * @return the generator
     */
    static <T> Gen<T> elementOf(Collection<? extends T> values) {
        return Combinators.elementOf(values);
    }

    /**
     * A generator drawing from one of {@code gens}, chosen uniformly; shrinks toward the first.
     *
     * @param gens at least one generator, none null
     * @param <T> the value type
     * @return the generator
     */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> list = new ArrayList<>();
        for (Gen<? extends T> gen : gens) {
            list.add(gen);
        }
        return Combinators.oneOf(list);
    }

    /**
     * A generator drawing from one of {@code gens}, chosen uniformly; shrinks toward the first.
     *
     * @param gens at least one generator, none null; copied
     * @param <T> the value type
     * @return the generator
     */
    static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
        return Combinators.oneOf(gens);
    }

    /**
     * A generator drawing from one of the weighted generators, chosen with probability
     * proportional to its weight; shrinks toward the first.
     *
     * @param choices at least one weighted generator, none null
     * @param <T> the value type
     * @return the generator
     */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> list = new ArrayList<>();
        for (Weighted<? extends T> choice : choices) {
            list.add(choice);
        }
        return Combinators.frequency(list);
    }

    // ---- numbers ---------------------------------------------------------------------------

    /**
     * Booleans; shrinks toward {@code false}.
     *
     * @return the generator
     */
    static Gen<Boolean> booleans() {
        return source -> source.choose(1) == 1;
    }

    /**
     * Any {@code int}, with 0, ±1 and the extremes more likely; shrinks toward 0.
     *
     * @return the generator
     */
    static Gen<Integer> integers() {
        return integers(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * Ints in {@code [min, max]}, with the bounds, 0 and ±1 (when in range) more likely; shrinks
     * toward the value closest to 0.
     *
     * @param min the inclusive lower bound
     * @param max the inclusive upper bound, at least {@code min}
     * @return the generator
     */
    static Gen<Integer> integers(int min, int max) {
        return Numbers.longs(min, max).map(Long::intValue);
    }

    /**
     * Any {@code long}, with 0, ±1 and the extremes more likely; shrinks toward 0.
     *
     * @return the generator
     */
    static Gen<Long> longs() {
        return longs(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Longs in {@code [min, max]}, with the bounds, 0 and ±1 (when in range) more likely; shrinks
     * toward the value closest to 0.
     *
     * @param min the inclusive lower bound
     * @param max the inclusive upper bound, at least {@code min}
     * @return the generator
     */
    static Gen<Long> longs(long min, long max) {
        return Numbers.longs(min, max);
    }

    /**
     * Any {@code double}, including NaN, ±Infinity, ±0.0, ±{@code MIN_VALUE}, ±{@code MAX_VALUE}
     * and {@code MIN_NORMAL}, which are more likely; shrinks toward 0.0, then simple values such
     * as 1.0 and 0.5.
     *
     * @return the generator
     */
    static Gen<Double> doubles() {
        return Numbers.doubles();
    }

    /**
     * Finite doubles numerically in {@code [min, max]}, with the bounds, 0.0, -0.0 and ±1.0 (when
     * in range) more likely; shrinks toward the value closest to 0.
     *
     * @param min the finite inclusive lower bound
     * @param max the finite inclusive upper bound, at least {@code min}
     * @return the generator
     */
    static Gen<Double> doubles(double min, double max) {
        return Numbers.doubles(min, max);
    }

    // ---- text ------------------------------------------------------------------------------

    /**
     * Strings of code points from {@code alphabet}, {@code minLength} to {@code maxLength} code
     * points long; shrinks toward short strings of the alphabet's first code point.
     *
     * @param alphabet the code points to use, not null
     * @param minLength the minimum length in code points, at least 0
     * @param maxLength the maximum length in code points, at least {@code minLength}
     * @return the generator
     */
    static Gen<String> strings(Alphabet alphabet, int minLength, int maxLength) {
        return Texts.strings(alphabet, minLength, maxLength);
    }

    /**
     * Strings of printable ASCII, {@code minLength} to {@code maxLength} characters long.
     *
     * @param minLength the minimum length, at least 0
     * @param maxLength the maximum length, at least {@code minLength}
     * @return the generator
     */
    static Gen<String> strings(int minLength, int maxLength) {
        return strings(Alphabet.ASCII_PRINTABLE, minLength, maxLength);
    }

    /**
     * Hostile path-like strings built from pieces such as {@code /}, {@code \}, {@code ..},
     * {@code %2e}, {@code C:}, NUL and other control characters, non-ASCII letters and
     * right-to-left marks; meant for testing name validation. Lengths count code points.
     *
     * @param minLength the minimum length in code points, at least 0
     * @param maxLength the maximum length in code points, at least {@code minLength}
     * @return the generator
     */
    static Gen<String> pathLike(int minLength, int maxLength) {
        return Texts.pathLike(minLength, maxLength);
    }

    // ---- collections -----------------------------------------------------------------------

    /**
     * Byte arrays of {@code minLength} to {@code maxLength} bytes; each generated array is new.
     *
     * @param minLength the minimum length, at least 0
     * @param maxLength the maximum length, at least {@code minLength}
     * @return the generator
     */
    static Gen<byte[]> bytes(int minLength, int maxLength) {
        Gen<List<Long>> list = Containers.lists(Numbers.longs(Byte.MIN_VALUE, Byte.MAX_VALUE), minLength, maxLength);
        return list.map(values -> {
            byte[] out = new byte[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i).byteValue();
            }
            return out;
        });
    }

    /**
     * Unmodifiable lists of {@code minSize} to {@code maxSize} elements; shrinks toward shorter
     * lists of simpler elements.
     *
     * @param elements the element generator, not null
     * @param minSize the minimum size, at least 0
     * @param maxSize the maximum size, at least {@code minSize}
     * @param <T> the element type
     * @return the generator
     */
    static <T> Gen<List<T>> listOf(Gen<? extends T> elements, int minSize, int maxSize) {
        return Containers.lists(elements, minSize, maxSize);
    }

    /**
     * Unmodifiable sets (in insertion order) of {@code minSize} to {@code maxSize} distinct
     * elements.
     *
     * @param elements the element generator, not null; must produce at least {@code minSize}
     *     distinct values, else generation throws {@link GenerationException}
     * @param minSize the minimum size, at least 0
     * @param maxSize the maximum size, at least {@code minSize}
     * @param <T> the element type
     * @return the generator
     */
    static <T> Gen<Set<T>> setOf(Gen<? extends T> elements, int minSize, int maxSize) {
        return Containers.sets(elements, minSize, maxSize);
    }

    /**
     * Unmodifiable maps (in insertion order) of {@code minSize} to {@code maxSize} entries.
     *
     * @param keys the key generator, not null; must produce at least {@code minSize} distinct
     *     keys, else generation throws {@link GenerationException}
     * @param values the value generator, not null
     * @param minSize the minimum size, at least 0
     * @param maxSize the maximum size, at least {@code minSize}
     * @param <K> the key type
     * @param <V> the value type
     * @return the generator
     */
    static <K, V> Gen<Map<K, V>> mapOf(Gen<? extends K> keys, Gen<? extends V> values, int minSize, int maxSize) {
        return Containers.maps(keys, values, minSize, maxSize);
    }

    /**
     * Optionals that are empty or hold a value of {@code gen}; shrinks toward empty.
     *
     * @param gen the value generator, not null
     * @param <T> the value type
     * @return the generator
     */
    static <T> Gen<Optional<T>> optionalOf(Gen<? extends T> gen) {
        Objects.requireNonNull(gen, "gen");
        return source -> source.weighted(0.8) ? Optional.of(source.draw(gen)) : Optional.empty();
    }

    // ---- records ---------------------------------------------------------------------------

    /**
     * Combines two generators, typically into a record: {@code Gen.zip(names, ages, Person::new)}.
     *
     * @param a the first generator, not null
     * @param b the second generator, not null
     * @param combine a pure function, not null, never returning null
     * @param <A> the first type
     * @param <B> the second type
     * @param <R> the result type
     * @return the combined generator
     */
    static <A, B, R> Gen<R> zip(Gen<A> a, Gen<B> b, BiFunction<? super A, ? super B, ? extends R> combine) {
        Objects.requireNonNull(combine, "combine");
        Combinators.requireAll(a, b);
        return source -> Combinators.nonNull(combine.apply(source.draw(a), source.draw(b)));
    }

    /**
     * Combines three generators.
     *
     * @param a the first generator, not null
     * @param b the second generator, not null
     * @param c the third generator, not null
     * @param combine a pure function, not null, never returning null
     * @param <A> the first type
     * @param <B> the second type
     * @param <C> the third type
     * @param <R> the result type
     * @return the combined generator
     */
    static <A, B, C, R> Gen<R> zip(Gen<A> a, Gen<B> b, Gen<C> c, Fn3<? super A, ? super B, ? super C, ? extends R> combine) {
        Objects.requireNonNull(combine, "combine");
        Combinators.requireAll(a, b, c);
        return source -> Combinators.nonNull(combine.apply(source.draw(a), source.draw(b), source.draw(c)));
    }

    /**
     * Combines four generators.
     *
     * @param a the first generator, not null
     * @param b the second generator, not null
     * @param c the third generator, not null
     * @param d the fourth generator, not null
     * @param combine a pure function, not null, never returning null
     * @param <A> the first type
     * @param <B> the second type
     * @param <C> the third type
     * @param <D> the fourth type
     * @param <R> the result type
     * @return the combined generator
     */
    static <A, B, C, D, R> Gen<R> zip(Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d,
            Fn4<? super A, ? super B, ? super C, ? super D, ? extends R> combine) {
        Objects.requireNonNull(combine, "combine");
        Combinators.requireAll(a, b, c, d);
        return source -> Combinators.nonNull(
                combine.apply(source.draw(a), source.draw(b), source.draw(c), source.draw(d)));
    }

    /**
     * Combines five generators.
     *
     * @param a the first generator, not null
     * @param b the second generator, not null
     * @param c the third generator, not null
     * @param d the fourth generator, not null
     * @param e the fifth generator, not null
     * @param combine a pure function, not null, never returning null
     * @param <A> the first type
     * @param <B> the second type
     * @param <C> the third type
     * @param <D> the fourth type
     * @param <E> the fifth type
     * @param <R> the result type
     * @return the combined generator
     */
    static <A, B, C, D, E, R> Gen<R> zip(Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d, Gen<E> e,
            Fn5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> combine) {
        Objects.requireNonNull(combine, "combine");
        Combinators.requireAll(a, b, c, d, e);
        return source -> Combinators.nonNull(combine.apply(
                source.draw(a), source.draw(b), source.draw(c), source.draw(d), source.draw(e)));
    }

    /**
     * Combines six generators.
     *
     * @param a the first generator, not null
     * @param b the second generator, not null
     * @param c the third generator, not null
     * @param d the fourth generator, not null
     * @param e the fifth generator, not null
     * @param f the sixth generator, not null
     * @param combine a pure function, not null, never returning null
     * @param <A> the first type
     * @param <B> the second type
     * @param <C> the third type
     * @param <D> the fourth type
     * @param <E> the fifth type
     * @param <F> the sixth type
     * @param <R> the result type
     * @return the combined generator
     */
    static <A, B, C, D, E, F, R> Gen<R> zip(Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d, Gen<E> e, Gen<F> f,
            Fn6<? super A, ? super B, ? super C, ? super D, ? super E, ? super F, ? extends R> combine) {
        Objects.requireNonNull(combine, "combine");
        Combinators.requireAll(a, b, c, d, e, f);
        return source -> Combinators.nonNull(combine.apply(
                source.draw(a), source.draw(b), source.draw(c), source.draw(d), source.draw(e), source.draw(f)));
    }

    /**
     * A function of three arguments, for {@link Gen#zip(Gen, Gen, Gen, Fn3)}.
     *
     * @param <A> the first type
     * @param <B> the second type
     * @param <C> the third type
     * @param <R> the result type
     */
    @FunctionalInterface
    interface Fn3<A, B, C, R> {
        /**
         * Applies the function.
         *
         * @param a the first argument
         * @param b the second argument
         * @param c the third argument
         * @return the result, not null
         */
        R apply(A a, B b, C c);
    }

    /**
     * A function of four arguments, for {@link Gen#zip(Gen, Gen, Gen, Gen, Fn4)}.
     *
     * @param <A> the first type
     * @param <B> the second type
     * @param <C> the third type
     * @param <D> the fourth type
     * @param <R> the result type
     */
    @FunctionalInterface
    interface Fn4<A, B, C, D, R> {
        /**
         * Applies the function.
         *
         * @param a the first argument
         * @param b the second argument
         * @param c the third argument
         * @param d the fourth argument
         * @return the result, not null
         */
        R apply(A a, B b, C c, D d);
    }

    /**
     * A function of five arguments, for {@link Gen#zip(Gen, Gen, Gen, Gen, Gen, Fn5)}.
     *
     * @param <A> the first type
     * @param <B> the second type
     * @param <C> the third type
     * @param <D> the fourth type
     * @param <E> the fifth type
     * @param <R> the result type
     */
    @FunctionalInterface
    interface Fn5<A, B, C, D, E, R> {
        /**
         * Applies the function.
         *
         * @param a the first argument
         * @param b the second argument
         * @param c the third argument
         * @param d the fourth argument
         * @param e the fifth argument
         * @return the result, not null
         */
        R apply(A a, B b, C c, D d, E e);
    }

    /**
     * A function of six arguments, for {@link Gen#zip(Gen, Gen, Gen, Gen, Gen, Gen, Fn6)}.
     *
     * @param <A> the first type
     * @param <B> the second type
     * @param <C> the third type
     * @param <D> the fourth type
     * @param <E> the fifth type
     * @param <F> the sixth type
     * @param <R> the result type
     */
    @FunctionalInterface
    interface Fn6<A, B, C, D, E, F, R> {
        /**
         * Applies the function.
         *
         * @param a the first argument
         * @param b the second argument
         * @param c the third argument
         * @param d the fourth argument
         * @param e the fifth argument
         * @param f the sixth argument
         * @return the result, not null
         */
        R apply(A a, B b, C c, D d, E e, F f);
    }
}
