package dev.modelregistry.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ShrinkingTest {

    /** Sums absolute values; the planted bug: off by one for lists longer than 7 holding a negative. */
    static long buggySumOfAbs(List<Integer> xs) {
        long sum = xs.stream().mapToLong(x -> Math.abs((long) x)).sum();
        return xs.size() > 7 && xs.stream().anyMatch(x -> x < 0) ? sum + 1 : sum;
    }

    static long sumOfAbs(List<Integer> xs) {
        return xs.stream().mapToLong(x -> Math.abs((long) x)).sum();
    }

    // Explicit tries: these tests expect a failure whatever -Dmodelregistry.tries says.
    static final Property<List<Integer>> SUM_OF_ABS = Property.forAll(Gen.listOf(Gen.integers(), 0, 20)).tries(1000);

    static PropertyFailure failureOf(Property<List<Integer>> property) {
        return catchThrowableOfType(PropertyFailure.class,
                () -> property.check(xs -> assertThat(buggySumOfAbs(xs)).isEqualTo(sumOfAbs(xs))));
    }

    static long seedIn(String message) {
        Matcher matcher = Pattern.compile("-Dmodelregistry\\.seed=(-?\\d+)").matcher(message);
        assertThat(matcher.find()).as("seed in message").isTrue();
        return Long.parseLong(matcher.group(1));
    }

    @Nested
    class APlantedBugInAListFunction {

        @Test
        void is_found_and_shrunk_to_eight_elements_with_asingle_minus_one() {
            PropertyFailure failure = failureOf(SUM_OF_ABS);

            assertThat(failure).isNotNull();
            assertThat(failure.minimalCounterexample()).isEqualTo(List.of(0, 0, 0, 0, 0, 0, 0, -1));
        }

        @Test
        void shrinks_to_the_same_minimum_from_many_seeds() {
            for (long seed = 1; seed <= 20; seed++) {
                PropertyFailure failure = failureOf(SUM_OF_ABS.seed(seed));
                assertThat(failure).as("seed %d", seed).isNotNull();
                assertThat(failure.minimalCounterexample()).as("seed %d", seed)
                        .isEqualTo(List.of(0, 0, 0, 0, 0, 0, 0, -1));
            }
        }

        @Test
        void prints_everything_needed_to_understand_and_replay_the_failure() {
            PropertyFailure failure = failureOf(SUM_OF_ABS);
            String message = failure.getMessage();

            assertThat(message)
                    .contains("seed " + failure.seed())
                    .contains("try " + failure.tryNumber())
                    .contains("Minimal counterexample:\n    [0, 0, 0, 0, 0, 0, 0, -1]")
                    .contains("Original counterexample:\n    " + Printer.print(failure.originalCounterexample()))
                    .contains("replay with -Dmodelregistry.seed=" + failure.seed())
                    .contains(".seed(" + failure.seed() + "L)")
                    .contains(failure.getCause().getMessage().lines().findFirst().orElseThrow());
            assertThat(failure.getCause()).isInstanceOf(AssertionError.class);
        }

        @Test
        void is_reproduced_from_the_printed_seed() {
            PropertyFailure first = failureOf(SUM_OF_ABS);

            PropertyFailure replayed = failureOf(SUM_OF_ABS.seed(seedIn(first.getMessage())));

            assertThat(replayed.tryNumber()).isEqualTo(1);
            assertThat(replayed.seed()).isEqualTo(first.seed());
            assertThat(replayed.originalCounterexample()).isEqualTo(first.originalCounterexample());
            assertThat(replayed.minimalCounterexample()).isEqualTo(first.minimalCounterexample());
            assertThat(replayed.getMessage().replaceFirst("try \\d+", ""))
                    .isEqualTo(first.getMessage().replaceFirst("try \\d+", ""));
        }
    }

    @Nested
    class Numbers {

        @Test
        void shrink_to_the_boundary_of_the_failing_region() {
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class, () -> Property
                    .forAll(Gen.integers()).seed(7).tries(1000).check(x -> assertThat(x).isLessThan(1000)));

            assertThat(failure.minimalCounterexample()).isEqualTo(1000);
        }

        @Test
        void shrink_negative_ranges_toward_zero() {
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class, () -> Property
                    .forAll(Gen.longs(-5_000, -10)).seed(3).tries(1000).check(x -> assertThat(x).isGreaterThan(-77)));

            assertThat(failure.minimalCounterexample()).isEqualTo(-77L);
        }

        @Test
        void shrink_doubles_to_simple_values() {
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class, () -> Property
                    .forAll(Gen.doubles()).seed(5).tries(1000).check(x -> assertThat(x).isNotNaN().isLessThan(100.0)));

            assertThat(failure.minimalCounterexample()).isIn(Double.NaN, 128.0);
        }

        @Test
        void shrink_apair_component_wise() {
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class, () -> Property
                    .forAll(Gen.integers(0, 1000), Gen.integers(0, 1000)).seed(11).tries(1000)
                    .check((a, b) -> assertThat(a + b).isLessThan(500)));

            Pair<?, ?> pair = (Pair<?, ?>) failure.minimalCounterexample();
            assertThat((Integer) pair.first() + (Integer) pair.second()).isEqualTo(500);
            assertThat(pair.first()).isEqualTo(0);
        }
    }

    @Nested
    class Text {

        @Test
        void shrinks_to_the_shortest_string_of_the_first_character() {
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class, () -> Property
                    .forAll(Gen.strings(Alphabet.ASCII_LETTERS, 0, 30)).seed(1)
                    .check(s -> assertThat(s.length()).isLessThan(4)));

            assertThat(failure.minimalCounterexample()).isEqualTo("aaaa");
        }

        @Test
        void keeps_only_the_character_that_matters() {
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class, () -> Property
                    .forAll(Gen.strings(Alphabet.ASCII_PRINTABLE, 0, 30)).seed(2)
                    .check(s -> assertThat(s).doesNotContain("/")));

            assertThat(failure.minimalCounterexample()).isEqualTo("/");
        }
    }

    @Nested
    class AnyThrowable {

        @Test
        void fails_the_property_and_is_attached_as_cause() {
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class, () -> Property
                    .forAll(Gen.integers(0, 100)).seed(4).tries(1000).check(x -> {
                        if (x >= 10) {
                            throw new IllegalStateException("too big: " + x);
                        }
                    }));

            assertThat(failure.minimalCounterexample()).isEqualTo(10);
            assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class);
            assertThat(failure.minimalError()).hasMessage("too big: 10");
            assertThat(failure.getMessage()).contains("java.lang.IllegalStateException: too big: 10");
        }

        @Test
        void stops_within_the_shrink_budget() {
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class, () -> Property
                    .forAll(Gen.listOf(Gen.integers(), 0, 20)).seed(9).tries(1000).maxShrinks(0)
                    .check(xs -> assertThat(xs).hasSizeLessThan(3)));

            assertThat(failure.shrinkSteps()).isZero();
            assertThat(failure.minimalCounterexample()).isEqualTo(failure.originalCounterexample());
            assertThat(failure.getMessage()).contains("shrink budget used up");
        }
    }
}
