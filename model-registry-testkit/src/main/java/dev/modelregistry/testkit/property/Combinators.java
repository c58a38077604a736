package dev.modelregistry.testkit.property;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** Choice and filtering combinators behind {@link Gen}'s factories. */
final class Combinators {

    /** Draws per value before a filter gives up; high enough for any sensible predicate. */
    static final int MAX_FILTER_ATTEMPTS = 100;

    private Combinators() {
    }

    static <T> Gen<T> filter(Gen<T> gen, Predicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return source -> {
            T last = null;
            for (int attempt = 0; attempt < MAX_FILTER_ATTEMPTS; attempt++) {
                T value = source.draw(gen);
                if (predicate.test(value)) {
                    return value;
                }
                last = value;
            }
            throw new GenerationException("Gen.filter rejected " + MAX_FILTER_ATTEMPTS
                    + " generated values in a row (last rejected: " + Printer.print(last)
                    + "). The predicate is too strict: generate valid values directly instead,"
                    + " e.g. with a narrower range or Gen.map");
        };
    }

    static <T> Gen<T> elementOf(Collection<? extends T> values) {
        List<T> copy = List.copyOf(Objects.requireNonNull(values, "values"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("elementOf needs at least one value");
        }
        return source -> copy.get(source.choose(copy.size() - 1));
    }

    static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
        List<Gen<? extends T>> copy = List.copyOf(Objects.requireNonNull(gens, "gens"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("oneOf needs at least one generator");
        }
        return source -> source.draw(copy.get(source.choose(copy.size() - 1)));
    }

    static <T> Gen<T> frequency(List<? extends Weighted<? extends T>> choices) {
        List<Weighted<? extends T>> copy = List.copyOf(Objects.requireNonNull(choices, "choices"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("frequency needs at least one weighted generator");
        }
        long total = copy.stream().mapToLong(Weighted::weight).sum();
        return source -> {
            long ticket = source.choose(total - 1);
            for (Weighted<? extends T> choice : copy) {
                if (ticket < choice.weight()) {
                    return source.draw(choice.gen());
                }
                ticket -= choice.weight();
            }
            throw new AssertionError("ticket beyond the total weight");
        };
    }

    static void requireAll(Gen<?>... gens) {
        for (Gen<?> gen : gens) {
            Objects.requireNonNull(gen, "gen");
        }
    }

    static <R> R nonNull(R value) {
        return Objects.requireNonNull(value, "zip function returned null");
    }
}
