package dev.modelregistry.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GenTest {

    record Bounded<T>(T min, T max, T value) {
    }

    record Six(int a, long b, double c, String d, boolean e, List<Integer> f) {
    }

    @Nested
    class EdgeCases {

        @Test
        void of_doubles_include_nan_signed_zero_and_infinities_within_1000_draws() {
            List<Double> draws = Gen.doubles().samples(42, 1000);

            assertThat(draws).contains(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE);
            assertThat(draws.stream().filter(d -> Double.isFinite(d) && d != 0).count()).isGreaterThan(500);
        }

        @Test
        void of_integers_include_zero_one_and_the_extremes() {
            assertThat(Gen.integers().samples(42, 1000))
                    .contains(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
            assertThat(Gen.longs().samples(42, 1000)).contains(Long.MIN_VALUE, Long.MAX_VALUE);
        }

        @Test
        void of_ranges_include_the_bounds() {
            assertThat(Gen.longs(-7, 1234).samples(1, 200)).contains(-7L, 1234L, 0L);
            assertThat(Gen.doubles(-2.5, 1e6).samples(1, 500)).contains(-2.5, 1e6, 0.0, -0.0, 1.0, -1.0);
            assertThat(Gen.doubles(0.0, 3.0).samples(1, 500)).contains(0.0, 3.0).doesNotContain(-0.0);
        }
    }

    @Nested
    class Ranges {

        @Test
        void of_longs_are_respected() {
            Gen<Bounded<Long>> gen = Gen.longs().flatMap(a -> Gen.longs().flatMap(b -> Gen
                    .longs(Math.min(a, b), Math.max(a, b)).map(v -> new Bounded<>(Math.min(a, b), Math.max(a, b), v))));

            Property.forAll(gen).check(b -> assertThat(b.value()).isBetween(b.min(), b.max()));
        }

        @Test
        void of_integers_are_respected() {
            Gen<Bounded<Integer>> gen = Gen.zip(Gen.integers(), Gen.integers(), (a, b) -> new int[] {Math.min(a, b), Math.max(a, b)})
                    .flatMap(r -> Gen.integers(r[0], r[1]).map(v -> new Bounded<>(r[0], r[1], v)));

            Property.forAll(gen).check(b -> assertThat(b.value()).isBetween(b.min(), b.max()));
        }

        @Test
        void of_doubles_are_respected() {
            Gen<Double> finite = Gen.doubles().filter(Double::isFinite);
            Gen<Bounded<Double>> gen = Gen.zip(finite, finite, (a, b) -> new double[] {Math.min(a, b), Math.max(a, b)})
                    .flatMap(r -> Gen.doubles(r[0], r[1]).map(v -> new Bounded<>(r[0], r[1], v)));

            Property.forAll(gen).check(b -> assertThat(b.value()).isBetween(b.min(), b.max()));
        }

        @Test
        void of_strings_are_respected() {
            Gen<Alphabet> alphabets = Gen.elementOf(Alphabet.ASCII_LETTERS, Alphabet.DIGITS, Alphabet.UNICODE,
                    Alphabet.of("\u00e9/\\%\u0000\ud83d\ude00"));
            Property.forAll(alphabets, Gen.integers(0, 20)).check((alphabet, min) -> {
                String s = Gen.strings(alphabet, min, min + 5).samples(min, 1).get(0);
                assertThat(s.codePointCount(0, s.length())).isBetween(min, min + 5);
                assertThat(s.codePoints()).allMatch(alphabet::contains);
            });
        }

        @Test
        void of_collections_are_respected() {
            Property.forAll(Gen.integers(0, 10), Gen.integers(0, 10)).check((min, extra) -> {
                int max = min + extra;
                long seed = 31L * min + extra;
                assertThat(Gen.listOf(Gen.integers(), min, max).samples(seed, 1).get(0)).hasSizeBetween(min, max);
                assertThat(Gen.setOf(Gen.integers(), min, max).samples(seed, 1).get(0)).hasSizeBetween(min, max);
                assertThat(Gen.mapOf(Gen.strings(1, 5), Gen.booleans(), min, max).samples(seed, 1).get(0))
                        .hasSizeBetween(min, max);
                assertThat(Gen.bytes(min, max).samples(seed, 1).get(0).length).isBetween(min, max);
                String path = Gen.pathLike(min, max).samples(seed, 1).get(0);
                assertThat(path.codePointCount(0, path.length())).isBetween(min, max);
            });
        }

        @Test
        void are_validated() {
            assertThatThrownBy(() -> Gen.integers(3, 2)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Gen.doubles(0, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Gen.listOf(Gen.booleans(), -1, 2)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Gen.elementOf(List.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Weighted.of(0, Gen.booleans())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Alphabet.of("")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Text {

        @Test
        void unicode_strings_hold_non_ascii_and_supplementary_code_points() {
            List<String> draws = Gen.strings(Alphabet.UNICODE, 0, 10).samples(3, 300);

            assertThat(draws).anyMatch(s -> s.codePoints().anyMatch(cp -> cp > 0x7F && cp <= 0xFFFF));
            assertThat(draws).anyMatch(s -> s.codePoints().anyMatch(Character::isSupplementaryCodePoint));
            assertThat(draws).anyMatch(s -> s.codePoints().anyMatch(Character::isISOControl));
        }

        @Test
        void path_like_strings_hold_hostile_pieces() {
            List<String> draws = Gen.pathLike(0, 30).samples(3, 300);

            for (String piece : List.of("/", "\\", "..", "%", "\u0000", "\n", ":")) {
                assertThat(draws).as("piece %s", Printer.print(piece)).anyMatch(s -> s.contains(piece));
            }
            assertThat(draws).anyMatch(s -> s.codePoints().anyMatch(cp -> cp > 0x7F));
        }
    }

    @Nested
    class Combinators {

        @Test
        void choices_reach_every_alternative() {
            assertThat(Gen.oneOf(Gen.constant("x"), Gen.constant("y")).samples(1, 100)).contains("x", "y");
            assertThat(Gen.elementOf(Set.of(1, 2, 3)).samples(1, 100)).containsOnly(1, 2, 3);
            assertThat(Gen.optionalOf(Gen.constant(1)).samples(1, 100)).contains(Optional.empty(), Optional.of(1));
        }

        @Test
        void frequency_follows_the_weights() {
            List<String> draws = Gen.frequency(Weighted.of(9, Gen.constant("common")), Weighted.of(1, Gen.constant("rare")))
                    .samples(5, 2000);

            long rare = draws.stream().filter("rare"::equals).count();
            assertThat(rare).isBetween(100L, 320L);
        }

        @Test
        void zip_builds_records_of_up_to_six_parts() {
            Gen<Six> six = Gen.zip(Gen.integers(), Gen.longs(), Gen.doubles(), Gen.strings(0, 3), Gen.booleans(),
                    Gen.listOf(Gen.integers(0, 1), 0, 2), Six::new);

            assertThat(six.samples(1, 50)).hasSize(50).doesNotContainNull();
        }

        @Test
        void filter_keeps_only_accepted_values() {
            assertThat(Gen.integers(0, 100).filter(x -> x % 3 == 0).samples(1, 200)).allMatch(x -> x % 3 == 0);
        }

        @Test
        void filter_that_rejects_everything_fails_with_aclear_error() {
            Gen<Integer> impossible = Gen.integers(0, 10).filter(x -> x > 100);

            assertThatThrownBy(() -> Property.forAll(impossible).seed(1).check(x -> { }))
                    .isInstanceOf(GenerationException.class)
                    .hasMessageContaining("Gen.filter rejected 100 generated values in a row")
                    .hasMessageContaining("predicate is too strict")
                    .hasMessageContaining("-Dmodelregistry.seed=1");
        }

        @Test
        void sets_of_too_few_distinct_values_fail_with_aclear_error() {
            assertThatThrownBy(() -> Gen.setOf(Gen.booleans(), 3, 5).samples(1, 1))
                    .isInstanceOf(GenerationException.class)
                    .hasMessageContaining("could not generate 3 distinct");
        }

        @Test
        void map_functions_returning_null_are_rejected() {
            Gen<String> broken = Gen.integers().map(x -> null);

            assertThatThrownBy(() -> Property.forAll(broken).check(x -> { }))
                    .isInstanceOf(GenerationException.class)
                    .hasMessageContaining("map function returned null");
        }

        @Test
        void generated_collections_are_unmodifiable() {
            List<Integer> list = Gen.listOf(Gen.integers(), 1, 3).samples(1, 1).get(0);
            Map<Integer, Integer> map = Gen.mapOf(Gen.integers(), Gen.integers(), 1, 3).samples(1, 1).get(0);

            assertThatThrownBy(() -> list.add(1)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> map.clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Determinism {

        @Test
        void the_same_seed_gives_the_same_values() {
            Gen<List<String>> gen = Gen.listOf(Gen.strings(Alphabet.UNICODE, 0, 8), 0, 10);

            assertThat(gen.samples(99, 100)).isEqualTo(gen.samples(99, 100));
            assertThat(gen.samples(99, 100)).isNotEqualTo(gen.samples(100, 100));
        }

        @Test
        void a_seeded_property_sees_the_same_values_every_run() {
            List<Object> first = new ArrayList<>();
            List<Object> second = new ArrayList<>();
            Property<Map<String, Double>> property = Property
                    .forAll(Gen.mapOf(Gen.pathLike(0, 5), Gen.doubles(), 0, 4)).seed(-12345).tries(50);

            Report a = property.check(first::add);
            Report b = property.check(second::add);

            assertThat(first).hasSize(50).isEqualTo(second);
            assertThat(a).isEqualTo(b).isEqualTo(new Report(-12345, 50, 0));
        }
    }

    @Nested
    class ThePrinter {

        @Test
        void quotes_strings_and_escapes_invisible_characters() {
            assertThat(Printer.print(List.of("a/b", "\u0000\n\t\"\\", "\u202e\ud83d\ude00", "\ud800")))
                    .isEqualTo("[\"a/b\", \"\\u0000\\n\\t\\\"\\\\\", \"\\u202e\ud83d\ude00\", \"\\ud800\"]");
        }

        @Test
        void prints_arrays_maps_and_optionals_by_content() {
            assertThat(Printer.print(new byte[] {1, -2})).isEqualTo("[1, -2]");
            assertThat(Printer.print(Map.of('k', Optional.of(-0.0)))).isEqualTo("{'k'=Optional[-0.0]}");
            assertThat(Printer.print(Optional.empty())).isEqualTo("Optional.empty");
        }
    }
}
